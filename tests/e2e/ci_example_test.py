#!/usr/bin/env python3
"""examples/ci/: the GitHub Actions workflow is valid YAML (PyYAML, yamllint) with the
shape Actions reads, it uses only well-known actions, and every mentorctl command line
in it and in the shell script takes only commands and options that exist (checked
against the binary's own command model, then run in a git repository); the shell script
passes shellcheck and, run by dash in a temporary git repository, fails on exactly the
week a branch leaves newly unmet and writes its JUnit report.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/ci_example_test.py
"""
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

import yaml

from since_test import AS_OF, EXAMPLE, Change, git, run
from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
CI = SOURCE / "examples" / "ci"
WORKFLOW = CI / "github-actions.yml"
SCRIPT = CI / "mentorctl-ci.sh"
# The actions the workflow may use: GitHub's own, at a major version.
ACTIONS = {"actions/checkout@v4", "actions/upload-artifact@v4"}
YAMLLINT = ("{extends: default, rules: {document-start: disable, line-length: {max: 110},"
            " truthy: {check-keys: false}}}")


def workflow():
    with open(WORKFLOW, encoding="utf-8") as f:
        return yaml.safe_load(f)


def run_blocks():
    return [step["run"] for job in workflow()["jobs"].values() for step in job["steps"] if "run" in step]


def logical_lines(text):
    """Shell lines with backslash continuations joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.strip().startswith("#")]


def mentorctl_commands(text, program):
    """The argument vectors (after the program) of the lines that run `program`, cut at the
    first redirection or shell operator."""
    commands = []
    for line in logical_lines(text):
        words = shlex.split(line, comments=True)
        if not words or words[0] != program:
            continue
        args = []
        for word in words[1:]:
            if word in ("||", "&&", "|", ";") or word.startswith((">", "<", "2>")):
                break
            args.append(word)
        commands.append(args)
    return commands


def all_commands():
    """(where, argument vector) of every mentorctl command line in the two files."""
    found = [("workflow", args) for block in run_blocks() for args in mentorctl_commands(block, "mentorctl")]
    found += [("script", args) for args in mentorctl_commands(SCRIPT.read_text(encoding="utf-8"), "$mentorctl")]
    return found


class Model:
    """The binary's commands and options (`completion --model`)."""

    def __init__(self):
        r = subprocess.run([MENTORCTL, "completion", "--model"], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        self.commands = {tuple(c["path"]): c for c in json.loads(r.stdout)}

    def options(self, path):
        return {name: option for option in self.commands[tuple(path)]["options"] for name in option["names"]}

    def problems(self, args):
        """What in `args` is no command or option of the binary, or a value outside an
        option's choices."""
        found = []
        path = []
        i = 0
        while i < len(args):
            word = args[i]
            i += 1
            if word.startswith("-"):
                name, equals, inline = word.partition("=")
                option = self.options(path).get(name) or self.options([]).get(name)
                if option is None:
                    found.append(f"{' '.join(['mentorctl', *path])} takes no option {name}")
                    continue
                if option["value"]:
                    value = inline if equals else (args[i] if i < len(args) else None)
                    i += 0 if equals else 1
                    if value is None:
                        found.append(f"{name} needs a value")
                    elif option["choices"] and value not in option["choices"]:
                        found.append(f"{name} {value} is not one of {option['choices']}")
                continue
            if tuple(path + [word]) in self.commands:
                path.append(word)
            elif not path or not self.commands[tuple(path)]["positionals"]:
                found.append(f"{' '.join(['mentorctl', *path])} takes no argument {word}")
        if not path:
            found.append("no command")
        return found


class Workflow(unittest.TestCase):
    def test_valid_yaml_in_the_shape_actions_reads(self):
        document = workflow()
        triggers = document.get("on", document.get(True))  # PyYAML reads the key on as true
        self.assertIn("pull_request", triggers)
        self.assertEqual(document["permissions"], {"contents": "read"})
        steps = document["jobs"]["records"]["steps"]
        self.assertIsInstance(document["jobs"]["records"]["runs-on"], str)
        for step in steps:
            with self.subTest(step=step.get("name")):
                self.assertIsInstance(step["name"], str)
                self.assertEqual(len({"uses", "run"} & set(step)), 1, step)
                if "uses" in step:
                    self.assertIn(step["uses"], ACTIONS)
        uses = [step.get("uses") for step in steps]
        self.assertEqual(steps[0]["with"]["fetch-depth"], 0)  # the base's commits are needed
        upload = steps[uses.index("actions/upload-artifact@v4")]
        self.assertEqual(upload["if"], "always()")
        self.assertEqual(upload["with"]["path"], "mentorctl-audit.xml")

    def test_yamllint(self):
        r = subprocess.run(["yamllint", "--strict", "-d", YAMLLINT, str(WORKFLOW)], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_the_audit_steps(self):
        commands = [args for block in run_blocks() for args in mentorctl_commands(block, "mentorctl")]
        audits = [args for args in commands if "audit" in args]
        self.assertIn(["-C", "$RECORDS", "audit", "--format", "github", "--new-since", "$BASE"], audits)
        self.assertIn(["-C", "$RECORDS", "audit", "--format", "junit", "--new-since", "$BASE"], audits)
        self.assertIn(["-C", "$RECORDS", "check"], commands)
        # The junit report is written to the file the upload step keeps.
        self.assertTrue(any("--format junit" in line and "> mentorctl-audit.xml" in line
                            for block in run_blocks() for line in logical_lines(block)))


class CommandLines(unittest.TestCase):
    def test_only_commands_and_options_that_exist(self):
        model = Model()
        commands = all_commands()
        self.assertGreaterEqual(len([c for w, c in commands if w == "workflow"]), 4)
        self.assertGreaterEqual(len([c for w, c in commands if w == "script"]), 4)
        for where, args in commands:
            with self.subTest(where=where, args=args):
                self.assertEqual(model.problems(args), [])

    def test_the_checker_catches_what_does_not_exist(self):
        model = Model()
        self.assertNotEqual(model.problems(["audit", "--new-snce", "main"]), [])
        self.assertNotEqual(model.problems(["audti"]), [])
        self.assertNotEqual(model.problems(["audit", "--format", "sarif2"]), [])
        self.assertEqual(model.problems(["-C", "x", "-q", "audit", "--format", "junit", "--new-since", "m"]), [])

    def test_each_runs_in_a_git_repository(self):
        top = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-ci-lines-"))
        self.addCleanup(shutil.rmtree, top, ignore_errors=True)
        shutil.copytree(EXAMPLE, top / "records")
        git(top, "init", "-q", "-b", "main")
        git(top, "add", "-A")
        git(top, "commit", "-q", "-m", "the records")
        values = {"$RECORDS": "records", "$records": "records", "$BASE": "main", "$base": "main"}
        for where, args in all_commands():
            with self.subTest(where=where, args=args):
                argv = [values.get(a, a) for a in args]
                self.assertFalse([a for a in argv if a.startswith("$")], argv)
                r = subprocess.run([MENTORCTL, *argv], cwd=top, capture_output=True, text=True,
                                   env=environment(AS_OF), stdin=subprocess.DEVNULL, timeout=120)
                # 0, or 1 where check finds nothing but the plain audit gaps: never a usage error.
                self.assertEqual(r.returncode, 0, r.stderr)


class Script(unittest.TestCase):
    def test_shellcheck_posix(self):
        if shutil.which("shellcheck") is None:
            self.skipTest("shellcheck is not installed")
        r = subprocess.run(["shellcheck", "--shell=sh", str(SCRIPT)], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout)

    def setUp(self):
        self.top = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-ci-script-"))
        shutil.copytree(EXAMPLE, self.top / "records")
        git(self.top, "init", "-q", "-b", "main")
        git(self.top, "add", "-A")
        git(self.top, "commit", "-q", "-m", "the records")
        before = json.loads(run(self.top / "records", "audit", "--all", "--format", "json").stdout)
        self.change = Change(before)
        git(self.top, "checkout", "-q", "-b", "pr")
        self.change.apply(self.top / "records")
        git(self.top, "commit", "-q", "-am", "a week of logs")

    def tearDown(self):
        shutil.rmtree(self.top, ignore_errors=True)

    def script(self, base):
        env = environment(AS_OF)
        env.update(BASE=base, RECORDS="records", REPORT=str(self.top / "report.xml"), MENTORCTL=MENTORCTL)
        return subprocess.run(["dash", str(SCRIPT)], cwd=self.top, capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=300)

    def test_fails_on_the_new_week_only(self):
        status = git(self.top, "status", "--porcelain", "--untracked-files=all")
        r = self.script("main")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        cut, fix = self.change.cut, self.change.fix
        fixed, _, new = r.stdout.partition("Newly unmet since main:")
        self.assertIn(fix["period"], fixed)
        self.assertIn(cut["period"], new)
        self.assertNotIn(fix["period"], new)
        cases = list(ElementTree.parse(self.top / "report.xml").getroot().iter("testcase"))
        self.assertEqual([c.get("name") for c in cases], [f"weekly-hour {cut['mentor']}/{cut['mentee']} {cut['period']}"])
        self.assertIsNotNone(cases[0].find("failure"))
        (self.top / "report.xml").unlink()
        self.assertEqual(git(self.top, "status", "--porcelain", "--untracked-files=all"), status)

    def test_passes_when_nothing_is_new(self):
        r = self.script("HEAD")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(list(ElementTree.parse(self.top / "report.xml").getroot().iter("testcase")), [])

    def test_an_unknown_base_is_a_usage_error(self):
        r = self.script("no-such-branch")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("git says: bad revision 'no-such-branch'", r.stderr)


if __name__ == "__main__":
    unittest.main()

"""What the end-to-end tests share: the source tree, the environment a run gets,
repositories written from a table of files, JSON Schema validation of outputs, the
command names of the binary, and the fixtures of the write commands' tests
(write_*_test.py): a small repository per test and the binary run in it."""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest

SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent


def environment(today):
    """The caller's environment with "today" fixed and NO_COLOR unset (tests pass --color)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["MENTORCTL_TODAY"] = today
    return env


def write_files(root, files):
    """Writes each {relative path: text} under root, creating folders."""
    for relative, content in files.items():
        path = pathlib.Path(root) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def validate_schema(document, schema):
    """Validates a parsed JSON output against schemas/<schema> (python3-jsonschema, where installed)."""
    try:
        import jsonschema
    except ImportError:
        return
    jsonschema.validate(document, json.loads((SOURCE / "schemas" / schema).read_text(encoding="utf-8")))


def command_names(binary):
    """The commands `BINARY --help` lists: each name starts its line in the Subcommands
    section; a summary wrapped to 80 columns continues further in."""
    r = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    text = r.stdout.split("Subcommands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in text.splitlines() if line.startswith("  ") and line[2] != " "]


# ---------------------------------------------------------------------------------------
# The write commands' tests (write_*_test.py): the binary run with "today" fixed, and a
# fresh records repository per test.

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
TODAY = "2026-11-22"

BASE_FILES = {
    "mentorctl.yaml": "mentorctl: 1\norganization: Test Consortium\n",
    "calendars/2026-27.yaml": "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n",
    "programs/p.yaml": (
        "id: p\nname: Program P\nrequirements:\n"
        "  - id: weekly-hour\n    type: hours\n    per: week\n    min: 1h\n"
        "  - id: agreement\n    type: milestone\n    within: 14d\n"
        "  - id: intro\n    type: milestone\n    within: 7d\n"),
    "programs/q.yaml": (
        "id: q\nname: Program Q\nlog_fields: [topics]\n"
        "certification:\n  levels:\n    - id: entry\n      criteria:\n"
        "        - id: recommendation\n          sign_off: [head-teacher, pcm]\n"
        "        - id: pre-entry-audit\n"
        "    - id: mastery\n      requires: [entry]\n      criteria:\n        - id: standard-1\n"),
    "people/jdoe.yaml": "id: jdoe\nname: Jane Doe\nemail: jane@example.org\nroles: [mentor]\nprograms: [p, q]\n",
    "people/kwong.yaml": "id: kwong\nname: Kim Wong\nemail: kim@example.org\nroles: [mentor]\nprograms: [p]\n",
    "people/asmith.yaml": "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\n",
    "people/bmiller.yaml": "id: bmiller\nname: Bo Miller\nroles: [mentee]\nprograms: [q]\n",
    "people/hbrown.yaml": "id: hbrown\nname: Hal Brown\nroles: [head-teacher]\n",
    "pairings/2026-27.yaml": (
        "school_year: 2026-27\npairings:\n"
        "  # matched in August\n"
        "  - mentor: jdoe\n    mentee: asmith\n    program: p\n    start: 2026-08-24\n"
        "  - mentor: jdoe\n    mentee: bmiller\n    program: q\n    start: 2026-09-01\n"),
}


def run(*args, cwd=None, env=None, input=None):
    full_env = dict(os.environ)
    for name in ("NO_COLOR", "MENTORCTL_USER"):
        full_env.pop(name, None)
    full_env["MENTORCTL_TODAY"] = TODAY
    full_env.update(env or {})
    return subprocess.run([MENTORCTL, *args], capture_output=True, text=True, cwd=cwd, env=full_env,
                          input=input, stdin=None if input is not None else subprocess.DEVNULL, timeout=120)


def git(*args, cwd):
    return subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))


def yamllint(path, crlf=False):
    """yamllint with a relaxed configuration: problems that are errors fail. Trailing
    spaces are allowed: the hand-written files have some on purpose, and mentorctl keeps
    them (strict lint of what mentorctl writes itself is yamllint_strict)."""
    rules = "{document-start: disable, line-length: disable, trailing-spaces: disable%s}" % (
        ", new-lines: disable" if crlf else "")
    config = "{extends: relaxed, rules: %s}" % rules
    return subprocess.run(["yamllint", "-f", "parsable", "-d", config, path], capture_output=True, text=True)


def yamllint_strict(path):
    """yamllint's default rules (minus document-start and line-length), warnings as errors."""
    config = "{extends: default, rules: {document-start: disable, line-length: disable, truthy: disable}}"
    return subprocess.run(["yamllint", "--strict", "-f", "parsable", "-d", config, path], capture_output=True,
                          text=True)


class RepoTest(unittest.TestCase):
    """A fresh records repository per test."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mentorctl-write-")
        self.root = os.path.join(self.tmp, "records")
        for rel, text in BASE_FILES.items():
            write(os.path.join(self.root, rel), text)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, rel):
        return os.path.join(self.root, rel)

    def mc(self, *args, env=None, input=None):
        return run("-C", self.root, *args, env=env, input=input)

    def assertChecks(self):
        r = self.mc("check", "--color", "never")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(" 0 errors", r.stdout)
        return r

    def assertRefused(self, r, *fragments):
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertTrue(r.stderr.startswith("mentorctl: error: "), r.stderr)
        for fragment in fragments:
            self.assertIn(fragment, r.stderr)

    def snapshot(self):
        files = {}
        for folder, _, names in os.walk(self.root):
            for name in names:
                full = os.path.join(folder, name)
                files[os.path.relpath(full, self.root)] = read(full)
        return files

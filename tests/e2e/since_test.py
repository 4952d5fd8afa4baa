#!/usr/bin/env python3
"""End-to-end tests of `mentorctl audit --new-since REV` and `--fixed-since REV` in
temporary git repositories holding a copy of the walnut-valley example, at the top of the
work tree and as a folder inside it: a branch adds log entries that fix one unmet week
and cuts another week short; the audit against main reports exactly that one new week
(exit 1) and exactly the fixed one, in every format, and leaves the work tree as it was.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/since_test.py
"""
import datetime
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import xml.etree.ElementTree as ElementTree

import yaml

from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
EXAMPLE = SOURCE / "examples" / "walnut-valley"
AS_OF = "2027-06-30"


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                          cwd=cwd, check=True, capture_output=True, text=True, timeout=60).stdout


def run(root, *args, cwd=None):
    env = environment(AS_OF)
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    return subprocess.run([MENTORCTL, "-C", str(root), "--as-of", AS_OF, *args], capture_output=True,
                          text=True, env=env, cwd=cwd, stdin=subprocess.DEVNULL, timeout=120)


def identity(finding):
    return (finding["program"], finding["requirement"], finding["mentor"], finding["mentee"], finding["period"])


def unmet(document):
    return {identity(f) for f in document["findings"] if f["status"] == "unmet"}


def tree_state(top):
    """Every file under `top` but .git, with a digest of its content (links as links)."""
    state = {}
    for folder, folders, files in os.walk(top):
        folders[:] = [f for f in folders if f != ".git"]
        for name in files:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                state[os.path.relpath(path, top)] = "-> " + os.readlink(path)
            else:
                with open(path, "rb") as f:
                    state[os.path.relpath(path, top)] = hashlib.sha256(f.read()).hexdigest()
    return state


def day(text):
    return datetime.date.fromisoformat(text)


class Change:
    """The branch's change, chosen from the example's own audit: an unmet full week of
    `weekly-hour` whose month stays as it is when an hour is logged in it (fixed), and a
    met full week whose month stays met when its entries become 15 minutes (broken)."""

    def __init__(self, document):
        findings = document["findings"]
        monthly = {(f["mentor"], f["mentee"], f["period"]): f for f in findings
                   if f["requirement"] == "monthly-hours"}

        def month_of(f):
            return monthly.get((f["mentor"], f["mentee"], f["from"][:7]))

        weekly = [f for f in findings if f["requirement"] == "weekly-hour" and f["required"] == 60
                  and f["from"][:7] == f["to"][:7] and month_of(f) is not None]
        # Logging an hour in a week whose month is met (or stays short of 4h) changes the week alone.
        self.fix = next(f for f in weekly if f["status"] == "unmet" and f["actual"] == 0
                        and (month_of(f)["status"] == "met" or month_of(f)["actual"] + 60 < month_of(f)["required"]))
        self.cut = next(f for f in weekly if f["status"] == "met" and f["mentor"] != self.fix["mentor"]
                        and month_of(f)["status"] == "met"
                        and month_of(f)["actual"] - f["actual"] + 15 >= month_of(f)["required"])

    def apply(self, records):
        """Adds an hour to the fixed week and replaces the cut week's entries by one of 15m."""
        path = records / "logs" / "2026-27" / f"{self.fix['mentor']}.yaml"
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"  - date: {self.fix['from']}\n    mentee: {self.fix['mentee']}\n    duration: 1h\n"
                    f"    kind: meeting\n    topics: [lesson planning]\n")
        path = records / "logs" / "2026-27" / f"{self.cut['mentor']}.yaml"
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("entries:\n")
        blocks = re.split(r"(?m)^(?=  - )", body)
        kept = []
        for block in blocks:
            entry = (yaml.safe_load(block) or [None])[0] if block.strip() else None
            if (isinstance(entry, dict) and entry.get("mentee") == self.cut["mentee"]
                    and day(self.cut["from"]) <= entry["date"] <= day(self.cut["to"])):
                continue
            kept.append(block)
        kept.append(f"  - date: {self.cut['from']}\n    mentee: {self.cut['mentee']}\n    duration: 15m\n"
                    f"    kind: call\n    topics: [resources]\n")
        path.write_text(head + "entries:\n" + "".join(b if b.endswith("\n") else b + "\n" for b in kept),
                        encoding="utf-8")


class Since:
    """The tests, for a records repository at `records` inside the git work tree `top`."""
    folder = ""  # the records repository's folder in the work tree

    def setUp(self):
        self.top = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-since-"))
        self.records = self.top / self.folder if self.folder else self.top
        shutil.copytree(EXAMPLE, self.records, dirs_exist_ok=True)
        git(self.top, "init", "-q", "-b", "main")
        git(self.top, "add", "-A")
        git(self.top, "commit", "-q", "-m", "the records")
        self.before = json.loads(run(self.records, "audit", "--all", "--format", "json").stdout)
        self.change = Change(self.before)
        git(self.top, "checkout", "-q", "-b", "pr")
        self.change.apply(self.records)
        git(self.top, "commit", "-q", "-am", "a week of logs")
        self.after = json.loads(run(self.records, "audit", "--all", "--format", "json").stdout)

    def tearDown(self):
        shutil.rmtree(self.top, ignore_errors=True)

    def expected(self, finding):
        return (finding["program"], finding["requirement"], finding["mentor"], finding["mentee"], finding["period"])

    def test_the_change_is_what_the_plain_audits_say(self):
        # The oracle: two plain audits, compared here by identity.
        self.assertEqual(unmet(self.after) - unmet(self.before), {self.expected(self.change.cut)})
        self.assertEqual(unmet(self.before) - unmet(self.after), {self.expected(self.change.fix)})

    def test_new_since_reports_the_new_one_and_fails(self):
        state, status = tree_state(self.top), git(self.top, "status", "--porcelain", "--untracked-files=all")
        result = run(self.records, "audit", "--new-since", "main", "--format", "json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stderr, "")
        document = json.loads(result.stdout)
        self.assertEqual([identity(f) for f in document["findings"]], [self.expected(self.change.cut)])
        self.assertEqual(document["findings"][0]["status"], "unmet")
        self.assertEqual(document["summary"], {"met": 0, "due": 0, "unmet": 1, "record_errors": 0})
        # The same shape as the plain audit's.
        self.assertEqual(list(document), list(self.after))
        self.assertEqual(list(document["findings"][0]), list(self.after["findings"][0]))
        self.assertEqual(tree_state(self.top), state)
        self.assertEqual(git(self.top, "status", "--porcelain", "--untracked-files=all"), status)

        text = run(self.records, "audit", "--new-since", "main")
        self.assertEqual(text.returncode, 1, text.stderr)
        self.assertIn(self.change.cut["period"], text.stdout)
        self.assertIn(self.change.cut["mentee"], text.stdout)
        self.assertNotIn(self.change.fix["period"], text.stdout)

    def test_fixed_since_reports_the_fixed_one(self):
        result = run(self.records, "audit", "--fixed-since", "main", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertEqual([identity(f) for f in document["findings"]], [self.expected(self.change.fix)])
        self.assertEqual(document["findings"][0]["status"], "met")
        self.assertEqual(document["findings"][0]["actual"], 60)

        both = run(self.records, "audit", "--fixed-since", "main", "--new-since", "main", "--format", "json")
        self.assertEqual(both.returncode, 1, both.stderr)
        self.assertEqual(sorted(identity(f) for f in json.loads(both.stdout)["findings"]),
                         sorted([self.expected(self.change.fix), self.expected(self.change.cut)]))

    def test_every_format(self):
        cut = self.change.cut
        csv = run(self.records, "audit", "--new-since", "main", "--format", "csv")
        self.assertEqual(csv.returncode, 1, csv.stderr)
        self.assertEqual(len(csv.stdout.splitlines()), 2)
        self.assertIn(cut["period"], csv.stdout.splitlines()[1])
        junit = run(self.records, "audit", "--new-since", "main", "--format", "junit")
        self.assertEqual(junit.returncode, 1, junit.stderr)
        cases = ElementTree.fromstring(junit.stdout).iter("testcase")
        self.assertEqual([case.get("name") for case in cases],
                         [f"weekly-hour {cut['mentor']}/{cut['mentee']} {cut['period']}"])
        github = run(self.records, "audit", "--new-since", "main", "--format", "github")
        self.assertEqual(github.returncode, 1, github.stderr)
        lines = github.stdout.splitlines()
        self.assertEqual(len(lines), 1, lines)
        # File names from the top of the work tree, where GitHub looks for them.
        prefix = self.folder + "/" if self.folder else ""
        self.assertTrue(lines[0].startswith(f"::error file={prefix}logs/2026-27/{cut['mentor']}.yaml,"), lines[0])
        sarif = run(self.records, "audit", "--new-since", "main", "--format", "sarif")
        self.assertEqual(sarif.returncode, 1, sarif.stderr)
        results = json.loads(sarif.stdout)["runs"][0]["results"]
        self.assertEqual([r["properties"]["period"] for r in results], [cut["period"]])
        self.assertEqual([r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results],
                         [{"uri": f"{prefix}logs/2026-27/{cut['mentor']}.yaml", "uriBaseId": "SRCROOT"}])
        fixed = run(self.records, "audit", "--fixed-since", "main", "--format", "junit")
        self.assertEqual(fixed.returncode, 0, fixed.stderr)
        self.assertEqual([case.find("failure") for case in ElementTree.fromstring(fixed.stdout).iter("testcase")],
                         [None])

    def test_nothing_new_against_itself(self):
        result = run(self.records, "audit", "--new-since", "HEAD", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["findings"], [])
        commit = git(self.top, "rev-parse", "HEAD").strip()[:12]
        text = run(self.records, "audit", "--new-since", "HEAD", "--fixed-since", "HEAD")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertEqual(text.stdout.splitlines()[0], f"Nothing newly unmet or fixed since HEAD ({commit}).")

    def test_findings_fixed_by_going_away(self):
        # The fixed week's pairing ends the day before that week: its later weeks are gone.
        fix = self.change.fix
        path = self.records / "pairings" / "2026-27.yaml"
        text = path.read_text(encoding="utf-8")
        block = f"  - mentor: {fix['mentor']}\n    mentee: {fix['mentee']}\n"
        self.assertIn(block, text)
        start = text.index(block)
        end_of_block = text.find("\n  - ", start + 1)
        end_of_block = len(text) if end_of_block < 0 else end_of_block + 1
        last_day = day(fix["from"]) - datetime.timedelta(days=1)
        path.write_text(text[:end_of_block] + f"    end: {last_day}\n" + text[end_of_block:], encoding="utf-8")
        gone = {f["period"] for f in self.before["findings"] if f["status"] == "unmet"
                and f["requirement"] == "weekly-hour" and (f["mentor"], f["mentee"]) == (fix["mentor"], fix["mentee"])
                and day(f["from"]) > last_day}
        self.assertIn(fix["period"], gone)
        result = run(self.records, "audit", "--fixed-since", "main")
        self.assertEqual(result.returncode, 0, result.stderr)
        commit = git(self.top, "rev-parse", "main").strip()[:12]
        self.assertIn(f"mentorctl: also fixed since main ({commit}): ", result.stderr)
        listed = {line.split()[-1] for line in result.stderr.splitlines()
                  if line.startswith(f"  walnut-valley weekly-hour {fix['mentor']}/{fix['mentee']} ")}
        self.assertEqual(listed, gone)
        quiet = run(self.records, "-q", "audit", "--fixed-since", "main")
        self.assertEqual(quiet.stderr, "")

    def test_the_cache_follows_the_revision(self):
        time.sleep(1.2)  # files fresher than a second are never trusted, and results not stored
        first = run(self.records, "audit", "--new-since", "main", "--format", "json")
        self.assertEqual(first.returncode, 1, first.stderr)
        again = run(self.records, "audit", "--new-since", "main", "--format", "json")
        self.assertEqual((again.returncode, again.stdout), (first.returncode, first.stdout))
        # main moves to the branch's commit: the working tree is the same, the answer is not.
        git(self.top, "branch", "-f", "main", "pr")
        moved = run(self.records, "audit", "--new-since", "main", "--format", "json")
        self.assertEqual(moved.returncode, 0, moved.stderr)
        self.assertEqual(json.loads(moved.stdout)["findings"], [])

    def test_uncommitted_changes_are_compared_too(self):
        git(self.top, "checkout", "-q", "main")
        self.change.apply(self.records)
        result = run(self.records, "audit", "--new-since", "HEAD", "--format", "json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual([identity(f) for f in json.loads(result.stdout)["findings"]],
                         [self.expected(self.change.cut)])

    def test_an_unknown_revision(self):
        for option in ("--new-since", "--fixed-since"):
            result = run(self.records, "audit", option, "no-such-branch")
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertEqual(result.stdout, "")
            self.assertEqual(result.stderr, f"mentorctl: error: {option} 'no-such-branch': "
                                            f"git says: bad revision 'no-such-branch'\n")

    def test_records_with_errors_at_the_revision(self):
        person = self.records / "people" / f"{self.change.cut['mentor']}.yaml"
        git(self.top, "checkout", "-q", "-b", "broken", "main")
        person.write_text(person.read_text(encoding="utf-8") + "rating: [\n", encoding="utf-8")
        git(self.top, "commit", "-q", "-am", "a broken person file")
        git(self.top, "checkout", "-q", "pr")
        result = run(self.records, "audit", "--new-since", "broken", "--format", "json")
        self.assertEqual(result.returncode, 2, result.stderr)
        commit = git(self.top, "rev-parse", "broken").strip()[:12]
        self.assertIn(f"mentorctl: the records at broken ({commit}) have errors:\n", result.stderr)
        self.assertIn(f"people/{self.change.cut['mentor']}.yaml:", result.stderr)
        self.assertIn("the comparison with broken covers the rest", result.stderr)
        # What loaded there is still compared: the broken mentor's findings are all new.
        findings = json.loads(result.stdout)["findings"]
        self.assertIn(self.expected(self.change.cut), [identity(f) for f in findings])
        self.assertTrue(all(f["mentor"] == self.change.cut["mentor"] or f["mentee"] == self.change.cut["mentor"]
                            for f in findings), findings)


class AtTheTop(Since, unittest.TestCase):
    folder = ""


class InAFolder(Since, unittest.TestCase):
    folder = "districts/walnut-valley"

    def test_from_elsewhere_in_the_work_tree(self):
        result = run(self.folder, "audit", "--new-since", "main", "--format", "json", cwd=self.top)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual([identity(f) for f in json.loads(result.stdout)["findings"]],
                         [self.expected(self.change.cut)])

    def test_a_folder_the_revision_did_not_have(self):
        moved = self.top / "moved"
        shutil.copytree(self.records, moved)
        result = run(moved, "audit", "--new-since", "main")
        self.assertEqual(result.returncode, 2, result.stderr)
        commit = git(self.top, "rev-parse", "main").strip()[:12]
        self.assertEqual(result.stderr, f"mentorctl: error: --new-since 'main': main ({commit}) has no folder "
                                        f"moved/; the records repository did not exist there\n")


class OutsideGit(unittest.TestCase):
    def test_not_a_work_tree(self):
        root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-since-plain-"))
        self.addCleanup(shutil.rmtree, root, ignore_errors=True)
        shutil.copytree(EXAMPLE, root / "records")
        env = environment(AS_OF)
        env["GIT_CEILING_DIRECTORIES"] = str(root)
        result = subprocess.run([MENTORCTL, "-C", str(root / "records"), "audit", "--new-since", "main"],
                                capture_output=True, text=True, env=env,
                                stdin=subprocess.DEVNULL, timeout=120)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, f"mentorctl: error: --new-since 'main': {root / 'records'} is not inside "
                                        f"a git work tree, so it has no revision 'main' to compare with\n")

    def test_all_and_a_revision_do_not_mix(self):
        result = run(EXAMPLE, "audit", "--all", "--new-since", "main")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--all excludes --new-since", result.stderr)


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
"""End-to-end tests of the write commands (log, observe, pair, training, evidence), the
writer they share (SPEC 6.3: append-only, atomic, locked, validated) and the git merge
driver (merge-driver, setup-git).

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_test.py
"""
import datetime
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import yaml

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


class Help(unittest.TestCase):
    def test_every_write_command_has_help(self):
        for args in (["log"], ["observe"], ["pair"], ["training"], ["training", "add"], ["training", "attend"],
                     ["evidence"], ["setup-git"], ["merge-driver"]):
            r = run(*args, "--help")
            self.assertEqual(r.returncode, 0, args)
            self.assertIn("Usage", r.stdout, args)

    def test_listed_in_the_main_help(self):
        r = run("--help")
        for name in ("log", "observe", "pair", "training", "evidence", "setup-git", "merge-driver"):
            self.assertIn(name, r.stdout)

    def test_missing_required_option_is_usage(self):
        r = run("log", "--mentee", "asmith")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--duration", r.stderr)


class Log(RepoTest):
    LOG = "logs/2026-27/jdoe.yaml"

    def test_first_entry_creates_the_years_file(self):
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "90m", "--date", "2026-09-14",
                    "--topic", "classroom management", "--topic", "ILP goal 1", "--completes", "agreement")
        self.assertEqual(r.returncode, 0, r.stderr)
        expected = ("mentor: jdoe\n"
                    "entries:\n"
                    "  - date: 2026-09-14\n"
                    "    mentee: asmith\n"
                    "    duration: 1h30m\n"
                    "    kind: meeting\n"
                    "    topics: [classroom management, ILP goal 1]\n"
                    "    completes: [agreement]\n"
                    "    confidential: false\n")
        self.assertEqual(read(self.path(self.LOG)), expected)
        self.assertEqual(r.stdout, "Created logs/2026-27/jdoe.yaml:\n" + expected)
        self.assertEqual(r.stderr, "")
        self.assertChecks()
        self.assertEqual(yamllint_strict(self.path(self.LOG)).returncode, 0)

    def test_appends_after_the_last_entry_with_canonical_fields(self):
        self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14")
        before = read(self.path(self.LOG))
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1.5h", "--date", "2026-09-15",
                    "--kind", "call", "--program", "p", "--notes", "Called about the unit plan", "--confidential")
        self.assertEqual(r.returncode, 0, r.stderr)
        added = ("  - date: 2026-09-15\n"
                 "    mentee: asmith\n"
                 "    duration: 1h30m\n"
                 "    kind: call\n"
                 "    program: p\n"
                 "    notes: Called about the unit plan\n"
                 "    confidential: true\n")
        self.assertEqual(read(self.path(self.LOG)), before + added)
        self.assertEqual(r.stdout, "Added to logs/2026-27/jdoe.yaml at line 8:\n" + added)

    def test_text_is_quoted_only_where_yaml_needs_it(self):
        topics = ["yes", "No", "on", "OFF", "y", "null", "~", "true", "3", "-1.5", "0x1F", "1e3", "1:30",
                  "2026-09-14", "a: b", "x #y", "#tag", "- dash", "-dash", "[x]", "a, b", "{x}", "*star", "&amp",
                  "!bang", "|pipe", ">fold", "'single'", '"double"', "%pct", "@at", "`tick", "café ☕", " lead",
                  "trail ", "quote\"s", "back\\slash", "tab\there", "colon:", "?q", ": c", "---", "...", "<<", "="]
        args = ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14"]
        for topic in topics:
            args += ["--topic", topic]
        notes = "Line one: with a colon\n  indented # not a comment\n\nlast line"
        args += ["--notes", notes]
        r = self.mc(*args)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = read(self.path(self.LOG))
        # An independent YAML 1.1 reader gets every string back exactly, as a string.
        entry = yaml.safe_load(text)["entries"][0]
        self.assertEqual(entry["topics"], topics)
        self.assertEqual(entry["notes"], notes)
        self.assertIn("    notes: |-\n      Line one: with a colon\n        indented # not a comment\n\n      last line\n",
                      text)
        # Quoted only where needed: plain words stay plain.
        self.assertIn("café ☕", text)
        self.assertNotIn('"café ☕"', text)
        self.assertIn('"yes"', text)
        self.assertIn("-dash", text)
        self.assertChecks()
        self.assertEqual(yamllint(self.path(self.LOG)).returncode, 0)

    def test_date_defaults_to_today(self):
        self.assertEqual(self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h").returncode, 0)
        self.assertIn("date: " + TODAY, read(self.path(self.LOG)))

    def test_future_date_refused(self):
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-11-23")
        self.assertRefused(r, "--date 2026-11-23 is in the future (today is 2026-11-22)")
        self.assertFalse(os.path.exists(self.path(self.LOG)))

    def test_unknown_mentee_suggests(self):
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmth", "--duration", "1h")
        self.assertRefused(r, "--mentee 'asmth' is not a person (no people/asmth.yaml); did you mean 'asmith'?")

    def test_unknown_mentor(self):
        r = self.mc("log", "--mentor", "nobody", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "--mentor names 'nobody', who is not a person")

    def test_wrong_role(self):
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "kwong", "--duration", "1h", "--program", "p")
        self.assertRefused(r, "'kwong' does not hold the role 'mentee' that program p requires of mentees; add it "
                              "to roles in people/kwong.yaml")

    def test_no_active_pairing_refused_unless_forced(self):
        r = self.mc("log", "--mentor", "kwong", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14")
        self.assertRefused(r, "kwong and asmith have no pairing", "mentorctl pair kwong asmith", "--force")
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-08-20")
        self.assertRefused(r, "no pairing of jdoe and asmith is active on 2026-08-20",
                           "their pairings: p from 2026-08-24 to 2027-06-04", "--force")
        self.assertFalse(os.path.exists(self.path(self.LOG)))
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-08-20",
                    "--force")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning: no pairing of jdoe and asmith is active on 2026-08-20", r.stderr)
        self.assertIn("[no-pairing]", r.stderr)
        self.assertIn("date: 2026-08-20", read(self.path(self.LOG)))

    def test_unknown_milestone(self):
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--completes", "agrement")
        self.assertRefused(r, "--completes 'agrement' is not a milestone requirement of p; did you mean 'agreement'?")
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--completes", "weekly-hour")
        self.assertRefused(r, "milestones: agreement, intro")

    def test_program_log_fields(self):
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "bmiller", "--duration", "1h")
        self.assertRefused(r, "program q requires 'topics' on every log entry (its log_fields); add --topic TEXT")
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "bmiller", "--duration", "1h", "--topic", "planning")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_bad_durations(self):
        base = ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration"]
        self.assertRefused(self.mc(*base, "90"), "--duration '90' needs a unit: write 90m or 90h")
        self.assertRefused(self.mc(*base, "25h"), "--duration 25h is more than 24h")
        self.assertRefused(self.mc(*base, "0m"), "--duration must be more than 0m")
        self.assertRefused(self.mc(*base, "an hour"), "is not a duration; write e.g. 45m, 1h, 1h30m or 1.5h")

    def test_bad_ids_and_dates(self):
        base = ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h"]
        self.assertRefused(self.mc(*base, "--kind", "Co Planning"), "--kind 'Co Planning' is not a valid id")
        self.assertRefused(self.mc(*base, "--date", "2026-02-30"), "--date '2026-02-30' is not a date")
        self.assertRefused(self.mc(*base, "--program", "pp"), "--program 'pp' is not a program")

    def test_dry_run_writes_nothing(self):
        before = self.snapshot()
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("Would create logs/2026-27/jdoe.yaml (dry run: nothing written):\n"
                                            "mentor: jdoe\nentries:\n  - date: 2026-11-22\n"), r.stdout)
        self.assertEqual(self.snapshot(), before)

    def test_quiet_prints_nothing(self):
        r = self.mc("-q", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))

    def test_file_with_errors_is_never_written(self):
        broken = "mentor: jdoe\nentries:\n  - date: 2026-09-14\n    mentee: asmith\n    duration: 60\n"
        write(self.path(self.LOG), broken)
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "logs/2026-27/jdoe.yaml has errors, and mentorctl never writes to a file with errors",
                           "logs/2026-27/jdoe.yaml:5:15: error: 'duration' needs a unit", "[bad-duration]",
                           "    duration: 60")
        self.assertEqual(read(self.path(self.LOG)), broken)

    def test_conflict_markers_refused(self):
        conflicted = ("mentor: jdoe\nentries:\n<<<<<<< ours\n  - date: 2026-09-14\n    mentee: asmith\n"
                      "    duration: 1h\n=======\n>>>>>>> theirs\n")
        write(self.path(self.LOG), conflicted)
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "has errors", "[merge-conflict]")
        self.assertEqual(read(self.path(self.LOG)), conflicted)

    def test_flow_list_refused_with_how_to_rewrite(self):
        flow = "mentor: jdoe\nentries: [{date: 2026-09-14, mentee: asmith, duration: 1h}]\n"
        write(self.path(self.LOG), flow)
        self.assertChecks()
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "'entries' (line 2) is written as a flow list [ ... ]; mentorctl appends only to "
                              "block lists", "  entries:\n    - first item\n")
        self.assertEqual(read(self.path(self.LOG)), flow)

    def test_empty_flow_list_becomes_a_block_list(self):
        write(self.path(self.LOG), "# Jane's log\nmentor: jdoe\nentries: []  # none yet\n")
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(read(self.path(self.LOG)),
                         "# Jane's log\nmentor: jdoe\nentries:  # none yet\n  - date: 2026-09-14\n"
                         "    mentee: asmith\n    duration: 1h\n    kind: meeting\n    confidential: false\n")
        self.assertIn("(line 3 'entries:  # none yet' was an empty flow list [] and becomes a block list)", r.stdout)
        self.assertChecks()

    def test_yourself(self):
        args = ["log", "--mentee", "asmith", "--duration", "1h"]
        r = self.mc(*args, env={"MENTORCTL_USER": "jdoe", "GIT_CONFIG_GLOBAL": "/dev/null",
                                "GIT_CONFIG_NOSYSTEM": "1"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(self.path(self.LOG)))
        # Outside git and without MENTORCTL_USER: a clear error.
        r = self.mc(*args, env={"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                                "GIT_CEILING_DIRECTORIES": self.tmp})
        self.assertRefused(r, "who are you?", "--mentor ID", "MENTORCTL_USER")
        # git config user.email names a person.
        git("init", "-q", cwd=self.root)
        git("config", "user.email", "KIM@example.org", cwd=self.root)
        r = self.mc(*args, "--force", env={"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(self.path("logs/2026-27/kwong.yaml")))
        git("config", "user.email", "someone@example.org", cwd=self.root)
        r = self.mc(*args, env={"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"})
        self.assertRefused(r, "git config user.email is someone@example.org, and no person has that email")
        r = self.mc(*args, env={"MENTORCTL_USER": "jdo"})
        self.assertRefused(r, "MENTORCTL_USER names 'jdo', who is not a person", "did you mean 'jdoe'?")

    def test_an_earlier_school_year_gets_its_own_folder(self):
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2025-10-01",
                    "--force")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(self.path("logs/2025-26/jdoe.yaml")))
        self.assertIn("[missing-calendar]", r.stderr)

    def test_other_broken_files_are_reported_and_exit_2(self):
        write(self.path("people/broken.yaml"), "id: broken\nname: [oops\n")
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertTrue(os.path.exists(self.path(self.LOG)))
        self.assertIn("1 error elsewhere in the repository", r.stderr)
        self.assertIn("people/broken.yaml:3:1: error: YAML syntax error", r.stderr)

    def test_crlf_file_stays_crlf(self):
        write(self.path(self.LOG), "mentor: jdoe\r\nentries:\r\n  - date: 2026-09-14\r\n    mentee: asmith\r\n"
                                   "    duration: 1h")
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "45m", "--date", "2026-09-15")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(read(self.path(self.LOG)),
                         "mentor: jdoe\r\nentries:\r\n  - date: 2026-09-14\r\n    mentee: asmith\r\n"
                         "    duration: 1h\r\n  - date: 2026-09-15\r\n    mentee: asmith\r\n    duration: 45m\r\n"
                         "    kind: meeting\r\n    confidential: false\r\n")


class Observe(RepoTest):
    FILE = "observations/2026-27/asmith.yaml"

    def test_observation_with_evidence_file(self):
        write(os.path.join(self.tmp, "notes.txt"), "Students worked in pairs.\r\nExit tickets: 24/26.\r\n")
        r = self.mc("observe", "--mentee", "asmith", "--observer", "jdoe", "--date", "2026-10-02", "--duration",
                    "50m", "--focus", "Student engagement", "--standard", "CSTP 2", "--standard", "CSTP 5",
                    "--evidence-file", os.path.join(self.tmp, "notes.txt"), "--confidential")
        self.assertEqual(r.returncode, 0, r.stderr)
        expected = ("mentee: asmith\n"
                    "observations:\n"
                    "  - date: 2026-10-02\n"
                    "    observer: jdoe\n"
                    "    duration: 50m\n"
                    "    focus: Student engagement\n"
                    "    standards: [CSTP 2, CSTP 5]\n"
                    "    evidence: |\n"
                    "      Students worked in pairs.\n"
                    "      Exit tickets: 24/26.\n"
                    "    confidential: true\n")
        self.assertEqual(read(self.path(self.FILE)), expected)
        self.assertChecks()
        self.assertEqual(yamllint_strict(self.path(self.FILE)).returncode, 0)

    def test_evidence_from_standard_input(self):
        r = self.mc("observe", "--mentee", "asmith", "--observer", "jdoe", "--evidence-file", "-",
                    input="From stdin\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("    evidence: |\n      From stdin\n", read(self.path(self.FILE)))

    def test_observer_is_yourself(self):
        r = self.mc("observe", "--mentee", "asmith", env={"MENTORCTL_USER": "jdoe"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("observer: jdoe", read(self.path(self.FILE)))

    def test_refusals(self):
        self.assertRefused(self.mc("observe", "--mentee", "asmith", "--observer", "kwong"),
                           "kwong and asmith have no pairing", "--force")
        self.assertRefused(self.mc("observe", "--mentee", "asmith", "--observer", "jdoe", "--date", "2027-01-01"),
                           "is in the future")
        self.assertRefused(self.mc("observe", "--mentee", "hbrown", "--observer", "jdoe"),
                           "--mentee 'hbrown' holds no program's mentee role")
        self.assertRefused(self.mc("observe", "--mentee", "kwong", "--observer", "jdoe"),
                           "'kwong' is a mentor, not a mentee; did you mean --observer kwong?")
        self.assertRefused(self.mc("log", "--mentor", "jdoe", "--mentee", "kwong", "--duration", "1h"),
                           "'kwong' is a mentor, not a mentee; did you mean --mentor kwong?")
        self.assertRefused(self.mc("observe", "--mentee", "asmith", "--observer", "jdoe", "--duration", "1"),
                           "needs a unit")
        r = self.mc("observe", "--mentee", "asmith", "--observer", "jdoe", "--evidence", "x", "--evidence-file", "f")
        self.assertEqual(r.returncode, 2)
        self.assertIn("excludes", r.stderr)
        self.assertFalse(os.path.exists(self.path(self.FILE)))
        r = self.mc("observe", "--mentee", "asmith", "--observer", "kwong", "--force")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("[no-pairing]", r.stderr)


class Pair(RepoTest):
    FILE = "pairings/2026-27.yaml"

    def test_appends_keeping_comments(self):
        before = read(self.path(self.FILE))
        r = self.mc("pair", "kwong", "bmiller", "--program", "q", "--start", "2026-09-15", "--end", "2027-03-01")
        # kwong does not take part in q: a warning, not a refusal.
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("'kwong' does not list q in 'programs'", r.stderr)
        self.assertEqual(read(self.path(self.FILE)),
                         before + "  - mentor: kwong\n    mentee: bmiller\n    program: q\n    start: 2026-09-15\n"
                                  "    end: 2027-03-01\n")
        self.assertChecks()

    def test_planning_ahead_creates_next_years_file(self):
        r = self.mc("pair", "kwong", "asmith", "--program", "p", "--start", "2027-08-20")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(read(self.path("pairings/2027-28.yaml")),
                         "school_year: 2027-28\npairings:\n  - mentor: kwong\n    mentee: asmith\n    program: p\n"
                         "    start: 2027-08-20\n")

    def test_refusals(self):
        before = read(self.path(self.FILE))
        self.assertRefused(self.mc("pair", "jdoe", "asmith", "--program", "p", "--start", "2026-10-01"),
                           "jdoe and asmith are already paired in p from 2026-08-24 to 2027-06-04 "
                           "(pairings/2026-27.yaml:4)")
        self.assertRefused(self.mc("pair", "jdoe", "jdoe", "--program", "p"), "cannot be paired with themself")
        self.assertRefused(self.mc("pair", "asmith", "jdoe", "--program", "p"),
                           "'asmith' does not hold the role 'mentor' that program p requires of mentors")
        self.assertRefused(self.mc("pair", "kwong", "asmith", "--program", "pq"),
                           "--program 'pq' is not a program (no programs/pq.yaml); did you mean")
        self.assertRefused(self.mc("pair", "kwong", "asmth", "--program", "p"), "did you mean 'asmith'?")
        self.assertRefused(self.mc("pair", "kwong", "asmith", "--program", "p", "--start", "2026-10-01", "--end",
                                   "2026-09-01"), "--end 2026-09-01 is before --start 2026-10-01")
        self.assertRefused(self.mc("pair", "kwong", "asmith", "--program", "p", "--start", "2027-07-01"),
                           "after the last day of school year 2026-27 (2027-06-04); give --end DATE")
        self.assertEqual(read(self.path(self.FILE)), before)

    def test_overlap_with_a_pairing_in_another_year(self):
        r = self.mc("pair", "jdoe", "asmith", "--program", "p", "--start", "2025-09-01", "--end", "2026-09-01")
        self.assertRefused(r, "already paired in p")
        self.assertFalse(os.path.exists(self.path("pairings/2025-26.yaml")))


class Training(RepoTest):
    FILE = "trainings/2026-27.yaml"

    def test_add_and_attend(self):
        r = self.mc("training", "add", "--id", "summer-institute", "--date", "2026-08-05", "--kind", "full-day",
                    "--title", "Summer Mentor Institute", "--duration", "6h")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.mc("training", "add", "--id", "half-day-1", "--date", "2026-10-05", "--kind", "half-day")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.mc("training", "attend", "summer-institute", "jdoe", "kwong")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "Added to trainings/2026-27.yaml at line 8:\n    attendees:\n      - jdoe\n"
                                   "      - kwong\n")
        r = self.mc("training", "attend", "summer-institute", "hbrown")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(read(self.path(self.FILE)),
                         "school_year: 2026-27\nsessions:\n"
                         "  - id: summer-institute\n    date: 2026-08-05\n    kind: full-day\n"
                         "    title: Summer Mentor Institute\n    duration: 6h\n"
                         "    attendees:\n      - jdoe\n      - kwong\n      - hbrown\n"
                         "  - id: half-day-1\n    date: 2026-10-05\n    kind: half-day\n")
        self.assertChecks()
        self.assertEqual(yamllint_strict(self.path(self.FILE)).returncode, 0)

    def test_a_kind_no_requirement_counts_is_written_with_a_warning(self):
        with open(self.path("programs/p.yaml"), "a", encoding="utf-8") as f:
            f.write("  - {id: half-days, type: training, kinds: [half-day], min: 2}\n")
        r = self.mc("training", "add", "--id", "h1", "--date", "2026-10-05", "--kind", "half-day")
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        r = self.mc("training", "add", "--id", "h2", "--date", "2026-11-05", "--kind", "half-dya")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning: no training requirement counts sessions of kind 'half-dya' (they count "
                      "half-day); did you mean 'half-day'? [uncounted-kind]", r.stderr)
        self.assertIn("kind: half-dya", read(self.path(self.FILE)))

    def test_refusals(self):
        self.mc("training", "add", "--id", "s1", "--date", "2026-08-05", "--kind", "full-day")
        self.mc("training", "attend", "s1", "jdoe")
        self.mc("training", "add", "--id", "later", "--date", "2027-01-10", "--kind", "half-day")
        before = read(self.path(self.FILE))
        self.assertRefused(self.mc("training", "add", "--id", "s1", "--date", "2026-09-05", "--kind", "half-day"),
                           "session id 's1' is already used in trainings/2026-27.yaml (line 3, on 2026-08-05)")
        self.assertRefused(self.mc("training", "attend", "s1", "jdoe"),
                           "'jdoe' is already listed as attending session s1 (trainings/2026-27.yaml:7)")
        self.assertRefused(self.mc("training", "attend", "s1", "kwong", "kwong"), "'kwong' is named twice")
        self.assertRefused(self.mc("training", "attend", "s2", "kwong"), "there is no training session 's2'",
                           "did you mean 's1'?")
        self.assertRefused(self.mc("training", "attend", "later", "kwong"),
                           "session 'later' is on 2027-01-10, in the future")
        self.assertRefused(self.mc("training", "attend", "s1", "nobody"), "PERSON 'nobody' is not a person")
        self.assertRefused(self.mc("training", "add", "--id", "Bad Id", "--kind", "x"), "--id 'Bad Id' is not a valid id")
        self.assertEqual(read(self.path(self.FILE)), before)

    def test_flow_attendees(self):
        write(self.path(self.FILE), "school_year: 2026-27\nsessions:\n"
                                    "  - {id: a, date: 2026-08-05, kind: full-day}\n"
                                    "  - id: b\n    date: 2026-09-05\n    kind: half-day\n    attendees: [jdoe]\n"
                                    "  - id: c\n    date: 2026-10-05\n    kind: half-day\n    attendees: []\n"
                                    "  # the end\n")
        self.assertChecks()
        self.assertRefused(self.mc("training", "attend", "a", "kwong"), "written as a flow mapping")
        self.assertRefused(self.mc("training", "attend", "b", "kwong"), "'attendees' (line 7) is written as a flow "
                                                                        "list")
        r = self.mc("training", "attend", "c", "kwong", "jdoe")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(read(self.path(self.FILE)).endswith(
            "    attendees:\n      - kwong\n      - jdoe\n  # the end\n"), read(self.path(self.FILE)))
        self.assertChecks()

    def test_session_id_in_two_years_needs_year(self):
        self.mc("training", "add", "--id", "s1", "--date", "2026-08-05", "--kind", "full-day")
        self.mc("training", "add", "--id", "s1", "--date", "2025-08-05", "--kind", "full-day")
        self.assertRefused(self.mc("training", "attend", "s1", "jdoe"), "exists in several school years "
                                                                        "(2025-26, 2026-27); say which with --year")
        r = self.mc("training", "attend", "s1", "jdoe", "--year", "2025-26")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("attendees:\n      - jdoe\n", read(self.path("trainings/2025-26.yaml")))


class Evidence(RepoTest):
    FILE = "evidence/jdoe.yaml"

    def test_evidence(self):
        r = self.mc("evidence", "jdoe", "--criterion", "entry/recommendation", "--signed-off-by", "hbrown", "--date",
                    "2026-09-10", "--note", "Letter on file.")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.mc("evidence", "jdoe", "--criterion", "entry/pre-entry-audit", "--program", "q")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(read(self.path(self.FILE)),
                         "person: jdoe\nevidence:\n"
                         "  - criterion: entry/recommendation\n    date: 2026-09-10\n    signed_off_by: hbrown\n"
                         "    note: Letter on file.\n"
                         "  - criterion: entry/pre-entry-audit\n    program: q\n    date: 2026-11-22\n")
        self.assertChecks()

    def test_refusals(self):
        self.assertRefused(self.mc("evidence", "jdoe", "--criterion", "entry/recomendation"),
                           "'recomendation' is not a criterion of level entry in q; did you mean "
                           "'entry/recommendation'?")
        self.assertRefused(self.mc("evidence", "jdoe", "--criterion", "expert/x"), "'expert' is not a certification "
                                                                                   "level of q")
        self.assertRefused(self.mc("evidence", "jdoe", "--criterion", "recommendation"), "is not LEVEL/CRITERION")
        self.assertRefused(self.mc("evidence", "jdoe", "--criterion", "entry/recommendation", "--signed-off-by",
                                   "kwong"),
                           "'kwong' cannot sign off entry/recommendation: that needs the role head-teacher or pcm")
        self.assertRefused(self.mc("evidence", "jdoe", "--criterion", "entry/recommendation", "--signed-off-by",
                                   "jdoe"), "cannot sign off their own evidence")
        self.assertRefused(self.mc("evidence", "jdoe", "--criterion", "entry/pre-entry-audit", "--date",
                                   "2026-12-01"), "in the future")
        self.assertRefused(self.mc("evidence", "jdoe", "--criterion", "entry/pre-entry-audit", "--program", "p"),
                           "program p has no certification levels")
        self.assertFalse(os.path.exists(self.path(self.FILE)))

    def test_missing_sign_off_is_a_warning(self):
        r = self.mc("evidence", "jdoe", "--criterion", "entry/recommendation")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("entry/recommendation needs a sign-off by head-teacher or pcm", r.stderr)


# ---------------------------------------------------------------------------------------
# Hand-written files: every write keeps every old line, byte for byte and in order.

HAND_WRITTEN = {
    "logs/2026-27/jdoe.yaml": (
        "# Support log of Jane Doe, 2026-27.\n"
        "#   kept by hand until October\n"
        "\n"
        "mentor:   jdoe     # that's me\n"
        "entries:\n"
        "    # September\n"
        "    -   date: 2026-09-14        # a Monday\n"
        "        mentee: asmith\n"
        "        duration: 1h\n"
        "        topics:\n"
        "          - classroom management\n"
        "          - 'ILP goal 1'\n"
        "\n"
        "    -   date: 2026-09-21\n"
        "        mentee: asmith\n"
        "        duration: 45m\n"
        "        notes: |\n"
        "          Discussed pacing.\n"
        "          # not a comment: part of the notes\n"
        "\n"
        "\n"
        "    # more to come\n"
        "# end of file\n"),
    "logs/2026-27/kwong.yaml": (
        "entries:\n"
        "- date: 2026-09-14\n"
        "  mentee: asmith\n"
        "  duration: 30m\n"
        "  notes: >\n"
        "    folded\n"
        "    text\n"
        "mentor: kwong   # the key after the list\n"),
    "observations/2026-27/asmith.yaml": (
        "mentee: asmith\n"
        "observations:\n"
        "  - date: 2026-10-02\n"
        "    observer: jdoe\n"
        "    standards: [CSTP 2, 'CSTP 5']   # flow inside an item is fine\n"
        "    evidence: |+\n"
        "      kept trailing line\n"
        "\n"
        "# trailing comment\n"),
    "pairings/2026-27.yaml": (
        "school_year: 2026-27\n"
        "pairings:\n"
        "  # matched in August\n"
        "  - mentor: jdoe\n    mentee: asmith\n    program: p\n    start: 2026-08-24\n"
        "  - mentor: jdoe\n    mentee: bmiller\n    program: q\n    start: 2026-09-01\n"
        "    note: \"by subject\"  # a note\n"
        "\n"
        "# end\n"),
    "trainings/2026-27.yaml": (
        "school_year: 2026-27\n"
        "sessions:\n"
        "  - id: summer-institute\n"
        "    date: 2026-08-05\n"
        "    kind: full-day\n"
        "    attendees:\n"
        "      # signed in at the door\n"
        "      - jdoe\n"
        "  - id: half-1\n"
        "    date: 2026-10-05\n"
        "    kind: half-day\n"
        "    title: \"Half day: coaching\"\n"),
    "evidence/jdoe.yaml": (
        "\ufeffperson: jdoe\n"
        "evidence:\n"
        "  - criterion: entry/pre-entry-audit\n"
        "    date: 2026-09-01   \n"),
}

# One write per hand-written file, and the item it must append (as PyYAML reads it).
HAND_WRITES = {
    "logs/2026-27/jdoe.yaml": (
        ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-28",
         "--topic", "yes", "--notes", "two\nlines"],
        ["entries"],
        {"date": datetime.date(2026, 9, 28), "mentee": "asmith", "duration": "1h", "kind": "meeting",
         "topics": ["yes"], "notes": "two\nlines", "confidential": False}),
    "logs/2026-27/kwong.yaml": (
        ["log", "--mentor", "kwong", "--mentee", "asmith", "--duration", "20m", "--date", "2026-09-15", "--force"],
        ["entries"],
        {"date": datetime.date(2026, 9, 15), "mentee": "asmith", "duration": "20m", "kind": "meeting",
         "confidential": False}),
    "observations/2026-27/asmith.yaml": (
        ["observe", "--mentee", "asmith", "--observer", "jdoe", "--date", "2026-10-09", "--focus", "on"],
        ["observations"],
        {"date": datetime.date(2026, 10, 9), "observer": "jdoe", "focus": "on", "confidential": False}),
    "pairings/2026-27.yaml": (
        ["pair", "kwong", "asmith", "--program", "p", "--start", "2027-06-10", "--end", "2027-07-01"],
        ["pairings"],
        {"mentor": "kwong", "mentee": "asmith", "program": "p", "start": datetime.date(2027, 6, 10),
         "end": datetime.date(2027, 7, 1)}),
    "trainings/2026-27.yaml": (
        ["training", "attend", "summer-institute", "kwong"],
        ["sessions", 0, "attendees"],
        "kwong"),
    "evidence/jdoe.yaml": (
        ["evidence", "jdoe", "--criterion", "entry/recommendation", "--signed-off-by", "hbrown", "--date",
         "2026-09-02"],
        ["evidence"],
        {"criterion": "entry/recommendation", "date": datetime.date(2026, 9, 2), "signed_off_by": "hbrown"}),
}


def inserted_block(old, new):
    """The lines `new` has beyond `old`, when `new` is `old` (with a final line end added
    if it lacked one) plus one contiguous block of whole lines; else None."""
    if old and not old.endswith("\n"):
        old += "\r\n" if "\r\n" in old else "\n"
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    extra = len(new_lines) - len(old_lines)
    if extra <= 0:
        return None
    for at in range(len(old_lines) + 1):
        if new_lines[:at] == old_lines[:at] and new_lines[at + extra:] == old_lines[at:]:
            return new_lines[at:at + extra]
    return None


class HandWrittenFiles(RepoTest):
    def variants(self, text):
        lf = text
        crlf = text.replace("\n", "\r\n")
        yield "lf", lf
        yield "crlf", crlf
        yield "no final newline", lf.rstrip("\n")
        yield "crlf, no final newline", crlf.rstrip("\r\n")

    def test_every_old_line_kept_in_order(self):
        for rel, text in HAND_WRITTEN.items():
            args, where, item = HAND_WRITES[rel]
            for name, variant in self.variants(text):
                with self.subTest(file=rel, variant=name):
                    for other, other_text in HAND_WRITTEN.items():
                        write(self.path(other), other_text)
                    write(self.path(rel), variant)
                    self.assertChecks()
                    old_data = yaml.safe_load(variant)
                    r = self.mc(*args)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    new = read(self.path(rel))
                    block = inserted_block(variant, new)
                    self.assertIsNotNone(block, new)
                    crlf = "\r\n" in variant
                    for line in block:
                        self.assertTrue(line.endswith("\r\n") if crlf else not line.endswith("\r\n"), repr(line))
                    # An independent reader sees the old data plus exactly the new item.
                    target = old_data
                    for key in where:
                        if isinstance(target, dict) and key not in target:
                            target[key] = []
                        target = target[key]
                    target.append(item)
                    self.assertEqual(yaml.safe_load(new), old_data)
                    self.assertChecks()
                    self.assertEqual(yamllint(self.path(rel), crlf=crlf).returncode, 0,
                                     yamllint(self.path(rel), crlf=crlf).stdout)

    def test_mentorctl_written_files_pass_strict_lint(self):
        shutil.rmtree(self.path("pairings"))
        commands = [
            ["pair", "jdoe", "asmith", "--program", "p", "--start", "2026-08-24"],
            ["pair", "jdoe", "bmiller", "--program", "q", "--start", "2026-09-01"],
            ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14",
             "--topic", "a: b", "--notes", "multi\nline"],
            ["log", "--mentor", "jdoe", "--mentee", "bmiller", "--duration", "2h", "--topic", "x"],
            ["observe", "--mentee", "asmith", "--observer", "jdoe", "--evidence", "one\ntwo\n"],
            ["training", "add", "--id", "t1", "--date", "2026-08-05", "--kind", "full-day", "--title", "Day one"],
            ["training", "attend", "t1", "jdoe", "kwong"],
            ["evidence", "jdoe", "--criterion", "entry/recommendation", "--signed-off-by", "hbrown"],
        ]
        for args in commands:
            r = self.mc(*args)
            self.assertEqual(r.returncode, 0, (args, r.stderr))
        for rel in ("pairings/2026-27.yaml", "logs/2026-27/jdoe.yaml", "observations/2026-27/asmith.yaml",
                    "trainings/2026-27.yaml", "evidence/jdoe.yaml"):
            lint = yamllint_strict(self.path(rel))
            self.assertEqual(lint.returncode, 0, lint.stdout)
        self.assertChecks()


# ---------------------------------------------------------------------------------------
# Writes stay inside the repository: a symlinked folder or lock file never leads a write
# (or a read for a diagnostic's excerpt) outside it.

class Confinement(RepoTest):
    SECRET = "secret: the first line of a file outside the repository\n"

    def setUp(self):
        super().setUp()
        self.outside = os.path.join(self.tmp, "elsewhere")
        os.makedirs(self.outside)
        self.git_free()

    def git_free(self):
        # Without a .git above, the lock is .mentorctl.lock at the root.
        self.assertFalse(os.path.exists(os.path.join(self.root, ".git")))

    def outside_files(self):
        return {n: read(os.path.join(self.outside, n)) for n in os.listdir(self.outside)}

    def test_log_through_a_symlinked_year_folder_is_refused(self):
        write(os.path.join(self.outside, "jdoe.yaml"), "mentor: jdoe\nentries: []\n")
        os.makedirs(self.path("logs"))
        os.symlink(self.outside, self.path("logs/2026-27"))
        before = self.outside_files()
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "logs/2026-27 is a symlink that leads outside the repository",
                           "replace the link with a folder")
        self.assertEqual(self.outside_files(), before)

    def test_log_creating_a_file_through_a_symlinked_folder_is_refused(self):
        os.makedirs(self.path("logs"))
        os.symlink(self.outside, self.path("logs/2026-27"))
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "logs/2026-27 is a symlink that leads outside the repository")
        self.assertEqual(self.outside_files(), {})

    def test_evidence_through_a_symlinked_folder_is_refused(self):
        os.symlink(self.outside, self.path("evidence"))
        r = self.mc("--color", "never", "evidence", "jdoe", "--criterion", "entry/pre-entry-audit")
        self.assertRefused(r, "evidence is a symlink that leads outside the repository")
        self.assertEqual(self.outside_files(), {})

    def test_symlinked_file_leading_outside_is_refused(self):
        write(os.path.join(self.outside, "jdoe.yaml"), "mentor: jdoe\nentries: []\n")
        os.makedirs(self.path("logs/2026-27"))
        os.symlink(os.path.join(self.outside, "jdoe.yaml"), self.path("logs/2026-27/jdoe.yaml"))
        before = self.outside_files()
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("symlink leads outside the repository", r.stderr)
        self.assertEqual(self.outside_files(), before)

    def test_symlinked_folder_inside_the_repository_is_written_through(self):
        write(self.path("shared/logs/jdoe.yaml"), "mentor: jdoe\nentries: []\n")
        os.makedirs(self.path("logs"))
        os.symlink(os.path.join("..", "shared", "logs"), self.path("logs/2026-27"))
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.islink(self.path("logs/2026-27")))
        self.assertIn("mentee: asmith", read(self.path("shared/logs/jdoe.yaml")))
        self.assertChecks()

    def test_symlinked_lock_file_is_refused(self):
        target = os.path.join(self.outside, "created-by-the-lock")
        os.symlink(target, self.path(".mentorctl.lock"))
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, ".mentorctl.lock is a symlink, and mentorctl does not follow it; remove it")
        self.assertFalse(os.path.lexists(target))
        self.assertFalse(os.path.exists(self.path("logs")))

    def test_diagnostic_never_quotes_a_file_outside(self):
        write(os.path.join(self.outside, "jdoe.yaml"), self.SECRET)
        os.makedirs(self.path("logs"))
        os.symlink(self.outside, self.path("logs/2026-27"))
        write(os.path.join(self.outside, "p.yaml"), self.SECRET)
        os.symlink(os.path.join(self.outside, "p.yaml"), self.path("programs/x.yaml"))
        for args in (["check"], ["audit"], ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h"]):
            with self.subTest(args=args):
                r = self.mc("--color", "never", *args)
                if args[0] != "log":  # log refuses at the link before listing diagnostics
                    self.assertIn("symlink-outside", r.stdout + r.stderr)
                self.assertNotIn("first line of a file outside", r.stdout + r.stderr)


# ---------------------------------------------------------------------------------------
# Inputs that once crashed a write or read without limit: each gets a clear message and
# exit 2, and nothing is written.

class HostileWriteInput(RepoTest):
    FILE = "observations/2026-27/asmith.yaml"
    OBSERVE = ("observe", "--mentee", "asmith", "--observer", "jdoe", "--date", "2026-10-02")

    def assertNothingWritten(self, before):
        after = self.snapshot()
        after.pop(".mentorctl.lock", None)  # the writer's lock file, empty
        self.assertEqual(after, before)

    def test_evidence_file_without_end(self):
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", "/dev/zero")
        self.assertRefused(r, "--evidence-file /dev/zero: more than 16 MiB, the most a record file may hold",
                           "shorten the notes")
        self.assertNotIn("internal error", r.stderr)
        self.assertNothingWritten(before)

    def test_evidence_file_that_is_a_folder(self):
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", self.tmp)
        self.assertRefused(r, f"--evidence-file {self.tmp}: is a folder; name the file that holds the notes")
        self.assertNotIn("basic_filebuf", r.stderr)
        self.assertNothingWritten(before)

    def test_evidence_file_over_the_file_limit(self):
        big = os.path.join(self.tmp, "big.txt")
        with open(big, "w") as f:
            f.write(("x" * 99 + "\n") * 170000)  # 17 MB
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", big)
        self.assertRefused(r, "more than 16 MiB, the most a record file may hold")
        self.assertNotIn("internal error", r.stderr)
        self.assertNothingWritten(before)

    def test_new_lines_that_would_make_the_file_too_large(self):
        # Each part is below the limit; the file with both is not.
        filler = "".join(f"      line {i:07d} of an earlier observation\n" for i in range(200000))
        write(self.path(self.FILE), "mentee: asmith\nobservations:\n  - date: 2026-09-02\n    observer: jdoe\n"
                                    "    evidence: |\n" + filler)
        notes = os.path.join(self.tmp, "notes.txt")
        with open(notes, "w") as f:
            f.write(("y" * 99 + "\n") * 90000)  # 9 MB
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", notes)
        self.assertRefused(r, f"with the new lines {self.FILE} would hold", "more than the 16 MiB a record file may hold",
                           "nothing was written")
        self.assertNotIn("internal error", r.stderr)
        self.assertNothingWritten(before)

    def test_append_after_a_block_scalar_without_final_newline(self):
        log = "logs/2026-27/jdoe.yaml"
        text = ("mentor: jdoe\nentries:\n  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n"
                "    notes: |\n      no line end after this")
        write(self.path(log), text)
        self.assertChecks()
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "logs/2026-27/jdoe.yaml: the file ends in a block scalar (| or >) without a final "
                              "line end", "write the block as |-")
        self.assertNotIn("internal error", r.stderr)
        self.assertEqual(read(self.path(log)), text)

    def test_no_threads_to_be_had(self):
        # RLIMIT_NPROC binds only a user that is not root: run as nobody with room for no
        # new thread (creating one fails with EAGAIN, as under a tight `ulimit -u`).
        setpriv = shutil.which("setpriv")
        if os.geteuid() != 0 or setpriv is None:
            self.skipTest("needs root and setpriv to run as another user")
        probe = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c",
                                "ulimit -u 1 && exec python3 -c 'import threading; threading.Thread().start()'"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            self.skipTest("thread creation does not fail under ulimit -u here")
        for folder in (self.tmp, self.root):
            os.chmod(folder, 0o755)
        for folder, _, _ in os.walk(self.root):
            os.chmod(folder, 0o755)
        script = 'ulimit -u 1 && exec "$0" -C "$1" --no-cache --threads 8 check --color never'
        # LeakSanitizer needs a thread of its own at exit, which this limit refuses: under a
        # sanitized build, leak checking is off for this one run (ASan itself stays on).
        asan = os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
        r = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", script,
                            MENTORCTL, self.root], capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, MENTORCTL_TODAY=TODAY, HOME=self.tmp, ASAN_OPTIONS=asan))
        self.assertNotIn("terminate called", r.stderr)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(" 0 errors", r.stdout)


# ---------------------------------------------------------------------------------------
# Concurrency and crashes.

class Concurrency(RepoTest):
    def test_two_writers_lose_nothing(self):
        script = ("for i in $(seq 1 200); do \"$MENTORCTL\" -q -C \"$ROOT\" log --mentor jdoe --mentee asmith "
                  "--duration 1h --date 2026-09-14 --notes \"$WHO $i\" || exit 1; done")
        env = dict(os.environ, MENTORCTL=MENTORCTL, ROOT=self.root, MENTORCTL_TODAY=TODAY)
        writers = [subprocess.Popen(["bash", "-c", script], env=dict(env, WHO=who), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for who in ("A", "B")]
        for w in writers:
            out, err = w.communicate(timeout=600)
            self.assertEqual(w.returncode, 0, err)
        entries = yaml.safe_load(read(self.path("logs/2026-27/jdoe.yaml")))["entries"]
        self.assertEqual(len(entries), 400)
        self.assertEqual(sorted(e["notes"] for e in entries),
                         sorted(f"{who} {i}" for who in "AB" for i in range(1, 201)))
        # Each writer's entries are in its own order.
        for who in "AB":
            mine = [int(e["notes"].split()[1]) for e in entries if e["notes"].startswith(who)]
            self.assertEqual(mine, list(range(1, 201)))
        self.assertChecks()


class Crash(RepoTest):
    def test_killed_writer_leaves_old_or_new_file(self):
        log = self.path("logs/2026-27/jdoe.yaml")
        # A large file makes the write itself take a while.
        entries = "".join(f"  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n    notes: filler {i}\n"
                          for i in range(3000))
        write(log, "mentor: jdoe\nentries:\n" + entries)
        started = time.monotonic()
        self.assertEqual(self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date",
                                 "2026-09-14", "--notes", "timing").returncode, 0)
        duration = time.monotonic() - started
        rng = random.Random(20261122)
        outcomes = {"old": 0, "new": 0}
        env = dict(os.environ, MENTORCTL_TODAY=TODAY)
        # At least 40 kills; the delays stretch until some kills land before and some
        # after the rename, however loaded the machine is.
        for i in range(120):
            if i >= 40 and outcomes["old"] and outcomes["new"]:
                break
            old = read(log)
            p = subprocess.Popen([MENTORCTL, "-q", "-C", self.root, "log", "--mentor", "jdoe", "--mentee", "asmith",
                                  "--duration", "1h", "--date", "2026-09-14", "--notes", f"crash {i}"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * (2.5 + i / 10)))
            p.send_signal(signal.SIGKILL)
            p.wait()
            now = read(log)
            if now == old:
                outcomes["old"] += 1
            else:
                self.assertTrue(now.startswith(old), f"iteration {i}: the old content changed")
                self.assertEqual(yaml.safe_load(now[len(old):]),
                                 [{"date": datetime.date(2026, 9, 14), "mentee": "asmith", "duration": "1h",
                                   "kind": "meeting", "notes": f"crash {i}", "confidential": False}])
                outcomes["new"] += 1
            # No stray file a reader would pick up.
            visible = [n for n in os.listdir(os.path.dirname(log)) if not n.startswith(".")]
            self.assertEqual(visible, ["jdoe.yaml"])
        self.assertGreater(outcomes["old"], 0)
        self.assertGreater(outcomes["new"], 0)
        self.assertChecks()
        # The next write clears temporary files killed writers left behind.
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.listdir(os.path.dirname(log)), ["jdoe.yaml"])


# ---------------------------------------------------------------------------------------
# git: --commit, setup-git and the merge driver.

class Git(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mentorctl-git-")
        self.root = os.path.join(self.tmp, "repo")
        os.makedirs(self.root)
        # git finds `mentorctl merge-driver` on PATH, as in an installed system.
        self.env = dict(os.environ, PATH=os.path.dirname(MENTORCTL) + os.pathsep + os.environ.get("PATH", ""),
                        MENTORCTL_TODAY=TODAY, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
        self.env.pop("MENTORCTL_USER", None)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test Coordinator")
        self.git("config", "user.email", "coordinator@example.org")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def git(self, *args, check=True):
        r = subprocess.run(["git", *args], capture_output=True, text=True, cwd=self.root, env=self.env, timeout=60)
        if check:
            self.assertEqual(r.returncode, 0, (args, r.stdout, r.stderr))
        return r

    def mc(self, *args):
        return subprocess.run([MENTORCTL, "-C", self.root, *args], capture_output=True, text=True, env=self.env,
                              stdin=subprocess.DEVNULL, timeout=120)

    def init_records(self, register=True):
        r = self.mc("init", ".")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Registered the mentorctl merge driver", r.stdout)
        if not register:
            self.git("config", "--remove-section", "merge.mentorctl")
        self.init_records_files()

    def init_records_files(self):
        write(os.path.join(self.root, "people/jdoe.yaml"),
              "id: jdoe\nname: Jane Doe\nemail: coordinator@example.org\nroles: [mentor]\nprograms: [walnut-valley]\n")
        write(os.path.join(self.root, "people/asmith.yaml"),
              "id: asmith\nname: Al Smith\nroles: [candidate]\nprograms: [walnut-valley]\n")
        self.assertEqual(self.mc("pair", "jdoe", "asmith", "--program", "walnut-valley", "--start",
                                 "2026-08-24").returncode, 0)
        self.assertEqual(self.mc("log", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14",
                                 "--topic", "planning", "--topic", "assessment").returncode, 0)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "records")

    def log(self, date, notes):
        r = self.mc("log", "--mentee", "asmith", "--duration", "1h", "--date", date, "--topic", "planning",
                    "--topic", "assessment", "--notes", notes)
        self.assertEqual(r.returncode, 0, r.stderr)

    def branches_that_append(self):
        """Two branches that each append two entries sharing most of their lines."""
        self.git("checkout", "-q", "-b", "other")
        self.log("2026-09-21", "other one")
        self.log("2026-09-28", "other two")
        self.git("commit", "-q", "-am", "other")
        self.git("checkout", "-q", "main")
        self.log("2026-09-22", "main one")
        self.log("2026-09-29", "main two")
        self.git("commit", "-q", "-am", "main")

    def entries(self):
        return yaml.safe_load(read(os.path.join(self.root, "logs/2026-27/jdoe.yaml")))["entries"]

    def test_setup_git_registers_the_driver(self):
        self.init_records()
        self.git("config", "--unset", "merge.mentorctl.driver")
        r = self.mc("setup-git")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("merge.mentorctl.driver = mentorctl merge-driver %O %A %B %P", r.stdout)
        self.assertEqual(self.git("config", "merge.mentorctl.driver").stdout,
                         "mentorctl merge-driver %O %A %B %P\n")
        self.assertTrue(self.git("config", "merge.mentorctl.name").stdout.strip())
        self.assertEqual(self.git("check-attr", "merge", "--", "logs/2026-27/jdoe.yaml").stdout,
                         "logs/2026-27/jdoe.yaml: merge: mentorctl\n")

    def test_setup_git_outside_git(self):
        outside = tempfile.mkdtemp(prefix="mentorctl-nogit-")
        try:
            env = dict(self.env, GIT_CEILING_DIRECTORIES=os.path.dirname(outside))
            r = subprocess.run([MENTORCTL, "-C", outside, "setup-git"], capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 2)
            self.assertIn("is not inside a git work tree; run 'git init'", r.stderr)
        finally:
            shutil.rmtree(outside)

    def test_commit(self):
        self.init_records()
        r = self.mc("log", "--mentee", "asmith", "--duration", "30m", "--date", "2026-09-15", "--notes", "secret",
                    "--commit")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Committed it with git.", r.stdout)
        subject = self.git("log", "-1", "--format=%s").stdout.strip()
        self.assertEqual(subject, "log: jdoe with asmith on 2026-09-15, 30m meeting")
        self.assertEqual(self.git("status", "--porcelain").stdout, "")
        # A new file is committed too, and nothing else that was staged.
        write(os.path.join(self.root, "people/other.yaml"), "id: other\nname: O\nroles: [mentor]\n")
        self.git("add", "people/other.yaml")
        r = self.mc("training", "add", "--id", "t1", "--date", "2026-08-05", "--kind", "full-day", "--commit")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.git("show", "--name-only", "--format=%s", "HEAD").stdout,
                         "training: add session t1 (2026-08-05, full-day)\n\ntrainings/2026-27.yaml\n")
        self.assertEqual(self.git("status", "--porcelain").stdout, "A  people/other.yaml\n")

    def test_merge_driver_merges_appended_entries(self):
        self.init_records()
        self.branches_that_append()
        r = self.git("merge", "--no-edit", "other", check=False)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        notes = [e.get("notes") for e in self.entries()]
        self.assertEqual(notes, [None, "main one", "main two", "other one", "other two"])
        for e in self.entries():
            self.assertEqual(e["topics"], ["planning", "assessment"])
            self.assertEqual(e["kind"], "meeting")
        r = self.mc("check", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertNotIn("<<<<<<<", read(os.path.join(self.root, "logs/2026-27/jdoe.yaml")))

    def test_driver_names_this_program_when_path_has_no_mentorctl(self):
        global MENTORCTL
        # A user who built mentorctl but did not install it: git must still find the driver.
        # The program sits in a folder whose name needs shell quoting.
        folder = os.path.join(self.tmp, "my tools 'v1'")
        os.makedirs(folder)
        program = os.path.join(folder, "mentorctl")
        shutil.copy2(MENTORCTL, program)
        path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                               if p and not os.path.exists(os.path.join(p, "mentorctl")))
        self.env["PATH"] = path
        r = subprocess.run([program, "-C", self.root, "init", "."], capture_output=True, text=True, env=self.env,
                           stdin=subprocess.DEVNULL, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("'mentorctl' is not on PATH, so the driver names this program's own path", r.stderr)
        self.assertEqual(self.git("config", "merge.mentorctl.driver").stdout,
                         "'" + program.replace("'", "'\\''") + "' merge-driver %O %A %B %P\n")
        saved, MENTORCTL = MENTORCTL, program
        try:
            self.git("config", "--remove-section", "merge.mentorctl")
            r = self.mc("setup-git")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("not on PATH", r.stderr)
            self.init_records_files()
            self.branches_that_append()
            r = self.git("merge", "--no-edit", "other", check=False)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual([e.get("notes") for e in self.entries()],
                             [None, "main one", "main two", "other one", "other two"])
        finally:
            MENTORCTL = saved

    def test_driver_names_this_program_when_path_has_another_mentorctl(self):
        folder = os.path.join(self.tmp, "old")
        os.makedirs(folder)
        with open(os.path.join(folder, "mentorctl"), "w") as f:
            f.write("#!/bin/sh\nexit 3\n")
        os.chmod(os.path.join(folder, "mentorctl"), 0o755)
        self.env["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")
        r = self.mc("setup-git")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"the 'mentorctl' on PATH is {folder}/mentorctl, not this program", r.stderr)
        self.assertIn(os.path.realpath(MENTORCTL), self.git("config", "merge.mentorctl.driver").stdout)

    def test_without_the_driver_git_conflicts_and_loses_nothing(self):
        self.init_records(register=False)
        self.branches_that_append()
        r = self.git("merge", "--no-edit", "other", check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("CONFLICT", r.stdout)
        text = read(os.path.join(self.root, "logs/2026-27/jdoe.yaml"))
        for notes in ("main one", "main two", "other one", "other two"):
            self.assertIn(f"notes: {notes}\n", text)
        r = self.mc("check", "--format", "json")
        self.assertEqual(r.returncode, 1)
        self.assertIn("merge-conflict", r.stdout)

    def test_edit_next_to_an_append_gets_conflict_markers(self):
        self.init_records()
        path = os.path.join(self.root, "logs/2026-27/jdoe.yaml")
        self.git("checkout", "-q", "-b", "edit")
        write(path, read(path).replace("confidential: false\n", "confidential: true\n"))
        self.git("commit", "-q", "-am", "edit the last line of the old entry")
        self.git("checkout", "-q", "main")
        self.log("2026-09-22", "appended")
        self.git("commit", "-q", "-am", "append")
        r = self.git("merge", "--no-edit", "edit", check=False)
        self.assertNotEqual(r.returncode, 0)
        text = read(path)
        self.assertIn("<<<<<<< ours\n", text)
        self.assertIn(">>>>>>> theirs\n", text)
        self.assertIn("notes: appended", text)
        self.assertIn("confidential: true", text)
        r = self.mc("--color", "never", "check")
        self.assertEqual(r.returncode, 1)
        self.assertIn("[merge-conflict]", r.stdout)

    def test_edit_far_from_an_append_merges_with_gits_merge(self):
        self.init_records()
        self.log("2026-09-15", "second")
        self.log("2026-09-16", "third")
        self.git("commit", "-q", "-am", "more")
        path = os.path.join(self.root, "logs/2026-27/jdoe.yaml")
        self.git("checkout", "-q", "-b", "edit")
        text = read(path)
        write(path, text.replace("duration: 1h\n", "duration: 2h\n", 1))
        self.git("commit", "-q", "-am", "edit the first entry")
        self.git("checkout", "-q", "main")
        self.log("2026-09-22", "appended")
        self.git("commit", "-q", "-am", "append")
        r = self.git("merge", "--no-edit", "edit", check=False)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        entries = self.entries()
        self.assertEqual(entries[0]["duration"], "2h")
        self.assertEqual(entries[-1]["notes"], "appended")
        self.assertEqual(self.mc("check").returncode, 0)


class MergeDriver(unittest.TestCase):
    """The driver called directly, as git calls it."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mentorctl-merge-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def merge(self, base, ours, theirs):
        paths = []
        for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
            path = os.path.join(self.tmp, name)
            write(path, text)
            paths.append(path)
        r = run("merge-driver", *paths, "logs/2026-27/jdoe.yaml")
        return r, read(paths[1])

    HEAD = "mentor: jdoe\nentries:\n"
    A = "  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n"
    B = "  - date: 2026-09-15\n    mentee: asmith\n    duration: 1h\n"
    C = "  - date: 2026-09-16\n    mentee: asmith\n    duration: 1h\n"

    def test_appends_from_both_sides(self):
        r, text = self.merge(self.HEAD + self.A, self.HEAD + self.A + self.B, self.HEAD + self.A + self.C)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B + self.C)

    def test_same_entry_on_both_sides_is_kept_once(self):
        r, text = self.merge(self.HEAD + self.A, self.HEAD + self.A + self.B, self.HEAD + self.A + self.B + self.C)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B + self.C)

    def test_file_added_on_both_sides(self):
        r, text = self.merge("", self.HEAD + self.A, self.HEAD + self.B)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B)

    def test_empty_flow_list_converted_on_both_sides(self):
        base = "mentor: jdoe\nentries: []\n"
        r, text = self.merge(base, self.HEAD + self.A, self.HEAD + self.B)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B)

    def test_crlf_ours_keeps_its_line_ends(self):
        crlf = (self.HEAD + self.A + self.B).replace("\n", "\r\n")
        r, text = self.merge(self.HEAD + self.A, crlf, self.HEAD + self.A + self.C)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, (self.HEAD + self.A + self.B + self.C).replace("\n", "\r\n"))

    def test_changed_entry_falls_back_to_git_with_markers(self):
        changed = self.A.replace("1h", "2h")
        r, text = self.merge(self.HEAD + self.A, self.HEAD + self.A + self.B, self.HEAD + changed)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("<<<<<<< ours", text)
        self.assertIn("=======", text)
        self.assertIn(">>>>>>> theirs", text)

    def test_removed_entry_falls_back_cleanly_when_far_apart(self):
        r, text = self.merge(self.HEAD + self.A + self.B + self.C, self.HEAD + self.B + self.C,
                             self.HEAD + self.A + self.B + self.C + self.A.replace("14", "20"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.B + self.C + self.A.replace("14", "20"))


if __name__ == "__main__":
    unittest.main(verbosity=1)

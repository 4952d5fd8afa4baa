#!/usr/bin/env python3
"""`mentorctl log`: the first entry creates the year's file, later ones are appended with
canonical fields; dates, durations, people, roles, pairings and milestones are checked;
--dry-run, --quiet, "yourself", files with errors, flow lists and CRLF files.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_log_test.py
"""
import os
import unittest

import yaml

from support import TODAY, RepoTest, git, read, write, yamllint, yamllint_strict


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


if __name__ == "__main__":
    unittest.main(verbosity=1)

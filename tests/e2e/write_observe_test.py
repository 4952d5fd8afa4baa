#!/usr/bin/env python3
"""`mentorctl observe`: observations with evidence from a file or standard input, the
observer as "yourself", and the refusals.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_observe_test.py
"""
import os
import unittest

from support import RepoTest, read, write, yamllint_strict


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


if __name__ == "__main__":
    unittest.main(verbosity=1)

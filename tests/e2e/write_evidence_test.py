#!/usr/bin/env python3
"""`mentorctl evidence`: certification evidence, a missing sign-off as a warning, and the
refusals.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_evidence_test.py
"""
import os
import unittest

from support import RepoTest, read


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


if __name__ == "__main__":
    unittest.main(verbosity=1)

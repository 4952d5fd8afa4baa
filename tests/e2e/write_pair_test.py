#!/usr/bin/env python3
"""`mentorctl pair`: pairings appended keeping comments, planning ahead into next year's
file, overlaps across years, and the refusals.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_pair_test.py
"""
import os
import unittest

from support import RepoTest, read


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


if __name__ == "__main__":
    unittest.main(verbosity=1)

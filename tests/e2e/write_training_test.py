#!/usr/bin/env python3
"""`mentorctl training add` and `training attend`: sessions and their attendees, kinds no
requirement counts, flow attendee lists, one session id in two years, and the refusals.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_training_test.py
"""
import unittest

from support import RepoTest, read, write, yamllint_strict


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


if __name__ == "__main__":
    unittest.main(verbosity=1)

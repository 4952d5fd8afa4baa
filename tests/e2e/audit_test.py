#!/usr/bin/env python3
"""End-to-end tests of `mentorctl audit` (SPEC 4, 5, 6.2): exit statuses, record errors on
stderr, every output format, and the example repositories.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/audit_test.py
"""
import csv
import io
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

from support import environment, validate_schema, write_files

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent

FILES = {
    "mentorctl.yaml": "mentorctl: 1\norganization: Test Consortium\n",
    "calendars/2026-27.yaml": "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n",
    "programs/p.yaml": (
        "id: p\nname: Program P\nrequirements:\n"
        "  - {id: weekly-hour, type: hours, text: 'Meet, weekly', per: week, min: 1h}\n"
        "  - {id: agreement, type: milestone, within: 14d}\n"
        "  - {id: rated, type: eligibility, severity: warning, attribute: rating, in: [proficient]}\n"),
    "people/jdoe.yaml": "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\nrating: basic\n",
    "people/asmith.yaml": "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\n",
    "pairings/2026-27.yaml": (
        "school_year: 2026-27\npairings:\n"
        "  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-09-14}\n"),
    "logs/2026-27/jdoe.yaml": (
        "mentor: jdoe\nentries:\n"
        "  - {date: 2026-09-15, mentee: asmith, duration: 30m, completes: [agreement]}\n"
        "  - {date: 2026-09-22, mentee: asmith, duration: 1h}\n"),
}


def run(root, *args):
    return subprocess.run([MENTORCTL, "-C", str(root), *args], capture_output=True, text=True,
                          env=environment("2026-09-30"),
                          stdin=subprocess.DEVNULL, timeout=120)


class AuditTest(unittest.TestCase):
    def setUp(self):
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-audit-"))
        write_files(self.root, FILES)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def test_text_and_exit_status(self):
        # W38 (Sep 14-20): 30m of 1h, closed -> unmet error; W39: 1h, met; W40 open, due.
        result = run(self.root, "audit")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("weekly-hour (hours): Meet, weekly", result.stdout)
        self.assertIn("unmet  jdoe -> asmith: 30m of 1h in week 2026-W38", result.stdout)
        self.assertIn("due    jdoe -> asmith: 0m of 1h in week 2026-W40; 1h more by 2026-10-04", result.stdout)
        self.assertTrue(result.stdout.endswith(
            "Audit of 2026-27 as of 2026-09-30: 2 unmet (1 error, 1 warning), 1 due, 2 met\n"), result.stdout)
        self.assertEqual(result.stderr, "")

    def test_warnings_fail_only_with_strict(self):
        self.assertEqual(run(self.root, "audit", "--program", "p", "--mentee", "asmith").returncode, 1)
        # Only the warning (rating) is about the mentor alone.
        only_warning = run(self.root, "audit", "--as-of", "2026-09-19")
        self.assertEqual(only_warning.returncode, 0, only_warning.stdout)
        self.assertEqual(run(self.root, "audit", "--as-of", "2026-09-19", "--strict").returncode, 1)

    def test_json_matches_schema_and_counts(self):
        result = run(self.root, "audit", "--format", "json", "--all")
        document = json.loads(result.stdout)
        self.assertEqual(document["summary"], {"met": 2, "due": 1, "unmet": 2, "record_errors": 0})
        self.assertEqual(len(document["findings"]), 5)
        first = document["findings"][0]
        self.assertEqual(list(first), ["status", "severity", "program", "requirement", "type", "mentor", "mentee",
                                       "period", "from", "to", "required", "actual", "unit", "message", "source"])
        self.assertEqual((first["period"], first["required"], first["actual"]), ("2026-W38", 60, 30))
        validate_schema(document, "audit-output.schema.json")

    def test_csv(self):
        rows = list(csv.reader(io.StringIO(run(self.root, "audit", "--format", "csv").stdout)))
        self.assertEqual(rows[0], ["status", "severity", "program", "requirement", "type", "mentor", "mentee",
                                   "period", "from", "to", "required", "actual", "unit", "message"])
        self.assertEqual(rows[1][:13], ["unmet", "error", "p", "weekly-hour", "hours", "jdoe", "asmith", "2026-W38",
                                        "2026-09-14", "2026-09-20", "60", "30", "minutes"])
        self.assertEqual(rows[-1][5:7], ["jdoe", ""])  # the mentor rule has no mentee

    def test_junit(self):
        tree = ElementTree.fromstring(run(self.root, "audit", "--format", "junit").stdout)
        suite = tree.find("testsuite")
        self.assertEqual(suite.get("name"), "p")
        self.assertEqual((suite.get("tests"), suite.get("failures"), suite.get("skipped")), ("3", "2", "1"))
        names = [case.get("name") for case in suite.findall("testcase")]
        self.assertIn("weekly-hour jdoe/asmith 2026-W38", names)
        self.assertIn("rated jdoe 2026-27", names)

    def test_github(self):
        lines = run(self.root, "audit", "--format", "github").stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith("::error file=logs/2026-27/jdoe.yaml,line=1,title=p weekly-hour::"))
        self.assertTrue(lines[1].startswith("::warning file=people/jdoe.yaml,line=1,title=p rated::"))

    def test_record_errors_exit_2(self):
        log = self.root / "logs/2026-27/jdoe.yaml"
        log.write_text(log.read_text() + "  - {date: 2026-09-31, mentee: asmith, duration: 1h}\n")
        result = run(self.root, "audit", "--format", "json")
        self.assertEqual(result.returncode, 2)
        self.assertIn("logs/2026-27/jdoe.yaml:5:", result.stderr)
        self.assertIn("[bad-date]", result.stderr)
        self.assertEqual(json.loads(result.stdout)["summary"]["record_errors"], 1)

    def test_usage_errors(self):
        for args, text in [(["--year", "2026"], "not a school year"),
                           (["--program", "q"], "no such program"),
                           (["--mentor", "jdo"], "did you mean 'jdoe'"),
                           (["--format", "xml"], "xml")]:
            result = run(self.root, "audit", *args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn(text, result.stderr, args)

    def test_mentor_and_mentee_must_hold_the_role(self):
        for args, text in [(["--mentor", "asmith"], "'asmith' is a mentee, not a mentor; did you mean --mentee asmith?"),
                           (["--mentee", "jdoe"], "'jdoe' is a mentor, not a mentee; did you mean --mentor jdoe?")]:
            result = run(self.root, "audit", *args)
            self.assertEqual((result.returncode, result.stdout), (2, ""), args)
            self.assertIn(text, result.stderr)

    def test_nothing_unmet_or_due_for_one_mentor(self):
        person = self.root / "people/jdoe.yaml"
        person.write_text(person.read_text().replace("rating: basic", "rating: proficient"))
        log = self.root / "logs/2026-27/jdoe.yaml"
        log.write_text(log.read_text().replace("duration: 30m", "duration: 1h"))
        # Sunday of W38: its hour is met, the agreement was completed, the rating is met.
        result = run(self.root, "audit", "--mentor", "jdoe", "--as-of", "2026-09-20")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith("Nothing unmet or due for jdoe (3 met; --all lists them).\n"),
                        result.stdout)

    def test_a_program_file_that_failed_to_load_is_named(self):
        (self.root / "programs/p.yaml").write_text("id: p\nname: [unclosed\n")
        result = run(self.root, "audit")
        self.assertEqual(result.returncode, 2)
        self.assertIn("programs/p.yaml:", result.stderr)
        self.assertIn("programs/p.yaml has errors, so its requirements were not evaluated (listed above;",
                      result.stdout)
        self.assertNotIn("No requirement applies", result.stdout)
        # Asked for by name, it is named as a file with errors, not as no such program.
        result = run(self.root, "audit", "--program", "p")
        self.assertEqual((result.returncode, result.stdout), (2, ""))
        self.assertIn("--program 'p': programs/p.yaml has errors, so it cannot be used; 'mentorctl check' shows them",
                      result.stderr)

    def test_year_all_and_future_year(self):
        document = json.loads(run(self.root, "audit", "--year", "all", "--format", "json").stdout)
        self.assertEqual(document["school_years"], ["2026-27"])
        later = json.loads(run(self.root, "audit", "--year", "2027-28", "--format", "json").stdout)
        self.assertEqual(later["findings"], [])


class ExamplesTest(unittest.TestCase):
    def test_every_example_audits(self):
        examples = SOURCE / "examples"
        for repository in sorted(p for p in examples.iterdir() if (p / "mentorctl.yaml").is_file()):
            for as_of in ("2026-12-01", "2027-06-30"):
                result = run(repository, "--as-of", as_of, "audit", "--year", "all", "--format", "json")
                self.assertIn(result.returncode, (0, 1), (repository.name, result.stderr))
                self.assertEqual(result.stderr, "", repository.name)
                self.assertEqual(json.loads(result.stdout)["summary"]["record_errors"], 0)

    def test_one_program_file_with_errors_is_named_beside_the_others_findings(self):
        with tempfile.TemporaryDirectory() as temporary:
            root = pathlib.Path(temporary) / "massachusetts"
            shutil.copytree(SOURCE / "examples/massachusetts", root)
            intact = run(root, "--as-of", "2027-06-30", "--no-cache", "audit").stdout
            broken = root / "programs/ma-supervising-practitioner.yaml"
            broken.write_text(broken.read_text() + "name: [unclosed\n")
            result = run(root, "--as-of", "2027-06-30", "--no-cache", "audit")
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("programs/ma-supervising-practitioner.yaml:", result.stderr)
            self.assertIn("ma-mentor", intact)
            self.assertIn("ma-supervising-practitioner", intact)
            # The other program's findings are printed as before; the broken one is named.
            self.assertIn(intact.split("\n\nma-supervising-practitioner")[0].split("\n\nAudit of")[0],
                          result.stdout)
            self.assertIn("programs/ma-supervising-practitioner.yaml has errors, so its requirements were not "
                          "evaluated", result.stdout)


if __name__ == "__main__":
    unittest.main()

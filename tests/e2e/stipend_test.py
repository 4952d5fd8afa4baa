#!/usr/bin/env python3
"""End-to-end tests of `mentorctl stipend` (SPEC 6.7): every example at fixed dates in
every format against checked-in output (golden/<example>/stipend-<as-of>.<format>,
reviewed by hand against each example's README), the json against its schema, the
prorated fractions against the calendars computed here, and a small repository whose
arithmetic is written out below.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/stipend_test.py [--update]
"""
import csv
import datetime
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

from support import SOURCE, environment, validate_schema, write_files

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
HERE = pathlib.Path(__file__).resolve().parent
EXAMPLES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
AS_OF = ["2026-12-01", "2027-06-30"]
FORMATS = ["text", "json", "csv"]
UPDATE = "--update" in sys.argv
COLUMNS = ["school_year", "program", "mentor", "name", "district", "mentee", "base", "fraction", "amount",
           "currency", "status", "reasons"]


def run(root, *args, today="2026-09-30"):
    return subprocess.run([MENTORCTL, "-C", str(root), "--color", "never", *args], capture_output=True, text=True,
                          env=environment(today), stdin=subprocess.DEVNULL, timeout=120)


class Examples(unittest.TestCase):
    def test_golden(self):
        for name in EXAMPLES:
            for as_of in AS_OF:
                for fmt in FORMATS:
                    with self.subTest(example=name, as_of=as_of, format=fmt):
                        result = run(SOURCE / "examples" / name, "--as-of", as_of, "stipend", "--format", fmt,
                                     today=as_of)
                        self.assertEqual((result.returncode, result.stderr), (0, ""))
                        path = HERE / "golden" / name / f"stipend-{as_of}.{fmt}"
                        if UPDATE:
                            path.write_text(result.stdout, encoding="utf-8")
                        self.assertEqual(result.stdout, path.read_text(encoding="utf-8"))

    def test_json_agrees_with_csv_and_schema(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                root = SOURCE / "examples" / name
                document = json.loads(run(root, "--as-of", "2027-06-30", "stipend", "--format", "json").stdout)
                validate_schema(document, "stipend-output.schema.json")
                rows = list(csv.reader(io.StringIO(run(root, "--as-of", "2027-06-30", "stipend", "--format",
                                                       "csv").stdout)))
                self.assertEqual(rows[0], COLUMNS)
                self.assertEqual(rows[1:], [[row[c] for c in COLUMNS] for row in document["rows"]])
                sums = {}
                for row in document["rows"]:
                    key = (row["program"], row["currency"])
                    sums[key] = sums.get(key, 0) + round(float(row["amount"]) * 100)
                    self.assertEqual(row["status"] == "withheld", row["reasons"] != "")
                    if row["status"] == "withheld":
                        self.assertEqual(row["amount"], "0.00")
                for total in document["totals"]:
                    self.assertEqual(round(float(total["amount"]) * 100),
                                     sums.get((total["program"], total["currency"]), 0))

    def test_massachusetts_fractions_from_the_calendar(self):
        # Recomputed here from calendars/2026-27.yaml: instructional days (mon-fri, less breaks
        # and closed days) a pairing runs, cut at its end, over the year's.
        import yaml
        root = SOURCE / "examples" / "massachusetts"
        calendar = yaml.safe_load((root / "calendars" / "2026-27.yaml").read_text())
        first, last = calendar["first_day"], calendar["last_day"]
        off = set(calendar["closed"])
        for gap in calendar["breaks"]:
            day = gap["from"]
            while day <= gap["to"]:
                off.add(day)
                day += datetime.timedelta(days=1)
        days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
        school = [d for d in days if d.weekday() < 5 and d not in off]
        pairings = yaml.safe_load((root / "pairings" / "2026-27.yaml").read_text())["pairings"]
        document = json.loads(run(root, "--as-of", "2027-06-30", "stipend", "--format", "json").stdout)
        rows = {(row["mentor"], row["mentee"]): row for row in document["rows"]}
        checked = 0
        for pairing in pairings:
            if pairing["program"] != "ma-mentor":
                continue
            end = pairing.get("end", last)
            fraction = Fraction(sum(1 for d in school if pairing["start"] <= d <= end), len(school))
            row = rows[(pairing["mentor"], pairing["mentee"])]
            self.assertEqual(row["fraction"], f"{float(fraction):.4f}")
            if row["status"] == "payable":
                cents = Fraction(120000) * fraction
                self.assertEqual(row["amount"], f"{int(cents + Fraction(1, 2)) / 100:.2f}")
            checked += 1
        self.assertEqual(checked, len(rows))
        self.assertEqual(rows[("achen", "dokoro")]["amount"], "681.08")  # left 2027-02-12: 105 of 185 days


FILES = {
    "mentorctl.yaml": "mentorctl: 1\norganization: Test Consortium\ncurrency: EUR\n",
    # Mon 2026-09-07 .. Fri 2026-09-18: 10 instructional days.
    "calendars/2026-27.yaml": "school_year: 2026-27\nfirst_day: 2026-09-07\nlast_day: 2026-09-18\n",
    "programs/p.yaml": (
        "id: p\nname: Program P\nrequirements:\n"
        "  - {id: weekly-hour, type: hours, text: 'Meet, weekly', per: week, min: 1h}\n"
        "  - {id: rated, type: eligibility, severity: warning, attribute: rating, in: [proficient]}\n"
        "stipend: {basis: pairing, amount: 100.05, prorate: true, requires: [weekly-hour, rated]}\n"),
    "programs/q.yaml": (
        "id: q\nname: Program Q\nrequirements: []\n"
        "stipend: {amount: 10, by_district: {North: 20}, currency: GBP}\n"),
    "people/jdoe.yaml": "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\nrating: basic\n",
    "people/mmaker.yaml": "id: mmaker\nname: '=SUM(A1)'\nroles: [mentor]\nprograms: [q]\ndistrict: North\n",
    "people/asmith.yaml": "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\n",
    "people/bjones.yaml": "id: bjones\nname: Bo Jones\nroles: [mentee]\nprograms: [p]\n",
    "people/csmith.yaml": "id: csmith\nname: Cy Smith\nroles: [mentee]\nprograms: [q]\n",
    "pairings/2026-27.yaml": (
        "school_year: 2026-27\npairings:\n"
        "  - {mentor: jdoe, mentee: asmith, program: p, start: 2026-09-07, end: 2026-09-11, note: SECRET-NOTE}\n"
        "  - {mentor: jdoe, mentee: bjones, program: p, start: 2026-09-14}\n"
        "  - {mentor: mmaker, mentee: csmith, program: q, start: 2026-09-07}\n"),
    "logs/2026-27/jdoe.yaml": (
        "mentor: jdoe\nentries:\n"
        "  - {date: 2026-09-08, mentee: asmith, duration: 1h, notes: SECRET-LOG}\n"),
}


class Small(unittest.TestCase):
    def setUp(self):
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-stipend-"))
        write_files(self.root, FILES)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def test_csv_arithmetic(self):
        result = run(self.root, "stipend", "--format", "csv")
        self.assertEqual((result.returncode, result.stderr), (0, ""))
        self.assertEqual(list(csv.reader(io.StringIO(result.stdout))), [
            COLUMNS,
            # 5 of 10 days: 100.05 x 1/2 = 50.025, half a cent, rounded up.
            ["2026-27", "p", "jdoe", "Jane Doe", "", "asmith", "100.05", "0.5000", "50.03", "EUR", "payable", ""],
            # Planned through 09-18, past as-of no cut: 5 of 10 days; W38 has no hour, so withheld.
            # 'rated' is only a warning: it withholds nothing.
            ["2026-27", "p", "jdoe", "Jane Doe", "", "bjones", "100.05", "0.5000", "0.00", "EUR", "withheld",
             "weekly-hour"],
            # basis mentor by default, by_district North, the program's own currency; the name guarded.
            ["2026-27", "q", "mmaker", "'=SUM(A1)", "North", "", "20.00", "1.0000", "20.00", "GBP", "payable", ""],
        ])

    def test_json_and_text(self):
        document = json.loads(run(self.root, "stipend", "--format", "json").stdout)
        validate_schema(document, "stipend-output.schema.json")
        self.assertEqual(document["totals"], [{"program": "p", "currency": "EUR", "amount": "50.03"},
                                              {"program": "q", "currency": "GBP", "amount": "20.00"}])
        self.assertEqual(document["rows"][2]["name"], "=SUM(A1)")  # json is data: no guard
        text = run(self.root, "stipend").stdout
        self.assertIn("not met: weekly-hour (Meet, weekly)", text)
        self.assertIn("2 payable, 1 withheld", text)
        for fmt in FORMATS:
            self.assertNotIn("SECRET", run(self.root, "stipend", "--format", fmt).stdout)

    def test_program_and_year(self):
        only_q = list(csv.reader(io.StringIO(run(self.root, "stipend", "--program", "q", "--format", "csv").stdout)))
        self.assertEqual([row[2] for row in only_q[1:]], ["mmaker"])
        self.assertEqual(len(json.loads(run(self.root, "stipend", "--year", "2027-28", "--format",
                                            "json").stdout)["rows"]), 0)
        # Nothing started by as-of: no row.
        early = json.loads(run(self.root, "--as-of", "2026-09-10", "stipend", "--format", "json").stdout)
        self.assertEqual([row["mentee"] for row in early["rows"]], ["asmith", ""])

    def test_errors(self):
        for args, text in [(["--year", "2026"], "not a school year"), (["--program", "r"], "no such program"),
                           (["--format", "xml"], "xml")]:
            result = run(self.root, "stipend", *args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn(text, result.stderr, args)
        log = self.root / "logs/2026-27/jdoe.yaml"
        log.write_text(log.read_text() + "  - {date: 2026-09-31, mentee: asmith, duration: 1h}\n")
        result = run(self.root, "stipend", "--format", "csv")
        self.assertEqual(result.returncode, 2)
        self.assertIn("logs/2026-27/jdoe.yaml:4:", result.stderr)
        self.assertIn("q,mmaker", result.stdout)

    def test_no_stipend_section(self):
        for name in ("p", "q"):
            path = self.root / "programs" / f"{name}.yaml"
            path.write_text(path.read_text().split("stipend:")[0])
        result = run(self.root, "stipend")
        self.assertEqual(result.returncode, 0)
        self.assertIn("No program has a 'stipend:' section", result.stdout)


if __name__ == "__main__":
    unittest.main(argv=[a for a in sys.argv if a != "--update"])

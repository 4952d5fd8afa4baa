#!/usr/bin/env python3
"""One bad person file never changes what is reported about anyone else (SPEC 7).

For every person file of every example repository, and of a small generated one: break
the file (indent its second line, a YAML syntax error), audit every school year with
--all, and compare with the audit of the intact repository. Every finding whose mentor
and mentee are both someone else must be unchanged, their mentors' training and caseload
findings included.

The broken person is *unverified*, not unknown: their own findings (as mentor or mentee)
are still evaluated and marked incomplete (the json field `unverified` and a note at the
end of the message). They must be the intact repository's own findings, figure for
figure, except those that need the person's file (docs/audit.md, "Person files with
errors"): eligibility on an attribute of the file, a rule whose `when` reads the file,
and matched-within (it needs `enrolled`), which are left out.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/broken_person_test.py
"""
import csv
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml
from support import validate_schema

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
AS_OF = {"walnut-valley": "2027-07-31", "west-london": "2027-07-31", "dysart": "2027-07-31",
         "massachusetts": "2027-07-31", "st-vrain": "2027-07-31", "generated": "2026-12-01"}


def audit(repo, as_of):
    result = subprocess.run([MENTORCTL, "-C", str(repo), "--as-of", as_of, "--no-cache", "audit", "--year", "all",
                             "--all", "--format", "json"], capture_output=True, text=True)
    assert result.returncode in (0, 1, 2), result.stderr
    return json.loads(result.stdout)["findings"], result.returncode


def about_others(findings, person):
    return [f for f in findings if f["mentor"] != person and f["mentee"] != person]


def about(findings, person):
    return [f for f in findings if f["mentor"] == person or f["mentee"] == person]


def reads_person_file(attribute):
    """Whether a condition on `attribute` needs the person's own file (as the rules decide)."""
    return attribute not in ("id", "service_year") and not attribute.startswith("application.")


def requirements(repo):
    """(program, requirement id) -> the requirement as written."""
    found = {}
    for path in sorted((repo / "programs").glob("*.yaml")):
        program = yaml.safe_load(path.read_text())
        for r in program.get("requirements") or []:
            found[(program["id"], r["id"])] = r
    return found


def needs_file(finding, person, written):
    """Whether `finding` (of the intact audit) needs `person`'s own file to be evaluated."""
    r = written[(finding["program"], finding["requirement"])]
    subject = finding["mentee"] if finding["mentor"] is None else finding["mentor"]
    if subject != person:
        return False
    if finding["type"] == "matched-within":
        return True
    if finding["type"] == "eligibility" and reads_person_file(r["attribute"]):
        return True
    return any(reads_person_file(attribute) for attribute in (r.get("when") or {}))


NOTE = " (incomplete: people/{}.yaml has errors"


def without_mark(finding, person):
    """The finding as the intact audit would give it: no `unverified`, no note."""
    unmarked = {key: value for key, value in finding.items() if key != "unverified"}
    at = unmarked["message"].find(NOTE.format(person))
    unmarked["message"] = unmarked["message"][:at] if at >= 0 else unmarked["message"]
    return unmarked


class BrokenPersonTest(unittest.TestCase):
    checked = 0
    own_findings = 0  # of the broken people, kept and marked
    left_out = 0  # of the broken people, needing their file

    def check_repository(self, name, original):
        as_of = AS_OF[name]
        baseline, _ = audit(original, as_of)
        written = requirements(original)
        self.assertTrue(baseline, f"{name}: the intact audit has no findings; nothing would be compared")
        people = sorted((original / "people").glob("*.yaml"))
        self.assertTrue(people)
        with tempfile.TemporaryDirectory() as tmp:
            copy = pathlib.Path(tmp) / name
            shutil.copytree(original, copy)
            for path in people:
                person = path.stem
                target = copy / "people" / path.name
                text = path.read_text()
                lines = text.splitlines(keepends=True)
                target.write_text(lines[0] + "  " + "".join(lines[1:]))
                try:
                    check = subprocess.run([MENTORCTL, "-C", str(copy), "--no-cache", "check"],
                                           capture_output=True, text=True)
                    self.assertEqual(check.returncode, 1, f"{name}/{path.name}: the broken file is not an error")
                    findings, status = audit(copy, as_of)
                    self.assertEqual(status, 2, f"{name}/{path.name}: record errors must give exit 2")
                    with self.subTest(repository=name, person=person):
                        self.assertEqual(about_others(findings, person), about_others(baseline, person))
                        own = about(findings, person)
                        for f in own:
                            self.assertIn(person, f.get("unverified", []), f)
                            self.assertIn(NOTE.format(person), f["message"])
                        expected = [f for f in about(baseline, person) if not needs_file(f, person, written)]
                        self.assertEqual([without_mark(f, person) for f in own], expected)
                        BrokenPersonTest.own_findings += len(own)
                        BrokenPersonTest.left_out += len(about(baseline, person)) - len(expected)
                    BrokenPersonTest.checked += 1
                finally:
                    target.write_text(text)

    def test_examples(self):
        for name in ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]:
            self.check_repository(name, SOURCE / "examples" / name)

    def test_generated(self):
        with tempfile.TemporaryDirectory() as tmp:
            repo = pathlib.Path(tmp) / "generated"
            subprocess.run([sys.executable, str(SOURCE / "tests/bench/generate_repo.py"), "--pairs", "8",
                            "--weeks", "6", str(repo)], check=True, capture_output=True)
            self.check_repository("generated", repo)

    @classmethod
    def tearDownClass(cls):
        # A run that compared nothing must not pass.
        assert cls.checked >= 100, f"only {cls.checked} broken person files were checked"
        # The comparison of the broken people's own findings must have compared something,
        # and so must the list of those left out.
        assert cls.own_findings >= 1000, f"only {cls.own_findings} findings of broken people were kept"
        assert cls.left_out >= 10, f"only {cls.left_out} findings of broken people were left out"


def run(repo, *args):
    return subprocess.run([MENTORCTL, "-C", str(repo), "--as-of", "2027-03-31", "--no-cache", *args],
                          capture_output=True, text=True)


class UnverifiedOutputsTest(unittest.TestCase):
    """How each output marks the findings of a person whose file has errors (walnut-valley:
    twhitfield mentors anwosu)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.repo = pathlib.Path(cls.tmp.name) / "walnut-valley"
        shutil.copytree(SOURCE / "examples" / "walnut-valley", cls.repo)
        for person in ("twhitfield", "anwosu"):
            path = cls.repo / "people" / f"{person}.yaml"
            lines = path.read_text().splitlines(keepends=True)
            path.write_text(lines[0] + "  " + "".join(lines[1:]))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_text_marks_each_line(self):
        result = run(self.repo, "audit", "--all")
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = [line for line in result.stdout.splitlines() if "twhitfield" in line]
        self.assertTrue(lines)
        both = ("(incomplete: people/twhitfield.yaml and people/anwosu.yaml have errors, so their roles, dates "
                "and attributes were not checked)")
        alone = "(incomplete: people/twhitfield.yaml has errors, so twhitfield's role, dates and attributes"
        for line in lines:
            self.assertTrue(line.endswith(both) or alone in line, line)
        self.assertTrue(any(line.endswith(both) for line in lines))  # the pair's findings
        self.assertTrue(any(alone in line for line in lines))  # training and caseload

    def test_csv_keeps_its_columns(self):
        result = run(self.repo, "audit", "--all", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        self.assertEqual(list(rows[0]), ["status", "severity", "program", "requirement", "type", "mentor", "mentee",
                                         "period", "from", "to", "required", "actual", "unit", "message"])
        own = [row for row in rows if row["mentor"] == "twhitfield"]
        self.assertTrue(own)
        self.assertTrue(all("(incomplete: people/twhitfield.yaml" in row["message"] for row in own))
        others = [row for row in rows if row["mentor"] != "twhitfield" and row["mentee"] != "anwosu"]
        self.assertTrue(others)
        self.assertFalse(any("incomplete" in row["message"] for row in others))

    def test_junit_and_github_say_it_in_the_message(self):
        junit = run(self.repo, "audit", "--format", "junit").stdout
        self.assertIn("twhitfield/anwosu", junit)
        self.assertIn("(incomplete: people/twhitfield.yaml and people/anwosu.yaml have errors", junit)
        github = [line for line in run(self.repo, "audit", "--format", "github").stdout.splitlines()
                  if "twhitfield" in line]
        self.assertTrue(github)
        self.assertTrue(all("(incomplete: people/twhitfield.yaml" in line for line in github))

    def test_json_names_the_unverified(self):
        document = json.loads(run(self.repo, "audit", "--all", "--format", "json").stdout)
        validate_schema(document, "audit-output.schema.json")
        findings = document["findings"]
        pair = [f for f in findings if f["mentor"] == "twhitfield" and f["mentee"] == "anwosu"]
        self.assertTrue(pair)
        self.assertTrue(all(f["unverified"] == ["twhitfield", "anwosu"] for f in pair))
        training = [f for f in findings if f["mentor"] == "twhitfield" and f["type"] == "training"]
        self.assertTrue(training)
        self.assertTrue(all(f["unverified"] == ["twhitfield"] for f in training))
        self.assertFalse(any("unverified" in f for f in findings if "twhitfield" not in (f["mentor"], f["mentee"])))

    def test_stipend_is_withheld(self):
        result = run(self.repo, "stipend", "--format", "csv")
        self.assertEqual(result.returncode, 2, result.stderr)
        rows = {row["mentor"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
        row = rows["twhitfield"]
        self.assertEqual(row["status"], "withheld")
        self.assertEqual(row["amount"], "0.00")
        self.assertEqual(row["reasons"].split(";")[0], "people/twhitfield.yaml")
        text = run(self.repo, "stipend").stdout
        self.assertIn("has errors: people/twhitfield.yaml", text)
        self.assertIn("twhitfield's person file has errors", text)

    def test_status_of_and_with_an_unverified_person(self):
        mine = run(self.repo, "status", "--mentor", "twhitfield")
        self.assertEqual(mine.returncode, 2, mine.stderr)
        self.assertIn("Incomplete: people/twhitfield.yaml has errors", mine.stdout)
        self.assertIn("anwosu in walnut-valley", mine.stdout)
        self.assertIn("incomplete: people/anwosu.yaml has errors", mine.stdout)
        status = json.loads(run(self.repo, "status", "--mentor", "twhitfield", "--format", "json").stdout)
        validate_schema(status, "status-output.schema.json")
        self.assertTrue(status["own"])
        self.assertTrue(all(f["unverified"][0] == "twhitfield" for f in status["own"]))

    def test_an_unverified_person_is_a_filter_like_any_other(self):
        # Their findings are those of the whole audit, not "cannot be used".
        whole = json.loads(run(self.repo, "audit", "--all", "--format", "json").stdout)["findings"]
        for option, person in (("--mentor", "twhitfield"), ("--mentee", "anwosu")):
            result = run(self.repo, "audit", "--all", "--format", "json", option, person)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertNotIn("cannot be used", result.stderr)
            findings = json.loads(result.stdout)["findings"]
            self.assertTrue(findings)
            self.assertEqual(findings, [f for f in whole if f[option[2:]] == person])
            hours = run(self.repo, "report", "hours", option, person)
            self.assertNotIn("cannot be used", hours.stderr)
            self.assertIn("twhitfield -> anwosu", hours.stdout)


if __name__ == "__main__":
    unittest.main()

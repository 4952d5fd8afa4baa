#!/usr/bin/env python3
"""One bad person file never changes what is reported about anyone else (SPEC 7).

For every person file of every example repository, and of a small generated one: break
the file (indent its second line, a YAML syntax error), audit every school year with
--all, and compare with the audit of the intact repository. Every finding whose mentor
and mentee are both someone else must be unchanged, their mentors' training and caseload
findings included.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/broken_person_test.py
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

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


class BrokenPersonTest(unittest.TestCase):
    checked = 0

    def check_repository(self, name, original):
        as_of = AS_OF[name]
        baseline, _ = audit(original, as_of)
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


if __name__ == "__main__":
    unittest.main()

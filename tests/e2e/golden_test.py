#!/usr/bin/env python3
"""Audits every example at fixed as-of dates in every format and compares the output
with the files checked in under golden/<example>/<as-of>.<format>.

The checked-in files were reviewed against the deficits each example's README lists;
after a deliberate change of output, regenerate with --update and review the diff.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/golden_test.py [--update]
"""
import os
import subprocess
import sys
import unittest

from support import environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
NAMES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
AS_OF = ["2026-12-01", "2027-06-30"]
FORMATS = ["text", "json", "csv", "junit", "github"]
UPDATE = "--update" in sys.argv


def checkout_prefix(folder):
    """The folder from the top of its git work tree ("examples/dysart/"), "" outside git: github's
    file names start with it; the golden files are written without it."""
    try:
        result = subprocess.run(["git", "-C", folder, "rev-parse", "--show-prefix"], capture_output=True,
                                text=True, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        return ""
    return result.stdout.rstrip("\n") if result.returncode == 0 else ""


def audit(name, as_of, fmt, *options):
    return subprocess.run([MENTORCTL, "-C", os.path.join(EXAMPLES, name), "--as-of", as_of, "--color", "never",
                           "audit", "--format", fmt, *options], capture_output=True, text=True,
                          env=environment(as_of), stdin=subprocess.DEVNULL, timeout=120)


class Golden(unittest.TestCase):
    def test_examples(self):
        for name in NAMES:
            for as_of in AS_OF:
                for fmt in FORMATS:
                    with self.subTest(example=name, as_of=as_of, format=fmt):
                        result = audit(name, as_of, fmt)
                        self.assertIn(result.returncode, (0, 1), result.stderr)
                        self.assertEqual(result.stderr, "")
                        if fmt == "github":
                            prefix = checkout_prefix(os.path.join(EXAMPLES, name))
                            self.assertTrue(all(line.startswith(("::error file=" + prefix, "::warning file=" + prefix))
                                                for line in result.stdout.splitlines()), result.stdout)
                            result.stdout = "".join(line.replace(" file=" + prefix, " file=", 1)
                                                    for line in result.stdout.splitlines(keepends=True))
                        path = os.path.join(HERE, "golden", name, f"{as_of}.{fmt}")
                        if UPDATE:
                            os.makedirs(os.path.dirname(path), exist_ok=True)
                            with open(path, "w") as f:
                                f.write(result.stdout)
                        with open(path) as f:
                            self.assertEqual(result.stdout, f.read())


class MenteeSide(unittest.TestCase):
    def test_mentee_findings_are_the_mentees_and_selected_by_mentee(self):
        # subject: mentee (massachusetts) and matched-within (st-vrain) belong to the mentee alone.
        for name, mentee, requirement in [("massachusetts", "npetrov", "first-three-years"),
                                          ("st-vrain", "lcontreras", "matched-within")]:
            with self.subTest(example=name):
                result = audit(name, "2027-06-30", "csv", "--mentee", mentee)
                rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
                mine = [row for row in rows if row[3] == requirement]
                self.assertEqual(len(mine), 1, result.stdout)
                self.assertEqual(mine[0][5:7], ["", mentee])


if __name__ == "__main__":
    unittest.main(argv=[a for a in sys.argv if a != "--update"])

#!/usr/bin/env python3
"""End-to-end tests of `mentorctl certify` (SPEC 6.6) on the west-london example, in every
format, matching its README: creid's recommendation signed off by a fellow mentor,
pchauhan ready to award, ihussain's Mastery blocked by two open criteria.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/certify_test.py
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

from support import SOURCE, environment, validate_schema

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
EXAMPLE = SOURCE / "examples" / "west-london"
TODAY = "2027-03-01"


def run(root, *args):
    env = environment(TODAY)
    env.pop("MENTORCTL_USER", None)
    return subprocess.run([MENTORCTL, "-C", str(root), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


class CertifyTest(unittest.TestCase):
    def setUp(self):
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-certify-")) / "west-london"
        shutil.copytree(EXAMPLE, self.root)

    def tearDown(self):
        shutil.rmtree(self.root.parent, ignore_errors=True)

    def test_creid_recommendation_signed_off_by_a_fellow_mentor(self):
        result = run(self.root, "certify", "creid", "--level", "entry")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("not met  recommendation: signed off by pchauhan, who holds mentor, teacher "
                      "(allowed: head-teacher, pcm)", result.stdout)
        self.assertIn("7 of 8 criteria met", result.stdout)
        document = json.loads(run(self.root, "certify", "creid", "--level", "entry", "--format", "json").stdout)
        validate_schema(document, "certify-output.schema.json")
        self.assertEqual(list(document), ["person", "program", "level", "met", "criteria", "requires"])
        self.assertFalse(document["met"])
        unmet = [c for c in document["criteria"] if not c["met"]]
        self.assertEqual([c["id"] for c in unmet], ["recommendation"])
        self.assertIn("pchauhan", unmet[0]["reason"])
        self.assertEqual(document["requires"], [])
        rows = list(csv.reader(io.StringIO(run(self.root, "certify", "creid", "--level", "entry",
                                               "--format", "csv").stdout)))
        self.assertEqual(rows[0], ["person", "program", "level", "kind", "id", "met", "reason"])
        self.assertEqual(len(rows), 9)
        self.assertEqual(rows[1][:6], ["creid", "west-london", "entry", "criterion", "recommendation", "false"])

    def test_signer_whose_person_file_has_errors(self):
        # fcampbell signs three of creid's entry criteria; her file failed to load, so those
        # sign-offs cannot be verified, and the records with errors make the exit status 2
        path = self.root / "people" / "fcampbell.yaml"
        lines = path.read_text().splitlines(keepends=True)
        path.write_text(lines[0] + "  " + "".join(lines[1:]))
        result = run(self.root, "certify", "creid", "--level", "entry")
        self.assertEqual(result.returncode, 2, result.stderr)
        reason = "signed off by fcampbell, whose person file has errors, so the sign-off cannot be verified"
        self.assertEqual(result.stdout.count(reason), 3, result.stdout)
        self.assertIn("people/fcampbell.yaml:2:", result.stderr)
        before = (self.root / "certificates.yaml").read_bytes()
        award = run(self.root, "certify", "creid", "--level", "entry", "--award", "--by", "ocole")
        self.assertEqual(award.returncode, 2, award.stderr)
        self.assertIn("nothing awarded", award.stderr)
        self.assertEqual(award.stderr.count(reason), 3, award.stderr)
        self.assertEqual((self.root / "certificates.yaml").read_bytes(), before)

    def test_pchauhan_ready_to_award(self):
        result = run(self.root, "certify", "pchauhan", "--level", "entry")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("8 of 8 criteria met", result.stdout)
        before = (self.root / "certificates.yaml").read_bytes()
        dry = run(self.root, "certify", "pchauhan", "--level", "entry", "--award", "--by", "fcampbell", "--dry-run")
        self.assertEqual(dry.returncode, 0, dry.stderr)
        self.assertEqual((self.root / "certificates.yaml").read_bytes(), before)
        award = run(self.root, "certify", "pchauhan", "--level", "entry", "--award", "--by", "fcampbell")
        self.assertEqual(award.returncode, 0, award.stderr)
        added = ("  - person: pchauhan\n    program: west-london\n    level: entry\n    awarded: 2027-03-01\n"
                 "    awarded_by: fcampbell\n    expires: 2030-03-01\n")
        self.assertIn(added, award.stdout)
        self.assertEqual((self.root / "certificates.yaml").read_bytes(), before + added.encode())
        again = run(self.root, "certify", "pchauhan", "--level", "entry", "--award", "--by", "fcampbell")
        self.assertEqual(again.returncode, 2)
        self.assertIn("already holds entry", again.stderr)
        refused = run(self.root, "certify", "creid", "--level", "entry", "--award", "--by", "fcampbell")
        self.assertEqual(refused.returncode, 2)
        self.assertIn("recommendation: signed off by pchauhan", refused.stderr)
        self.assertEqual(run(self.root, "check").returncode, 0)

    def test_ihussain_mastery_blocked_by_two_open_criteria(self):
        result = run(self.root, "certify", "ihussain", "--level", "mastery", "--as-of", "2027-07-01")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("held     requires entry", result.stdout)
        document = json.loads(run(self.root, "certify", "ihussain", "--level", "mastery", "--format", "json",
                                  "--as-of", "2027-07-01").stdout)
        validate_schema(document, "certify-output.schema.json")
        self.assertEqual([c["met"] for c in document["criteria"]], [True, True, True, False])
        self.assertEqual(document["requires"], [{"level": "entry", "held": True, "reason": None}])
        # On 2027-03-01 two criteria are open: professionalism is signed off later, on 2027-03-19.
        early = json.loads(run(self.root, "certify", "ihussain", "--level", "mastery", "--format", "json").stdout)
        self.assertEqual([(c["id"], c["reason"]) for c in early["criteria"] if not c["met"]],
                         [("professionalism", "evidence dated 2027-03-19, after the as-of date 2027-03-01"),
                          ("self-development-and-partnership", "no evidence")])
        self.assertFalse(early["met"])
        # The Entry certificate is held on the day it expires, not the day after.
        expired = json.loads(run(self.root, "certify", "ihussain", "--level", "mastery", "--format", "json",
                                 "--as-of", "2027-07-11").stdout)
        self.assertEqual(expired["requires"], [{"level": "entry", "held": False, "reason": "expired on 2027-07-10"}])
        on_day = json.loads(run(self.root, "certify", "ihussain", "--level", "mastery", "--format", "json",
                                "--as-of", "2027-07-10").stdout)
        self.assertTrue(on_day["requires"][0]["held"])

    def test_all_candidates(self):
        result = run(self.root, "certify", "--all", "--level", "entry")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("pchauhan     west-london/entry: met; ready to award\n", result.stdout)
        self.assertIn("tnowak       west-london/entry: met; holds it (awarded 2027-02-12, expires 2030-02-12)\n",
                      result.stdout)
        self.assertIn("creid        west-london/entry: 1 of 8 criteria open", result.stdout)
        self.assertIn("jfletcher    west-london/entry: 4 of 8 criteria open", result.stdout)
        document = json.loads(run(self.root, "certify", "--all", "--level", "entry", "--format", "json").stdout)
        validate_schema(document, "certify-output.schema.json")
        by_person = {c["person"]: c["open_criteria"] for c in document["candidates"]}
        self.assertEqual(by_person["eadebayo"], 6)
        rows = list(csv.DictReader(io.StringIO(run(self.root, "certify", "--all", "--level", "entry",
                                                   "--format", "csv").stdout)))
        self.assertEqual({r["person"]: r["met"] for r in rows}["pchauhan"], "true")

    def test_list(self):
        result = run(self.root, "certify", "--list", "--as-of", "2027-07-31")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual([line.split()[0] for line in lines], ["ihussain", "tnowak"])
        self.assertIn("EXPIRED", lines[0])
        document = json.loads(run(self.root, "certify", "--list", "--format", "json", "--as-of", "2027-07-31").stdout)
        validate_schema(document, "certify-list-output.schema.json")
        self.assertEqual([c["status"] for c in document["certificates"]], ["expired", "held"])
        rows = list(csv.DictReader(io.StringIO(run(self.root, "certify", "--list", "--format", "csv",
                                                   "--valid-on", "2027-07-10").stdout)))
        self.assertEqual([r["person"] for r in rows], ["ihussain", "tnowak"])
        rows = list(csv.DictReader(io.StringIO(run(self.root, "certify", "--list", "--format", "csv",
                                                   "--valid-on", "2027-07-11").stdout)))
        self.assertEqual([r["person"] for r in rows], ["tnowak"])
        expired = run(self.root, "certify", "--list", "--expired", "--as-of", "2027-07-31").stdout
        self.assertEqual([line.split()[0] for line in expired.splitlines()], ["ihussain"])
        only = run(self.root, "certify", "--list", "--person", "tnowak").stdout
        self.assertEqual([line.split()[0] for line in only.splitlines()], ["tnowak"])
        verify = json.loads(run(self.root, "certify", "--list", "--verify", "--format", "json").stdout)
        validate_schema(verify, "certify-list-output.schema.json")
        self.assertIn("unsupported", verify["certificates"][0])

    def test_usage(self):
        self.assertEqual(run(self.root, "certify", "creid").returncode, 2)
        self.assertEqual(run(self.root, "certify", "creid", "--level", "nope").returncode, 2)
        self.assertEqual(run(self.root, "certify", "nobody", "--level", "entry").returncode, 2)
        self.assertEqual(run(self.root, "certify", "--list", "--valid-on", "soon").returncode, 2)


if __name__ == "__main__":
    unittest.main()

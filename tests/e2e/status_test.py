#!/usr/bin/env python3
"""End-to-end tests of `mentorctl status` (SPEC 5): its figures are the audit's, for
every mentor of every example at several dates (so the two can never drift); ASCII or
Unicode bars; 80 columns; the json against its schema; a checked-in output reviewed by
hand; and the messages for someone who is no mentor.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/status_test.py
"""
import json
import os
import pathlib
import subprocess
import tempfile
import unittest

from support import SOURCE, environment, validate_schema

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
HERE = pathlib.Path(__file__).resolve().parent
EXAMPLES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
DATES = ["2026-10-15", "2027-02-10", "2027-05-20"]
PAIR_TYPES = {"hours", "meetings", "observations"}


def run(example, *args, env=None):
    full = environment("2026-10-15")
    full.update(env or {})
    return subprocess.run([MENTORCTL, "-C", str(SOURCE / "examples" / example), *args], capture_output=True,
                          text=True, env=full, stdin=subprocess.DEVNULL, timeout=120)


def mentors_of(example):
    people = []
    for path in sorted((SOURCE / "examples" / example / "pairings").glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip().lstrip("- ").strip()
            if stripped.startswith("mentor:"):
                people.append(stripped.split(":", 1)[1].strip())
    return sorted(set(people))


class AgreesWithAudit(unittest.TestCase):
    def test_every_figure_is_the_audits(self):
        checked = 0
        for example in EXAMPLES:
            for as_of in DATES:
                for mentor in mentors_of(example):
                    with self.subTest(example=example, as_of=as_of, mentor=mentor):
                        result = run(example, "--as-of", as_of, "status", "--mentor", mentor, "--format", "json")
                        self.assertEqual(result.returncode, 0, result.stderr)
                        status = json.loads(result.stdout)
                        validate_schema(status, "status-output.schema.json")
                        audit = json.loads(run(example, "--as-of", as_of, "audit", "--all", "--mentor", mentor,
                                               "--format", "json").stdout)
                        findings = [f for f in audit["findings"] if f["mentor"] == mentor]
                        active = {(p["program"], p["mentee"]) for p in status["pairings"]}
                        for pairing in status["pairings"]:
                            key = (pairing["program"], pairing["mentee"])
                            expected = [f for f in findings if (f["program"], f["mentee"]) == key
                                        and f["type"] in PAIR_TYPES and f["from"] <= as_of <= f["to"]]
                            self.assertEqual(pairing["current"], expected)
                            self.assertEqual(pairing["milestones"],
                                             [f for f in findings if (f["program"], f["mentee"]) == key
                                              and f["type"] == "milestone"])
                        self.assertEqual(status["own"], [f for f in findings if f["mentee"] is None])
                        due = [f for f in findings if f["status"] == "due"]
                        self.assertEqual(status["due_next"], sorted(due, key=lambda f: f["to"]))
                        self.assertEqual(status["unmet"], sum(f["status"] == "unmet" for f in findings))
                        # Every pair finding of an active pairing open today is shown.
                        for f in findings:
                            if (f["program"], f["mentee"]) in active and f["type"] in PAIR_TYPES \
                                    and f["from"] <= as_of <= f["to"]:
                                self.assertTrue(any(f in p["current"] for p in status["pairings"]))
                        checked += 1
        self.assertGreater(checked, 60)


class Text(unittest.TestCase):
    def test_the_reviewed_output(self):
        result = run("walnut-valley", "--as-of", "2026-10-15", "--color", "never", "status", "--mentor", "arobinson")
        self.assertEqual(result.returncode, 0, result.stderr)
        expected = (HERE / "golden" / "walnut-valley" / "status-arobinson-2026-10-15.txt").read_text(encoding="utf-8")
        self.assertEqual(result.stdout, expected)
        # arobinson logged 1h15m in week 42 and 3h30m in October by 10-15 (logs/2026-27/arobinson.yaml).
        self.assertRegex(result.stdout, r"weekly-hour\s+2026-W42 ########## 1h15m of 1h\n")
        self.assertRegex(result.stdout, r"monthly-hours\s+2026-10  ########-- 3h30m of 4h, 30m more by 10-31\n")

    def test_every_example_against_its_reviewed_output(self):
        # The first mentor of each example's pairings on 2027-03-15, reviewed by hand against
        # the example's logs, trainings and evidence.
        goldens = sorted((HERE / "golden").glob("*/status-*-2027-03-15.txt"))
        self.assertEqual(len(goldens), len(EXAMPLES))
        for golden in goldens:
            example = golden.parent.name
            mentor = golden.name[len("status-"):-len("-2027-03-15.txt")]
            with self.subTest(example=example, mentor=mentor):
                result = run(example, "--as-of", "2027-03-15", "--color", "never", "status", "--mentor", mentor)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout, golden.read_text(encoding="utf-8"))

    def test_ascii_unless_a_utf8_terminal_allows_unicode_and_colour(self):
        plain = run("walnut-valley", "--color", "never", "status", "--mentor", "arobinson",
                    env={"LANG": "C.UTF-8"}).stdout
        self.assertNotIn("\u2587", plain)
        self.assertNotIn("\x1b[", plain)
        fancy = run("walnut-valley", "--color", "always", "status", "--mentor", "arobinson",
                    env={"LANG": "C.UTF-8", "LC_ALL": ""}).stdout
        self.assertIn("\u2587", fancy)
        self.assertIn("\x1b[", fancy)
        latin = run("walnut-valley", "--color", "always", "status", "--mentor", "arobinson",
                    env={"LANG": "C", "LC_ALL": ""}).stdout
        self.assertNotIn("\u2587", latin)

    def test_fits_80_columns(self):
        for example in EXAMPLES:
            for mentor in mentors_of(example):
                for as_of in DATES:
                    out = run(example, "--as-of", as_of, "--color", "never", "status", "--mentor", mentor).stdout
                    for line in out.splitlines():
                        self.assertLessEqual(len(line), 80, (example, mentor, line))
                        self.assertEqual(line, line.rstrip(), (example, mentor, line))

    def test_someone_who_is_no_mentor(self):
        result = run("walnut-valley", "status", "--mentor", "hschultz")
        self.assertEqual(result.returncode, 2)
        self.assertIn("hschultz holds no program's mentor role", result.stderr)
        result = run("walnut-valley", "status", "--mentor", "arobinsn")
        self.assertEqual(result.returncode, 2)
        self.assertIn("arobinson", result.stderr)
        result = run("walnut-valley", "status", env={"MENTORCTL_USER": "arobinson"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Status of arobinson", result.stdout)

    def test_yourself_from_git_is_never_replayed_for_someone_else(self):
        # The output is stored and replayed while the records are unchanged; who "yourself"
        # is, when git's user.email says it, is part of what it was stored for.
        with tempfile.TemporaryDirectory() as tmp:
            config = pathlib.Path(tmp) / "gitconfig"
            env = {"MENTORCTL_CACHE_DIR": str(pathlib.Path(tmp) / "cache"), "GIT_CONFIG_GLOBAL": str(config),
                   "GIT_CONFIG_NOSYSTEM": "1"}
            for name, email in [("arobinson", "aisha.robinson@walnutvalley-induction.example.org"),
                                ("dokafor", "daniel.okafor@walnutvalley-induction.example.org"),
                                ("arobinson", "aisha.robinson@walnutvalley-induction.example.org")]:
                config.write_text(f"[user]\n\temail = {email}\n", encoding="utf-8")
                full = environment("2026-10-15")
                full.pop("MENTORCTL_USER", None)
                full.update(env)
                result = subprocess.run([MENTORCTL, "-C", str(SOURCE / "examples" / "walnut-valley"), "status"],
                                        capture_output=True, text=True, env=full, stdin=subprocess.DEVNULL,
                                        timeout=120)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f"Status of {name}", result.stdout)
            self.assertTrue(any((pathlib.Path(tmp) / "cache").rglob("*")), "nothing was cached")


if __name__ == "__main__":
    unittest.main()

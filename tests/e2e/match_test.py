#!/usr/bin/env python3
"""End-to-end tests of `mentorctl match` (SPEC 6.5): the dysart example (an ineligible
mentor skipped for its reason, capacities reached, a `require` group with more mentees
than places), small repositories whose optimum is worked out by hand, determinism under
reordered records, every format, --explain, and --write followed by check and audit.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/match_test.py
"""
import csv
import io
import json
import os
import pathlib
import random
import shutil
import subprocess
import tempfile
import unittest

from support import SOURCE, environment, validate_schema, write_files

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
DYSART = SOURCE / "examples" / "dysart"


def run(root, *args, today="2026-08-20"):
    return subprocess.run([MENTORCTL, "-C", str(root), "--color", "never", *args], capture_output=True, text=True,
                          env=environment(today), stdin=subprocess.DEVNULL, timeout=120)


def match_json(root, *args):
    result = run(root, "match", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    validate_schema(document, "match-output.schema.json")
    return document


def pairs_of(document):
    return {p["mentee"]: p["mentor"] for p in document["pairs"]}


def reasons_of(document):
    return {u["mentee"]: u["reason"] for u in document["unmatched"]}


CALENDAR = "school_year: 2026-27\nfirst_day: 2026-08-24\nlast_day: 2027-06-04\n"


def person(pid, roles, **fields):
    lines = [f"id: {pid}", f"name: {pid.title()}", f"roles: [{', '.join(roles)}]", "programs: [p]"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def program(matching, requirements="[]"):
    return f"id: p\nname: Program P\nrequirements: {requirements}\nmatching:\n{matching}".replace(
        "requirements: \n", "requirements:\n")


class Dysart(unittest.TestCase):
    """The dysart example on 2026-08-20, checked against its person and pairing files."""

    @classmethod
    def setUpClass(cls):
        cls.document = match_json(DYSART, "--as-of", "2026-08-20")

    def test_the_proposal(self):
        self.assertEqual(self.document["program"], "dysart-peer-mentor")
        self.assertEqual(self.document["date"], "2026-08-20")
        # tmahmoud, cduarte and drusso (Canyon Ridge) compete for akarimi's one place left;
        # tmahmoud shares subjects and grades with akarimi (3 + 2), the others nothing.
        self.assertEqual(pairs_of(self.document), {"tmahmoud": "akarimi", "hsorensen": "koconnor"})
        self.assertEqual(self.document["matched"], 2)
        self.assertEqual(self.document["total_score"], 10)
        self.assertEqual(self.document["mentees"], 9)
        for pair in self.document["pairs"]:
            self.assertEqual(pair["agree"], ["subjects", "grades"])
        self.assertEqual([p["mentee"] for p in self.document["pairs"]],
                         sorted(p["mentee"] for p in self.document["pairs"]))

    def test_a_require_group_with_more_mentees_than_places(self):
        reasons = reasons_of(self.document)
        for mentee in ("cduarte", "drusso"):
            self.assertIn("the only place with an eligible mentor agreeing on site Canyon Ridge School (akarimi) "
                          "went to another mentee", reasons[mentee])
        places = {m["mentor"]: m for m in self.document["mentors"]}
        self.assertEqual(places["akarimi"], {"mentor": "akarimi", "capacity": 2, "active": 1, "proposed": 1,
                                             "left": 0})

    def test_an_ineligible_mentor_is_skipped_for_its_reason(self):
        left_out = {m["mentor"]: m["reason"] for m in self.document["left_out"]}
        self.assertEqual(left_out["tbegaye"],
                         "fails eligibility: rating is 'developing', not one of: proficient, highly-effective")
        self.assertIn("fails eligibility (tbegaye: rating is 'developing'", reasons_of(self.document)["imwangi"])
        self.assertNotIn("tbegaye", [p["mentor"] for p in self.document["pairs"]])

    def test_capacity_reached(self):
        left_out = {m["mentor"]: m["reason"] for m in self.document["left_out"]}
        self.assertEqual(left_out["lbennett"], "no place left: 2 of 2 taken by active pairings")
        self.assertIn("no mentor agreeing on site Sunset Hills Elementary has a place left", reasons_of(self.document)["bholt"])

    def test_csv_has_one_row_per_candidate(self):
        result = run(DYSART, "--as-of", "2026-08-20", "match", "--format", "csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        self.assertEqual(list(rows[0].keys()), ["mentee", "mentor", "score", "agree", "reason"])
        self.assertEqual(len(rows), 9)
        by_mentee = {r["mentee"]: r for r in rows}
        self.assertEqual(by_mentee["tmahmoud"], {"mentee": "tmahmoud", "mentor": "akarimi", "score": "5",
                                                 "agree": "subjects;grades", "reason": ""})
        self.assertEqual(by_mentee["drusso"]["mentor"], "")
        self.assertEqual(by_mentee["drusso"]["reason"], reasons_of(self.document)["drusso"])

    def test_text_shows_pairs_reasons_and_places(self):
        result = run(DYSART, "--as-of", "2026-08-20", "match")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("2 of 9 mentees matched, total score 10", result.stdout)
        self.assertRegex(result.stdout, r"tmahmoud\s+akarimi\s+5\s+subjects, grades")
        self.assertIn("Not matched (7):", result.stdout)
        self.assertRegex(result.stdout, r"akarimi\s+2 - 1 - 1 = 0")
        self.assertIn("tbegaye: fails eligibility", result.stdout)
        self.assertIn("'mentorctl match --write' appends these pairings", result.stdout)

    def test_explain_names_every_mentor_and_why(self):
        result = run(DYSART, "--as-of", "2026-08-20", "match", "--explain", "drusso")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("drusso in dysart-peer-mentor on 2026-08-20: not matched: the only place", result.stdout)
        self.assertRegex(result.stdout, r"akarimi\s+0\s+-\s+its place went to tmahmoud")
        self.assertRegex(result.stdout, r"tbegaye\s+-\s+disagrees on require: site Valley Vista High School")
        self.assertRegex(result.stdout, r"bfoster\s+-\s+fails eligibility: application.interview is 'scheduled'")
        explained = json.loads(run(DYSART, "--as-of", "2026-08-20", "match", "--explain", "tmahmoud",
                                   "--format", "json").stdout)
        self.assertEqual(explained["mentor"], "akarimi")
        self.assertEqual(explained["candidates"][0], {"mentor": "akarimi", "standing": "chosen", "score": 5,
                                                      "agree": ["subjects", "grades"], "detail": "proposed"})
        self.assertEqual(len(explained["candidates"]), 10)  # every mentor-role holder in the program

    def test_explain_someone_who_is_no_candidate(self):
        result = run(DYSART, "--as-of", "2026-08-20", "match", "--explain", "akarimi")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("not a candidate: akarimi does not hold dysart-peer-mentor's mentee role", result.stdout)


class HandWorked(unittest.TestCase):
    def repo(self, files):
        root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-match-"))
        self.addCleanup(shutil.rmtree, root)
        base = {"mentorctl.yaml": "mentorctl: 1\norganization: Test District\n", "calendars/2026-27.yaml": CALENDAR}
        base.update(files)
        write_files(root, base)
        return root

    def test_most_pairs_before_the_best_pair(self):
        # ann may take only mia (grade 3), scoring 9 (site); ben may take mia (14:
        # site and subjects) or noa (0). The best single pair is ben-mia (14), but it leaves
        # ann with nobody: the optimum pairs both, ann-mia and ben-noa, for 9.
        root = self.repo({
            "programs/p.yaml": program("  capacity: 1\n  require: [grades]\n  prefer: {site: 9, subjects: 5}\n"),
            "people/mia.yaml": person("mia", ["mentor"], grades="['3']", site="elm", subjects="[math]"),
            "people/noa.yaml": person("noa", ["mentor"], grades="['4']", site="oak", subjects="[art]"),
            "people/ann.yaml": person("ann", ["mentee"], grades="['3']", site="elm", subjects="[music]"),
            "people/ben.yaml": person("ben", ["mentee"], grades="['3', '4']", site="elm", subjects="[math]"),
        })
        document = match_json(root, "--as-of", "2026-08-24")
        self.assertEqual(pairs_of(document), {"ann": "mia", "ben": "noa"})
        self.assertEqual(document["total_score"], 9)
        explained = run(root, "--as-of", "2026-08-24", "match", "--explain", "ben")
        self.assertRegex(explained.stdout, r"mia\s+14\s+site, subjects\s+scores more, but its place went to ann")

    def test_list_values_agree_on_a_shared_element_and_missing_never_agrees(self):
        root = self.repo({
            "programs/p.yaml": program("  capacity: 3\n  prefer: {subjects: 4, grades: 2, language: 1}\n"),
            "people/mia.yaml": person("mia", ["mentor"], subjects="[math, science]", grades="['3', '4']",
                                      attributes="{language: spanish}"),
            "people/ann.yaml": person("ann", ["mentee"], subjects="[science]", grades="['5']",
                                      attributes="{language: spanish}"),
            "people/ben.yaml": person("ben", ["mentee"], grades="['4']"),
            "people/cal.yaml": person("cal", ["mentee"]),
        })
        document = match_json(root, "--as-of", "2026-08-24")
        self.assertEqual({p["mentee"]: (p["score"], p["agree"]) for p in document["pairs"]},
                         {"ann": (5, ["subjects", "language"]), "ben": (2, ["grades"]), "cal": (0, [])})

    def test_who_is_a_candidate_on_the_date(self):
        root = self.repo({
            "programs/p.yaml": program("  capacity: 5\n",
                                       "\n  - {id: years, type: eligibility, severity: error, "
                                       "attribute: years_experience, min: 3}\n"
                                       "  - {id: soft, type: eligibility, severity: warning, "
                                       "attribute: rating, in: [proficient]}"),
            "people/mia.yaml": person("mia", ["mentor"], career_start="2020-08-01", capacity=2),
            "people/old.yaml": person("old", ["mentor"], career_start="2024-08-01"),
            "people/gone.yaml": person("gone", ["mentor"], career_start="2010-08-01", left="2026-08-01"),
            "people/ann.yaml": person("ann", ["mentee"]),
            "people/ben.yaml": person("ben", ["mentee"], enrolled="2026-09-01"),
            "people/cal.yaml": person("cal", ["mentee"]),
            "people/dee.yaml": person("dee", ["mentee"]),
            "people/eve.yaml": person("eve", ["mentee"], left="2026-08-23"),
            "pairings/2025-26.yaml": "school_year: 2025-26\npairings:\n"
                                     "  - {mentor: mia, mentee: cal, program: p, start: 2026-03-01, end: 2026-12-01}\n"
                                     "  - {mentor: mia, mentee: dee, program: p, start: 2026-03-01, end: 2026-08-23}\n",
            "calendars/2025-26.yaml": "school_year: 2025-26\nfirst_day: 2025-08-25\nlast_day: 2026-06-05\n",
        })
        document = match_json(root, "--as-of", "2026-08-24")
        # ben not enrolled yet, cal still paired, eve left; dee's pairing ended yesterday.
        # mia: 2 places minus cal's active pairing; old: 2 years of experience < 3; gone left.
        self.assertEqual(document["mentees"], 2)
        self.assertEqual(pairs_of(document), {"ann": "mia"})
        self.assertIn("went to another mentee", reasons_of(document)["dee"])
        self.assertEqual({m["mentor"]: m["reason"] for m in document["left_out"]},
                         {"old": "fails eligibility: years_experience is 2 years, below the minimum of 3 years"})
        self.assertEqual(document["mentors"], [{"mentor": "mia", "capacity": 2, "active": 1, "proposed": 1, "left": 0}])
        # On 2026-09-01 ben is enrolled: three compete for mia's one place.
        self.assertEqual(match_json(root, "--as-of", "2026-09-01")["mentees"], 3)

    def test_nobody_is_matched_with_themself(self):
        root = self.repo({
            "programs/p.yaml": program("  capacity: 1\n"),
            "people/ann.yaml": person("ann", ["mentor", "mentee"]),
        })
        document = match_json(root, "--as-of", "2026-08-24")
        self.assertEqual(document["pairs"], [])
        self.assertEqual(reasons_of(document), {"ann": "no one else in p holds its mentor role"})

    def test_reasons_for_require(self):
        root = self.repo({
            "programs/p.yaml": program("  require: [district]\n"),
            "people/mia.yaml": person("mia", ["mentor"], district="north"),
            "people/ann.yaml": person("ann", ["mentee"], district="south"),
            "people/ben.yaml": person("ben", ["mentee"]),
        })
        reasons = reasons_of(match_json(root, "--as-of", "2026-08-24"))
        self.assertEqual(reasons["ann"], "no mentor agrees on require: district south")
        self.assertEqual(reasons["ben"],
                         "no district recorded for ben, and 'require: [district]' pairs only people whose district agree")

    def test_many_people_alike(self):
        # Five mentors and eight mentees with the same profile, one of them both: the lowest
        # ids take the places, the mentor who is also a mentee never gets themself, and the
        # reason names three of the mentors and counts the rest.
        files = {"programs/p.yaml": program("  capacity: 1\n  prefer: {district: 2}\n")}
        for k in range(5):
            files[f"people/m{k}.yaml"] = person(f"m{k}", ["mentor"], district="north")
        for k in range(7):
            files[f"people/e{k}.yaml"] = person(f"e{k}", ["mentee"], district="north")
        files["people/e7.yaml"] = person("e7", ["mentor", "mentee"], district="north")
        document = match_json(self.repo(files), "--as-of", "2026-08-24")
        self.assertEqual(pairs_of(document), {"e0": "e7", "e1": "m0", "e2": "m1", "e3": "m2", "e4": "m3",
                                              "e5": "m4"})
        self.assertEqual(document["total_score"], 12)
        self.assertEqual(reasons_of(document), {
            "e6": "all 6 places with eligible mentors in p (e7, m0, m1; and 3 more) went to other mentees",
            "e7": "all 5 places with eligible mentors in p (m0, m1, m2; and 2 more) went to other mentees"})


class Determinism(unittest.TestCase):
    """The same records written in other orders give byte-identical output."""

    def build(self, seed, order_seed):
        people = {}
        rng = random.Random(seed)
        districts = ["north", "south", "east"]
        subjects = ["math", "science", "art", "music"]
        for i in range(40):
            pid = f"m{i:02d}"
            chosen = rng.sample(subjects, rng.randint(1, 3))
            people[pid] = dict(roles=["mentor"], district=rng.choice(districts), subjects=chosen,
                               capacity=rng.randint(1, 3))
        for i in range(90):
            pid = f"n{i:02d}"
            people[pid] = dict(roles=["mentee"], district=rng.choice(districts),
                               subjects=rng.sample(subjects, rng.randint(1, 2)))
        pairings = [(f"m{rng.randrange(40):02d}", f"n{i:02d}") for i in range(0, 90, 9)]
        shuffle = random.Random(order_seed)
        files = {"mentorctl.yaml": "mentorctl: 1\norganization: Test District\n", "calendars/2026-27.yaml": CALENDAR,
                 "programs/p.yaml": program("  capacity: 2\n  require: [district]\n  prefer: {subjects: 1}\n")}
        for pid, p in people.items():
            subj = list(p["subjects"])
            shuffle.shuffle(subj)
            extra = {"district": p["district"], "subjects": "[" + ", ".join(subj) + "]"}
            if "capacity" in p:
                extra["capacity"] = p["capacity"]
            files[f"people/{pid}.yaml"] = person(pid, p["roles"], **extra)
        shuffle.shuffle(pairings)
        files["pairings/2026-27.yaml"] = "school_year: 2026-27\npairings:\n" + "".join(
            f"  - {{mentor: {m}, mentee: {n}, program: p, start: 2026-08-24}}\n" for m, n in pairings)
        items = list(files.items())
        shuffle.shuffle(items)  # files created in another order
        root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-match-order-"))
        self.addCleanup(shutil.rmtree, root)
        write_files(root, dict(items))
        return root

    def test_shuffled_records_give_identical_output(self):
        for seed in range(3):
            outputs = set()
            for order_seed in range(4):
                root = self.build(seed, order_seed)
                for fmt in ("json", "text", "csv"):
                    result = run(root, "--as-of", "2026-09-14", "--no-cache", "--threads", str(1 + order_seed % 2),
                                 "match", "--format", fmt)
                    self.assertEqual(result.returncode, 0, result.stderr)
                    outputs.add((fmt, result.stdout))
            self.assertEqual(len(outputs), 3, f"seed {seed}: the output depends on the order of the records")
            document = json.loads(next(out for fmt, out in outputs if fmt == "json"))
            self.assertGreater(document["matched"], 30)
            self.assertGreater(len(document["unmatched"]), 0)


class Write(unittest.TestCase):
    def copy(self):
        root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-match-write-")) / "dysart"
        self.addCleanup(shutil.rmtree, root.parent)
        shutil.copytree(DYSART, root)
        return root

    def test_write_appends_the_pairs_and_audit_sees_them(self):
        root = self.copy()
        pairings = root / "pairings" / "2026-27.yaml"
        before = pairings.read_text(encoding="utf-8")
        dry = run(root, "--as-of", "2026-08-20", "match", "--write", "--dry-run")
        self.assertEqual(dry.returncode, 0, dry.stderr)
        self.assertEqual(pairings.read_text(encoding="utf-8"), before)
        self.assertIn("mentee: tmahmoud", dry.stdout)
        written = run(root, "--as-of", "2026-08-20", "match", "--write")
        self.assertEqual(written.returncode, 0, written.stderr)
        after = pairings.read_text(encoding="utf-8")
        self.assertTrue(after.startswith(before), "a write only appends")
        added = after[len(before):]
        self.assertIn("mentor: akarimi", added)
        self.assertIn("mentee: tmahmoud", added)
        self.assertEqual(added.count("start: 2026-08-20"), 2)
        self.assertIn("2 of 9 mentees matched", written.stdout)
        self.assertIn("pairings/2026-27.yaml", written.stdout)
        check = run(root, "check")
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        # The new pairs are no candidates any more, and akarimi and koconnor are full.
        again = match_json(root, "--as-of", "2026-08-20")
        self.assertEqual(again["mentees"], 7)
        self.assertEqual(again["pairs"], [])
        self.assertNotIn("Nothing is written", written.stdout)
        # Nothing left to propose: the write is refused and writes nothing.
        refused = run(root, "--as-of", "2026-08-20", "match", "--write")
        self.assertEqual(refused.returncode, 2)
        self.assertIn("nothing to write", refused.stderr)
        self.assertEqual(pairings.read_text(encoding="utf-8"), after)

    def test_audit_sees_the_written_pairs(self):
        root = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-match-audit-"))
        self.addCleanup(shutil.rmtree, root)
        write_files(root, {
            "mentorctl.yaml": "mentorctl: 1\norganization: Test District\n",
            "calendars/2026-27.yaml": CALENDAR,
            "programs/p.yaml": program("  capacity: 1\n", "\n  - {id: monthly, type: hours, per: month, min: 4h}"),
            "people/mia.yaml": person("mia", ["mentor"]),
            "people/ann.yaml": person("ann", ["mentee"]),
        })
        before = json.loads(run(root, "--as-of", "2026-10-15", "audit", "--format", "json").stdout)
        self.assertEqual(before["findings"], [])
        written = run(root, "--as-of", "2026-09-01", "match", "--write")
        self.assertEqual(written.returncode, 0, written.stderr)
        self.assertEqual((root / "pairings" / "2026-27.yaml").read_text(encoding="utf-8"),
                         "school_year: 2026-27\npairings:\n"
                         "  - mentor: mia\n    mentee: ann\n    program: p\n    start: 2026-09-01\n")
        after = json.loads(run(root, "--as-of", "2026-10-15", "audit", "--format", "json").stdout)
        september = [f for f in after["findings"] if f["period"] == "2026-09"]
        self.assertEqual([(f["mentor"], f["mentee"], f["status"]) for f in september], [("mia", "ann", "unmet")])

    def test_usage_errors(self):
        cases = [
            (["match", "--dry-run"], "--dry-run goes with --write"),
            (["match", "--explain", "drusso", "--format", "csv"], "--explain prints text or json"),
            (["match", "--explain", "drussso"], "did you mean 'drusso'"),
            (["match", "--program", "dysart-peer"], "no such program"),
            (["match", "--start", "2026-02-30"], "--start '2026-02-30' is not a date"),
            (["match", "--write", "--explain", "drusso"], "does not go with --write"),
        ]
        for args, message in cases:
            result = run(DYSART, "--as-of", "2026-08-20", *args)
            self.assertEqual(result.returncode, 2, (args, result.stdout, result.stderr))
            self.assertIn(message, result.stderr, args)

    def test_records_with_errors_are_reported_once(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp) / "dysart"
            shutil.copytree(DYSART, root)
            log = sorted(root.glob("logs/*/*.yaml"))[0]
            with open(log, "a", encoding="utf-8") as f:
                f.write("  - {date: nope, mentee: drusso, duration: 1h}\n")
            result = run(root, "--as-of", "2026-08-20", "match")
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertEqual(result.stderr.count("[bad-date]"), 1, result.stderr)
            self.assertEqual(result.stderr.count("the match covers the rest"), 1, result.stderr)


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
"""Writes a deterministic records repository of any size, for benchmarks.

  generate_repo.py OUT --pairs N [--weeks W] [--seed S] [--programs P]

N pairings (one mentor per two mentees), W log entries per pairing spread over the
school year's 41 teaching weeks (about N x W entries in logs/2026-27/), observations every ~6 weeks, trainings, a
calendar with breaks, and a little variety (kinds, topics, gaps, missing weeks).
"""
import argparse
import datetime
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pairs", type=int, required=True)
    ap.add_argument("--weeks", type=int, default=36)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--programs", type=int, default=3)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = a.out

    def write(rel, text):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    write("mentorctl.yaml", "mentorctl: 1\norganization: Generated State Agency\n")
    write("calendars/2026-27.yaml",
          "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\nbreaks:\n"
          "  - {name: Thanksgiving, from: 2026-11-23, to: 2026-11-27}\n"
          "  - {name: Winter break, from: 2026-12-21, to: 2027-01-01}\n"
          "  - {name: Spring break, from: 2027-03-22, to: 2027-03-26}\n"
          "closed: [2026-09-07, 2027-01-18]\n")
    programs = [f"program-{i}" for i in range(a.programs)]
    for p in programs:
        write(f"programs/{p}.yaml",
              f"id: {p}\nname: Generated {p}\nrequirements:\n"
              "  - id: weekly-hour\n    type: hours\n    text: Meet at least one hour per week\n    per: week\n    min: 1h\n"
              "  - id: monthly-hours\n    type: hours\n    text: At least four hours per month\n    per: month\n    min: 4h\n"
              "  - id: observations\n    type: observations\n    text: Observe three times a year\n    per: school-year\n    min: 3\n"
              "  - id: agreement\n    type: milestone\n    text: Agreement within two weeks\n    within: 14d\n"
              "  - id: summer\n    type: training\n    text: Attend the summer institute\n    kinds: [full-day]\n    min: 1\n"
              "  - id: caseload\n    type: caseload\n    max: 3\n"
              "stipend:\n  basis: pairing\n  amount: 1000\n  by_district: {District 0: 1500, District 1: 1250}\n"
              "  prorate: true\n  requires: [weekly-hour, monthly-hours, observations]\n")
    mentors = (a.pairs + 1) // 2
    districts = [f"District {i}" for i in range(20)]
    for m in range(mentors):
        p = programs[m % len(programs)]
        write(f"people/m{m:06d}.yaml",
              f"id: m{m:06d}\nname: Mentor {m}\nemail: m{m}@example.org\nroles: [mentor]\nprograms: [{p}]\n"
              f"district: {rnd.choice(districts)}\ncareer_start: {2000 + m % 20}-08-15\nrating: proficient\n")
    pair_lines = ["school_year: 2026-27", "pairings:"]
    logs = {}
    observations = {}
    start = datetime.date(2026, 8, 24)
    teaching_weeks = 41  # 2026-08-24 to 2027-06-04
    topics = ["classroom management", "lesson planning", "assessment", "ILP goals", "family communication"]
    kinds = ["meeting", "meeting", "meeting", "co-planning", "call", "observation"]
    for n in range(a.pairs):
        m = n // 2
        p = programs[m % len(programs)]
        mentee = f"e{n:06d}"
        write(f"people/{mentee}.yaml",
              f"id: {mentee}\nname: Mentee {n}\nemail: e{n}@example.org\nroles: [mentee]\nprograms: [{p}]\n"
              f"enrolled: 2026-08-10\n")
        pair_lines += [f"  - mentor: m{m:06d}", f"    mentee: {mentee}", f"    program: {p}", "    start: 2026-08-24"]
        entries = logs.setdefault(m, [])
        for w in range(a.weeks):
            if rnd.random() < 0.05:
                continue
            # W entries spread over the year's teaching weeks (two in a week when W > 41),
            # so every date stays inside the school year.
            day = start + datetime.timedelta(weeks=w * teaching_weeks // a.weeks, days=rnd.randrange(5))
            lines = [f"  - date: {day.isoformat()}", f"    mentee: {mentee}",
                     f"    duration: {rnd.choice(['45m', '1h', '1h', '1h15m', '1h30m'])}",
                     f"    kind: {rnd.choice(kinds)}", f"    topics: [{rnd.choice(topics)}]"]
            if w == 0:
                lines.append("    completes: [agreement]")
            entries.append((day, "\n".join(lines)))
        obs = []
        for w in range(2, min(a.weeks, teaching_weeks), 6):
            day = start + datetime.timedelta(weeks=w, days=2)
            obs.append(f"  - date: {day.isoformat()}\n    observer: m{m:06d}\n    duration: 50m\n    focus: Student engagement")
        observations[mentee] = obs
    write("pairings/2026-27.yaml", "\n".join(pair_lines) + "\n")
    for m, entries in logs.items():
        entries.sort()
        write(f"logs/2026-27/m{m:06d}.yaml", f"mentor: m{m:06d}\nentries:\n" + "\n".join(e for _, e in entries) + "\n")
    for mentee, obs in observations.items():
        write(f"observations/2026-27/{mentee}.yaml", f"mentee: {mentee}\nobservations:\n" + "\n".join(obs) + "\n")
    attendees = "\n".join(f"      - m{m:06d}" for m in range(mentors) if m % 17 != 0)
    write("trainings/2026-27.yaml",
          "school_year: 2026-27\nsessions:\n  - id: summer-institute\n    date: 2026-08-05\n    kind: full-day\n"
          f"    title: Summer Institute\n    duration: 6h\n    attendees:\n{attendees}\n")


if __name__ == "__main__":
    main()

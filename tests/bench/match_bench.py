#!/usr/bin/env python3
"""Measures `mentorctl match` on the two sizes SPEC 6.5 names and prints a table; a
benchmark, not a test.

  match_bench.py [--build build] [--runs 3] [--scale 1.0] [--json FILE]

Instances (generated deterministically in a temporary folder, seed 1):
  (a) 2,000 mentees x 1,000 mentors, capacity 2, no `require` (one group, 2M possible pairs),
      prefer {site: 5, subjects: 3, grades: 2, position: 4};
  (b) 20,000 mentees x 10,000 mentors, capacity 2, `require: [district]` with 100 districts
      (groups of about 200 mentees and 100 mentors), the same prefer.
--scale multiplies the sizes (the smoke test uses a small one). Each figure is the median
of --runs runs of the whole command, loading included: cold (no cache) and warm (the
result cache filled by the run before), and the cold run's peak RSS. The output of every run must be identical.
"""
import argparse
import json
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SITES = [f"site-{i}" for i in range(40)]
SUBJECTS = ["math", "science", "english", "history", "art", "music", "pe", "spanish"]
GRADES = [str(g) for g in range(1, 13)]
POSITIONS = ["teacher", "counselor", "specialist", "aide"]


def person(pid, role, rng, district, capacity=None):
    subjects = ", ".join(rng.sample(SUBJECTS, rng.randint(1, 2)))
    grades = ", ".join(f"'{g}'" for g in rng.sample(GRADES, rng.randint(1, 3)))
    text = (f"id: {pid}\nname: {pid.upper()}\nroles: [{role}]\nprograms: [p]\n"
            f"district: {district}\nsite: {rng.choice(SITES)}\nposition: {rng.choice(POSITIONS)}\n"
            f"subjects: [{subjects}]\ngrades: [{grades}]\n")
    if capacity is not None:
        text += f"capacity: {capacity}\n"
    return text


def generate(root, mentees, mentors, districts, require):
    rng = random.Random(1)
    root.mkdir(parents=True)
    (root / "mentorctl.yaml").write_text("mentorctl: 1\norganization: Bench\n")
    (root / "calendars").mkdir()
    (root / "calendars" / "2026-27.yaml").write_text("school_year: 2026-27\nfirst_day: 2026-08-24\n"
                                                      "last_day: 2027-06-04\n")
    (root / "programs").mkdir()
    (root / "programs" / "p.yaml").write_text(
        "id: p\nname: Bench\nrequirements: []\nmatching:\n  capacity: 2\n"
        + (f"  require: [district]\n" if require else "")
        + "  prefer: {site: 5, subjects: 3, grades: 2, position: 4}\n")
    people = root / "people"
    people.mkdir()
    for i in range(mentors):
        (people / f"m{i:05d}.yaml").write_text(person(f"m{i:05d}", "mentor", rng, f"d{i % districts}"))
    for i in range(mentees):
        (people / f"n{i:05d}.yaml").write_text(person(f"n{i:05d}", "mentee", rng, f"d{i % districts}"))


def timed(command, env):
    """Wall seconds, the child's peak RSS in MB (os.wait4), and its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({child.returncode}):\n{err.read().decode()}")
        return elapsed, usage.ru_maxrss / 1024, out.read().decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--json")
    args = parser.parse_args()
    binary = str(pathlib.Path(args.build, "mentorctl").resolve())
    instances = [("(a) no require", 2000, 1000, 1, False), ("(b) require: district", 20000, 10000, 100, True)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="mentorctl-match-bench-") as tmp:
        for name, mentees, mentors, districts, require in instances:
            mentees = max(2, int(mentees * args.scale))
            mentors = max(1, int(mentors * args.scale))
            districts = max(1, int(districts * args.scale)) if require else 1
            root = pathlib.Path(tmp) / name.split()[0].strip("()")
            generate(root, mentees, mentors, districts, require)
            cache = pathlib.Path(tmp) / "cache"
            env = dict(os.environ, MENTORCTL_CACHE_DIR=str(cache), XDG_CACHE_HOME=str(cache), NO_COLOR="1")
            command = [binary, "-C", str(root), "--as-of", "2026-08-24", "match", "--format", "json"]
            cold, warm, rss, outputs = [], [], [], set()
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                seconds, megabytes, out = timed(command, env)
                cold.append(seconds)
                rss.append(megabytes)
                outputs.add(out)
                seconds, _, out = timed(command, env)
                warm.append(seconds)
                outputs.add(out)
            if len(outputs) != 1:
                sys.exit(f"{name}: the output differs between runs")
            document = json.loads(outputs.pop())
            rows.append({"instance": name, "mentees": mentees, "mentors": mentors,
                         "matched": document["matched"], "total_score": document["total_score"],
                         "cold_s": statistics.median(cold), "warm_s": statistics.median(warm),
                         "cold_peak_rss_mb": statistics.median(rss)})
            shutil.rmtree(root)
    print(f"match, whole command (medians of {args.runs}), {os.cpu_count()} cores")
    print(f"{'instance':<24} {'mentees':>8} {'mentors':>8} {'matched':>8} {'score':>8} {'cold s':>8} {'warm s':>8}"
          f" {'cold MB':>8}")
    for r in rows:
        print(f"{r['instance']:<24} {r['mentees']:>8} {r['mentors']:>8} {r['matched']:>8} {r['total_score']:>8} "
              f"{r['cold_s']:>8.3f} {r['warm_s']:>8.3f} {r['cold_peak_rss_mb']:>8.0f}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()

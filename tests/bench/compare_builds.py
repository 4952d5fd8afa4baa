#!/usr/bin/env python3
"""Compares two builds of mentorctl command by command: a restructure must not change
what any command prints, returns or writes.

  compare_builds.py BEFORE AFTER [--pairs N] [--keep]

BEFORE and AFTER are mentorctl binaries (say, one built from main and one from a
branch). On every example and on a generated repository (tests/bench/generate_repo.py,
N pairings) both run: check and audit in every format, stipend, certify, status, report
hours and match, each twice (the second run reads the cache and replays the stored
result); then every write command, succeeding and refused, each in a fresh copy of the
repository, comparing the files it leaves as well. Standard output, standard error and
the exit status must be byte-identical. Exits 1 and prints each difference otherwise.
"""
import argparse
import difflib
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
EXAMPLES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
TODAY = "2027-06-30"
DATES = ["2026-10-15", "2027-03-15", "2027-06-30"]


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def people(repo):
    found = {}
    for path in sorted(glob.glob(os.path.join(repo, "people", "*.yaml"))):
        doc = load_yaml(path)
        if isinstance(doc, dict) and "id" in doc:
            found[doc["id"]] = doc
    return found


def pairings(repo):
    found = []
    for path in sorted(glob.glob(os.path.join(repo, "pairings", "*.yaml"))):
        for item in load_yaml(path).get("pairings") or []:
            found.append(item)
    return found


def programs(repo):
    return [load_yaml(p) for p in sorted(glob.glob(os.path.join(repo, "programs", "*.yaml")))]


def read_commands(repo):
    """Read-only commands for this repository (ids taken from its files)."""
    commands = [["check", "--format", "json"]]
    for day in DATES:
        commands.append(["check", "--as-of", day])
        for fmt in ("text", "json", "csv", "junit", "github"):
            commands.append(["audit", "--as-of", day, "--format", fmt])
        commands.append(["audit", "--as-of", day, "--all"])
        for fmt in ("text", "json", "csv"):
            commands.append(["stipend", "--as-of", day, "--format", fmt])
        commands.append(["certify", "--list", "--as-of", day])
        commands.append(["report", "hours", "--as-of", day, "--format", "json"])
        commands.append(["report", "hours", "--as-of", day, "--by", "week"])
    mentors = sorted({p["mentor"] for p in pairings(repo)})[:3]
    for mentor in mentors:
        commands.append(["status", "--mentor", mentor, "--as-of", DATES[1]])
        commands.append(["audit", "--mentor", mentor, "--as-of", DATES[1], "--format", "json"])
    for program in programs(repo)[:3]:
        commands.append(["match", "--program", program["id"], "--as-of", DATES[0], "--format", "json"])
        if program.get("certification"):
            commands.append(["certify", "--all", "--program", program["id"], "--as-of", DATES[2]])
    return commands


def write_commands(repo):
    """Write commands for this repository: some that succeed, some that are refused."""
    everyone = people(repo)
    commands = []
    for p in pairings(repo)[:2]:
        mentor, mentee, program = p["mentor"], p["mentee"], p["program"]
        day = str(p.get("start"))
        commands += [
            ["log", "--mentor", mentor, "--mentee", mentee, "--duration", "45m", "--date", DATES[1],
             "--topic", "planning: next week", "--notes", "notes"],
            ["log", "--mentor", mentor, "--mentee", mentee, "--duration", "1h", "--date", DATES[1], "--dry-run"],
            ["log", "--mentor", mentor, "--mentee", mentee, "--duration", "1x", "--date", DATES[1]],
            ["log", "--mentor", mentor, "--mentee", mentee + "x", "--duration", "1h", "--date", DATES[1]],
            ["log", "--mentor", mentee, "--mentee", mentor, "--duration", "1h", "--date", DATES[1]],
            ["log", "--mentor", mentor, "--mentee", mentee, "--duration", "1h", "--date", "2027-08-01"],
            ["observe", "--mentee", mentee, "--observer", mentor, "--date", DATES[1], "--duration", "30m",
             "--focus", "questioning", "--evidence", "seen"],
            ["observe", "--mentee", mentee + "x", "--observer", mentor, "--date", DATES[1]],
            ["pair", mentor, mentee, "--program", program, "--start", day],
            ["pair", mentor, mentee, "--program", program, "--start", "2027-09-01"],
            ["training", "add", "--id", "compare-1", "--date", DATES[0], "--kind", "workshop",
             "--title", "Comparing", "--duration", "1h"],
            ["training", "attend", "no-such-session", mentor],
        ]
    for program in programs(repo):
        for level in (program.get("certification") or {}).get("levels") or []:
            for criterion in level.get("criteria") or []:
                for person in sorted(everyone)[:2]:
                    commands.append(["evidence", person, "--criterion", f"{level['id']}/{criterion['id']}",
                                     "--program", program["id"], "--date", DATES[1]])
                break
            break
    return commands


def run(binary, args, cwd, cache):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MENTORCTL_USER", "COLUMNS")}
    env.update({"MENTORCTL_TODAY": TODAY, "MENTORCTL_CACHE_DIR": cache, "NO_COLOR": "1"})
    r = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL,
                       timeout=600)
    return r.returncode, r.stdout, r.stderr


def tree(root):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            with open(full, "rb") as f:
                files[os.path.relpath(full, root)] = f.read()
    return files


def describe(label, args, before, after):
    lines = [f"DIFFERENT: {label}: mentorctl {' '.join(args)}"]
    names = ("status", "stdout", "stderr", "files")
    for name, a, b in zip(names, before, after):
        if a == b:
            continue
        if name == "status":
            lines.append(f"  exit status {a} != {b}")
        elif name == "files":
            for path in sorted(set(a) | set(b)):
                if a.get(path) != b.get(path):
                    lines.append(f"  file {path} differs")
        else:
            diff = difflib.unified_diff(a.decode(errors="replace").splitlines(),
                                        b.decode(errors="replace").splitlines(), "before", "after", lineterm="")
            lines += ["  " + line for line in list(diff)[:40]]
    return "\n".join(lines)


def compare(binaries, label, repo, work):
    problems = []
    count = 0
    caches = [os.path.join(work, f"cache-{i}") for i in range(2)]
    for args in read_commands(repo):
        for attempt in ("cold", "warm"):
            results = [run(b, args, repo, c) for b, c in zip(binaries, caches)]
            count += 1
            if results[0] != results[1]:
                problems.append(describe(f"{label} ({attempt})", args, results[0], results[1]))
    copy = os.path.join(work, "copy")
    for args in write_commands(repo):
        results = []
        for binary, cache in zip(binaries, caches):
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(repo, copy, symlinks=True)
            status, out, err = run(binary, args, copy, cache)
            results.append((status, out, err, tree(copy)))
        count += 1
        if results[0] != results[1]:
            problems.append(describe(label, args, results[0], results[1]))
    return count, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--pairs", type=int, default=60, help="pairings in the generated repository")
    ap.add_argument("--keep", action="store_true", help="keep the working folder")
    a = ap.parse_args()
    binaries = [os.path.abspath(a.before), os.path.abspath(a.after)]
    work = tempfile.mkdtemp(prefix="mentorctl-compare-")
    try:
        total = 0
        problems = []
        repos = [(name, os.path.join(SOURCE, "examples", name)) for name in EXAMPLES]
        generated = os.path.join(work, "generated-repository")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_repo.py"), generated, "--pairs",
                        str(a.pairs), "--weeks", "12"], check=True, stdout=subprocess.DEVNULL)
        repos.append(("generated", generated))
        for label, repo in repos:
            count, found = compare(binaries, label, repo, os.path.join(work, label))
            print(f"{label}: {count} runs, {len(found)} different", flush=True)
            total += count
            problems += found
        for problem in problems:
            print(problem)
        print(f"{total} runs compared, {len(problems)} different")
        return 1 if problems else 0
    finally:
        if a.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

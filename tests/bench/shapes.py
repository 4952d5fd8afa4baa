#!/usr/bin/env python3
"""Times `mentorctl check` on one record file of just under 16 MiB (the size limit) in
each of several shapes: one mapping with a million keys, a million empty entries, a
million entries with errors, long scalars, deep lists. Every shape should take about a
second and memory proportional to the file; the figures are printed, not asserted.

Run: python3 tests/bench/shapes.py --build build [--shape NAME]
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

LIMIT = 16 * 1024 * 1024 - 4096


def fill(head, line_of, limit=LIMIT):
    """`head`, then line_of(0), line_of(1), ... while the whole stays under `limit` bytes."""
    parts = [head]
    size = len(head)
    i = 0
    while True:
        line = line_of(i)
        if size + len(line) > limit:
            break
        parts.append(line)
        size += len(line)
        i += 1
    return "".join(parts)


SHAPES = {
    # A person file whose attributes mapping holds a million keys (the quadratic check).
    "many-keys": ("people/jdoe.yaml", lambda: fill("id: jdoe\nname: J\nattributes:\n", lambda i: f"  k{i}: 1\n")),
    # A log of a million `- {}` entries: every one an error.
    "empty-entries": ("logs/2026-27/jdoe.yaml", lambda: fill("mentor: jdoe\nentries:\n", lambda i: "- {}\n")),
    # A log of valid-looking entries.
    "entries": ("logs/2026-27/jdoe.yaml",
                lambda: fill("mentor: jdoe\nentries:\n",
                             lambda i: f"  - {{date: 2026-09-{i % 28 + 1:02d}, mentee: asmith, duration: 30m}}\n")),
    # One scalar of 16 MiB.
    "long-scalar": ("people/jdoe.yaml", lambda: "id: jdoe\nname: " + "x" * (LIMIT - 20) + "\n"),
    # Lists nested to the depth limit, over and over.
    "deep": ("people/jdoe.yaml",
             lambda: fill("id: jdoe\nname: J\nattributes:\n", lambda i: f"  d{i}: " + "[" * 60 + "]" * 60 + "\n")),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build", help="the build folder holding mentorctl")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append", help="only these shapes")
    args = parser.parse_args()
    mentorctl = os.path.abspath(os.path.join(args.build, "mentorctl"))
    for name in args.shape or sorted(SHAPES):
        path, make = SHAPES[name]
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            (root / "mentorctl.yaml").write_text("mentorctl: 1\norganization: Bench\nschool_year_start: 07-01\n")
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(make())
            start = time.monotonic()
            with tempfile.TemporaryFile() as out:
                child = subprocess.Popen([mentorctl, "-C", str(root), "--no-cache", "-q", "check"], stdout=out,
                                         stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(child.pid, 0)
                child.returncode = os.waitstatus_to_exitcode(status)
                seconds = time.monotonic() - start
                out.seek(0)
                lines = out.read().count(b"\n")
            print(f"{name:14} {target.stat().st_size / 2**20:5.1f} MiB  {seconds:6.2f} s  "
                  f"max RSS {usage.ru_maxrss / 1024:7.1f} MiB  exit {child.returncode}  {lines} lines of output")
    return 0


if __name__ == "__main__":
    sys.exit(main())

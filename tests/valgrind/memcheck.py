#!/usr/bin/env python3
"""valgrind memcheck over end-to-end runs of `check`, `audit` and `log` on every example.

For each example (a copy in a temporary folder, with its own cache folder):
  check        twice: the first run parses every file and writes the cache of parsed
               files, the second reads the cache back
  audit        as of the date the examples are audited at (the rules and the text report)
  log          one entry for the first pairing, written through the whole write path
               (lock, load, validate, read back, atomic replace)
Each run must exit with its usual status and valgrind must report no error: invalid
reads or writes, uses of uninitialised values, bad frees, or memory definitely or
indirectly lost (--error-exitcode=99). The other output formats, commands and the unit
tests run under ASan/UBSan instead; this subset keeps memcheck to a few minutes in CI.
The binary's threads are capped at 2.

  memcheck.py MENTORCTL [EXAMPLE...]
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
AS_OF = "2027-06-30"
VALGRIND = ["valgrind", "--tool=memcheck", "--error-exitcode=99", "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect", "--show-leak-kinds=definite,indirect",
            "--track-origins=yes", "--child-silent-after-fork=yes"]


def first_pairing(root):
    for path in sorted((root / "pairings").glob("*.yaml")):
        for pairing in yaml.safe_load(path.read_text(encoding="utf-8")).get("pairings") or []:
            return pairing
    return None


def runs_for(root):
    """(name, arguments, allowed exit statuses) of the runs on one example."""
    common = ["-C", str(root), "--threads", "2", "--as-of", AS_OF, "--color", "never"]
    runs = [
        ("check (parses every file, writes the cache)", common + ["check"], {0}),
        ("check (reads the cache)", common + ["check"], {0}),
        ("audit", common + ["audit"], {0, 1}),
    ]
    pairing = first_pairing(root)
    if pairing is not None:
        start = str(pairing["start"])
        runs.append(("log", ["-C", str(root), "--threads", "2", "log", "--mentor", pairing["mentor"], "--mentee",
                             pairing["mentee"], "--duration", "45m", "--date", start, "--notes", "memcheck",
                             "--force"], {0}))
    return runs


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    if shutil.which("valgrind") is None:
        print("memcheck: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    names = argv[2:] or sorted(p.name for p in (SOURCE / "examples").iterdir() if (p / "mentorctl.yaml").exists())
    failures = 0
    executed = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mentorctl-memcheck-") as tmp:
        for name in names:
            root = pathlib.Path(tmp) / name
            shutil.copytree(SOURCE / "examples" / name, root)
            env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MENTORCTL_USER")}
            env.update(MENTORCTL_TODAY=AS_OF, MENTORCTL_CACHE_DIR=str(pathlib.Path(tmp) / f"{name}-cache"))
            for what, args, statuses in runs_for(root):
                log = pathlib.Path(tmp) / "valgrind.log"
                r = subprocess.run(VALGRIND + [f"--log-file={log}", binary] + args, capture_output=True, text=True,
                                   env=env, stdin=subprocess.DEVNULL, timeout=900)
                report = log.read_text(errors="replace") if log.exists() else ""
                executed += 1
                # valgrind ran the whole program and found nothing (a run that never started
                # valgrind has no summary, and never passes).
                clean = "ERROR SUMMARY: 0 errors from 0 contexts" in report
                if r.returncode not in statuses or not clean:
                    failures += 1
                    print(f"memcheck: {name}: {what}: exit {r.returncode} (expected {sorted(statuses)})\n"
                          f"{report[-6000:]}{r.stderr[-2000:]}", file=sys.stderr)
                else:
                    print(f"memcheck: {name}: {what}: clean")
            if first_pairing(root) is not None:
                # The write really happened: the entry is in the records.
                hits = subprocess.run(["grep", "-rl", "notes: memcheck", str(root / "logs")], capture_output=True,
                                      text=True).stdout.split()
                if len(hits) != 1:
                    failures += 1
                    print(f"memcheck: {name}: the log entry was not written", file=sys.stderr)
    elapsed = time.monotonic() - started
    if executed == 0:
        print("memcheck: nothing ran", file=sys.stderr)
        return 1
    print(f"memcheck: {executed} runs on {len(names)} examples in {elapsed:.0f} s, {failures} with errors")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

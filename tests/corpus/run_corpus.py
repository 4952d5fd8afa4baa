#!/usr/bin/env python3
"""Runs `mentorctl check` on every case of the bad-input corpus.

Each case in cases/<name>/ is a set of files laid over the valid repository in base/
(DELETE lists base files to remove, GENERATE lists files to create at run time as
"path size"). The diagnostics `check` prints must equal the case's `expected` file,
line for line; the exit status must be 1 when any error is expected, else 0; and the
JSON output must hold the same diagnostics.

  run_corpus.py MENTORCTL [--update] [CASE...]
  run_corpus.py --schemas CHECK_SCHEMAS_PY    files in SCHEMA_INVALID must fail the schemas
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CONTROL = {"expected", "DELETE", "GENERATE", "SCHEMA_INVALID"}


def build_case(name, into):
    base = os.path.join(HERE, "base")
    case = os.path.join(HERE, "cases", name)
    shutil.copytree(base, into, symlinks=True)
    control = lambda f: open(os.path.join(case, f)).read().split("\n") if os.path.exists(os.path.join(case, f)) else []
    for rel in filter(None, control("DELETE")):
        os.remove(os.path.join(into, rel))
    for dirpath, dirnames, filenames in os.walk(case):
        for f in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            src = os.path.join(dirpath, f)
            rel = os.path.relpath(src, case)
            if rel in CONTROL:
                continue
            dst = os.path.join(into, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if os.path.lexists(dst):
                os.remove(dst)
            if os.path.islink(src):
                os.symlink(os.readlink(src), dst)
            else:
                shutil.copyfile(src, dst)
    for line in filter(None, control("GENERATE")):
        rel, size = line.split()
        with open(os.path.join(into, rel), "wb") as f:
            entry = b"  - date: 2026-08-25\n    mentee: asmith\n    duration: 1h\n"
            f.write(b"mentor: jdoe\nentries:\n")
            f.write(entry * (int(size) // len(entry) + 1))


def errors_counted(line):
    """How many errors a diagnostic line stands for: "and K more errors" stands for K."""
    if line.endswith("[too-many-diagnostics]"):
        return int(line.split(": and ", 1)[1].split()[0])
    return 1


def run_check(mentorctl, root, *extra):
    return subprocess.run([mentorctl, "-C", root, "--color", "never", "check", *extra],
                          capture_output=True, text=True, errors="replace", timeout=120)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--schemas":
        return check_schemas(args[1])
    mentorctl = args[0]
    update = "--update" in args
    names = [a for a in args[1:] if not a.startswith("--")] or sorted(os.listdir(os.path.join(HERE, "cases")))
    failures = 0
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "repo")
            build_case(name, root)
            text = run_check(mentorctl, root, "-q")
            lines = [l for l in text.stdout.splitlines() if not l.startswith("  ")]
            expected_path = os.path.join(HERE, "cases", name, "expected")
            problems = []
            if text.returncode not in (0, 1, 2):
                problems.append(f"exit status {text.returncode}; stderr: {text.stderr.strip()}")
            if update:
                with open(expected_path, "w") as f:
                    f.write("".join(l + "\n" for l in lines))
            expected = open(expected_path).read().splitlines() if os.path.exists(expected_path) else None
            if expected is None:
                problems.append("no expected file")
            elif lines != expected:
                problems.append("diagnostics differ:\n  expected:\n    " + "\n    ".join(expected) +
                                "\n  actual:\n    " + "\n    ".join(lines))
            want_status = 1 if any(": error: " in l for l in (expected or [])) else 0
            if any(l.endswith("[unreadable]") for l in (expected or [])):
                want_status = 2  # what could not be read is unknown: no verdict
            if text.returncode != want_status:
                problems.append(f"exit status {text.returncode}, expected {want_status}")
            if name != "bom-crlf-accepted" and not expected:
                problems.append("a corpus case must expect at least one diagnostic")
            js = run_check(mentorctl, root, "--format", "json")
            try:
                doc = json.loads(js.stdout)
                as_text = [f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['code']}]"
                           for d in doc["diagnostics"]]
                if as_text != lines:
                    problems.append("JSON diagnostics differ from text")
                if doc["summary"]["errors"] != sum(errors_counted(l) for l in lines if ": error: " in l):
                    problems.append("JSON summary error count is wrong")
            except (ValueError, KeyError) as e:
                problems.append(f"bad JSON output: {e}")
            if problems:
                failures += 1
                print(f"FAIL {name}: " + "\n".join(problems))
            else:
                print(f"ok   {name}")
    print(f"{len(names) - failures} of {len(names)} corpus cases pass")
    return 1 if failures else 0


def check_schemas(script):
    """Every file named in a case's SCHEMA_INVALID must fail the JSON Schemas."""
    count = 0
    failures = 0
    for name in sorted(os.listdir(os.path.join(HERE, "cases"))):
        listed = os.path.join(HERE, "cases", name, "SCHEMA_INVALID")
        if not os.path.exists(listed):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "repo")
            build_case(name, root)
            rels = [l for l in open(listed).read().split("\n") if l]
            count += len(rels)
            result = subprocess.run([sys.executable, script, "invalid", root, *rels], capture_output=True, text=True)
            if result.returncode != 0:
                failures += 1
                print(f"FAIL {name}: the schemas accept {rels}: {result.stdout}{result.stderr}")
    print(f"{count - failures} of {count} schema-invalid corpus files fail the schemas as they should")
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

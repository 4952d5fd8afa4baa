#!/usr/bin/env python3
"""SPEC 6.4 across every command: a unique marker planted in every log `notes`, observation
`evidence`, pairing `note` and evidence `note` of each example never appears in any
report or export, in any format; with `report hours --include-notes` only the notes of
entries not marked confidential do. A person named like a spreadsheet formula comes out
neutralised in every CSV.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/confidentiality_test.py
"""
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
EXAMPLES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
FIELD = re.compile(r"^(\s*(?:- )?)(notes|evidence|note):(.*)$")
MARKER = re.compile(r"LEAK[A-Z]+\d+X")


def plant(root):
    """Replaces every free-text field's value with a marker; returns {marker: confidential?}."""
    planted = {}
    count = 0
    for path in sorted(root.rglob("*.yaml")):
        relative = path.relative_to(root).parts[0]
        if relative not in ("logs", "observations", "pairings", "evidence"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        skip_indent = None
        entry_start = None
        for line in lines:
            if skip_indent is not None:
                if line.strip() and len(line) - len(line.lstrip()) > skip_indent:
                    continue  # the old block scalar's lines
                skip_indent = None
            match = FIELD.match(line)
            if match and not (relative == "evidence" and match.group(2) == "evidence" and match.group(1) == ""):
                count += 1
                kind = {"notes": "NOTES", "evidence": "EVIDENCE", "note": "NOTE"}[match.group(2)]
                marker = f"LEAK{kind}{count}X"
                out.append(f"{match.group(1)}{match.group(2)}: {marker}")
                planted[marker] = len(out) - 1
                if match.group(3).strip() in ("|", ">", "|-", ">-"):
                    skip_indent = len(match.group(1)) if not match.group(1).strip() else len(match.group(1)) - 2
                continue
            out.append(line)
        text = "\n".join(out) + "\n"
        # Which markers sit in an entry marked confidential: the entry runs from its "- " line.
        entries = re.split(r"\n(?=\s*- )", text)
        for entry in entries:
            for marker in MARKER.findall(entry):
                planted[marker] = bool(re.search(r"^\s*confidential:\s*true\s*$", entry, re.M))
        path.write_text(text, encoding="utf-8")
    return planted


def run(root, *args):
    return subprocess.run([MENTORCTL, "-C", str(root), "--color", "never", *args], capture_output=True, text=True,
                          env=dict(environment("2027-06-30"), MENTORCTL_USER=""), stdin=subprocess.DEVNULL,
                          timeout=300)


def commands(root):
    """Every read command in every format, for this repository."""
    out = []
    for fmt in ("text", "json", "csv", "junit", "github", "sarif"):
        out.append(["audit", "--all", "--format", fmt])
    for fmt in ("text", "json", "sarif"):
        out.append(["check", "--format", fmt])
    for fmt in ("text", "json", "csv"):
        out.append(["stipend", "--format", fmt])
        out.append(["report", "hours", "--format", fmt])
        out.append(["report", "hours", "--by", "week", "--format", fmt])
        out.append(["certify", "--list", "--format", fmt])
    out.append(["report", "html", "-o", "-"])
    programs = [p.stem for p in (root / "programs").glob("*.yaml")]
    for program in programs:
        for fmt in ("text", "json", "csv"):
            out.append(["match", "--program", program, "--start", "2026-08-20", "--format", fmt])
    mentors = set()
    for path in (root / "pairings").glob("*.yaml"):
        mentors.update(re.findall(r"mentor: ([a-z0-9._-]+)", path.read_text(encoding="utf-8")))
    for mentor in sorted(mentors)[:4]:
        for fmt in ("text", "json"):
            out.append(["status", "--mentor", mentor, "--format", fmt])
    return out


class NoLeaks(unittest.TestCase):
    def test_no_free_text_reaches_any_output(self):
        ran = 0
        any_confidential = False
        for example in EXAMPLES:
            tmp = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-leak-"))
            self.addCleanup(shutil.rmtree, tmp)
            root = tmp / example
            shutil.copytree(SOURCE / "examples" / example, root)
            planted = plant(root)
            self.assertGreater(len(planted), 5, example)
            any_confidential = any_confidential or any(planted.values())
            check = run(root, "check")
            self.assertEqual(check.returncode, 0, (example, check.stdout[-2000:]))
            for args in commands(root):
                with self.subTest(example=example, command=" ".join(args)):
                    result = run(root, *args)
                    self.assertIn(result.returncode, (0, 1), result.stderr[-500:])
                    self.assertEqual(MARKER.findall(result.stdout + result.stderr), [])
                    ran += 1
            # The one way in: report hours --include-notes, never confidential entries' notes.
            for fmt in ("text", "json", "csv"):
                result = run(root, "--as-of", "2027-06-30", "report", "hours", "--include-notes", "--format", fmt)
                found = set(MARKER.findall(result.stdout))
                self.assertTrue(all(m.startswith("LEAKNOTES") for m in found), found)
                self.assertTrue(all(planted[m] is False for m in found), found)
                if example == "walnut-valley":
                    self.assertTrue(found, "walnut-valley has log notes in monthly periods")
        self.assertGreater(ran, 120)
        self.assertTrue(any_confidential, "the examples hold confidential entries")


class Formulas(unittest.TestCase):
    def test_a_formula_name_is_neutralised_in_csv(self):
        tmp = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-formula-"))
        self.addCleanup(shutil.rmtree, tmp)
        root = tmp / "walnut-valley"
        shutil.copytree(SOURCE / "examples" / "walnut-valley", root)
        person = root / "people" / "arobinson.yaml"
        text = person.read_text(encoding="utf-8")
        person.write_text(re.sub(r"^name: .*$", "name: '=HYPERLINK(\"http://x\")'", text, flags=re.M),
                          encoding="utf-8")
        result = run(root, "stipend", "--format", "csv")
        self.assertIn("'=HYPERLINK", result.stdout)
        self.assertNotIn(",=HYPERLINK", result.stdout)


if __name__ == "__main__":
    unittest.main()

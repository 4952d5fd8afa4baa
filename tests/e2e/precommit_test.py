#!/usr/bin/env python3
"""The pre-commit hooks (.pre-commit-hooks.yaml): the manifest's shape as pre-commit reads
it, entries that name real commands, file patterns that select exactly the record files,
and each entry run as pre-commit would run it in a records repository.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/precommit_test.py
"""
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

import yaml

import support
from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
MANIFEST = SOURCE / ".pre-commit-hooks.yaml"
# What pre-commit requires of a hook, and the types of the keys these hooks use.
REQUIRED = {"id": str, "name": str, "entry": str, "language": str}
OPTIONAL = {"description": str, "files": str, "pass_filenames": bool}


def hooks():
    with open(MANIFEST, encoding="utf-8") as f:
        return yaml.safe_load(f)


def command_names():
    return support.command_names(MENTORCTL)


class Manifest(unittest.TestCase):
    def test_shape(self):
        manifest = hooks()
        self.assertIsInstance(manifest, list)
        self.assertEqual([hook.get("id") for hook in manifest], ["mentorctl-check", "mentorctl-audit"])
        for hook in manifest:
            with self.subTest(hook=hook.get("id")):
                for key, kind in REQUIRED.items():
                    self.assertIsInstance(hook.get(key), kind, key)
                for key in hook:
                    self.assertIn(key, {**REQUIRED, **OPTIONAL}, f"unexpected key {key}")
                    self.assertIsInstance(hook[key], {**REQUIRED, **OPTIONAL}[key], key)
                self.assertEqual(hook["language"], "system")
                self.assertIs(hook["pass_filenames"], False)
                re.compile(hook["files"])

    def test_entries_name_real_commands(self):
        names = command_names()
        for hook in hooks():
            with self.subTest(hook=hook["id"]):
                words = shlex.split(hook["entry"])
                self.assertEqual(words[0], "mentorctl")
                self.assertIn(words[1], names)
                self.assertEqual(hook["id"], f"mentorctl-{words[1]}")

    def test_files_are_the_record_files(self):
        examples = SOURCE / "examples"
        record_files = []
        for example in os.listdir(examples):
            root = examples / example
            if not (root / "mentorctl.yaml").exists():
                continue
            for folder, _, files in os.walk(root):
                for name in files:
                    if name.endswith(".yaml"):
                        record_files.append(os.path.relpath(os.path.join(folder, name), root))
        self.assertGreater(len(record_files), 50)
        not_records = ["README.md", "people/notes.txt", ".github/workflows/ci.yaml", "docs/plan.yaml",
                       ".pre-commit-config.yaml", "people.yaml"]
        for hook in hooks():
            pattern = re.compile(hook["files"])
            for path in record_files:
                with self.subTest(hook=hook["id"], path=path):
                    # pre-commit matches with re.search on paths from the top of the git repository
                    self.assertIsNotNone(pattern.search(path))
                    self.assertIsNotNone(pattern.search("records/" + path))
            for path in not_records:
                with self.subTest(hook=hook["id"], path=path):
                    self.assertIsNone(pattern.search(path))

    def test_documented_in_the_readme(self):
        readme = (SOURCE / "README.md").read_text(encoding="utf-8")
        for hook in hooks():
            self.assertIn(f"id: {hook['id']}", readme)


class Entries(unittest.TestCase):
    """Each entry run as pre-commit runs it: from the top of the git repository, with no
    file names, finding mentorctl on PATH."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mentorctl-precommit-")
        self.bin = os.path.join(self.tmp, "bin")
        os.makedirs(self.bin)
        os.symlink(MENTORCTL, os.path.join(self.bin, "mentorctl"))
        self.repo = os.path.join(self.tmp, "records")
        shutil.copytree(SOURCE / "examples" / "dysart", self.repo)
        self.env = environment("2026-11-22")
        self.env["PATH"] = self.bin + os.pathsep + self.env.get("PATH", "")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def entry(self, hook_id):
        hook = next(hook for hook in hooks() if hook["id"] == hook_id)
        return subprocess.run(shlex.split(hook["entry"]), capture_output=True, text=True, cwd=self.repo,
                              env=self.env, timeout=120)

    def test_check_passes_then_fails_on_a_broken_file(self):
        self.assertEqual(self.entry("mentorctl-check").returncode, 0)
        people = os.path.join(self.repo, "people")
        with open(os.path.join(people, sorted(os.listdir(people))[0]), "a", encoding="utf-8") as f:
            f.write("roles: [mentor\n")
        r = self.entry("mentorctl-check")
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("error", r.stdout)

    def test_audit_fails_on_an_unmet_requirement(self):
        # dysart before its school year starts, then once a requirement is unmet
        self.env["MENTORCTL_TODAY"] = "2026-08-02"
        r = self.entry("mentorctl-audit")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.env["MENTORCTL_TODAY"] = "2026-09-01"
        r = self.entry("mentorctl-audit")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("unmet", r.stdout)


if __name__ == "__main__":
    unittest.main()

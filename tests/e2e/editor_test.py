#!/usr/bin/env python3
"""Editor schema associations written by `init` (issue 15, item 6).

`init` of every template writes .vscode/settings.json, whose yaml.schemas maps the record
file globs to the schemas it copies under .mentorctl/schemas/. Each copy equals schemas/
in the source; every YAML file of every example matches exactly one glob, and validates
against the schema that glob associates (YAML read as tests/schemas/check_schemas.py reads
it: YAML 1.2 core, so dates stay strings, as an editor's language server reads them).

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/editor_test.py
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

from support import SOURCE

sys.path.insert(0, str(SOURCE / "tests" / "schemas"))
import check_schemas  # noqa: E402  (the YAML 1.2 core reader and the record validator)

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
EXAMPLES = SOURCE / "examples"
TEMPLATES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]


def glob_regex(glob):
    """A yaml-language-server glob from the workspace root ('/people/*.yaml') as a regex
    over a path relative to the root; '*' stays within one path segment."""
    assert glob.startswith("/"), glob
    return re.compile("".join("[^/]*" if c == "*" else re.escape(c) for c in glob[1:]) + r"\Z")


def init(target, template):
    return subprocess.run([MENTORCTL, "init", str(target), "--template", template], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


class EditorSchemas(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def associations(self, root):
        """[(regex, glob, schema name, schema)] from root's .vscode/settings.json."""
        settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
        out = []
        for schema_path, globs in settings["yaml.schemas"].items():
            path = (root / schema_path).resolve()
            self.assertTrue(path.is_relative_to((root / ".mentorctl" / "schemas").resolve()), schema_path)
            # the copy is the source's schema, byte for byte
            self.assertEqual(path.read_bytes(), (SOURCE / "schemas" / path.name).read_bytes(), schema_path)
            schema = json.loads(path.read_text(encoding="utf-8"))
            name = path.name[:-len(".schema.json")]
            for glob in globs:
                out.append((glob_regex(glob), glob, name, schema))
        return out

    def test_every_template_maps_every_record_file_of_every_example(self):
        for template in TEMPLATES:
            with self.subTest(template=template):
                root = pathlib.Path(self.tmp.name) / template
                r = init(root, template)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn(".vscode/settings.json", r.stdout)
                associations = self.associations(root)
                # one schema per record file kind, each kind's glob once
                self.assertEqual(sorted(name for _, _, name, _ in associations), sorted(check_schemas.SCHEMA_NAMES))
                # the new repository's own files
                for path in sorted(root.rglob("*.yaml")):
                    relative = path.relative_to(root).as_posix()
                    matched = [a for a in associations if a[0].match(relative)]
                    self.assertEqual(len(matched), 1, relative)
                    self.assertEqual(check_schemas.problems(path, matched[0][2], {matched[0][2]: matched[0][3]}), [])
                checked = 0
                for example in TEMPLATES:
                    for path in sorted((EXAMPLES / example).rglob("*.yaml")):
                        relative = path.relative_to(EXAMPLES / example).as_posix()
                        matched = [a for a in associations if a[0].match(relative)]
                        self.assertEqual(len(matched), 1, f"{example}/{relative}")
                        _, glob, name, schema = matched[0]
                        self.assertEqual(check_schemas.kind_of(relative), name, relative)
                        self.assertEqual(check_schemas.problems(path, name, {name: schema}), [],
                                         f"{example}/{relative} against {glob}")
                        checked += 1
                self.assertGreater(checked, 100)

    def test_a_file_of_the_wrong_shape_fails_its_schema(self):
        # the association does validate: a log entry with a misspelt field is refused
        root = pathlib.Path(self.tmp.name) / "repo"
        self.assertEqual(init(root, "walnut-valley").returncode, 0)
        associations = self.associations(root)
        log = root / "logs" / "2026-27" / "jdoe.yaml"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("mentor: jdoe\nentries:\n  - {date: 2026-09-15, mentee: asmith, duraton: 1h}\n",
                       encoding="utf-8")
        (_, _, name, schema), = [a for a in associations if a[0].match("logs/2026-27/jdoe.yaml")]
        self.assertEqual(name, "log")
        self.assertTrue(check_schemas.problems(log, name, {name: schema}))

    def test_existing_editor_settings_are_left_alone(self):
        root = pathlib.Path(self.tmp.name) / "repo"
        (root / ".vscode").mkdir(parents=True)
        (root / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}\n', encoding="utf-8")
        r = init(root, "dysart")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn(".vscode/settings.json", r.stdout)
        self.assertEqual((root / ".vscode" / "settings.json").read_text(encoding="utf-8"), '{"editor.tabSize": 2}\n')
        self.assertTrue((root / ".mentorctl" / "schemas" / "log.schema.json").is_file())

    def test_the_new_repository_checks_clean(self):
        root = pathlib.Path(self.tmp.name) / "repo"
        self.assertEqual(init(root, "st-vrain").returncode, 0)
        r = subprocess.run([MENTORCTL, "-C", str(root), "check"], capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("0 warnings", r.stdout)


if __name__ == "__main__":
    unittest.main()

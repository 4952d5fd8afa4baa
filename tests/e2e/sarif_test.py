#!/usr/bin/env python3
"""`check --format sarif` and `audit --format sarif` (issue 15, item 7): every example, and a
repository with errors, validated against the SARIF 2.1.0 schema shipped in
tests/schemas/ (its origin is in tests/schemas/README.md); the results equal the json
format's diagnostics and findings one for one; the exit statuses are the other formats'.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/sarif_test.py
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

import jsonschema

from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
EXAMPLES = SOURCE / "examples"
NAMES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
SCHEMA = json.loads((SOURCE / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def run(root, *args, as_of="2027-06-30"):
    return subprocess.run([MENTORCTL, "-C", str(root), "--as-of", as_of, "--color", "never", *args],
                          capture_output=True, text=True, env=environment(as_of), stdin=subprocess.DEVNULL,
                          timeout=300)


def documented_meanings():
    """code -> meaning from docs/format.md's table, its `marks` as quotes."""
    section = (SOURCE / "docs" / "format.md").read_text(encoding="utf-8").split("## Diagnostic codes")[1]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| [^|]* \| (.*) \|$", section.split("\n## ")[0], re.M)
    return {code: re.sub(r"`([^`]*)`", r"'\1'", meaning) for code, meaning in rows}


def checkout_prefix(root):
    """The records root's folder from the top of its git work tree ("" or "a/b/"), or None outside git."""
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True,
                                text=True, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        return None
    return result.stdout.rstrip("\n") if result.returncode == 0 else None


def records_path(place, prefix):
    """A location's path relative to the records root; its uri is relative to the top of the checkout
    (uriBaseId SRCROOT) inside git, to the records root outside."""
    artifact = place["physicalLocation"]["artifactLocation"]
    path = urllib.parse.unquote(artifact["uri"])
    if prefix is None:
        assert "uriBaseId" not in artifact, artifact
        return path
    assert artifact["uriBaseId"] == "SRCROOT" and path.startswith(prefix), (artifact, prefix)
    return path[len(prefix):]


def location(result, prefix):
    physical = result["locations"][0]["physicalLocation"]
    return (records_path(result["locations"][0], prefix), physical["region"].get("startLine"),
            physical["region"].get("startColumn"))


class Sarif(unittest.TestCase):
    def sarif(self, root, command, *options):
        """The sarif and json outputs of one command: both parsed, the same exit status."""
        sarif = run(root, command, "--format", "sarif", *options)
        plain = run(root, command, "--format", "json", *options)
        self.assertEqual(sarif.returncode, plain.returncode, sarif.stderr)
        self.assertEqual(sarif.stderr, plain.stderr)
        document = json.loads(sarif.stdout)
        errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.absolute_path))
        self.assertEqual([f"{list(e.absolute_path)}: {e.message}" for e in errors], [])
        self.assertEqual(document["version"], "2.1.0")
        self.assertEqual(len(document["runs"]), 1)
        run_ = document["runs"][0]
        self.assertEqual(run_["tool"]["driver"]["name"], "mentorctl")
        version = subprocess.run([MENTORCTL, "--version"], capture_output=True, text=True).stdout.split()[1]
        self.assertEqual(run_["tool"]["driver"]["version"], version)
        rules = run_["tool"]["driver"]["rules"]
        self.assertEqual(len({rule["id"] for rule in rules}), len(rules))
        self.prefix = checkout_prefix(root)
        self.assertEqual("originalUriBaseIds" in run_, self.prefix is not None)
        if self.prefix is not None:
            self.assertEqual(list(run_["originalUriBaseIds"]), ["SRCROOT"])
        for result in run_["results"]:
            self.assertEqual(rules[result["ruleIndex"]]["id"], result["ruleId"])
            for place in result["locations"] + result.get("relatedLocations", []):
                uri = place["physicalLocation"]["artifactLocation"]["uri"]
                self.assertFalse(uri.startswith("/") or "://" in uri, uri)  # relative, never absolute
                path = records_path(place, self.prefix)
                self.assertTrue((pathlib.Path(root) / path).resolve().is_relative_to(pathlib.Path(root).resolve()),
                                uri)
        return run_, json.loads(plain.stdout), sarif.returncode

    def check_equals_json(self, root):
        run_, plain, status = self.sarif(root, "check")
        meanings = documented_meanings()
        diagnostics = plain["diagnostics"]
        self.assertEqual(len(run_["results"]), len(diagnostics))
        for result, d in zip(run_["results"], diagnostics):
            self.assertEqual(result["ruleId"], d["code"])
            self.assertEqual(result["level"], d["severity"])
            self.assertEqual(result["message"]["text"], d["message"])
            self.assertEqual(location(result, self.prefix), (d["file"], d["line"], d["column"]))
        rules = run_["tool"]["driver"]["rules"]
        self.assertEqual(sorted(rule["id"] for rule in rules), sorted({d["code"] for d in diagnostics}))
        for rule in rules:
            self.assertEqual(rule["shortDescription"]["text"], meanings.get(rule["id"]), rule["id"])
        self.assertEqual(run_["properties"]["summary"], plain["summary"])
        return diagnostics, status

    def audit_equals_json(self, root, *options):
        run_, plain, status = self.sarif(root, "audit", *options)
        findings = plain["findings"]
        self.assertEqual([result["properties"] for result in run_["results"]], findings)
        rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
        for result, f in zip(run_["results"], findings):
            self.assertEqual(result["ruleId"], f"{f['program']}/{f['requirement']}")
            level = {"unmet": f["severity"], "due": "note", "met": "none"}[f["status"]]
            self.assertEqual(result["level"], level)
            self.assertEqual(result["kind"], {"unmet": "fail", "due": "open", "met": "pass"}[f["status"]])
            self.assertTrue(result["message"]["text"].endswith(f["message"]))
            for who in (f["mentor"], f["mentee"]):
                if who:
                    self.assertIn(who, result["message"]["text"].split(":")[0])
            source_file, source_line = f["source"].rsplit(":", 1)
            related = result["relatedLocations"][0]
            self.assertEqual((records_path(related, self.prefix), related["physicalLocation"]["region"]["startLine"]),
                             (source_file, int(source_line)))
            rule = rules[result["ruleId"]]
            self.assertEqual(rule["properties"]["source"], f["source"])
            self.assertEqual(rule["defaultConfiguration"]["level"], f["severity"])
        self.assertEqual(run_["properties"]["summary"], plain["summary"])
        self.assertEqual(run_["properties"]["as_of"], plain["as_of"])
        # Unmet findings sit where the github format puts them, in the same order.
        github = run(root, "audit", "--format", "github", *options).stdout.splitlines()
        unmet = [r for r in run_["results"] if r["kind"] == "fail"]
        self.assertEqual(len(unmet), len(github))
        for result, line in zip(unmet, github):
            m = re.match(r"::(error|warning) file=([^,]*),line=(\d+),", line)
            path, line_number, _ = location(result, self.prefix)
            self.assertEqual((m.group(1), m.group(2), int(m.group(3))),
                             (result["level"], (self.prefix or "") + path, line_number), line)
        return findings, status

    def test_examples(self):
        for name in NAMES:
            with self.subTest(example=name):
                _, status = self.check_equals_json(EXAMPLES / name)
                self.assertEqual(status, 0)
                findings, _ = self.audit_equals_json(EXAMPLES / name)
                self.assertTrue(findings)
                everything, _ = self.audit_equals_json(EXAMPLES / name, "--all")
                self.assertTrue(any(f["status"] == "met" for f in everything))

    def test_repository_with_errors(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp) / "records"
            shutil.copytree(EXAMPLES / "walnut-valley", root)
            people = sorted((root / "people").glob("*.yaml"))
            # an unknown field (error), a file that is not YAML (warning), a bad date in a
            # file whose name needs percent-encoding in a URI
            people[0].write_text(people[0].read_text(encoding="utf-8") + "favourite_colour: blue\n",
                                 encoding="utf-8")
            (root / "people" / "notes.txt").write_text("not a record\n", encoding="utf-8")
            odd = root / "people" / "o'neil #2.yaml"
            odd.write_text("id: oneil\nname: O'Neil\nroles: [mentor]\nstarted: 2026-02-30\n", encoding="utf-8")
            diagnostics, status = self.check_equals_json(root)
            self.assertEqual(status, 1)
            self.assertEqual({d["severity"] for d in diagnostics}, {"error", "warning"})
            sarif = json.loads(run(root, "check", "--format", "sarif").stdout)
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
            self.assertIn("people/o%27neil%20%232.yaml", uris)
            # The audit skips the records with errors and exits 2, in sarif as in json.
            _, status = self.audit_equals_json(root)
            self.assertEqual(status, 2)



def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True, stdin=subprocess.DEVNULL)


class CheckoutPaths(unittest.TestCase):
    """github and sarif name files from the top of the git work tree, where GitHub resolves them;
    every other format keeps SPEC 6.1's paths relative to the records root."""

    OTHER = [("check", "text"), ("check", "json"), ("audit", "text"), ("audit", "json"), ("audit", "csv"),
             ("audit", "junit")]

    def outputs(self, root):
        return {(command, fmt): run(root, command, "--format", fmt).stdout for command, fmt in self.OTHER}

    def github_files(self, root):
        result = run(root, "audit", "--format", "github")
        self.assertEqual(result.returncode, 1, result.stderr)
        return [re.match(r"::(?:error|warning) file=([^,]*),", line).group(1) for line in result.stdout.splitlines()]

    def sarif_uris(self, root, command):
        document = json.loads(run(root, command, "--format", "sarif").stdout)
        self.assertEqual(list(VALIDATOR.iter_errors(document)), [])
        return document["runs"][0], [place["physicalLocation"]["artifactLocation"]
                                     for r in document["runs"][0]["results"]
                                     for place in r["locations"] + r.get("relatedLocations", [])]

    def test_below_at_the_top_and_outside_git(self):
        with tempfile.TemporaryDirectory() as tmp:
            outside = pathlib.Path(tmp) / "outside"
            shutil.copytree(EXAMPLES / "walnut-valley", outside)
            (outside / "people" / "notes.txt").write_text("not a record\n", encoding="utf-8")  # a check warning
            top = pathlib.Path(tmp) / "top"
            below = pathlib.Path(tmp) / "work" / "sub" / "dir"
            shutil.copytree(outside, top)
            shutil.copytree(outside, below)
            git(top, "init", "-q")
            git(below.parent.parent, "init", "-q")
            self.assertIsNone(checkout_prefix(outside))  # (the temporary folder is in no work tree)
            plain = self.github_files(outside)
            self.assertTrue(plain and all((outside / f).is_relative_to(outside) and not f.startswith(("/", "sub/"))
                                          for f in plain), plain)
            self.assertEqual(self.github_files(top), plain)
            self.assertEqual(self.github_files(below), ["sub/dir/" + f for f in plain])
            expected = self.outputs(outside)
            for command in ("check", "audit"):
                run_, locations = self.sarif_uris(outside, command)
                self.assertNotIn("originalUriBaseIds", run_)
                self.assertTrue(locations and all(set(place) == {"uri"} for place in locations))
                for root, prefix in ((top, ""), (below, "sub/dir/")):
                    with self.subTest(command=command, prefix=prefix):
                        run_, here = self.sarif_uris(root, command)
                        self.assertIn("SRCROOT", run_["originalUriBaseIds"])
                        self.assertEqual(here, [{"uri": prefix + p["uri"], "uriBaseId": "SRCROOT"} for p in locations])
            for root in (top, below):
                self.assertEqual(self.outputs(root), expected)


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
"""Each command's options in the code (the CLI11 apps, as `mentorctl completion --model`
walks them) against those its man page documents, so the two cannot drift: every option a
command takes has an entry in the OPTIONS of mentorctl-COMMAND(1) (the global ones in
GLOBAL OPTIONS of mentorctl(1)), every option a page documents or shows in its SYNOPSIS
exists, and the page names every value of an option that takes one of a few.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/manpage_options_test.py
"""
import json
import os
import re
import subprocess
import unittest

from support import SOURCE

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][A-Za-z0-9-]*)")
HELP = {"-h", "--help"}


def model():
    r = subprocess.run([MENTORCTL, "completion", "--model"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def plain(groff):
    """Page source with the escapes that matter here undone: \\- is -, fonts dropped."""
    text = re.sub(r"\\f[BIRP]|\\f\(..|\\f\[[A-Z]*\]", "", groff)
    return text.replace("\\-", "-").replace("\\(em", "-").replace("\\&", "")


def sections(page):
    """{section name: its lines}, for the .SH sections of a page."""
    found = {}
    current = None
    for line in page.splitlines():
        if line.startswith(".SH "):
            current = line[4:].strip().strip('"')
            found[current] = []
        elif current is not None:
            found[current].append(line)
    return found


def documented(lines):
    """{option: text of its entry} for the options in the tags of .TP entries."""
    entries = {}
    for i, line in enumerate(lines):
        if line.strip() != ".TP" or i + 1 >= len(lines):
            continue
        tag = plain(lines[i + 1])
        body = []
        for following in lines[i + 2:]:
            if following.startswith((".TP", ".SH", ".SS")):
                break
            body.append(plain(following))
        for option in OPTION.findall(re.sub(r'^\.[A-Z]+\s*', "", tag)):
            entries[option] = tag + "\n" + "\n".join(body)
    return entries


def read(name):
    with open(SOURCE / "man" / name, encoding="utf-8") as f:
        return f.read()


def problems(page, options, allowed, section="OPTIONS", positionals=()):
    """What disagrees between a page and a command's `options` (from the model): options
    without an entry in `section`, entries that do not name each value of a choice, and
    options the page documents or shows in its SYNOPSIS that are neither the command's
    nor in `allowed`, and arguments (`positionals`) the SYNOPSIS does not show."""
    found = []
    entries = documented(sections(page).get(section, []))
    for option in options:
        names = [n for n in option["names"] if n not in HELP]
        if option["hidden"] or not names:
            continue
        documented_as = [n for n in names if n in entries]
        if not documented_as:
            found.append(f"{'/'.join(names)} has no entry in {section}")
            continue
        text = entries[documented_as[0]]
        for choice in option["choices"]:
            if not re.search(rf"(?<![\w-]){re.escape(choice)}(?![\w-])", text):
                found.append(f"the entry of {names[-1]} does not name its value {choice}")
    known = {n for o in options for n in o["names"]} | allowed
    synopsis = plain("\n".join(sections(page).get("SYNOPSIS", [])))
    for option in sorted(set(entries) | set(OPTION.findall(synopsis))):
        if option not in known:
            found.append(f"the page documents {option}, which the command does not take")
    for name in positionals:
        if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", synopsis):
            found.append(f"the SYNOPSIS does not show the argument {name}")
    return found


class ManPageOptions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = model()
        cls.root = next(c for c in cls.model if c["path"] == [])
        cls.globals = {n for o in cls.root["options"] for n in o["names"]} | HELP
        cls.commands = {}
        cls.arguments = {}
        for command in cls.model:
            if command["path"] and command["path"] != ["help"]:
                cls.commands.setdefault(command["path"][0], []).extend(command["options"])
                cls.arguments.setdefault(command["path"][0], []).extend(command["positionals"])

    def test_every_command(self):
        self.assertIn("audit", self.commands)
        self.assertIn("hours", next(c for c in self.model if c["path"] == ["report"])["subcommands"])
        for name, options in self.commands.items():
            with self.subTest(command=name):
                page = read(f"mentorctl-{name}.1")
                self.assertEqual(problems(page, options, self.globals, positionals=self.arguments[name]), [])

    def test_global_options(self):
        self.assertEqual(problems(read("mentorctl.1"), self.root["options"], HELP, "GLOBAL OPTIONS"), [])

    def test_drift_is_seen(self):
        page = read("mentorctl-audit.1")
        audit = self.commands["audit"]
        self.assertEqual(problems(page, audit, self.globals), [])
        renamed = page.replace("\\-\\-strict", "\\-\\-stern")
        self.assertEqual(problems(renamed, audit, self.globals),
                         ["--strict has no entry in OPTIONS", "the page documents --stern, which the command does not take"])
        self.assertEqual(problems(page.replace("junit", "xunit"), audit, self.globals),
                         ["the entry of --format does not name its value junit"])
        pair = read("mentorctl-pair.1")
        self.assertEqual(problems(pair, self.commands["pair"], self.globals, positionals=["MENTOR", "MENTEE"]), [])
        self.assertEqual(problems(pair.replace("MENTEE", "TEACHER"), self.commands["pair"], self.globals,
                                  positionals=["MENTOR", "MENTEE"]), ["the SYNOPSIS does not show the argument MENTEE"])


if __name__ == "__main__":
    unittest.main()

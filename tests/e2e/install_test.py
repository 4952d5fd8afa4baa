#!/usr/bin/env python3
"""`cmake --install` into a temporary prefix: the binary, the man pages, the completion
scripts and the JSON Schemas in their standard places, and `mentorctl help COMMAND` of the installed binary
showing the installed page (or the command's --help where there is no man).

Run: MENTORCTL=build/mentorctl MENTORCTL_BUILD=build python3 tests/e2e/install_test.py
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import support
from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
BUILD = os.path.abspath(os.environ.get("MENTORCTL_BUILD", "build"))
COMPLETIONS = {"bash": "share/bash-completion/completions/mentorctl",
               "zsh": "share/zsh/site-functions/_mentorctl",
               "fish": "share/fish/vendor_completions.d/mentorctl.fish"}


def command_names(binary):
    return support.command_names(binary)


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.prefix = tempfile.mkdtemp(prefix="mentorctl-install-")
        r = subprocess.run(["cmake", "--install", BUILD, "--prefix", cls.prefix], capture_output=True, text=True,
                           timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        cls.binary = os.path.join(cls.prefix, "bin", "mentorctl")
        cls.empty = os.path.join(cls.prefix, "no-programs")  # a PATH without man
        os.makedirs(cls.empty)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.prefix, ignore_errors=True)

    def run_installed(self, *args, path=None):
        env = environment("2026-11-22")
        env.update({"MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "MANPATH": self.empty})
        if path is not None:
            env["PATH"] = path
        return subprocess.run([self.binary, *args], capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=120)

    def test_binary_and_man_pages(self):
        self.assertTrue(os.access(self.binary, os.X_OK))
        self.assertEqual(self.run_installed("--version").returncode, 0)
        man1 = os.path.join(self.prefix, "share", "man", "man1")
        for name in command_names(self.binary):
            with self.subTest(command=name):
                installed = os.path.join(man1, f"mentorctl-{name}.1")
                with open(installed, encoding="utf-8") as f, open(SOURCE / "man" / f"mentorctl-{name}.1",
                                                                  encoding="utf-8") as g:
                    self.assertEqual(f.read(), g.read())
        self.assertTrue(os.path.exists(os.path.join(man1, "mentorctl.1")))
        for page in os.listdir(SOURCE / "man"):
            section = page.rsplit(".", 1)[1]
            with self.subTest(page=page):
                self.assertTrue(os.path.exists(os.path.join(self.prefix, "share", "man", f"man{section}", page)))

    def test_completion_scripts(self):
        for shell, relative in COMPLETIONS.items():
            with self.subTest(shell=shell):
                with open(os.path.join(self.prefix, relative), encoding="utf-8") as f:
                    self.assertEqual(f.read(), self.run_installed("completion", shell).stdout)

    def test_schemas(self):
        installed = os.path.join(self.prefix, "share", "mentorctl", "schemas")
        sources = sorted(p.name for p in (SOURCE / "schemas").iterdir() if p.name.endswith(".schema.json"))
        self.assertIn("log.schema.json", sources)
        self.assertIn("audit-output.schema.json", sources)
        self.assertEqual(sorted(p for p in os.listdir(installed) if p.endswith(".schema.json")), sources)
        for name in sources + ["README.md"]:
            with self.subTest(schema=name):
                with open(os.path.join(installed, name), "rb") as f:
                    self.assertEqual(f.read(), (SOURCE / "schemas" / name).read_bytes())
        # what the installed binary's init copies for editors is what was installed
        repository = os.path.join(self.prefix, "records")
        r = self.run_installed("init", repository)
        self.assertEqual(r.returncode, 0, r.stderr)
        copied = os.path.join(repository, ".mentorctl", "schemas")
        self.assertTrue(os.listdir(copied))
        for name in os.listdir(copied):
            with self.subTest(copied=name):
                with open(os.path.join(copied, name), "rb") as f, open(os.path.join(installed, name), "rb") as g:
                    self.assertEqual(f.read(), g.read())

    @unittest.skipUnless(shutil.which("man"), "man is not installed (apt-get install man-db); help falls back to --help")
    def test_help_shows_the_installed_page(self):
        for name in ("check", "completion", "report"):
            with self.subTest(command=name):
                r = self.run_installed("help", name)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertNotEqual(r.stdout, self.run_installed(name, "--help").stdout)
                # man's rendering of the page: its NAME line and its sections
                text = re.sub(r".\x08", "", r.stdout)
                self.assertRegex(text, rf"mentorctl-{name} +- ")
                self.assertIn("SYNOPSIS", text)
                self.assertIn("EXIT STATUS", text)

    def test_help_without_man_is_the_commands_help(self):
        r = self.run_installed("help", "check", path=self.empty)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, self.run_installed("check", "--help", path=self.empty).stdout)
        self.assertIn("--format", r.stdout)

    def test_help_alone_is_the_top_level_help(self):
        r = self.run_installed("help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, self.run_installed("--help").stdout)
        self.assertIn("Subcommands:", r.stdout)

    def test_help_of_an_unknown_command(self):
        r = self.run_installed("help", "chek")
        self.assertEqual(r.returncode, 2)
        self.assertIn("did you mean 'check'?", r.stderr)

    def test_help_without_an_installed_page_is_the_commands_help(self):
        # the build tree's binary has no page beside it, and MANPATH holds none
        env = environment("2026-11-22")
        env.update({"MANPAGER": "cat", "PAGER": "cat", "MANPATH": self.empty})
        r = subprocess.run([MENTORCTL, "help", "audit"], capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, subprocess.run([MENTORCTL, "audit", "--help"], capture_output=True, text=True,
                                                  env=env, timeout=60).stdout)


if __name__ == "__main__":
    unittest.main()

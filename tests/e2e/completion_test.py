#!/usr/bin/env python3
"""End-to-end tests of `mentorctl completion`: the bash script driven through COMP_WORDS,
COMP_CWORD and compgen in a bash subprocess, the ids it asks the binary for, and the zsh
and fish scripts parsed by their shells where those are installed.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/completion_test.py
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import yaml

import support
from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
WALNUT = str(SOURCE / "examples" / "walnut-valley")
WEST_LONDON = str(SOURCE / "examples" / "west-london")


def run(*args, cwd=None):
    return subprocess.run([MENTORCTL, *args], capture_output=True, text=True, cwd=cwd,
                          env=environment("2026-11-22"), stdin=subprocess.DEVNULL, timeout=120)


def script(shell):
    r = run("completion", shell)
    assert r.returncode == 0, r.stderr
    return r.stdout


def command_names():
    """The commands `mentorctl --help` lists."""
    return support.command_names(MENTORCTL)


def role_holders(root, which):
    """The ids of the people of `root` holding some program's mentor (or mentee) role,
    read from the YAML directly."""
    roles = set()
    for path in glob.glob(os.path.join(root, "programs", "*.yaml")):
        with open(path, encoding="utf-8") as f:
            program = yaml.safe_load(f)
        roles.add(program.get(f"{which}_role", which))
    ids = []
    for path in glob.glob(os.path.join(root, "people", "*.yaml")):
        with open(path, encoding="utf-8") as f:
            person = yaml.safe_load(f)
        if roles & set(person.get("roles", [])):
            ids.append(person["id"])
    return sorted(ids)


class ZshSession:
    """zsh -f -i on a pseudo-terminal; complete(LINE) types LINE and TAB and returns what
    the terminal shows after it, without escape sequences."""

    def __init__(self, env, cwd, setup):
        import pty
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execvpe("zsh", ["zsh", "-f", "-i"], env)
        self.read()
        for line in ["PS1='> '", *setup, "echo rea''dy"]:
            os.write(self.fd, (line + "\n").encode())
        self.read("ready")

    def read(self, until="", quiet=0.5, limit=30.0):
        """What the terminal shows until `until` has appeared and nothing more came for
        `quiet` seconds (a loaded machine may take a while to run mentorctl for ids)."""
        import select
        import time
        out = ""
        start = last = time.time()
        while time.time() - start < limit and (until not in out or not out or time.time() - last < quiet):
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                out += self.clean(chunk)
                last = time.time()
        return out

    @staticmethod
    def clean(data):
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x07|.\x08", "", data.decode(errors="replace"))
        return text.replace("\r", "\n")

    def complete(self, line, until):
        """Types LINE (after ^U, which empties the line) and TAB; the screen once `until` shows."""
        os.write(self.fd, b"\x15" + line.encode() + b"\t")
        return self.read(until)

    def close(self):
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)


class Bash(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mentorctl-completion-")
        cls.script = os.path.join(cls.tmp, "mentorctl.bash")
        with open(cls.script, "w", encoding="utf-8") as f:
            f.write(script("bash"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def complete(self, *words, cwd=None):
        """What bash offers for the last of `words` (the word being completed) after the
        others, with `mentorctl` the built binary."""
        program = f"""
source {self.script!r}
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${{#COMP_LINE}}
_mentorctl
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
        r = subprocess.run(["bash", "--norc", "--noprofile", "-c", program, "bash", MENTORCTL, *words],
                           capture_output=True, text=True, cwd=cwd or self.tmp, env=environment("2026-11-22"),
                           timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        return [line for line in r.stdout.splitlines() if line]

    def test_command_names(self):
        names = command_names()
        self.assertIn("audit", names)
        self.assertEqual(sorted(self.complete("")), sorted(names + ["help"]))
        self.assertEqual(sorted(self.complete("st")), ["status", "stipend"])
        # after global options and their values
        self.assertEqual(self.complete("-C", WALNUT, "--as-of", "2026-12-01", "che"), ["check"])

    def test_subcommands(self):
        self.assertEqual(sorted(self.complete("report", "")), ["hours", "html"])
        self.assertEqual(sorted(self.complete("training", "a")), ["add", "attend"])
        self.assertEqual(self.complete("help", "sti"), ["stipend"])

    def test_options_of_a_command(self):
        offered = self.complete("audit", "--")
        for option in ("--strict", "--mentor", "--format", "--year", "--as-of", "--no-cache"):
            self.assertIn(option, offered)
        self.assertNotIn("--award", offered)  # certify's
        self.assertEqual(self.complete("audit", "--st"), ["--strict"])
        self.assertIn("--include-notes", self.complete("report", "hours", "--"))
        self.assertNotIn("--ids", self.complete("completion", "--"))  # hidden

    def test_format_values(self):
        formats = ["text", "json", "csv", "junit", "github", "sarif"]
        self.assertEqual(self.complete("audit", "--format", ""), formats)
        self.assertEqual(self.complete("check", "--format", ""), ["text", "json", "sarif"])
        self.assertEqual(self.complete("audit", "--format", "j"), ["json", "junit"])
        # bash splits --format=j at '=' (COMP_WORDBREAKS)
        self.assertEqual(self.complete("audit", "--format", "=", "j"), ["json", "junit"])
        # a value is not taken for a command: after it, options and values again
        self.assertEqual(self.complete("--format", "json", "audit", "--st"), ["--strict"])
        self.assertEqual(self.complete("report", "hours", "--by", ""), ["week", "month"])
        self.assertEqual(self.complete("--color", ""), ["auto", "always", "never"])

    def test_templates(self):
        templates = sorted(os.path.basename(p) for p in glob.glob(str(SOURCE / "examples" / "*"))
                           if os.path.exists(os.path.join(p, "mentorctl.yaml")))
        self.assertEqual(sorted(self.complete("init", "--template", "")), templates)

    def test_mentor_ids(self):
        mentors = role_holders(WALNUT, "mentor")
        self.assertGreater(len(mentors), 2)
        self.assertEqual(self.complete("-C", WALNUT, "audit", "--mentor", ""), mentors)
        self.assertEqual(self.complete("audit", "--mentor", "", cwd=WALNUT), mentors)
        mentees = role_holders(WALNUT, "mentee")
        self.assertEqual(self.complete("-C", WALNUT, "log", "--mentee", ""), mentees)
        self.assertNotEqual(set(mentors), set(mentees))
        # the arguments of pair: MENTOR then MENTEE
        self.assertEqual(self.complete("-C", WALNUT, "pair", ""), mentors)
        self.assertEqual(self.complete("-C", WALNUT, "pair", mentors[0], ""), mentees)
        prefix = mentors[0][0]
        self.assertEqual(self.complete("-C", WALNUT, "status", "--mentor", prefix),
                         [m for m in mentors if m.startswith(prefix)])

    def test_program_and_level_ids(self):
        self.assertEqual(self.complete("-C", WALNUT, "stipend", "--program", ""), ["walnut-valley"])
        with open(os.path.join(WEST_LONDON, "programs", os.listdir(os.path.join(WEST_LONDON, "programs"))[0]),
                  encoding="utf-8") as f:
            levels = sorted(level["id"] for level in yaml.safe_load(f)["certification"]["levels"])
        self.assertTrue(levels)
        self.assertEqual(self.complete("-C", WEST_LONDON, "certify", "--level", ""), levels)

    def test_no_repository_offers_nothing(self):
        self.assertEqual(self.complete("audit", "--mentor", ""), [])
        r = run("completion", "--ids", "mentor", cwd=self.tmp)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))

    def test_files_for_file_values(self):
        with open(os.path.join(self.tmp, "page.html"), "w", encoding="utf-8"):
            pass
        self.assertEqual(self.complete("report", "html", "-o", "pag"), ["page.html"])


class Ids(unittest.TestCase):
    def test_ids(self):
        r = run("-C", WALNUT, "completion", "--ids", "person")
        self.assertEqual(r.returncode, 0, r.stderr)
        people = sorted(os.path.splitext(p)[0] for p in os.listdir(os.path.join(WALNUT, "people")))
        self.assertEqual(r.stdout.splitlines(), people)

    def test_unknown_kind_is_a_usage_error(self):
        r = run("completion", "--ids", "mentors")
        self.assertEqual(r.returncode, 2)

    def test_shell_is_required(self):
        r = run("completion")
        self.assertEqual(r.returncode, 2)
        self.assertIn("name the shell", r.stderr)
        r = run("completion", "tcsh")
        self.assertEqual(r.returncode, 2)
        self.assertIn("tcsh", r.stderr)


class OtherShells(unittest.TestCase):
    def parse(self, shell, suffix):
        if shutil.which(shell) is None:
            self.skipTest(f"{shell} is not installed (apt-get install {shell}); its script is not parsed")
        with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as f:
            f.write(script(shell))
        try:
            r = subprocess.run([shell, "-n", f.name], capture_output=True, text=True, timeout=60)
        finally:
            os.unlink(f.name)
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_zsh_parses(self):
        self.parse("zsh", ".zsh")

    def test_fish_parses(self):
        self.parse("fish", ".fish")

    def sandbox(self, tmp, shell, name):
        """`tmp` holding `mentorctl` (the built binary) and the script of `shell` as `name`;
        the environment that finds that mentorctl first."""
        if shutil.which(shell) is None:
            self.skipTest(f"{shell} is not installed (apt-get install {shell}); its completions are not run")
        os.symlink(MENTORCTL, os.path.join(tmp, "mentorctl"))
        with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
            f.write(script(shell))
        env = environment("2026-11-22")
        env["PATH"] = tmp + os.pathsep + env["PATH"]
        return env

    def test_fish_completes(self):
        """fish's `complete -C LINE` prints what it would offer, with descriptions."""
        with tempfile.TemporaryDirectory() as tmp:
            env = self.sandbox(tmp, "fish", "mentorctl.fish")

            def offered(line):
                r = subprocess.run(["fish", "--no-config", "-c", f"source {tmp}/mentorctl.fish; complete -C {line!r}"],
                                   capture_output=True, text=True, env=env, timeout=60)
                self.assertEqual(r.stderr, "")
                return sorted(line.split("\t")[0] for line in r.stdout.splitlines())

            self.assertEqual(offered("mentorctl st"), ["status", "stipend"])
            self.assertEqual(offered("mentorctl report "), ["hours", "html"])
            self.assertEqual(offered("mentorctl audit --format "), sorted(["text", "json", "csv", "junit", "github", "sarif"]))
            self.assertIn("--strict", offered("mentorctl audit --"))
            self.assertNotIn("--strict", offered("mentorctl stipend --"))
            self.assertEqual(offered(f"mentorctl -C {WALNUT} audit --mentor "), role_holders(WALNUT, "mentor"))
            # the arguments of pair: MENTOR, then MENTEE, then nothing
            mentors, mentees = role_holders(WALNUT, "mentor"), role_holders(WALNUT, "mentee")
            self.assertEqual(offered(f"mentorctl -C {WALNUT} pair "), mentors)
            self.assertEqual(offered(f"mentorctl -C {WALNUT} pair {mentors[0]} "), mentees)
            self.assertEqual(offered(f"mentorctl -C {WALNUT} pair {mentors[0]} {mentees[0]} "), [])
            self.assertEqual(offered("mentorctl help sta"), ["status"])

    def test_zsh_completes(self):
        """An interactive zsh on a pseudo-terminal with the script in $fpath, sent TAB after a
        command line: what it lists or inserts."""
        with tempfile.TemporaryDirectory() as tmp:
            env = self.sandbox(tmp, "zsh", "_mentorctl")
            env.update({"TERM": "xterm", "COLUMNS": "200", "LINES": "50"})
            shell = ZshSession(env, cwd=WALNUT, setup=[f"fpath=({tmp} $fpath)", "autoload -Uz compinit && compinit -u -D"])
            try:
                self.assertIn("mentorctl report", shell.complete("mentorctl rep", "report"))
                listed = shell.complete("mentorctl audit --format ", "junit").split()
                for value in ("text", "json", "csv", "junit", "github", "sarif"):
                    self.assertIn(value, listed)
                mentors = role_holders(WALNUT, "mentor")
                listed = shell.complete("mentorctl audit --mentor ", mentors[-1]).split()
                self.assertEqual([word for word in listed if word in mentors], mentors)
                self.assertFalse(set(listed) & set(role_holders(WALNUT, "mentee")))
                self.assertIn("--strict", shell.complete("mentorctl audit --st", "--strict"))
            finally:
                shell.close()

    def test_scripts_name_every_command(self):
        for shell in ("bash", "zsh", "fish"):
            text = script(shell)
            for name in command_names():
                with self.subTest(shell=shell, command=name):
                    self.assertIn(name, text)


if __name__ == "__main__":
    unittest.main()

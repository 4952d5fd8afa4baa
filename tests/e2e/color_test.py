#!/usr/bin/env python3
"""NO_COLOR and --color across every command (SPEC 5, issue 15 item 7).

Each command of the binary runs on two pseudo-terminals (standard output and standard
error each on its own) or on pipes, with --color auto|always|never and NO_COLOR unset,
empty or set, in an example repository with one broken person file (so every command
that loads records has record errors to print on standard error). Colour escapes must
appear exactly when SPEC 5 says: `always` colours even with NO_COLOR set or on a pipe,
`never` never does, and `auto` only on a terminal and when NO_COLOR is unset or empty
(no-color.org) — and only on the streams where the command prints something coloured.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/color_test.py
"""
import os
import pathlib
import pty
import re
import select
import shutil
import subprocess
import tempfile
import unittest

from support import SOURCE, command_names, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
SGR = re.compile(rb"\x1b\[[0-9;]*m")

# command -> (example, arguments after the command, the streams it colours there). Every
# command of the binary is here; test_every_command_is_covered keeps it so.
COMMANDS = {
    "check": ("walnut-valley", [], {1}),
    "audit": ("walnut-valley", [], {1, 2}),
    "stipend": ("walnut-valley", [], {2}),
    "certify": ("west-london", ["creid", "--level", "entry"], {2}),
    "status": ("walnut-valley", ["--mentor", "mdelgado"], {1, 2}),
    "report": ("walnut-valley", ["hours", "--mentor", "mdelgado"], {1, 2}),
    "match": ("dysart", ["--start", "2027-06-01"], {2}),
    "log": ("walnut-valley", ["--mentor", "mdelgado", "--mentee", "jortiz", "--duration", "30m", "--date",
                              "2027-06-01", "--dry-run"], {2}),
    "observe": ("walnut-valley", ["--mentee", "jortiz", "--observer", "mdelgado", "--date", "2027-06-01",
                                  "--dry-run"], {2}),
    "pair": ("walnut-valley", ["ktran", "jortiz", "--program", "walnut-valley", "--start", "2027-02-01",
                               "--dry-run"], {2}),
    "training": ("walnut-valley", ["add", "--id", "june-catch-up", "--date", "2027-06-01", "--kind", "workshop",
                                   "--dry-run"], {2}),
    "evidence": ("west-london", ["creid", "--criterion", "entry/pre-entry-audit", "--date", "2027-06-01",
                                 "--dry-run"], {2}),
    "init": (None, [], set()),
    "setup-git": (None, [], set()),
    "merge-driver": (None, [], set()),
    "completion": (None, ["bash"], set()),
}

# (--color, NO_COLOR, on terminals) -> whether the streams a command colours are coloured
MODES = [
    ("always", None, False, True),
    ("always", "1", False, True),
    ("always", "1", True, True),
    ("never", None, True, False),
    ("auto", None, True, True),
    ("auto", "", True, True),
    ("auto", "1", True, False),
    ("auto", None, False, False),
    (None, None, True, True),  # no --color at all: auto
    (None, "1", True, False),
]


def broken_copy(example, tmp):
    """The example in tmp with one person file that has an unknown field."""
    root = pathlib.Path(tmp) / example
    if not root.exists():
        shutil.copytree(SOURCE / "examples" / example, root)
        (root / "people" / "zbroken.yaml").write_text(
            "id: zbroken\nname: Zed Broken\nroles: [teacher]\nfavourite_colour: blue\n", encoding="utf-8")
    return root


def run_on_terminals(args, env, cwd):
    """Runs with standard output and standard error each on its own pseudo-terminal."""
    streams = [pty.openpty(), pty.openpty()]
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=streams[0][1], stderr=streams[1][1], env=env,
                               cwd=cwd)
    for _, follower in streams:
        os.close(follower)
    output = {streams[0][0]: b"", streams[1][0]: b""}
    open_ = set(output)
    while open_:
        ready, _, _ = select.select(list(open_), [], [], 120)
        if not ready:
            process.kill()
            raise AssertionError(f"no output for 120 s: {args}")
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                data = b""
            if data:
                output[fd] += data
            else:
                open_.discard(fd)
                os.close(fd)
    process.wait(timeout=120)
    return process.returncode, output[streams[0][0]], output[streams[1][0]]


class Color(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def invocation(self, name, color):
        example, arguments, _ = COMMANDS[name]
        options = [] if color is None else ["--color", color]
        tmp = pathlib.Path(self.tmp.name)
        if example is not None:
            root = broken_copy(example, tmp)
            return [MENTORCTL, "-C", str(root), "--as-of", "2027-03-01", *options, name, *arguments], tmp
        if name == "init":
            target = tmp / "new" / str(len(list(tmp.glob("new/*"))))
            return [MENTORCTL, *options, "init", str(target)], tmp
        if name == "setup-git":
            clone = tmp / "clone"
            if not clone.exists():
                clone.mkdir()
                subprocess.run(["git", "init", "-q", str(clone)], check=True)
            return [MENTORCTL, "-C", str(clone), *options, "setup-git"], clone
        if name == "merge-driver":
            for side, text in (("base", "a: 1\n"), ("ours", "a: 2\n"), ("theirs", "a: 3\n")):
                (tmp / side).write_text(text, encoding="utf-8")
            return [MENTORCTL, *options, "merge-driver", "base", "ours", "theirs", "people/x.yaml"], tmp
        return [MENTORCTL, *options, name, *arguments], tmp

    def run_mode(self, name, color, no_color, terminals):
        args, cwd = self.invocation(name, color)
        env = environment("2027-06-30")
        env.update({"MENTORCTL_PROGRESS_AFTER_MS": "3600000", "LANG": "C.UTF-8", "TERM": "xterm",
                    "XDG_CACHE_HOME": os.path.join(self.tmp.name, "cache"), "MANPAGER": "cat", "PAGER": "cat"})
        if no_color is not None:
            env["NO_COLOR"] = no_color
        if terminals:
            return run_on_terminals(args, env, cwd)
        r = subprocess.run(args, capture_output=True, env=env, cwd=cwd, stdin=subprocess.DEVNULL, timeout=300)
        return r.returncode, r.stdout, r.stderr

    def test_every_command_is_covered(self):
        self.assertEqual(sorted(set(command_names(MENTORCTL)) - {"help"}), sorted(COMMANDS))

    def test_colour_exactly_when_it_should(self):
        for name, (_, _, coloured) in COMMANDS.items():
            for color, no_color, terminals, expected in MODES:
                mode = f"--color {color}, NO_COLOR {no_color!r}, {'terminals' if terminals else 'pipes'}"
                with self.subTest(command=name, mode=mode):
                    status, out, err = self.run_mode(name, color, no_color, terminals)
                    self.assertLess(status, 3, err)
                    for fd, text in ((1, out), (2, err)):
                        self.assertEqual(bool(SGR.search(text)), expected and fd in coloured,
                                         f"fd {fd} of {name}: {text[:600]!r}")

    def test_the_broken_file_is_reported(self):
        # the colour of standard error is tested on record errors: they must be there
        for name, (example, _, coloured) in COMMANDS.items():
            if example is not None and 2 in coloured:
                with self.subTest(command=name):
                    _, _, err = self.run_mode(name, "never", None, False)
                    self.assertIn(b"zbroken.yaml", err)


if __name__ == "__main__":
    unittest.main()

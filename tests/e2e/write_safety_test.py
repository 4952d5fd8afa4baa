#!/usr/bin/env python3
"""The writer every write command shares (SPEC 6.3: append-only, atomic, locked,
validated): the commands' help, hand-written files kept byte for byte, writes confined
to the repository, hostile input, concurrent writers and killed writers.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_safety_test.py
"""
import datetime
import os
import random
import shutil
import signal
import subprocess
import time
import unittest

import yaml

from support import MENTORCTL, TODAY, RepoTest, read, run, write, yamllint, yamllint_strict


class Help(unittest.TestCase):
    def test_every_write_command_has_help(self):
        for args in (["log"], ["observe"], ["pair"], ["training"], ["training", "add"], ["training", "attend"],
                     ["evidence"], ["setup-git"], ["merge-driver"]):
            r = run(*args, "--help")
            self.assertEqual(r.returncode, 0, args)
            self.assertIn("Usage", r.stdout, args)

    def test_listed_in_the_main_help(self):
        r = run("--help")
        for name in ("log", "observe", "pair", "training", "evidence", "setup-git", "merge-driver"):
            self.assertIn(name, r.stdout)

    def test_missing_required_option_is_usage(self):
        r = run("log", "--mentee", "asmith")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--duration", r.stderr)


# ---------------------------------------------------------------------------------------
# Hand-written files: every write keeps every old line, byte for byte and in order.

HAND_WRITTEN = {
    "logs/2026-27/jdoe.yaml": (
        "# Support log of Jane Doe, 2026-27.\n"
        "#   kept by hand until October\n"
        "\n"
        "mentor:   jdoe     # that's me\n"
        "entries:\n"
        "    # September\n"
        "    -   date: 2026-09-14        # a Monday\n"
        "        mentee: asmith\n"
        "        duration: 1h\n"
        "        topics:\n"
        "          - classroom management\n"
        "          - 'ILP goal 1'\n"
        "\n"
        "    -   date: 2026-09-21\n"
        "        mentee: asmith\n"
        "        duration: 45m\n"
        "        notes: |\n"
        "          Discussed pacing.\n"
        "          # not a comment: part of the notes\n"
        "\n"
        "\n"
        "    # more to come\n"
        "# end of file\n"),
    "logs/2026-27/kwong.yaml": (
        "entries:\n"
        "- date: 2026-09-14\n"
        "  mentee: asmith\n"
        "  duration: 30m\n"
        "  notes: >\n"
        "    folded\n"
        "    text\n"
        "mentor: kwong   # the key after the list\n"),
    "observations/2026-27/asmith.yaml": (
        "mentee: asmith\n"
        "observations:\n"
        "  - date: 2026-10-02\n"
        "    observer: jdoe\n"
        "    standards: [CSTP 2, 'CSTP 5']   # flow inside an item is fine\n"
        "    evidence: |+\n"
        "      kept trailing line\n"
        "\n"
        "# trailing comment\n"),
    "pairings/2026-27.yaml": (
        "school_year: 2026-27\n"
        "pairings:\n"
        "  # matched in August\n"
        "  - mentor: jdoe\n    mentee: asmith\n    program: p\n    start: 2026-08-24\n"
        "  - mentor: jdoe\n    mentee: bmiller\n    program: q\n    start: 2026-09-01\n"
        "    note: \"by subject\"  # a note\n"
        "\n"
        "# end\n"),
    "trainings/2026-27.yaml": (
        "school_year: 2026-27\n"
        "sessions:\n"
        "  - id: summer-institute\n"
        "    date: 2026-08-05\n"
        "    kind: full-day\n"
        "    attendees:\n"
        "      # signed in at the door\n"
        "      - jdoe\n"
        "  - id: half-1\n"
        "    date: 2026-10-05\n"
        "    kind: half-day\n"
        "    title: \"Half day: coaching\"\n"),
    "evidence/jdoe.yaml": (
        "\ufeffperson: jdoe\n"
        "evidence:\n"
        "  - criterion: entry/pre-entry-audit\n"
        "    date: 2026-09-01   \n"),
}


# One write per hand-written file, and the item it must append (as PyYAML reads it).
HAND_WRITES = {
    "logs/2026-27/jdoe.yaml": (
        ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-28",
         "--topic", "yes", "--notes", "two\nlines"],
        ["entries"],
        {"date": datetime.date(2026, 9, 28), "mentee": "asmith", "duration": "1h", "kind": "meeting",
         "topics": ["yes"], "notes": "two\nlines", "confidential": False}),
    "logs/2026-27/kwong.yaml": (
        ["log", "--mentor", "kwong", "--mentee", "asmith", "--duration", "20m", "--date", "2026-09-15", "--force"],
        ["entries"],
        {"date": datetime.date(2026, 9, 15), "mentee": "asmith", "duration": "20m", "kind": "meeting",
         "confidential": False}),
    "observations/2026-27/asmith.yaml": (
        ["observe", "--mentee", "asmith", "--observer", "jdoe", "--date", "2026-10-09", "--focus", "on"],
        ["observations"],
        {"date": datetime.date(2026, 10, 9), "observer": "jdoe", "focus": "on", "confidential": False}),
    "pairings/2026-27.yaml": (
        ["pair", "kwong", "asmith", "--program", "p", "--start", "2027-06-10", "--end", "2027-07-01"],
        ["pairings"],
        {"mentor": "kwong", "mentee": "asmith", "program": "p", "start": datetime.date(2027, 6, 10),
         "end": datetime.date(2027, 7, 1)}),
    "trainings/2026-27.yaml": (
        ["training", "attend", "summer-institute", "kwong"],
        ["sessions", 0, "attendees"],
        "kwong"),
    "evidence/jdoe.yaml": (
        ["evidence", "jdoe", "--criterion", "entry/recommendation", "--signed-off-by", "hbrown", "--date",
         "2026-09-02"],
        ["evidence"],
        {"criterion": "entry/recommendation", "date": datetime.date(2026, 9, 2), "signed_off_by": "hbrown"}),
}


def inserted_block(old, new):
    """The lines `new` has beyond `old`, when `new` is `old` (with a final line end added
    if it lacked one) plus one contiguous block of whole lines; else None."""
    if old and not old.endswith("\n"):
        old += "\r\n" if "\r\n" in old else "\n"
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    extra = len(new_lines) - len(old_lines)
    if extra <= 0:
        return None
    for at in range(len(old_lines) + 1):
        if new_lines[:at] == old_lines[:at] and new_lines[at + extra:] == old_lines[at:]:
            return new_lines[at:at + extra]
    return None


class HandWrittenFiles(RepoTest):
    def variants(self, text):
        lf = text
        crlf = text.replace("\n", "\r\n")
        yield "lf", lf
        yield "crlf", crlf
        yield "no final newline", lf.rstrip("\n")
        yield "crlf, no final newline", crlf.rstrip("\r\n")

    def test_every_old_line_kept_in_order(self):
        for rel, text in HAND_WRITTEN.items():
            args, where, item = HAND_WRITES[rel]
            for name, variant in self.variants(text):
                with self.subTest(file=rel, variant=name):
                    for other, other_text in HAND_WRITTEN.items():
                        write(self.path(other), other_text)
                    write(self.path(rel), variant)
                    self.assertChecks()
                    old_data = yaml.safe_load(variant)
                    r = self.mc(*args)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    new = read(self.path(rel))
                    block = inserted_block(variant, new)
                    self.assertIsNotNone(block, new)
                    crlf = "\r\n" in variant
                    for line in block:
                        self.assertTrue(line.endswith("\r\n") if crlf else not line.endswith("\r\n"), repr(line))
                    # An independent reader sees the old data plus exactly the new item.
                    target = old_data
                    for key in where:
                        if isinstance(target, dict) and key not in target:
                            target[key] = []
                        target = target[key]
                    target.append(item)
                    self.assertEqual(yaml.safe_load(new), old_data)
                    self.assertChecks()
                    self.assertEqual(yamllint(self.path(rel), crlf=crlf).returncode, 0,
                                     yamllint(self.path(rel), crlf=crlf).stdout)

    def test_mentorctl_written_files_pass_strict_lint(self):
        shutil.rmtree(self.path("pairings"))
        commands = [
            ["pair", "jdoe", "asmith", "--program", "p", "--start", "2026-08-24"],
            ["pair", "jdoe", "bmiller", "--program", "q", "--start", "2026-09-01"],
            ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14",
             "--topic", "a: b", "--notes", "multi\nline"],
            ["log", "--mentor", "jdoe", "--mentee", "bmiller", "--duration", "2h", "--topic", "x"],
            ["observe", "--mentee", "asmith", "--observer", "jdoe", "--evidence", "one\ntwo\n"],
            ["training", "add", "--id", "t1", "--date", "2026-08-05", "--kind", "full-day", "--title", "Day one"],
            ["training", "attend", "t1", "jdoe", "kwong"],
            ["evidence", "jdoe", "--criterion", "entry/recommendation", "--signed-off-by", "hbrown"],
        ]
        for args in commands:
            r = self.mc(*args)
            self.assertEqual(r.returncode, 0, (args, r.stderr))
        for rel in ("pairings/2026-27.yaml", "logs/2026-27/jdoe.yaml", "observations/2026-27/asmith.yaml",
                    "trainings/2026-27.yaml", "evidence/jdoe.yaml"):
            lint = yamllint_strict(self.path(rel))
            self.assertEqual(lint.returncode, 0, lint.stdout)
        self.assertChecks()


# ---------------------------------------------------------------------------------------
# Writes stay inside the repository: a symlinked folder or lock file never leads a write
# (or a read for a diagnostic's excerpt) outside it.


class Confinement(RepoTest):
    SECRET = "secret: the first line of a file outside the repository\n"

    def setUp(self):
        super().setUp()
        self.outside = os.path.join(self.tmp, "elsewhere")
        os.makedirs(self.outside)
        self.git_free()

    def git_free(self):
        # Without a .git above, the lock is .mentorctl.lock at the root.
        self.assertFalse(os.path.exists(os.path.join(self.root, ".git")))

    def outside_files(self):
        return {n: read(os.path.join(self.outside, n)) for n in os.listdir(self.outside)}

    def test_log_through_a_symlinked_year_folder_is_refused(self):
        write(os.path.join(self.outside, "jdoe.yaml"), "mentor: jdoe\nentries: []\n")
        os.makedirs(self.path("logs"))
        os.symlink(self.outside, self.path("logs/2026-27"))
        before = self.outside_files()
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "logs/2026-27 is a symlink that leads outside the repository",
                           "replace the link with a folder")
        self.assertEqual(self.outside_files(), before)

    def test_log_creating_a_file_through_a_symlinked_folder_is_refused(self):
        os.makedirs(self.path("logs"))
        os.symlink(self.outside, self.path("logs/2026-27"))
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "logs/2026-27 is a symlink that leads outside the repository")
        self.assertEqual(self.outside_files(), {})

    def test_evidence_through_a_symlinked_folder_is_refused(self):
        os.symlink(self.outside, self.path("evidence"))
        r = self.mc("--color", "never", "evidence", "jdoe", "--criterion", "entry/pre-entry-audit")
        self.assertRefused(r, "evidence is a symlink that leads outside the repository")
        self.assertEqual(self.outside_files(), {})

    def test_symlinked_file_leading_outside_is_refused(self):
        write(os.path.join(self.outside, "jdoe.yaml"), "mentor: jdoe\nentries: []\n")
        os.makedirs(self.path("logs/2026-27"))
        os.symlink(os.path.join(self.outside, "jdoe.yaml"), self.path("logs/2026-27/jdoe.yaml"))
        before = self.outside_files()
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("symlink leads outside the repository", r.stderr)
        self.assertEqual(self.outside_files(), before)

    def test_symlinked_folder_inside_the_repository_is_written_through(self):
        write(self.path("shared/logs/jdoe.yaml"), "mentor: jdoe\nentries: []\n")
        os.makedirs(self.path("logs"))
        os.symlink(os.path.join("..", "shared", "logs"), self.path("logs/2026-27"))
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.islink(self.path("logs/2026-27")))
        self.assertIn("mentee: asmith", read(self.path("shared/logs/jdoe.yaml")))
        self.assertChecks()

    def test_symlinked_lock_file_is_refused(self):
        target = os.path.join(self.outside, "created-by-the-lock")
        os.symlink(target, self.path(".mentorctl.lock"))
        r = self.mc("--color", "never", "log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, ".mentorctl.lock is a symlink, and mentorctl does not follow it; remove it")
        self.assertFalse(os.path.lexists(target))
        self.assertFalse(os.path.exists(self.path("logs")))

    def test_diagnostic_never_quotes_a_file_outside(self):
        write(os.path.join(self.outside, "jdoe.yaml"), self.SECRET)
        os.makedirs(self.path("logs"))
        os.symlink(self.outside, self.path("logs/2026-27"))
        write(os.path.join(self.outside, "p.yaml"), self.SECRET)
        os.symlink(os.path.join(self.outside, "p.yaml"), self.path("programs/x.yaml"))
        for args in (["check"], ["audit"], ["log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h"]):
            with self.subTest(args=args):
                r = self.mc("--color", "never", *args)
                if args[0] != "log":  # log refuses at the link before listing diagnostics
                    self.assertIn("symlink-outside", r.stdout + r.stderr)
                self.assertNotIn("first line of a file outside", r.stdout + r.stderr)


# ---------------------------------------------------------------------------------------
# Inputs that once crashed a write or read without limit: each gets a clear message and
# exit 2, and nothing is written.


class HostileWriteInput(RepoTest):
    FILE = "observations/2026-27/asmith.yaml"
    OBSERVE = ("observe", "--mentee", "asmith", "--observer", "jdoe", "--date", "2026-10-02")

    def assertNothingWritten(self, before):
        after = self.snapshot()
        after.pop(".mentorctl.lock", None)  # the writer's lock file, empty
        self.assertEqual(after, before)

    def test_evidence_file_without_end(self):
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", "/dev/zero")
        self.assertRefused(r, "--evidence-file /dev/zero: more than 16 MiB, the most a record file may hold",
                           "shorten the notes")
        self.assertNotIn("internal error", r.stderr)
        self.assertNothingWritten(before)

    def test_evidence_file_that_is_a_folder(self):
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", self.tmp)
        self.assertRefused(r, f"--evidence-file {self.tmp}: is a folder; name the file that holds the notes")
        self.assertNotIn("basic_filebuf", r.stderr)
        self.assertNothingWritten(before)

    def test_evidence_file_over_the_file_limit(self):
        big = os.path.join(self.tmp, "big.txt")
        with open(big, "w") as f:
            f.write(("x" * 99 + "\n") * 170000)  # 17 MB
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", big)
        self.assertRefused(r, "more than 16 MiB, the most a record file may hold")
        self.assertNotIn("internal error", r.stderr)
        self.assertNothingWritten(before)

    def test_new_lines_that_would_make_the_file_too_large(self):
        # Each part is below the limit; the file with both is not.
        filler = "".join(f"      line {i:07d} of an earlier observation\n" for i in range(200000))
        write(self.path(self.FILE), "mentee: asmith\nobservations:\n  - date: 2026-09-02\n    observer: jdoe\n"
                                    "    evidence: |\n" + filler)
        notes = os.path.join(self.tmp, "notes.txt")
        with open(notes, "w") as f:
            f.write(("y" * 99 + "\n") * 90000)  # 9 MB
        before = self.snapshot()
        r = self.mc(*self.OBSERVE, "--evidence-file", notes)
        self.assertRefused(r, f"with the new lines {self.FILE} would hold", "more than the 16 MiB a record file may hold",
                           "nothing was written")
        self.assertNotIn("internal error", r.stderr)
        self.assertNothingWritten(before)

    def test_append_after_a_block_scalar_without_final_newline(self):
        log = "logs/2026-27/jdoe.yaml"
        text = ("mentor: jdoe\nentries:\n  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n"
                "    notes: |\n      no line end after this")
        write(self.path(log), text)
        self.assertChecks()
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h")
        self.assertRefused(r, "logs/2026-27/jdoe.yaml: the file ends in a block scalar (| or >) without a final "
                              "line end", "write the block as |-")
        self.assertNotIn("internal error", r.stderr)
        self.assertEqual(read(self.path(log)), text)

    def test_no_threads_to_be_had(self):
        # RLIMIT_NPROC binds only a user that is not root: run as nobody with room for no
        # new thread (creating one fails with EAGAIN, as under a tight `ulimit -u`).
        setpriv = shutil.which("setpriv")
        if os.geteuid() != 0 or setpriv is None:
            self.skipTest("needs root and setpriv to run as another user")
        probe = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c",
                                "ulimit -u 1 && exec python3 -c 'import threading; threading.Thread().start()'"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            self.skipTest("thread creation does not fail under ulimit -u here")
        for folder in (self.tmp, self.root):
            os.chmod(folder, 0o755)
        for folder, _, _ in os.walk(self.root):
            os.chmod(folder, 0o755)
        script = 'ulimit -u 1 && exec "$0" -C "$1" --no-cache --threads 8 check --color never'
        # LeakSanitizer needs a thread of its own at exit, which this limit refuses: under a
        # sanitized build, leak checking is off for this one run (ASan itself stays on).
        asan = os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
        r = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", script,
                            MENTORCTL, self.root], capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, MENTORCTL_TODAY=TODAY, HOME=self.tmp, ASAN_OPTIONS=asan))
        self.assertNotIn("terminate called", r.stderr)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(" 0 errors", r.stdout)


# ---------------------------------------------------------------------------------------
# Concurrency and crashes.

class Concurrency(RepoTest):
    def test_two_writers_lose_nothing(self):
        script = ("for i in $(seq 1 200); do \"$MENTORCTL\" -q -C \"$ROOT\" log --mentor jdoe --mentee asmith "
                  "--duration 1h --date 2026-09-14 --notes \"$WHO $i\" || exit 1; done")
        env = dict(os.environ, MENTORCTL=MENTORCTL, ROOT=self.root, MENTORCTL_TODAY=TODAY)
        writers = [subprocess.Popen(["bash", "-c", script], env=dict(env, WHO=who), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for who in ("A", "B")]
        for w in writers:
            out, err = w.communicate(timeout=600)
            self.assertEqual(w.returncode, 0, err)
        entries = yaml.safe_load(read(self.path("logs/2026-27/jdoe.yaml")))["entries"]
        self.assertEqual(len(entries), 400)
        self.assertEqual(sorted(e["notes"] for e in entries),
                         sorted(f"{who} {i}" for who in "AB" for i in range(1, 201)))
        # Each writer's entries are in its own order.
        for who in "AB":
            mine = [int(e["notes"].split()[1]) for e in entries if e["notes"].startswith(who)]
            self.assertEqual(mine, list(range(1, 201)))
        self.assertChecks()


class Crash(RepoTest):
    def test_killed_writer_leaves_old_or_new_file(self):
        log = self.path("logs/2026-27/jdoe.yaml")
        # A large file makes the write itself take a while.
        entries = "".join(f"  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n    notes: filler {i}\n"
                          for i in range(3000))
        write(log, "mentor: jdoe\nentries:\n" + entries)
        started = time.monotonic()
        self.assertEqual(self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date",
                                 "2026-09-14", "--notes", "timing").returncode, 0)
        duration = time.monotonic() - started
        rng = random.Random(20261122)
        outcomes = {"old": 0, "new": 0}
        env = dict(os.environ, MENTORCTL_TODAY=TODAY)
        # At least 40 kills; the delays stretch until some kills land before and some
        # after the rename, however loaded the machine is.
        for i in range(120):
            if i >= 40 and outcomes["old"] and outcomes["new"]:
                break
            old = read(log)
            p = subprocess.Popen([MENTORCTL, "-q", "-C", self.root, "log", "--mentor", "jdoe", "--mentee", "asmith",
                                  "--duration", "1h", "--date", "2026-09-14", "--notes", f"crash {i}"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * (2.5 + i / 10)))
            p.send_signal(signal.SIGKILL)
            p.wait()
            now = read(log)
            if now == old:
                outcomes["old"] += 1
            else:
                self.assertTrue(now.startswith(old), f"iteration {i}: the old content changed")
                self.assertEqual(yaml.safe_load(now[len(old):]),
                                 [{"date": datetime.date(2026, 9, 14), "mentee": "asmith", "duration": "1h",
                                   "kind": "meeting", "notes": f"crash {i}", "confidential": False}])
                outcomes["new"] += 1
            # No stray file a reader would pick up.
            visible = [n for n in os.listdir(os.path.dirname(log)) if not n.startswith(".")]
            self.assertEqual(visible, ["jdoe.yaml"])
        self.assertGreater(outcomes["old"], 0)
        self.assertGreater(outcomes["new"], 0)
        self.assertChecks()
        # The next write clears temporary files killed writers left behind.
        r = self.mc("log", "--mentor", "jdoe", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.listdir(os.path.dirname(log)), ["jdoe.yaml"])


if __name__ == "__main__":
    unittest.main(verbosity=1)

#!/usr/bin/env python3
"""Fault injection for the write commands (SPEC 6.3): a full disk, a read-only file and
folder, a lock another process holds, SIGKILL at random points of a write, two and eight
concurrent writers, a program appending to the file while mentorctl writes it. After
every fault the file holds its old bytes or the complete new ones, nothing another
program wrote is lost, no temporary file is left where the user sees it (or the next run
removes it), and a failed write says what happened and exits non-zero.

Run: MENTORCTL=path/to/mentorctl python3 tests/fault/fault_injection_test.py
"""
import fcntl
import os
import pathlib
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "e2e"))
from support import BASE_FILES, MENTORCTL, TODAY  # noqa: E402  (the write tests' repository)

LOG = "logs/2026-27/jdoe.yaml"
NOBODY = 65534


def base_env():
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MENTORCTL_USER")}
    env["MENTORCTL_TODAY"] = TODAY
    return env


def log_args(root, notes, *extra):
    return [MENTORCTL, "-C", str(root), "--no-cache", "log", "--mentor", "jdoe", "--mentee", "asmith",
            "--duration", "1h", "--date", "2026-09-14", "--notes", notes, *extra]


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def entries_of(path):
    return yaml.safe_load(pathlib.Path(path).read_text(encoding="utf-8"))["entries"] or []


class Repo(unittest.TestCase):
    """A fresh repository (write_test's) per test, with one log entry written."""

    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-fault-"))
        self.root = self.tmp / "records"
        for rel, text in BASE_FILES.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        self.log = self.root / LOG
        self.assertEqual(self.mc("first").returncode, 0)

    def tearDown(self):
        for folder, names, _ in os.walk(self.tmp):
            for name in names:
                os.chmod(os.path.join(folder, name), 0o755)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def mc(self, notes, *extra, user=None, preexec=None, timeout=300):
        def prepare():
            if preexec:
                preexec()
            if user:
                user()
        return subprocess.run(log_args(self.root, notes, *extra), capture_output=True, text=True,
                              env=base_env(), stdin=subprocess.DEVNULL, timeout=timeout,
                              preexec_fn=prepare if (preexec or user) else None)

    def visible_files(self, folder):
        return sorted(n for n in os.listdir(folder) if not n.startswith("."))

    def all_files(self, folder):
        return sorted(os.listdir(folder))

    def assertFailedCleanly(self, r, old, *fragments):
        """A refused or failed write: exit 2 or 3, one clear error line, the file unchanged,
        no temporary file left in its folder."""
        self.assertIn(r.returncode, (2, 3), r.stdout + r.stderr)
        self.assertTrue(r.stderr.startswith("mentorctl: error: "), r.stderr)
        for fragment in fragments:
            self.assertIn(fragment, r.stderr)
        self.assertNotIn("internal error", r.stderr)
        self.assertEqual(self.log.read_bytes(), old)
        self.assertEqual(self.all_files(self.log.parent), ["jdoe.yaml"])

    def give_to_nobody(self):
        """As root, file permissions bind only another user: the repository becomes
        nobody's, and the write runs as nobody."""
        if os.geteuid() != 0:
            return None
        os.chmod(self.tmp, 0o755)
        for folder, names, files in os.walk(self.root):
            os.chown(folder, NOBODY, NOBODY)
            for name in files:
                os.chown(os.path.join(folder, name), NOBODY, NOBODY)
        return as_nobody


# ---------------------------------------------------------------------------------------
# A full disk.

class FullDisk(Repo):
    def test_file_size_limit(self):
        # `ulimit -f`: the temporary copy cannot grow past the old file's size. SIGXFSZ is
        # ignored, as a shell's `ulimit -f` leaves it, so write() fails with EFBIG.
        old = self.log.read_bytes()

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (len(old) + 8, len(old) + 8))

        r = self.mc("too big for the disk", preexec=limit)
        self.assertFailedCleanly(r, old, "cannot write", "File too large")
        self.assertEqual(self.mc("after").returncode, 0)
        self.assertEqual([e["notes"] for e in entries_of(self.log)], ["first", "after"])

    def test_file_size_limit_kills(self):
        # The default action of SIGXFSZ: the writer dies in the middle of its write.
        old = self.log.read_bytes()

        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (len(old) + 8, len(old) + 8))

        r = self.mc("killed by the limit", preexec=limit)
        self.assertEqual(r.returncode, -signal.SIGXFSZ, r.stderr)
        self.assertEqual(self.log.read_bytes(), old)
        self.assertEqual(self.visible_files(self.log.parent), ["jdoe.yaml"])
        # The next write removes the temporary file the killed one left.
        self.assertEqual(self.mc("after").returncode, 0)
        self.assertEqual(self.all_files(self.log.parent), ["jdoe.yaml"])

    def test_new_file_on_a_full_disk(self):
        # A file that does not exist yet: nothing at all is created.
        self.log.unlink()

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))

        r = self.mc("new file", preexec=limit)
        self.assertIn(r.returncode, (2, 3), r.stderr)
        self.assertIn("File too large", r.stderr)
        self.assertEqual(self.all_files(self.log.parent), [])

    def test_small_tmpfs(self):
        # A real full file system, where mounting is allowed (root outside a container).
        mount = self.tmp / "small"
        mount.mkdir()
        if os.geteuid() != 0 or shutil.which("mount") is None:
            self.skipTest("mounting a tmpfs needs root")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True,
                           text=True)
        if r.returncode != 0:
            self.skipTest(f"cannot mount a tmpfs here: {r.stderr.strip()}")
        try:
            root = mount / "records"
            shutil.copytree(self.root, root)
            log = root / LOG
            old = log.read_bytes()
            # Fill the file system up, leaving less room than the new copy needs.
            try:
                with open(mount / "filler", "wb") as f:
                    while True:
                        f.write(b"\0" * 4096)
                        f.flush()
            except OSError:
                pass
            r = subprocess.run(log_args(root, "no room"), capture_output=True, text=True, env=base_env(),
                               stdin=subprocess.DEVNULL, timeout=120)
            self.assertIn(r.returncode, (2, 3), r.stderr)
            self.assertIn("No space left on device", r.stderr)
            self.assertEqual(log.read_bytes(), old)
            self.assertEqual(sorted(os.listdir(log.parent)), ["jdoe.yaml"])
            (mount / "filler").unlink()
            r = subprocess.run(log_args(root, "room again"), capture_output=True, text=True, env=base_env(),
                               stdin=subprocess.DEVNULL, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
        finally:
            subprocess.run(["umount", str(mount)], capture_output=True)


# ---------------------------------------------------------------------------------------
# Permissions.

class ReadOnly(Repo):
    def test_read_only_file(self):
        user = self.give_to_nobody()
        self.log.chmod(0o444)
        old = self.log.read_bytes()
        r = self.mc("into a read-only file", user=user)
        self.assertFailedCleanly(r, old, LOG, "read-only")
        self.assertEqual(self.log.stat().st_mode & 0o777, 0o444)

    def test_read_only_folder(self):
        user = self.give_to_nobody()
        self.log.parent.chmod(0o555)
        old = self.log.read_bytes()
        r = self.mc("into a read-only folder", user=user)
        self.assertFailedCleanly(r, old, "logs/2026-27", "Permission denied")

    def test_read_only_folder_for_a_new_file(self):
        user = self.give_to_nobody()
        self.log.unlink()
        self.log.parent.chmod(0o555)
        r = self.mc("a new file in a read-only folder", user=user)
        self.assertIn(r.returncode, (2, 3), r.stderr)
        self.assertIn("Permission denied", r.stderr)
        self.assertEqual(self.all_files(self.log.parent), [])


# ---------------------------------------------------------------------------------------
# The lock.

class LockHeld(Repo):
    def hold_lock(self):
        fd = os.open(self.root / ".mentorctl.lock", os.O_RDWR | os.O_CREAT, 0o666)
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def test_writer_waits_for_the_lock(self):
        fd = self.hold_lock()
        old = self.log.read_bytes()
        p = subprocess.Popen(log_args(self.root, "waited"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=base_env(), stdin=subprocess.DEVNULL)
        time.sleep(2)
        self.assertIsNone(p.poll(), "the writer did not wait for the lock")
        self.assertEqual(self.log.read_bytes(), old)
        # Meanwhile the lock holder writes, as another mentorctl would.
        with open(self.log, "ab") as f:
            f.write(b"  - date: 2026-09-15\n    mentee: asmith\n    duration: 30m\n    notes: holder\n")
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual([e["notes"] for e in entries_of(self.log)], ["first", "holder", "waited"])

    def test_lock_never_released(self):
        # The writer gives up after 60 s; the lock is taken in another process.
        holder = subprocess.Popen([sys.executable, "-c", (
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o666)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(600)\n"), str(self.root / ".mentorctl.lock")], stdout=subprocess.PIPE, text=True)
        try:
            self.assertEqual(holder.stdout.readline().strip(), "locked")
            old = self.log.read_bytes()
            started = time.monotonic()
            r = self.mc("never written", timeout=300)
            self.assertGreaterEqual(time.monotonic() - started, 59)
            self.assertFailedCleanly(r, old, "holds the lock", "try again when it has finished")
            self.assertEqual(r.returncode, 3)
        finally:
            holder.kill()
            holder.wait()


# ---------------------------------------------------------------------------------------
# SIGKILL in the middle of a write.

class Killed(Repo):
    def kill_at_random(self, args, check, iterations, visible):
        """Times one uninterrupted run of args(-1), then runs args(i) `iterations` times,
        each killed after a random delay up to 1.3 times that, and calls check(i) after
        each kill ("old" or "new"); the folder shows only `visible` throughout."""
        env = base_env()
        started = time.monotonic()
        r = subprocess.run(args(-1), capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 0, r.stderr)
        duration = time.monotonic() - started
        check(-1)
        rng = random.Random(20261207)
        outcomes = {"old": 0, "new": 0}
        for i in range(iterations):
            p = subprocess.Popen(args(i), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 stdin=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * 1.3))
            p.send_signal(signal.SIGKILL)
            p.wait()
            outcomes[check(i)] += 1
            self.assertEqual(self.visible_files(self.log.parent), visible, f"kill {i}")
        print(f"\n  {self.id().rsplit('.', 1)[-1]}: {iterations} kills, {outcomes}", file=sys.stderr)
        return outcomes

    def test_append_to_a_large_file(self):
        filler = "".join(f"  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n    notes: filler {i}\n"
                         for i in range(2000))
        self.log.write_text("mentor: jdoe\nentries:\n" + filler, encoding="utf-8")
        state = {"old": self.log.read_bytes()}

        def check(i):
            now = self.log.read_bytes()
            if now == state["old"]:
                return "old"
            self.assertTrue(now.startswith(state["old"]), f"kill {i}: the old bytes changed")
            added = yaml.safe_load(now[len(state["old"]):])
            self.assertEqual([e["notes"] for e in added], [f"kill {i}"])
            state["old"] = now
            return "new"

        outcomes = self.kill_at_random(lambda i: log_args(self.root, f"kill {i}"), check, 60, ["jdoe.yaml"])
        self.assertEqual(self.visible_files(self.log.parent), ["jdoe.yaml"])
        self.assertGreater(outcomes["old"], 0, outcomes)
        self.assertGreater(outcomes["new"], 0, outcomes)
        # The next write removes every temporary file the killed ones left.
        self.assertEqual(self.mc("after the kills").returncode, 0)
        self.assertEqual(self.all_files(self.log.parent), ["jdoe.yaml"])

    def test_creating_a_file(self):
        # Each kill is of a write that creates the file: afterwards it is absent or complete.
        created = self.root / "logs" / "2026-27" / "kwong.yaml"

        def args(i):
            return [MENTORCTL, "-C", str(self.root), "--no-cache", "log", "--mentor", "kwong", "--mentee",
                    "asmith", "--duration", "1h", "--date", "2026-09-14", "--notes", f"new {i}", "--force"]

        def check(i):
            if not created.exists():
                return "old"
            self.assertEqual([e["notes"] for e in entries_of(created)], [f"new {i}"])
            created.unlink()
            return "new"

        outcomes = self.kill_at_random(args, check, 40, ["jdoe.yaml"])
        self.assertGreater(outcomes["old"], 0, outcomes)
        self.assertGreater(outcomes["new"], 0, outcomes)


# ---------------------------------------------------------------------------------------
# Writers at once.

class Concurrent(Repo):
    def writers(self, count, each):
        script = ('for i in $(seq 1 "$EACH"); do "$MENTORCTL" -q -C "$ROOT" --no-cache log --mentor jdoe '
                  '--mentee asmith --duration 1h --date 2026-09-14 --notes "$WHO $i" || exit 1; done')
        env = dict(base_env(), MENTORCTL=MENTORCTL, ROOT=str(self.root), EACH=str(each))
        procs = [subprocess.Popen(["bash", "-c", script], env=dict(env, WHO=f"w{n}"), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for n in range(count)]
        for p in procs:
            _, err = p.communicate(timeout=900)
            self.assertEqual(p.returncode, 0, err)
        notes = [e["notes"] for e in entries_of(self.log)]
        expected = ["first"] + [f"w{n} {i}" for n in range(count) for i in range(1, each + 1)]
        self.assertEqual(sorted(notes), sorted(expected))  # every entry once
        for n in range(count):  # each writer's entries in its own order
            mine = [int(x.split()[1]) for x in notes if x.startswith(f"w{n} ")]
            self.assertEqual(mine, list(range(1, each + 1)))
        r = subprocess.run([MENTORCTL, "-C", str(self.root), "--no-cache", "check", "--color", "never"],
                           capture_output=True, text=True, env=base_env())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(self.all_files(self.log.parent), ["jdoe.yaml"])

    def test_two_writers(self):
        self.writers(2, 40)

    def test_eight_writers(self):
        self.writers(8, 12)


# ---------------------------------------------------------------------------------------
# Another program appending without the lock.

class ExternalAppend(Repo):
    def test_appends_while_mentorctl_writes(self):
        # A shell-like appender (open, append one entry, close) runs all the time while
        # mentorctl writes one entry after another; each of its entries and each entry
        # mentorctl reports as written is in the file exactly once. mentorctl retries a
        # write when the file changed under it, and refuses (exit 3) after three changes.
        # The appender's pace follows the write's duration (a sanitized build is slower), so
        # that some attempts see a change and most writes still get through.
        started = time.monotonic()
        self.assertEqual(self.mc("timing").returncode, 0)
        pause = (time.monotonic() - started) / 3
        stop = threading.Event()
        appended = []

        def appender():
            rng = random.Random(7)
            n = 0
            while not stop.is_set():
                n += 1
                with open(self.log, "ab") as f:
                    f.write(f"  - date: 2026-09-15\n    mentee: asmith\n    duration: 30m\n    notes: shell {n}\n"
                            .encode())
                appended.append(f"shell {n}")
                time.sleep(rng.uniform(0, pause))

        thread = threading.Thread(target=appender)
        thread.start()
        written, refused, carried = [], 0, 0
        try:
            for i in range(30):
                r = self.mc(f"mentorctl {i}")
                if r.returncode == 0:
                    written.append(f"mentorctl {i}")
                    carried += "bytes were kept after the new lines" in r.stderr
                else:
                    self.assertEqual(r.returncode, 3, r.stderr)
                    self.assertIn("changed while mentorctl was writing it", r.stderr)
                    refused += 1
        finally:
            stop.set()
            thread.join()
        notes = [e["notes"] for e in entries_of(self.log)]
        self.assertEqual(sorted(notes), sorted(["first", "timing"] + appended + written))
        self.assertGreater(len(written), 0)
        print(f"\n  external append: {len(appended)} appends, {len(written)} writes ({carried} carrying over an "
              f"append made during the rename), {refused} refused", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()

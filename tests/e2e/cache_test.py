#!/usr/bin/env python3
"""End-to-end tests of the cache of parsed files and command results (docs/cache.md):
a changed file is always read again, even at the same size within the same second; an
error that appears after caching is reported; deleting or damaging the cache changes
nothing but speed; one thread and many give the same output; read-only commands never
write into the working tree; the progress line shows only on a terminal.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/cache_test.py
"""
import os
import pathlib
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
EXAMPLES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
LOG = "logs/2026-27/m000000.yaml"


def generate(root, pairs=40, weeks=12):
    subprocess.run([sys.executable, str(SOURCE / "tests/bench/generate_repo.py"), str(root), "--pairs", str(pairs),
                    "--weeks", str(weeks)], check=True)


def settle():
    """Waits until every file written so far is older than the one-second racy window,
    so results may be stored and replayed (the cache never trusts fresher files)."""
    time.sleep(1.2)


class CacheTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-cache-"))
        self.cache = self.tmp / "cache"
        self.root = self.tmp / "repo"

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_mentorctl(self, *args, root=None, env_extra=None, cache=True):
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        env["MENTORCTL_TODAY"] = "2027-06-30"
        env["MENTORCTL_CACHE_DIR"] = str(self.cache)
        if env_extra:
            env.update(env_extra)
        command = [MENTORCTL, "-C", str(root or self.root)] + ([] if cache else ["--no-cache"]) + list(args)
        return subprocess.run(command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                              timeout=300)

    def outcome(self, *args, **kwargs):
        result = self.run_mentorctl(*args, **kwargs)
        self.assertIn(result.returncode, (0, 1, 2), result.stderr)
        return result.returncode, result.stdout, result.stderr

    def cache_files(self):
        return sorted(p.relative_to(self.cache).as_posix() for p in self.cache.rglob("*") if p.is_file())

    def test_same_size_same_second_change_is_read_again(self):
        generate(self.root)
        path = self.root / LOG
        before = self.outcome("audit", "--all", "--format", "json")
        self.assertIn("records.cache", self.cache_files())
        stat = path.stat()
        text = path.read_text()
        changed = text.replace("duration: 1h\n", "duration: 9h\n", 1)
        self.assertNotEqual(text, changed)
        self.assertEqual(len(text), len(changed))
        path.write_text(changed)
        # Same size, and the very same modification time (to the nanosecond).
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        self.assertEqual(path.stat().st_size, stat.st_size)
        self.assertEqual(path.stat().st_mtime_ns, stat.st_mtime_ns)
        after = self.outcome("audit", "--all", "--format", "json")
        fresh = self.outcome("audit", "--all", "--format", "json", cache=False)
        self.assertEqual(after, fresh)
        self.assertNotEqual(after[1], before[1])

    def test_error_after_caching_is_reported_cold_and_warm(self):
        generate(self.root)
        settle()
        self.assertEqual(self.outcome("check")[0], 0)
        self.assertEqual(self.outcome("check")[0], 0)  # replayed
        path = self.root / LOG
        text = path.read_text()
        path.write_text(text.replace("duration: 1h\n", "duration: 1 hour\n", 1))
        line = text[: text.index("duration: 1h\n")].count("\n") + 1
        for attempt in ("just changed", "settled", "replayed"):
            if attempt == "settled":
                settle()
            status, out, _ = self.outcome("check")
            self.assertEqual(status, 1, attempt)
            self.assertIn(f"{LOG}:{line}:15: error:", out, attempt)
            self.assertIn("[bad-duration]", out, attempt)
            status, _, err = self.outcome("audit")
            self.assertEqual(status, 2, attempt)
            self.assertIn(f"{LOG}:{line}:15: error:", err, attempt)

    def test_runs_that_differ_in_one_option_never_replay_each_other(self):
        """A stored result is keyed by every option given: a run that differs from a stored
        one in a single option (of the command, of a subcommand, or a global one) is
        computed afresh, and each run's own result is then replayed."""
        shutil.copytree(SOURCE / "examples" / "dysart", self.root)
        settle()
        variants = [
            # Replaying notes into a run that did not ask for them would leak them.
            (["report", "hours"], ["report", "hours", "--include-notes"]),
            (["report", "hours"], ["report", "hours", "--by", "week"]),
            (["audit"], ["audit", "--all"]),
            (["stipend"], ["stipend", "--year", "2025-26"]),
            (["match"], ["match", "--explain", "abaptiste"]),
            (["status", "--mentor", "akarimi"], ["status", "--mentor", "aromero"]),
            (["check"], ["--format", "json", "check"]),
            (["audit", "--format", "csv"], ["--as-of", "2026-10-15", "audit", "--format", "csv"]),
        ]
        for first, second in variants:
            with self.subTest(first=first, second=second):
                fresh = [self.outcome(*args, cache=False) for args in (first, second)]
                self.assertNotEqual(fresh[0], fresh[1], "the option must change the output for this test")
                for attempt in ("stored", "replayed"):
                    for args, expected in zip((first, second), fresh):
                        self.assertEqual(self.outcome(*args), expected, f"{args} ({attempt})")
        # One stored result per distinct command line: each run above was stored, under its own key.
        distinct = {tuple(args) for pair in variants for args in pair}
        self.assertEqual(len([f for f in self.cache_files() if f.startswith("results/")]), len(distinct))

    def test_report_html_is_stored_and_a_replay_writes_the_page(self):
        """report html's page is the stored output: a run with the records unchanged writes
        the same page again (the file deleted in between), and a changed record is seen."""
        shutil.copytree(SOURCE / "examples" / "dysart", self.root)
        settle()
        page = self.tmp / "page.html"
        args = ("report", "html", "-o", str(page))

        def results():
            return [f for f in self.cache_files() if f.startswith("results/")]

        fresh = self.outcome(*args, cache=False)
        fresh_page = page.read_bytes()
        self.assertIn("Wrote ", fresh[1])
        page.unlink()
        self.assertEqual(self.outcome(*args), fresh)  # stored
        self.assertEqual(page.read_bytes(), fresh_page)
        self.assertEqual(len(results()), 1)
        page.unlink()
        self.assertEqual(self.outcome(*args), fresh)  # replayed
        self.assertEqual(page.read_bytes(), fresh_page)
        self.assertEqual(len(results()), 1)
        # The same page replayed to standard output and to another file: where it goes is no
        # part of the result's key.
        status, out, _ = self.outcome("report", "html", "-o", "-")
        self.assertEqual((status, out.encode()), (0, fresh_page))
        other = self.tmp / "other.html"
        self.assertEqual(self.outcome("report", "html", "--output", str(other))[0], 0)
        self.assertEqual(other.read_bytes(), fresh_page)
        self.assertEqual(len(results()), 1)
        # A folder that does not exist is named before anything is computed or stored.
        missing = self.run_mentorctl("report", "html", "-o", str(self.tmp / "no-such-folder" / "page.html"))
        self.assertEqual(missing.returncode, 3)
        self.assertIn("does not exist", missing.stderr)
        self.assertEqual(len(results()), 1)
        # A changed record makes a new page, the one a run without the cache makes.
        person = self.root / "people" / "tbegaye.yaml"
        person.write_text(person.read_text().replace("developing", "proficient"))
        changed = self.outcome(*args)
        changed_page = page.read_bytes()
        self.assertNotEqual(changed_page, fresh_page)
        self.assertEqual(self.outcome(*args, cache=False), changed)
        self.assertEqual(page.read_bytes(), changed_page)

    def test_a_write_leaves_the_record_cache_as_the_last_read_wrote_it(self):
        """A write reads the records with its new text in place to check it; that view is
        never stored, so the cache is not written again (whole) on every write."""
        generate(self.root)
        settle()
        self.assertEqual(self.outcome("check")[0], 0)
        cache = self.cache / "records.cache"
        before = (cache.read_bytes(), cache.stat().st_mtime_ns)
        hours = ("report", "hours", "--mentor", "m000000", "--format", "json")
        hours_before = self.outcome(*hours, cache=False)
        log = ("log", "--mentor", "m000000", "--mentee", "e000000", "--date", "2027-06-01", "--duration", "30m")
        dry_run = self.run_mentorctl(*log, "--dry-run")
        self.assertEqual(dry_run.returncode, 0, dry_run.stderr)
        self.assertIn("date: 2027-06-01", dry_run.stdout)
        self.assertEqual((cache.read_bytes(), cache.stat().st_mtime_ns), before)
        written = self.run_mentorctl(*log)
        self.assertEqual(written.returncode, 0, written.stderr)
        self.assertEqual((cache.read_bytes(), cache.stat().st_mtime_ns), before)
        # The next read parses the changed file, sees the new entry and stores it.
        settle()
        fresh = self.outcome(*hours, cache=False)
        self.assertNotEqual(fresh, hours_before)  # June has 30 minutes more
        self.assertEqual(self.outcome(*hours), fresh)
        self.assertNotEqual(cache.read_bytes(), before[0])

    def test_deleting_or_damaging_the_cache_changes_nothing(self):
        for example in EXAMPLES:
            root = self.tmp / example
            shutil.copytree(SOURCE / "examples" / example, root)
        generate(self.root)
        settle()
        for root in [self.root] + [self.tmp / e for e in EXAMPLES]:
            for args in (("audit", "--all", "--format", "json"), ("audit",), ("check", "--format", "json")):
                fresh = self.outcome(*args, root=root, cache=False)
                shutil.rmtree(self.cache, ignore_errors=True)
                cold = self.outcome(*args, root=root)
                warm = self.outcome(*args, root=root)
                one_thread = self.outcome("--threads", "1", *args, root=root)
                self.assertEqual(cold, fresh, (root, args))
                self.assertEqual(warm, fresh, (root, args))
                self.assertEqual(one_thread, fresh, (root, args))
                # Damage every cache file: each is detected and ignored.
                for name in self.cache_files():
                    path = self.cache / name
                    data = bytearray(path.read_bytes())
                    for i in range(len(data) // 2, len(data), max(1, len(data) // 7)):
                        data[i] ^= 0x5A
                    path.write_bytes(bytes(data))
                self.assertEqual(self.outcome(*args, root=root), fresh, (root, args, "damaged"))
                for name in self.cache_files():
                    (self.cache / name).write_bytes(b"")
                self.assertEqual(self.outcome(*args, root=root), fresh, (root, args, "emptied"))

    def test_records_cache_is_reused_after_an_unrelated_change(self):
        generate(self.root)
        self.outcome("check")
        entries_before = (self.cache / "records.cache").stat().st_mtime_ns
        # Another file changes: the records cache is rewritten with it, and the output
        # matches a fresh load.
        other = self.root / "logs/2026-27/m000001.yaml"
        other.write_text(other.read_text() + "  - date: 2027-05-03\n    mentee: e000002\n    duration: 30m\n")
        warm = self.outcome("audit", "--all", "--format", "json")
        self.assertNotEqual((self.cache / "records.cache").stat().st_mtime_ns, entries_before)
        self.assertEqual(warm, self.outcome("audit", "--all", "--format", "json", cache=False))
        self.assertEqual(self.outcome("audit", "--all", "--format", "json"), warm)

    def test_a_new_or_removed_file_is_seen(self):
        generate(self.root)
        settle()
        before = self.outcome("check")
        self.assertEqual(self.outcome("check"), before)
        (self.root / "people" / "notes.txt").write_text("hello\n")
        status, out, _ = self.outcome("check")
        self.assertIn("people/notes.txt:1:1: warning:", out)
        (self.root / "people" / "notes.txt").unlink()
        (self.root / "people" / "e000003.yaml").unlink()
        status, out, _ = self.outcome("check")
        self.assertEqual(status, 1)
        self.assertIn("e000003", out)

    def test_the_working_tree_is_never_written(self):
        generate(self.root)
        (self.root / ".git").mkdir()  # the cache then lives in .git/mentorctl
        listing = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                         if ".git" not in p.relative_to(self.root).parts)
        env = {"MENTORCTL_CACHE_DIR": "", "XDG_CACHE_HOME": str(self.tmp / "xdg")}
        self.run_mentorctl("audit", env_extra=env)
        self.run_mentorctl("check", env_extra=env)
        after = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                       if ".git" not in p.relative_to(self.root).parts)
        self.assertEqual(listing, after)
        self.assertTrue((self.root / ".git/mentorctl/records.cache").is_file())
        self.assertFalse((self.tmp / "xdg").exists())
        # Without .git: the user's cache folder, keyed by the repository's path.
        shutil.rmtree(self.root / ".git")
        self.run_mentorctl("check", env_extra=env)
        self.assertEqual(len(list((self.tmp / "xdg" / "mentorctl").glob("*/records.cache"))), 1)

    def test_an_unwritable_cache_folder_is_not_an_error(self):
        generate(self.root)
        blocker = self.tmp / "blocker"
        blocker.write_text("a file, so nothing can be created beneath it\n")
        result = self.run_mentorctl("check", env_extra={"MENTORCTL_CACHE_DIR": str(blocker / "cache")})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")

    def test_progress_line_only_on_a_terminal(self):
        generate(self.root, pairs=400, weeks=20)
        env = {"MENTORCTL_PROGRESS_AFTER_MS": "0"}
        piped = self.run_mentorctl("check", env_extra=env, cache=False)
        self.assertNotIn("reading records", piped.stderr)
        self.assertNotIn("\r", piped.stderr)

        # stderr on a terminal: the line appears, then is erased before the result.
        master, slave = pty.openpty()
        full_env = dict(os.environ, MENTORCTL_TODAY="2027-06-30", MENTORCTL_CACHE_DIR=str(self.cache), **env)
        process = subprocess.Popen([MENTORCTL, "-C", str(self.root), "--no-cache", "check"], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=slave, env=full_env)
        os.close(slave)
        seen = b""
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        out, _ = process.communicate(timeout=120)
        os.close(master)
        self.assertEqual(process.returncode, 0)
        self.assertIn(b"records", seen)
        self.assertTrue(seen.endswith(b"\r\x1b[K"), seen[-40:])
        self.assertIn(b"files checked", out)
        # --quiet keeps the terminal clean.
        master, slave = pty.openpty()
        process = subprocess.Popen([MENTORCTL, "-C", str(self.root), "--no-cache", "-q", "check"],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=full_env)
        os.close(slave)
        process.communicate(timeout=120)
        ready, _, _ = select.select([master], [], [], 0.5)
        quiet_seen = b""
        if ready:
            try:
                quiet_seen = os.read(master, 4096)
            except OSError:
                pass
        os.close(master)
        self.assertEqual(quiet_seen, b"")


if __name__ == "__main__":
    unittest.main(verbosity=2)

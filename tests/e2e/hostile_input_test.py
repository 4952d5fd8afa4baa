#!/usr/bin/env python3
"""End-to-end tests of hostile input (issue 16): values and file names that try to drive
the terminal or forge GitHub workflow commands, confidential text in hints and in the
cache, a forged or booby-trapped cache, and files that cannot be read.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/hostile_input_test.py
"""
import os
import pathlib
import re
import shutil
import stat
import subprocess
import tempfile
import time
import unittest

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
LOG = "logs/2026-27/arobinson.yaml"

# A value that, printed raw, sets the terminal's title, rings its bell, and starts a new
# line that GitHub Actions reads as a workflow command.
HOSTILE = r'"2026-09-3\e]0;pwned\a\n::error file=forged.yaml,line=1::forged"'


class HostileInputTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-hostile-"))
        self.root = self.tmp / "repo"
        self.cache = self.tmp / "cache"
        shutil.copytree(SOURCE / "examples" / "walnut-valley", self.root)
        self.old_umask = os.umask(0o022)

    def tearDown(self):
        os.umask(self.old_umask)
        for path in self.tmp.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_mentorctl(self, *args, cache=True, env_extra=None, timeout=120):
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env["MENTORCTL_TODAY"] = "2027-06-30"
        env["MENTORCTL_CACHE_DIR"] = str(self.cache)
        if env_extra:
            env.update(env_extra)
        command = [MENTORCTL, "-C", str(self.root), "--color", "never"] + ([] if cache else ["--no-cache"])
        return subprocess.run(command + list(args), capture_output=True, env=env, stdin=subprocess.DEVNULL,
                              timeout=timeout)

    def append_entry(self, text, path=LOG):
        with open(self.root / path, "a", encoding="utf-8") as f:
            f.write(text)

    def assert_no_injection(self, output, what):
        self.assertNotIn(b"\x1b", output, f"{what}: an ESC reached the output raw")
        self.assertNotIn(b"\x07", output, f"{what}: a BEL reached the output raw")
        for line in output.split(b"\n"):
            self.assertFalse(line.startswith(b"::error file=forged"), f"{what}: forged workflow command: {line!r}")

    # Hole 3 ----------------------------------------------------------------------------
    def test_control_characters_in_a_value_are_escaped(self):
        self.append_entry(f"  - date: {HOSTILE}\n    mentee: hschultz\n    duration: 1h\n")
        check = self.run_mentorctl("check", cache=False)
        self.assertEqual(check.returncode, 1, check.stderr)
        self.assert_no_injection(check.stdout + check.stderr, "check")
        self.assertIn(b"\\x1b]0;pwned\\x07\\n::error file=forged.yaml", check.stdout)
        for fmt in ("text", "github"):
            audit = self.run_mentorctl("audit", "--format", fmt, cache=False)
            self.assertEqual(audit.returncode, 2, audit.stderr)
            self.assert_no_injection(audit.stdout + audit.stderr, f"audit --format {fmt}")
            self.assertIn(b"\\n::error file=forged.yaml", audit.stderr)

    def test_control_characters_in_a_write_argument_are_escaped(self):
        # A refused write quotes the argument: its ESC and BEL are shown, never sent.
        r = self.run_mentorctl("log", "--mentor", "arobinson", "--mentee", "canx\x1b[2J\x07\n::error file=forged.yaml::x",
                               "--duration", "1h", "--date", "2026-10-01", cache=False)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assert_no_injection(r.stdout + r.stderr, "log")
        self.assertIn(b"canx\\x1b[2J\\x07", r.stderr)

    def test_control_characters_in_a_file_name_are_escaped(self):
        name = "x\n::error file=forged.yaml::forged\x1b[2J.yaml"
        (self.root / "people" / name).write_text("id: x\nname: X\n", encoding="utf-8")
        check = self.run_mentorctl("check", cache=False)
        self.assertEqual(check.returncode, 1, check.stderr)
        self.assert_no_injection(check.stdout + check.stderr, "check")
        self.assertIn(b"people/x\\n::error file=forged.yaml::forged\\x1b[2J.yaml:", check.stdout)
        audit = self.run_mentorctl("audit", "--format", "github", cache=False)
        self.assert_no_injection(audit.stdout + audit.stderr, "audit --format github")

    def test_a_program_name_and_requirement_text_are_escaped_in_the_audit(self):
        program = next((self.root / "programs").glob("*.yaml"))
        text = program.read_text(encoding="utf-8")
        first = text.splitlines()[0:5]
        self.assertTrue(any(line.startswith("name:") for line in first), first)
        lines = [('name: "Induction\\e[31m\\nforged"' if line.startswith("name:") else line)
                 for line in text.splitlines()]
        program.write_text("\n".join(lines) + "\n", encoding="utf-8")
        audit = self.run_mentorctl("audit", cache=False)
        self.assertIn(audit.returncode, (0, 1), audit.stderr)
        self.assert_no_injection(audit.stdout, "audit text")
        self.assertIn(b"Induction\\x1b[31m forged", audit.stdout)

    def test_record_text_is_escaped_in_every_report_and_export(self):
        # A person's name and district and the handbook text of every requirement, each
        # trying to recolour the terminal and forge a workflow command on a line of its own.
        forged = '\\e[31m\\a\\n::error file=forged.yaml,line=1::forged'
        for person in (self.root / "people").glob("*.yaml"):
            text = person.read_text(encoding="utf-8")
            text = re.sub(r"^name: (.*)$", lambda m: f'name: "{m.group(1)} {forged}"', text, flags=re.M)
            text = re.sub(r"^district: (.*)$", lambda m: f'district: "{m.group(1)} {forged}"', text, flags=re.M)
            person.write_text(text, encoding="utf-8")
        program = self.root / "programs" / "walnut-valley.yaml"
        text, count = re.subn(r"^(    text: )(.*)$", lambda m: f'{m.group(1)}"{m.group(2)} {forged}"',
                              program.read_text(encoding="utf-8"), flags=re.M)
        self.assertGreater(count, 5)
        program.write_text(text, encoding="utf-8")
        self.assertEqual(self.run_mentorctl("check", cache=False).returncode, 0)
        commands = [["audit", "--format", f] for f in ("text", "csv", "json", "junit", "github", "sarif")]
        commands += [["stipend", "--format", f] for f in ("text", "csv", "json")]
        commands += [["report", "hours", "--format", f] for f in ("text", "csv", "json")]
        commands += [["certify", "--list", "--format", f] for f in ("text", "csv", "json")]
        commands += [["match", "--format", f] for f in ("text", "csv", "json")]
        commands += [["status", "--mentor", "dokafor"], ["status", "--mentor", "dokafor", "--format", "json"],
                     ["report", "html", "--output", str(self.tmp / "report.html")]]
        seen_csv_name = False
        for command in commands:
            r = self.run_mentorctl(*command)
            self.assertIn(r.returncode, (0, 1), f"{command}: {r.stderr!r}")
            self.assert_no_injection(r.stdout + r.stderr, " ".join(command))
            if command[:2] == ["report", "html"]:
                page = (self.tmp / "report.html").read_bytes()
                self.assertNotIn(b"\x1b", page)
                self.assertNotIn(b"\x07", page)
                self.assertIn(b"hour per week \\x1b[31m\\x07", page)
            if command == ["stipend", "--format", "csv"]:
                # The name is there, made visible, on its row's one line.
                seen_csv_name = b"Robinson \\x1b[31m\\x07\\n::error file=forged.yaml" in r.stdout
        self.assertTrue(seen_csv_name)

    # Hole 4 ----------------------------------------------------------------------------
    def test_a_hint_never_quotes_a_confidential_entry(self):
        self.append_entry("  - date: 2026-09-30\n    mentee: hschultz\n    duration: 1h\n"
                          "    topics: SECRET-TOPIC about a grievance\n    confidential: true\n"
                          "  - date: 2026-09-30\n    mentee: hschultz\n    duration: 1h\n"
                          "    topics: open topic\n")
        check = self.run_mentorctl("check", cache=False)
        self.assertEqual(check.returncode, 1, check.stderr)
        self.assertNotIn(b"SECRET-TOPIC", check.stdout + check.stderr)
        self.assertIn(b"'topics' must be a list, even with one element: write it as a list", check.stdout)
        # The line of the confidential entry is not shown either; the other entry's is.
        self.assertIn(b"      topics: open topic\n", check.stdout)
        # Not confidential: the hint still shows how to write it.
        self.assertIn(b"write [open topic]", check.stdout)
        audit = self.run_mentorctl("audit", cache=False)
        self.assertNotIn(b"SECRET-TOPIC", audit.stdout + audit.stderr)
        # Neither is a mistyped key's line, nor a confidential flag that is not a boolean.
        self.append_entry("  - date: 2026-10-01\n    mentee: hschultz\n    duration: 1h\n"
                          "    notse: SECRET-NOTE about a grievance\n    confidential: yes\n")
        check = self.run_mentorctl("check", cache=False)
        self.assertIn(b"[unknown-field]", check.stdout)
        self.assertNotIn(b"SECRET", check.stdout + check.stderr)


    def test_report_hours_still_prints_open_notes_from_a_warm_cache(self):
        self.append_entry("  - date: 2026-09-30\n    mentee: hschultz\n    duration: 1h\n    notes: OPEN-NOTE\n"
                          "  - date: 2026-09-30\n    mentee: hschultz\n    duration: 1h\n    notes: SECRET-NOTE\n"
                          "    confidential: true\n")
        for _ in range(2):  # cold, then from the cache
            hours = self.run_mentorctl("report", "hours", "--mentor", "arobinson", "--include-notes")
            self.assertIn(b"OPEN-NOTE", hours.stdout, hours.stderr)
            self.assertNotIn(b"SECRET-NOTE", hours.stdout + hours.stderr)
        cache = (self.cache / "records.cache").read_bytes()
        self.assertIn(b"OPEN-NOTE", cache)
        self.assertNotIn(b"SECRET-NOTE", cache)

    # Hole 8 ----------------------------------------------------------------------------
    def settle(self):
        time.sleep(1.2)  # results are stored only once every file is a second old

    def test_a_fifo_at_the_cache_path_is_ignored(self):
        self.cache.mkdir()
        os.mkfifo(self.cache / "records.cache")
        check = self.run_mentorctl("check", timeout=20)
        self.assertEqual(check.returncode, 0, check.stderr)
        (self.cache / "records.cache").unlink()
        self.settle()
        self.run_mentorctl("check")
        results = self.cache / "results"
        for name in os.listdir(results):
            (results / name).unlink()
            os.mkfifo(results / name)
        check = self.run_mentorctl("check", timeout=20)
        self.assertEqual(check.returncode, 0, check.stderr)

    def test_a_linked_results_folder_is_never_written_or_pruned(self):
        victim = self.tmp / "victim"
        victim.mkdir()
        for i in range(40):
            (victim / f"{i:016x}").write_bytes(b"mentorctl-cache\nprecious")
        self.cache.mkdir()
        (self.cache / "results").symlink_to(victim)
        self.settle()
        for year in ("2026-27", "2025-26", "all"):
            self.run_mentorctl("audit", "--year", year)
        self.assertEqual(len(os.listdir(victim)), 40)

    def test_only_files_the_cache_wrote_are_pruned(self):
        # MENTORCTL_CACHE_DIR pointed at a folder that holds the user's own files.
        results = self.cache / "results"
        results.mkdir(parents=True)
        mine = [results / f"{i:016x}" for i in range(40)] + [results / "notes.txt"]
        for path in mine:
            path.write_bytes(b"my own file")
        old = time.time() - 86400
        for path in mine:
            os.utime(path, (old, old))
        self.settle()
        for i in range(36):
            self.run_mentorctl("--as-of", f"2027-06-{i % 28 + 1:02d}", "audit", "--all" if i >= 28 else "--strict")
        for path in mine:
            self.assertTrue(path.exists(), f"{path.name} was removed")
        written = [p for p in results.iterdir() if p not in mine]
        self.assertEqual(len(written), 32, "the cache keeps its own 32 most recent results")


    # Hole 7 ----------------------------------------------------------------------------
    def test_a_file_of_many_errors_lists_the_first_fifty_and_counts_the_rest(self):
        entries = 200_000
        (self.root / LOG).write_text("mentor: arobinson\nentries:\n" + "- {}\n" * entries, encoding="utf-8")
        check = self.run_mentorctl("check", cache=False)
        self.assertEqual(check.returncode, 1, check.stderr)
        lines = [line for line in check.stdout.decode().splitlines() if line.startswith(LOG + ":")]
        # Each `- {}` misses three required fields: an error for each.
        self.assertEqual(len(lines), 51, lines[:3])
        self.assertTrue(lines[-1].endswith(f"and {3 * entries - 50} more errors in this file (not listed); fix the "
                                           "ones above first [too-many-diagnostics]"), lines[-1])
        self.assertIn(f"{3 * entries} errors".encode(), check.stdout.splitlines()[-1])
        audit = self.run_mentorctl("audit", cache=False)
        self.assertEqual(audit.returncode, 2)
        self.assertLess(audit.stderr.count(b"\n"), 60)
        self.assertIn(f"{entries} records with errors were skipped".encode(), audit.stderr)

    def test_errors_found_across_files_are_capped_per_file_too(self):
        # Well-formed entries about someone who does not exist: errors found by validation.
        entry = "  - {{date: 2026-09-{:02d}, mentee: nobody, duration: 1h}}\n"
        self.append_entry("".join(entry.format(i % 28 + 1) for i in range(120)))
        check = self.run_mentorctl("check", cache=False)
        self.assertEqual(check.returncode, 1, check.stderr)
        lines = [line for line in check.stdout.decode().splitlines() if line.startswith(LOG + ":")]
        self.assertEqual(len(lines), 51, lines[:3])
        self.assertIn("error: and 70 more errors in this file (not listed)", lines[-1])
        self.assertIn(b"120 errors", check.stdout.splitlines()[-1])

    # Hole 9 ----------------------------------------------------------------------------
    def run_unprivileged(self, *args):
        """Runs mentorctl as a user to whom chmod 000 applies: nobody, when the tests run as root."""
        if os.geteuid() != 0:
            return self.run_mentorctl(*args, cache=False)
        self.tmp.chmod(0o755)
        command = [MENTORCTL, "-C", str(self.root), "--color", "never", "--no-cache"] + list(args)
        env = {"MENTORCTL_TODAY": "2027-06-30", "PATH": os.environ.get("PATH", "")}

        def drop():
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)

        return subprocess.run(command, capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
                              preexec_fn=drop)

    def test_an_unreadable_folder_is_an_error(self):
        folder = self.root / "logs" / "2026-27"
        folder.chmod(0)
        check = self.run_unprivileged("check")
        folder.chmod(0o755)
        self.assertEqual(check.returncode, 2, check.stdout + check.stderr)
        self.assertIn(b"logs/2026-27:1:1: error: cannot read the folder: Permission denied; none of its files were "
                      b"read [unreadable]", check.stdout)
        folder.chmod(0)
        audit = self.run_unprivileged("audit")
        folder.chmod(0o755)
        self.assertEqual(audit.returncode, 2, audit.stderr)
        self.assertIn(b"1 file was skipped", audit.stderr)

    def test_an_unreadable_file_is_an_error(self):
        (self.root / LOG).chmod(0)
        check = self.run_unprivileged("check")
        self.assertEqual(check.returncode, 2, check.stdout + check.stderr)
        self.assertIn(LOG.encode() + b":1:1: error: cannot read the file: Permission denied [unreadable]", check.stdout)

    def test_the_open_file_limit_never_skips_a_file(self):
        # An error in the last folder discovery reads, and a limit of a few descriptors.
        last = sorted((self.root / "observations" / "2026-27").glob("*.yaml"))[-1]
        with open(last, "a", encoding="utf-8") as f:
            f.write("  - date: 2026-13-45\n    observer: arobinson\n")
        full = self.run_mentorctl("check", "--threads", "2", cache=False)
        self.assertEqual(full.returncode, 1)
        self.assertIn(b"2026-13-45", full.stdout)
        for limit in range(6, 16):
            with self.subTest(limit=limit):
                limited = subprocess.run(["sh", "-c", f'ulimit -n {limit} && exec "$@"', "sh", MENTORCTL, "-C",
                                          str(self.root), "--no-cache", "--color", "never", "--threads", "2", "check"],
                                         capture_output=True, stdin=subprocess.DEVNULL, timeout=120,
                                         env={**os.environ, "MENTORCTL_TODAY": "2027-06-30"})
                # Either everything was read, or what was not is an error: never a quiet skip.
                if b"[unreadable]" in limited.stdout:
                    self.assertEqual(limited.returncode, 2, limited.stdout)
                else:
                    self.assertEqual(limited.stdout, full.stdout)
                    self.assertEqual(limited.returncode, 1)
        # A handful of descriptors is enough for discovery and reading.
        limited = subprocess.run(["sh", "-c", 'ulimit -n 10 && exec "$@"', "sh", MENTORCTL, "-C", str(self.root),
                                  "--no-cache", "--color", "never", "--threads", "2", "check"],
                                 capture_output=True, stdin=subprocess.DEVNULL, timeout=120,
                                 env={**os.environ, "MENTORCTL_TODAY": "2027-06-30"})
        self.assertEqual(limited.stdout, full.stdout)

    # Hole 12 ---------------------------------------------------------------------------
    def test_a_file_too_large_is_reported_at_its_real_size(self):
        with open(self.root / LOG, "r+b") as f:
            f.truncate(1 << 30)  # sparse: a gibibyte that takes no room
        check = self.run_mentorctl("check", cache=False)
        self.assertEqual(check.returncode, 1)
        self.assertIn(LOG.encode() + b":1:1: error: file is 1073741824 bytes, over the limit of 16 MiB; split it "
                      b"[file-too-large]", check.stdout)
        audit = self.run_mentorctl("audit", cache=False)
        self.assertIn(b"mentorctl: 1 file was skipped", audit.stderr)

    def test_a_file_left_out_by_discovery_counts_as_skipped(self):
        outside = self.tmp / "outside.yaml"
        outside.write_text("id: zz\nname: Z\n", encoding="utf-8")
        (self.root / "people" / "zz.yaml").symlink_to(outside)
        audit = self.run_mentorctl("audit", cache=False)
        self.assertEqual(audit.returncode, 2, audit.stderr)
        self.assertIn(b"mentorctl: 1 file was skipped", audit.stderr)
        self.assertNotIn(b"0 records", audit.stderr)


if __name__ == "__main__":
    unittest.main()

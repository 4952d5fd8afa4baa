#!/usr/bin/env python3
"""git and the write commands: --commit, setup-git, and the merge driver (through git and
called directly as git calls it).

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/write_merge_test.py
"""
import os
import shutil
import subprocess
import tempfile
import unittest

import yaml

from support import MENTORCTL, TODAY, read, run, write


# ---------------------------------------------------------------------------------------
# git: --commit, setup-git and the merge driver.

class Git(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mentorctl-git-")
        self.root = os.path.join(self.tmp, "repo")
        os.makedirs(self.root)
        # git finds `mentorctl merge-driver` on PATH, as in an installed system.
        self.env = dict(os.environ, PATH=os.path.dirname(MENTORCTL) + os.pathsep + os.environ.get("PATH", ""),
                        MENTORCTL_TODAY=TODAY, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
        self.env.pop("MENTORCTL_USER", None)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test Coordinator")
        self.git("config", "user.email", "coordinator@example.org")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def git(self, *args, check=True):
        r = subprocess.run(["git", *args], capture_output=True, text=True, cwd=self.root, env=self.env, timeout=60)
        if check:
            self.assertEqual(r.returncode, 0, (args, r.stdout, r.stderr))
        return r

    def mc(self, *args):
        return subprocess.run([MENTORCTL, "-C", self.root, *args], capture_output=True, text=True, env=self.env,
                              stdin=subprocess.DEVNULL, timeout=120)

    def init_records(self, register=True):
        r = self.mc("init", ".")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Registered the mentorctl merge driver", r.stdout)
        if not register:
            self.git("config", "--remove-section", "merge.mentorctl")
        self.init_records_files()

    def init_records_files(self):
        write(os.path.join(self.root, "people/jdoe.yaml"),
              "id: jdoe\nname: Jane Doe\nemail: coordinator@example.org\nroles: [mentor]\nprograms: [walnut-valley]\n")
        write(os.path.join(self.root, "people/asmith.yaml"),
              "id: asmith\nname: Al Smith\nroles: [candidate]\nprograms: [walnut-valley]\n")
        self.assertEqual(self.mc("pair", "jdoe", "asmith", "--program", "walnut-valley", "--start",
                                 "2026-08-24").returncode, 0)
        self.assertEqual(self.mc("log", "--mentee", "asmith", "--duration", "1h", "--date", "2026-09-14",
                                 "--topic", "planning", "--topic", "assessment").returncode, 0)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "records")

    def log(self, date, notes):
        r = self.mc("log", "--mentee", "asmith", "--duration", "1h", "--date", date, "--topic", "planning",
                    "--topic", "assessment", "--notes", notes)
        self.assertEqual(r.returncode, 0, r.stderr)

    def branches_that_append(self):
        """Two branches that each append two entries sharing most of their lines."""
        self.git("checkout", "-q", "-b", "other")
        self.log("2026-09-21", "other one")
        self.log("2026-09-28", "other two")
        self.git("commit", "-q", "-am", "other")
        self.git("checkout", "-q", "main")
        self.log("2026-09-22", "main one")
        self.log("2026-09-29", "main two")
        self.git("commit", "-q", "-am", "main")

    def entries(self):
        return yaml.safe_load(read(os.path.join(self.root, "logs/2026-27/jdoe.yaml")))["entries"]

    def test_setup_git_registers_the_driver(self):
        self.init_records()
        self.git("config", "--unset", "merge.mentorctl.driver")
        r = self.mc("setup-git")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("merge.mentorctl.driver = mentorctl merge-driver %O %A %B %P", r.stdout)
        self.assertEqual(self.git("config", "merge.mentorctl.driver").stdout,
                         "mentorctl merge-driver %O %A %B %P\n")
        self.assertTrue(self.git("config", "merge.mentorctl.name").stdout.strip())
        self.assertEqual(self.git("check-attr", "merge", "--", "logs/2026-27/jdoe.yaml").stdout,
                         "logs/2026-27/jdoe.yaml: merge: mentorctl\n")

    def test_setup_git_outside_git(self):
        outside = tempfile.mkdtemp(prefix="mentorctl-nogit-")
        try:
            env = dict(self.env, GIT_CEILING_DIRECTORIES=os.path.dirname(outside))
            r = subprocess.run([MENTORCTL, "-C", outside, "setup-git"], capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 2)
            self.assertIn("is not inside a git work tree; run 'git init'", r.stderr)
        finally:
            shutil.rmtree(outside)

    def test_commit(self):
        self.init_records()
        r = self.mc("log", "--mentee", "asmith", "--duration", "30m", "--date", "2026-09-15", "--notes", "secret",
                    "--commit")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Committed it with git.", r.stdout)
        subject = self.git("log", "-1", "--format=%s").stdout.strip()
        self.assertEqual(subject, "log: jdoe with asmith on 2026-09-15, 30m meeting")
        self.assertEqual(self.git("status", "--porcelain").stdout, "")
        # A new file is committed too, and nothing else that was staged.
        write(os.path.join(self.root, "people/other.yaml"), "id: other\nname: O\nroles: [mentor]\n")
        self.git("add", "people/other.yaml")
        r = self.mc("training", "add", "--id", "t1", "--date", "2026-08-05", "--kind", "full-day", "--commit")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.git("show", "--name-only", "--format=%s", "HEAD").stdout,
                         "training: add session t1 (2026-08-05, full-day)\n\ntrainings/2026-27.yaml\n")
        self.assertEqual(self.git("status", "--porcelain").stdout, "A  people/other.yaml\n")

    def test_merge_driver_merges_appended_entries(self):
        self.init_records()
        self.branches_that_append()
        r = self.git("merge", "--no-edit", "other", check=False)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        notes = [e.get("notes") for e in self.entries()]
        self.assertEqual(notes, [None, "main one", "main two", "other one", "other two"])
        for e in self.entries():
            self.assertEqual(e["topics"], ["planning", "assessment"])
            self.assertEqual(e["kind"], "meeting")
        r = self.mc("check", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertNotIn("<<<<<<<", read(os.path.join(self.root, "logs/2026-27/jdoe.yaml")))

    def test_driver_names_this_program_when_path_has_no_mentorctl(self):
        global MENTORCTL
        # A user who built mentorctl but did not install it: git must still find the driver.
        # The program sits in a folder whose name needs shell quoting.
        folder = os.path.join(self.tmp, "my tools 'v1'")
        os.makedirs(folder)
        program = os.path.join(folder, "mentorctl")
        shutil.copy2(MENTORCTL, program)
        path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                               if p and not os.path.exists(os.path.join(p, "mentorctl")))
        self.env["PATH"] = path
        r = subprocess.run([program, "-C", self.root, "init", "."], capture_output=True, text=True, env=self.env,
                           stdin=subprocess.DEVNULL, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("'mentorctl' is not on PATH, so the driver names this program's own path", r.stderr)
        self.assertEqual(self.git("config", "merge.mentorctl.driver").stdout,
                         "'" + program.replace("'", "'\\''") + "' merge-driver %O %A %B %P\n")
        saved, MENTORCTL = MENTORCTL, program
        try:
            self.git("config", "--remove-section", "merge.mentorctl")
            r = self.mc("setup-git")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("not on PATH", r.stderr)
            self.init_records_files()
            self.branches_that_append()
            r = self.git("merge", "--no-edit", "other", check=False)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual([e.get("notes") for e in self.entries()],
                             [None, "main one", "main two", "other one", "other two"])
        finally:
            MENTORCTL = saved

    def test_driver_names_this_program_when_path_has_another_mentorctl(self):
        folder = os.path.join(self.tmp, "old")
        os.makedirs(folder)
        with open(os.path.join(folder, "mentorctl"), "w") as f:
            f.write("#!/bin/sh\nexit 3\n")
        os.chmod(os.path.join(folder, "mentorctl"), 0o755)
        self.env["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")
        r = self.mc("setup-git")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"the 'mentorctl' on PATH is {folder}/mentorctl, not this program", r.stderr)
        self.assertIn(os.path.realpath(MENTORCTL), self.git("config", "merge.mentorctl.driver").stdout)

    def test_without_the_driver_git_conflicts_and_loses_nothing(self):
        self.init_records(register=False)
        self.branches_that_append()
        r = self.git("merge", "--no-edit", "other", check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("CONFLICT", r.stdout)
        text = read(os.path.join(self.root, "logs/2026-27/jdoe.yaml"))
        for notes in ("main one", "main two", "other one", "other two"):
            self.assertIn(f"notes: {notes}\n", text)
        r = self.mc("check", "--format", "json")
        self.assertEqual(r.returncode, 1)
        self.assertIn("merge-conflict", r.stdout)

    def test_edit_next_to_an_append_gets_conflict_markers(self):
        self.init_records()
        path = os.path.join(self.root, "logs/2026-27/jdoe.yaml")
        self.git("checkout", "-q", "-b", "edit")
        write(path, read(path).replace("confidential: false\n", "confidential: true\n"))
        self.git("commit", "-q", "-am", "edit the last line of the old entry")
        self.git("checkout", "-q", "main")
        self.log("2026-09-22", "appended")
        self.git("commit", "-q", "-am", "append")
        r = self.git("merge", "--no-edit", "edit", check=False)
        self.assertNotEqual(r.returncode, 0)
        text = read(path)
        self.assertIn("<<<<<<< ours\n", text)
        self.assertIn(">>>>>>> theirs\n", text)
        self.assertIn("notes: appended", text)
        self.assertIn("confidential: true", text)
        r = self.mc("--color", "never", "check")
        self.assertEqual(r.returncode, 1)
        self.assertIn("[merge-conflict]", r.stdout)

    def test_edit_far_from_an_append_merges_with_gits_merge(self):
        self.init_records()
        self.log("2026-09-15", "second")
        self.log("2026-09-16", "third")
        self.git("commit", "-q", "-am", "more")
        path = os.path.join(self.root, "logs/2026-27/jdoe.yaml")
        self.git("checkout", "-q", "-b", "edit")
        text = read(path)
        write(path, text.replace("duration: 1h\n", "duration: 2h\n", 1))
        self.git("commit", "-q", "-am", "edit the first entry")
        self.git("checkout", "-q", "main")
        self.log("2026-09-22", "appended")
        self.git("commit", "-q", "-am", "append")
        r = self.git("merge", "--no-edit", "edit", check=False)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        entries = self.entries()
        self.assertEqual(entries[0]["duration"], "2h")
        self.assertEqual(entries[-1]["notes"], "appended")
        self.assertEqual(self.mc("check").returncode, 0)


class MergeDriver(unittest.TestCase):
    """The driver called directly, as git calls it."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mentorctl-merge-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def merge(self, base, ours, theirs):
        paths = []
        for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
            path = os.path.join(self.tmp, name)
            write(path, text)
            paths.append(path)
        r = run("merge-driver", *paths, "logs/2026-27/jdoe.yaml")
        return r, read(paths[1])

    HEAD = "mentor: jdoe\nentries:\n"
    A = "  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n"
    B = "  - date: 2026-09-15\n    mentee: asmith\n    duration: 1h\n"
    C = "  - date: 2026-09-16\n    mentee: asmith\n    duration: 1h\n"

    def test_appends_from_both_sides(self):
        r, text = self.merge(self.HEAD + self.A, self.HEAD + self.A + self.B, self.HEAD + self.A + self.C)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B + self.C)

    def test_same_entry_on_both_sides_is_kept_once(self):
        r, text = self.merge(self.HEAD + self.A, self.HEAD + self.A + self.B, self.HEAD + self.A + self.B + self.C)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B + self.C)

    def test_file_added_on_both_sides(self):
        r, text = self.merge("", self.HEAD + self.A, self.HEAD + self.B)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B)

    def test_empty_flow_list_converted_on_both_sides(self):
        base = "mentor: jdoe\nentries: []\n"
        r, text = self.merge(base, self.HEAD + self.A, self.HEAD + self.B)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.A + self.B)

    def test_crlf_ours_keeps_its_line_ends(self):
        crlf = (self.HEAD + self.A + self.B).replace("\n", "\r\n")
        r, text = self.merge(self.HEAD + self.A, crlf, self.HEAD + self.A + self.C)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, (self.HEAD + self.A + self.B + self.C).replace("\n", "\r\n"))

    def test_changed_entry_falls_back_to_git_with_markers(self):
        changed = self.A.replace("1h", "2h")
        r, text = self.merge(self.HEAD + self.A, self.HEAD + self.A + self.B, self.HEAD + changed)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("<<<<<<< ours", text)
        self.assertIn("=======", text)
        self.assertIn(">>>>>>> theirs", text)

    def test_removed_entry_falls_back_cleanly_when_far_apart(self):
        r, text = self.merge(self.HEAD + self.A + self.B + self.C, self.HEAD + self.B + self.C,
                             self.HEAD + self.A + self.B + self.C + self.A.replace("14", "20"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(text, self.HEAD + self.B + self.C + self.A.replace("14", "20"))


if __name__ == "__main__":
    unittest.main(verbosity=1)

#!/usr/bin/env python3
"""End-to-end tests of the mentorctl binary: global options, check and init.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/cli_test.py
"""
import fcntl
import json
import os
import pty
import struct
import termios
import shutil
import subprocess
import tempfile
import unittest

import support

MENTORCTL = os.environ.get("MENTORCTL", "build/mentorctl")
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(SOURCE, "examples")
EXAMPLE_NAMES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]


def run(*args, cwd=None, env=None):
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env["MENTORCTL_TODAY"] = "2026-11-22"
    full_env.update(env or {})
    return subprocess.run([MENTORCTL, *args], capture_output=True, text=True, cwd=cwd, env=full_env,
                          stdin=subprocess.DEVNULL, timeout=120)


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mentorctl-e2e-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


class GlobalOptions(TempDirTest):
    def test_help_lists_commands(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for name in ("check", "init"):
            self.assertIn(name, r.stdout)

    def test_every_command_has_help(self):
        for name in ("check", "init"):
            r = run(name, "--help")
            self.assertEqual(r.returncode, 0, name)
            self.assertIn("Usage", r.stdout)

    def test_help_fits_80_columns(self):
        # Every command's help (and its subcommands'), wrapped at spaces: no line wider than
        # 80 columns, and a footer's sentences keep their words in order.
        names = support.command_names(MENTORCTL)
        self.assertIn("audit", names)
        pages = [[]] + [[name] for name in names] + [["training", "add"], ["report", "hours"], ["report", "html"]]
        for words in pages:
            with self.subTest(command=words):
                r = run(*words, "--help")
                self.assertEqual(r.returncode, 0, r.stderr)
                for line in r.stdout.splitlines():
                    self.assertLessEqual(len(line), 80, line)
        audit = " ".join(run("audit", "--help").stdout.split())
        self.assertIn("Exit status: 0 nothing failed, 1 an unmet error-severity requirement (any unmet with "
                      "--strict), 2 bad usage", audit)

    def test_version(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^mentorctl \d+\.\d+\.\d+ \(records format 1\)")

    def test_unknown_command_suggests(self):
        r = run("chek")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr, "mentorctl: error: 'chek' is not a mentorctl command; did you mean 'check'?\n")

    def test_unknown_command_far_from_any(self):
        r = run("frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("run 'mentorctl --help' for the list", r.stderr)

    def test_no_command_prints_the_help(self):
        r = run()
        self.assertEqual(r.returncode, 2)
        self.assertIn("Usage", r.stdout)
        self.assertIn("audit", r.stdout)

    def test_help_command(self):
        # with no page for man to find, the command's --help (install_test.py: the page)
        r = run("help", "log", env={"MANPATH": self.tmp})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, run("log", "--help").stdout)
        self.assertIn("--duration", r.stdout)

    def test_subcommand_help_names_the_global_options(self):
        r = run("audit", "--help")
        self.assertIn("Global options", r.stdout)
        self.assertIn("--as-of DATE", r.stdout)

    def test_format_before_the_command(self):
        walnut = os.path.join(EXAMPLES, "walnut-valley")
        before = run("-C", walnut, "--format", "json", "check")
        after = run("-C", walnut, "check", "--format", "json")
        self.assertEqual(before.returncode, 0, before.stderr)
        self.assertEqual(before.stdout, after.stdout)
        json.loads(before.stdout)
        joined = run("-C", walnut, "--format=json", "check")
        self.assertEqual(joined.stdout, after.stdout)

    def test_misspelt_option_is_named_not_reported_missing(self):
        walnut = os.path.join(EXAMPLES, "walnut-valley")
        r = run("-C", walnut, "log", "--mentor", "x", "--mentee", "y", "--duraton", "1h")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown option --duraton", r.stderr)
        self.assertIn("did you mean --duration?", r.stderr)
        self.assertNotIn("required", r.stderr)
        r = run("-C", walnut, "check", "--colour", "never")
        self.assertEqual(r.returncode, 2)
        self.assertIn("did you mean --color?", r.stderr)

    def test_a_missing_or_refused_option_value_is_one_line_naming_the_commands_help(self):
        walnut = os.path.join(EXAMPLES, "walnut-valley")
        cases = [(("report", "html"), "--output is required", "mentorctl report html --help"),
                 (("log", "--duration", "1h"), "--mentee is required", "mentorctl log --help"),
                 (("audit", "--format", "nope"), "--format: nope not in", "mentorctl audit --help")]
        for args, problem, help_command in cases:
            r = run("-C", walnut, *args)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, "", args)
            self.assertTrue(r.stderr.startswith(f"mentorctl: error: {problem}"), r.stderr)
            self.assertIn(f"run '{help_command}' for its options", r.stderr)
            self.assertEqual(r.stderr.count("\n"), 1, r.stderr)

    def test_far_option_gets_no_suggestion(self):
        r = run("check", "--zzzzzzzz")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown option --zzzzzzzz", r.stderr)
        self.assertNotIn("did you mean", r.stderr)

    def test_unknown_option_before_the_command(self):
        for args in (("--colour", "never", "check"), ("--colour=never", "check")):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("unknown option --colour (did you mean --color?)", r.stderr)
        self.assertEqual(run("--color", "never", "--as-of", "2026-09-01", "--version").returncode, 0)
        dysart = os.path.join(SOURCE, "examples", "dysart")
        self.assertEqual(run("-C" + dysart, "-q", "--as-of", "2027-07-31", "check").returncode, 0)

    def test_training_lists_its_subcommands(self):
        for args in (("training",), ("training", "foo")):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("add", r.stderr)
            self.assertIn("attend", r.stderr)
            self.assertNotIn("\\n", r.stderr)  # one line, not escaped line breaks

    def test_impossible_date_says_why(self):
        r = run("--as-of", "2026-11-31", "check")
        self.assertEqual(r.returncode, 2)
        self.assertIn("November 2026 has 30 days", r.stderr)
        r = run("--as-of", "2027-02-29", "check")
        self.assertIn("February 2027 has 28 days", r.stderr)

    def test_threads_not_a_number(self):
        r = run("--threads", "abc", "check")
        self.assertEqual(r.returncode, 2)
        self.assertIn("'abc' is not a number from 1 to 256", r.stderr)
        r = run("--threads", "0", "check")
        self.assertEqual(r.returncode, 2)
        self.assertIn("'0' is not a number from 1 to 256", r.stderr)

    def test_unknown_option_is_usage_error(self):
        r = run("check", "--frobnicate")
        self.assertEqual(r.returncode, 2)

    def test_no_repository(self):
        r = run("check", cwd=self.tmp)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no records repository here", r.stderr)
        self.assertIn("mentorctl init", r.stderr)

    def test_missing_directory(self):
        r = run("-C", os.path.join(self.tmp, "nope"), "check")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no such directory", r.stderr)

    def test_bad_as_of(self):
        run("init", self.tmp)
        r = run("-C", self.tmp, "--as-of", "2027-02-30", "check")
        self.assertEqual(r.returncode, 2)
        self.assertIn("'2027-02-30' is not a date", r.stderr)

    def test_bad_today(self):
        run("init", self.tmp)
        r = run("-C", self.tmp, "--as-of", "2026-13-01", "check")
        self.assertEqual(r.returncode, 2)

    def test_options_after_the_command(self):
        run("init", self.tmp)
        r = run("check", "-C", self.tmp, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "")


class ManualPages(unittest.TestCase):
    def commands(self):
        return support.command_names(MENTORCTL)

    def test_every_command_has_a_page_listed_in_mentorctl_1(self):
        names = self.commands()
        self.assertIn("stipend", names)
        with open(os.path.join(SOURCE, "man", "mentorctl.1"), encoding="utf-8") as f:
            main_page = f.read()
        for name in names:
            with self.subTest(command=name):
                escaped = name.replace("-", "\\-")
                self.assertIn(f"\n.B {escaped}\n", main_page)
                self.assertIn(f"\\fBmentorctl\\-{escaped}\\fR(1)", main_page.split(".SH SEE ALSO")[1])
                page = os.path.join(SOURCE, "man", f"mentorctl-{name}.1")
                self.assertTrue(os.path.exists(page), page)
                if shutil.which("groff"):
                    rendered = subprocess.run(["groff", "-ww", "-man", "-z", page], capture_output=True, text=True)
                    self.assertEqual((rendered.returncode, rendered.stderr), (0, ""))


    def test_every_page_renders_cleanly(self):
        pages = sorted(os.listdir(os.path.join(SOURCE, "man")))
        for section in ("1", "5", "7"):
            self.assertTrue(any(p.endswith("." + section) for p in pages), section)
        main_page = open(os.path.join(SOURCE, "man", "mentorctl.1"), encoding="utf-8").read()
        for page in pages:
            with self.subTest(page=page):
                stem, section = page.rsplit(".", 1)
                if stem != "mentorctl":  # named in the SEE ALSO of mentorctl(1)
                    see_also = main_page.split(".SH SEE ALSO")[1]
                    self.assertIn(f"\\fB{stem.replace('-', chr(92) + '-')}\\fR({section})", see_also)
                if shutil.which("groff") is None:
                    self.skipTest("groff is not installed (apt-get install groff); pages are not rendered")
                rendered = subprocess.run(["groff", "-ww", "-man", "-z", os.path.join(SOURCE, "man", page)],
                                          capture_output=True, text=True)
                self.assertEqual((rendered.returncode, rendered.stderr), (0, ""))


def man_page(name):
    with open(os.path.join(SOURCE, "man", name), encoding="utf-8") as f:
        return f.read()


class ExitStatusTable(unittest.TestCase):
    def test_one_table_in_mentorctl_1_that_every_page_refers_to(self):
        main_page = man_page("mentorctl.1")
        table = main_page.split(".SH EXIT STATUS")[1].split(".SH ")[0]
        self.assertTrue(main_page.startswith("'\\\" t\n"), "the table needs tbl")
        rows = table.split(".TS")[1].split(".TE")[0]
        for status in ("0", "1", "2", "3"):
            self.assertRegex(rows, rf"\n{status}@")
        # what 1 means, for each command that can exit 1
        for name in ("check", "audit", "certify", "merge-driver"):
            self.assertIn("\n@" + name.replace("-", "\\-") + "@", rows)
        for name in support.command_names(MENTORCTL):
            if name == "help":
                continue
            with self.subTest(command=name):
                section = man_page(f"mentorctl-{name}.1").split(".SH EXIT STATUS\n")[1].split("\n.SH ")[0]
                self.assertIn("\\fBmentorctl\\fR(1)", section)
                self.assertNotRegex(section, r"\b3\b.*I/O")  # the table says it, not each page
                self.assertEqual("never exits 1" in section, name not in ("check", "audit", "certify", "merge-driver"))


class RequirementExamples(TempDirTest):
    def test_examples_of_mentorctl_requirements_7_are_valid(self):
        """Each example block of the page, as the requirements of a program, checks clean."""
        with open(os.path.join(SOURCE, "man", "mentorctl-requirements.7"), encoding="utf-8") as f:
            examples = f.read().split(".SH EXAMPLES", 1)[1]
        blocks = [block.split(".EE", 1)[0].strip("\n").replace("\\-", "-") for block in examples.split(".EX")[1:]]
        self.assertEqual(len(blocks), 5)
        for number, block in enumerate(blocks):
            with self.subTest(example=number):
                root = os.path.join(self.tmp, f"repo{number}")
                self.assertEqual(run("init", root).returncode, 0)
                program = "id: example\nname: Example\nrequirements:\n" + "".join(
                    f"  {line}\n" for line in block.splitlines())
                with open(os.path.join(root, "programs", "example.yaml"), "w", encoding="utf-8") as f:
                    f.write(program)
                r = run("-C", root, "check", "--format", "json")
                problems = [d for d in json.loads(r.stdout)["diagnostics"] if d["file"].endswith("example.yaml")]
                self.assertEqual(problems, [], program)


class Check(TempDirTest):
    def repo(self, files):
        root = os.path.join(self.tmp, "repo")
        os.makedirs(root)
        files = {"mentorctl.yaml": "mentorctl: 1\norganization: T\n", **files}
        for rel, text in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", newline="") as f:
                f.write(text)
        return root

    def test_examples_are_clean(self):
        for name in EXAMPLE_NAMES:
            with self.subTest(example=name):
                r = run("-C", os.path.join(EXAMPLES, name), "--as-of", "2027-07-31", "check", "--format", "json")
                self.assertEqual(r.returncode, 0, r.stdout)
                doc = json.loads(r.stdout)
                self.assertEqual(doc["summary"]["errors"], 0, doc["diagnostics"][:5])
                self.assertEqual(doc["summary"]["warnings"], 0, doc["diagnostics"][:5])
                self.assertGreater(doc["summary"]["files"], 20)

    def test_likely_mistakes_are_warnings(self):
        # A session kind close to a counted one, a requirement kind no record uses but close
        # to one they do, and records dated after today (one warning per file); a session
        # kind nobody counts on purpose ("cohort") and an unused kind close to nothing are fine.
        root = self.repo({
            "calendars/2026-27.yaml": "school_year: 2026-27\nfirst_day: 2026-08-24\nlast_day: 2027-06-04\n",
            "programs/p.yaml": "id: p\nname: P\nrequirements:\n"
                               "  - {id: half-days, type: training, kinds: [half-day], min: 2}\n"
                               "  - {id: weekly, type: hours, per: week, min: 1h, kinds: [meetign, webinar]}\n",
            "people/m.yaml": "id: m\nname: M\nroles: [mentor]\nprograms: [p]\n",
            "people/e.yaml": "id: e\nname: E\nroles: [mentee]\nprograms: [p]\n",
            "pairings/2026-27.yaml": "school_year: 2026-27\npairings:\n"
                                     "  - {mentor: m, mentee: e, program: p, start: 2026-09-01}\n",
            "logs/2026-27/m.yaml": "mentor: m\nentries:\n"
                                   "  - {date: 2026-11-02, mentee: e, duration: 1h}\n"
                                   "  - {date: 2026-12-07, mentee: e, duration: 1h}\n"
                                   "  - {date: 2027-05-10, mentee: e, duration: 1h}\n",
            "trainings/2026-27.yaml": "school_year: 2026-27\nsessions:\n"
                                      "  - {id: s1, date: 2026-10-01, kind: half-dya, attendees: [m]}\n"
                                      "  - {id: s2, date: 2026-10-08, kind: cohort, attendees: [m]}\n"
                                      "  - {id: s3, date: 2027-01-20, kind: half-day}\n",
        })
        r = run("-C", root, "check", "--format", "json")  # today is 2026-11-22
        self.assertEqual(r.returncode, 0, r.stdout)
        found = [(d["file"], d["line"], d["code"], d["message"]) for d in json.loads(r.stdout)["diagnostics"]]
        self.assertEqual(found, [
            ("logs/2026-27/m.yaml", 4, "future-date",
             "2 log entries dated after today (2026-11-22), the first on 2026-12-07: audit counts none of them "
             "before that day; check the year, or give --as-of when checking ahead"),
            ("programs/p.yaml", 5, "unused-kind",
             "requirement 'weekly' counts kind 'meetign', which no log entry has; did you mean 'meeting'?"),
            ("trainings/2026-27.yaml", 3, "uncounted-kind",
             "no training requirement counts sessions of kind 'half-dya' (they count half-day); "
             "did you mean 'half-day'?"),
        ])
        later = run("-C", root, "--as-of", "2027-06-30", "check", "--format", "json")
        self.assertEqual([d["code"] for d in json.loads(later.stdout)["diagnostics"]],
                         ["unused-kind", "uncounted-kind"])

    def test_text_output_has_excerpt_and_caret(self):
        root = self.repo({"people/x.yaml": "id: x\nname: X\nroles: [mentor]\nrole: [a]\n"})
        r = run("-C", root, "--color", "never", "check")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout.splitlines()[:3], [
            "people/x.yaml:4:1: error: unknown field 'role' in the person file; did you mean 'roles'? [unknown-field]",
            "  role: [a]",
            "  ^",
        ])
        self.assertEqual(r.stdout.splitlines()[-1], "2 files checked: 1 error, 0 warnings")

    def test_color(self):
        root = self.repo({"people/x.yaml": "id: x\nname: X\nroles: mentor\n"})
        self.assertIn("\x1b[", run("-C", root, "--color", "always", "check").stdout)
        self.assertNotIn("\x1b[", run("-C", root, "check").stdout)  # not a terminal
        self.assertNotIn("\x1b[", run("-C", root, "--color", "never", "check").stdout)

    def test_warnings_only_exit_zero(self):
        root = self.repo({"people/notes.txt": "x"})
        r = run("-C", root, "check", "--format", "json")
        self.assertEqual(r.returncode, 0)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["summary"], {"errors": 0, "warnings": 1, "files": 1})
        self.assertEqual(doc["diagnostics"][0]["code"], "not-yaml")
        self.assertEqual(list(doc["diagnostics"][0]), ["file", "line", "column", "severity", "code", "message"])

    def test_every_problem_not_just_the_first(self):
        root = self.repo({
            "people/a.yaml": "id: a\nname: A\nroles: [mentor]\ncolour: red\n",
            "people/b.yaml": "id: b\nname: B\nroles: [mentee]\nleft: 2027-02-30\n",
            "people/c.yaml": "id: c\nname: [oops\n",
        })
        r = run("-C", root, "check", "--format", "json")
        codes = [d["code"] for d in json.loads(r.stdout)["diagnostics"]]
        self.assertEqual(codes, ["unknown-field", "bad-date", "yaml-syntax"])

    def test_a_bad_value_does_not_hide_an_unknown_program(self):
        # SPEC 6.1: every diagnostic, not the rest after the first is fixed.
        root = os.path.join(self.tmp, "walnut")
        shutil.copytree(os.path.join(EXAMPLES, "walnut-valley"), root)
        path = os.path.join(root, "people", "anwosu.yaml")
        with open(path) as f:
            text = f.read()
        text = text.replace("email: amara.nwosu@walnutvalley-induction.example.org", "email: kwong")
        text = text.replace("programs: [walnut-valley]", "programs: [walnut-valey]")
        with open(path, "w") as f:
            f.write(text)
        for attempt in ("fresh", "cached"):
            r = run("-C", root, "--as-of", "2027-07-31", "check", "--format", "json")
            self.assertEqual(r.returncode, 1, attempt)
            found = [(d["line"], d["code"]) for d in json.loads(r.stdout)["diagnostics"]]
            self.assertEqual(found, [(3, "bad-value"), (5, "unknown-program")], attempt)

    def test_sorted_by_path_and_line(self):
        root = self.repo({
            "people/z.yaml": "id: z\nname: Z\nroles: [mentor]\nx: 1\ny: 2\n",
            "people/a.yaml": "id: a\nname: A\nroles: [mentor]\nq: 1\n",
        })
        r = run("-C", root, "check", "-q", "--color", "never")
        lines = [l for l in r.stdout.splitlines() if not l.startswith("  ")]
        self.assertEqual([l.split(":")[0] + ":" + l.split(":")[1] for l in lines],
                         ["people/a.yaml:4", "people/z.yaml:4", "people/z.yaml:5"])

    def test_read_only(self):
        root = self.repo({"people/x.yaml": "id: x\nname: X\nroles: [mentor]\n"})
        before = sorted(os.listdir(root))
        run("-C", root, "check")
        self.assertEqual(sorted(os.listdir(root)), before)


class Init(TempDirTest):
    def test_every_template_passes_check(self):
        for name in EXAMPLE_NAMES:
            with self.subTest(template=name):
                target = os.path.join(self.tmp, name)
                r = run("init", target, "--template", name)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("mentorctl.yaml", r.stdout)
                c = run("-C", target, "check")
                self.assertEqual(c.returncode, 0, c.stdout)
                self.assertTrue(c.stdout.endswith("0 errors, 0 warnings\n"), c.stdout)
                self.assertTrue(os.listdir(os.path.join(target, "programs")))
                for folder in ("people", "pairings", "logs", "observations", "trainings", "evidence"):
                    self.assertTrue(os.path.isdir(os.path.join(target, folder)), folder)

    def test_gitattributes(self):
        run("init", self.tmp)
        text = open(os.path.join(self.tmp, ".gitattributes")).read()
        self.assertIn("*.yaml text eol=lf\n", text)
        for pattern in ("logs/**", "observations/**", "trainings/**", "evidence/**", "pairings/**",
                        "certificates.yaml"):
            self.assertIn(f"{pattern} merge=mentorctl\n", text)

    def test_refuses_an_existing_repository(self):
        self.assertEqual(run("init", self.tmp).returncode, 0)
        with open(os.path.join(self.tmp, "mentorctl.yaml"), "a") as f:
            f.write("# mine\n")
        before = open(os.path.join(self.tmp, "mentorctl.yaml")).read()
        r = run("init", self.tmp, "--template", "dysart")
        self.assertEqual(r.returncode, 2)
        self.assertIn("already holds a records repository", r.stderr)
        self.assertEqual(open(os.path.join(self.tmp, "mentorctl.yaml")).read(), before)

    def test_unknown_template(self):
        r = run("init", self.tmp, "--template", "walnut")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no template named 'walnut'", r.stderr)
        self.assertIn("walnut-valley", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "mentorctl.yaml")))

    def test_default_is_the_current_folder(self):
        r = run("init", cwd=self.tmp)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "mentorctl.yaml")))


def run_on_terminal(columns, *args):
    """Runs mentorctl with stdout and stderr on a pseudo-terminal `columns` wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = dict(os.environ, MENTORCTL_TODAY="2026-11-22")
    env.pop("NO_COLOR", None)
    child = subprocess.Popen([MENTORCTL, *args], stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    child.wait(timeout=120)
    return child.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


class Terminal(unittest.TestCase):
    def test_audit_text_wraps_to_the_terminal_width_at_spaces(self):
        args = ["-C", os.path.join(EXAMPLES, "walnut-valley"), "--as-of", "2027-03-15", "--color", "never",
                "audit", "--all"]
        piped = run(*args)
        self.assertIn(piped.returncode, (0, 1))
        self.assertTrue(any(len(line) > 150 for line in piped.stdout.splitlines()))  # handbook texts
        for columns in (60, 150):
            with self.subTest(columns=columns):
                status, text = run_on_terminal(columns, *args)
                self.assertEqual(status, piped.returncode)
                lines = text.splitlines()
                self.assertLessEqual(max(len(line) for line in lines), columns)
                # The same words in the same order: nothing broken inside a word, nothing lost.
                self.assertEqual(text.split(), piped.stdout.split())
                # Continuation lines are indented further than the finding lines they continue.
                self.assertTrue(any(line.startswith(" " * 11) and line.strip() for line in lines))


if __name__ == "__main__":
    unittest.main(verbosity=1)

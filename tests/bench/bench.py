#!/usr/bin/env python3
"""Measures mentorctl at state scale and prints a table; a benchmark, not a test.

  bench.py [--repo DIR] [--pairs 20000] [--weeks 50] [--seed 1] [--runs 5]
           [--build build] [--json FILE]

Without --repo it uses /tmp/mentorctl-bench-<pairs>x<weeks>-s<seed>, generating it
with generate_repo.py unless a completed copy exists (a marker file beside the
repository is written only after generation finishes).

Each figure is the median of --runs runs: wall time around the child process and the
child's peak RSS (os.wait4). Figures:
  floor                    build/mentorctl-floor REPO: libyaml events, one thread
  audit cold               mentorctl audit with its cache removed before each run
  audit warm               the cache filled by the run before, nothing changed
  audit, one file changed  one log file gets a new entry before each run
                           (restored at the end)
  check cold               mentorctl check with its cache removed before each run
  stipend cold / warm      mentorctl stipend (all programs, csv) without and with the cache
  report html cold / warm  mentorctl report html --output FILE, likewise
  match cold / warm        mentorctl match --program P --format json, likewise (P: the
                           first program with a matching section, else the first program)
  status --mentor, warm    mentorctl status --mentor M --as-of D, where M is the mentor of
                           the first log file and D the last school day of that file's
                           year on or before 2027-06-30 (so M has mentees on D); the output
                           must name the file's first mentee
  audit --mentor, warm     mentorctl audit --mentor M (as of 2027-06-30, like audit)
  log, warm                mentorctl log --mentor M --mentee E --date D --duration 30m, E
                           the first log file's first mentee, MENTORCTL_TODAY=2027-06-30
                           (log refuses future dates; --as-of does not move today). Before
                           each run the file gets its original bytes back and an unmeasured
                           audit fills the cache, so every run appends the same entry to
                           the same file with the cache warm; the output must show the
                           entry and the file must grow. The original bytes are restored
                           at the end.
  log into a 16 MiB file   the same, in a temporary four-pairing repository (generate_repo.py
                           --pairs 4) whose first log file is rewritten with distinct entries
                           (its mentor's mentees, school days inside their pairings) up to
                           1 KiB short of the 16 MiB limit; its own cache directory
The cache lives in a temporary directory passed as MENTORCTL_CACHE_DIR (and
XDG_CACHE_HOME), so "cold" means that directory is gone.

Every measured run must succeed: an expected exit status (2, "records with errors were
left out", only when the audit reported such records), non-empty output, and where
named above the expected content; otherwise the benchmark stops with an error.

Targets (issue 17), each printed with its median and met/missed in a second table:
  audit cold, check cold                 <= 1.5x floor
  audit warm, nothing changed            <= 0.05x floor
  audit, one file changed                <= 0.15x floor
  peak RSS of audit cold (and check)     <= 1.5x the record files' bytes
  log, warm                              <= 0.2 s and peak RSS <= 100 MB
  status --mentor, audit --mentor warm   <= 0.2 s each
  log into a 16 MiB file                 <= 1 s
  stipend, report html, match            cold <= audit cold's median; warm <= 0.1x floor
                                         (the threshold chosen here for "fast warm")
Checks: audit's output is byte-identical cold, warm and with --threads 1; stipend's,
report html's and match's are identical cold and warm. A difference, or no cache
written, fails the run (exit 1); missed targets do not.

Peak RSS caveat: on Linux a child's ru_maxrss also counts the memory of the Python
process it was forked from, so values at or below the measured spawn baseline are
shown as "<=": such a value within its limit is met, one over it unknown.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

AS_OF = "2027-06-30"
TOP_LEVEL_FILES = ("mentorctl.yaml", "certificates.yaml")
FLAT_FOLDERS = ("calendars", "people", "programs", "pairings", "trainings", "applications",
                "evidence")
YEAR_FOLDERS = ("logs", "observations")
BIG_LOG_LIMIT = 16 * 1024 * 1024  # the largest file mentorctl reads or log writes
BIG_LOG_MARGIN = 1024             # left under the limit for the appended entry
LOG_ENTRY = re.compile(rb"^\s+- date:", re.M)
MENTEE_LINE = re.compile(r"^    mentee: (\S+)\s*$", re.M)

# Targets (issue 17): multiples of the floor's time, of the record bytes, or absolute.
TARGET_COLD = 1.5            # audit cold and check cold, x floor
TARGET_WARM = 0.05           # audit warm, nothing changed, x floor
TARGET_CHANGED = 0.15        # audit, one log file changed, x floor
TARGET_RSS = 1.5             # peak RSS of a cold audit (and check), x record bytes
TARGET_OTHER_WARM = 0.1      # stipend, report html, match warm, x floor
TARGET_LOG_SECONDS = 0.2     # log (one entry) in the repository, warm
TARGET_LOG_RSS_BYTES = 100e6
TARGET_MENTOR_SECONDS = 0.2  # status --mentor and audit --mentor, warm
TARGET_BIG_LOG_SECONDS = 1.0  # one entry appended to a 16 MiB log file


class BenchError(Exception):
    pass


running_child = None


def stop_on_signal(signum, _frame):
    """Ends the running child and unwinds, so the changed log file is restored."""
    if running_child is not None and running_child.returncode is None:
        running_child.kill()
    raise SystemExit(128 + signum)


def yaml_files_in(folder):
    if not os.path.isdir(folder):
        return []
    with os.scandir(folder) as it:
        return [e.path for e in it if e.name.endswith(".yaml") and e.is_file()]


def record_files(root):
    """The file set mentorctl-floor reads, sorted."""
    files = [os.path.join(root, n) for n in TOP_LEVEL_FILES
             if os.path.isfile(os.path.join(root, n))]
    for folder in FLAT_FOLDERS:
        files += yaml_files_in(os.path.join(root, folder))
    for folder in YEAR_FOLDERS:
        top = os.path.join(root, folder)
        if os.path.isdir(top):
            with os.scandir(top) as it:
                for year in it:
                    if year.is_dir():
                        files += yaml_files_in(year.path)
    return sorted(files)


def count_log_entries(root):
    total = 0
    for path in record_files(root):
        if os.path.relpath(path, root).startswith("logs" + os.sep):
            with open(path, "rb") as f:
                total += len(LOG_ENTRY.findall(f.read()))
    return total


DATE = r"(\d{4}-\d{2}-\d{2})"


def school_days(repo, year):
    """The school days of a year's calendar (calendars/<year>.yaml): weekdays from
    first_day to last_day, without breaks and closed days. A regex reading, enough for
    the calendars this benchmark meets (block or flow breaks, flow or block closed)."""
    path = os.path.join(repo, "calendars", f"{year}.yaml")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise BenchError(f"cannot read the calendar {path}: {e}")
    bounds = [re.search(rf"^{key}:\s*{DATE}", text, re.M) for key in ("first_day", "last_day")]
    if not all(bounds):
        raise BenchError(f"{path}: no first_day or last_day")
    first, last = (datetime.date.fromisoformat(m.group(1)) for m in bounds)
    off = set()
    starts = re.findall(rf"\bfrom:\s*{DATE}", text)
    ends = re.findall(rf"\bto:\s*{DATE}", text)
    for start, end in zip(starts, ends):
        day, end = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
        while day <= end:
            off.add(day)
            day += datetime.timedelta(days=1)
    closed = re.search(r"^closed:(.*?)(?=^\S|\Z)", text, re.M | re.S)
    if closed:
        off.update(datetime.date.fromisoformat(d) for d in re.findall(DATE, closed.group(1)))
    days, day = [], first
    while day <= last:
        if day.weekday() < 5 and day not in off:
            days.append(day)
        day += datetime.timedelta(days=1)
    if not days:
        raise BenchError(f"{path}: no school days")
    return days


def ensure_repo(args):
    if args.repo:
        if not os.path.isdir(args.repo):
            raise BenchError(f"no such repository: {args.repo}")
        return os.path.abspath(args.repo)
    repo = f"/tmp/mentorctl-bench-{args.pairs}x{args.weeks}-s{args.seed}"
    marker = repo + ".complete"
    if os.path.isdir(repo) and os.path.exists(marker):
        return repo
    if os.path.exists(marker):
        os.remove(marker)
    if os.path.isdir(repo):
        shutil.rmtree(repo)
    generator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate_repo.py")
    print(f"generating {repo} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, generator, repo, "--pairs", str(args.pairs),
                    "--weeks", str(args.weeks), "--seed", str(args.seed)], check=True)
    with open(marker, "w") as f:
        f.write("generated\n")
    return repo


def spawn(argv, env, stdout_path, stderr_path):
    """Runs argv; returns (seconds, exit code, peak RSS in KiB)."""
    global running_child
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                 env=env)
        running_child = child
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    running_child = None
    return seconds, child.returncode, usage.ru_maxrss


def tail(path, lines=40):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace").splitlines()
    return "\n".join(text[-lines:])


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def skipped_record_errors(path):
    """The summary's record_errors of an audit's JSON output, or None when the output
    is not an audit. Reads only the head: the output can be hundreds of MB, and this
    process's peak memory counts in every later child's peak RSS."""
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    found = re.search(rb'"summary":\s*\{[^}]*"record_errors":\s*(\d+)', head)
    return int(found.group(1)) if found else None


class Bench:
    def __init__(self, args, repo):
        self.args = args
        self.repo = repo
        self.build = os.path.abspath(args.build)
        self.mentorctl = os.path.join(self.build, "mentorctl")
        self.floor = os.path.join(self.build, "mentorctl-floor")
        for binary in (self.mentorctl, self.floor):
            if not os.access(binary, os.X_OK):
                raise BenchError(f"{binary} not found; build it first "
                                 f"(cmake --build {args.build})")
        self.work = tempfile.mkdtemp(prefix="mentorctl-bench-work-")
        self.cache = os.path.join(self.work, "cache")
        self.xdg = os.path.join(self.work, "xdg")
        self.env = dict(os.environ, MENTORCTL_CACHE_DIR=self.cache, XDG_CACHE_HOME=self.xdg)
        self.env.pop("MENTORCTL_TODAY", None)
        self.baseline_kib = self.spawn_baseline()
        self.record_errors = None

    @staticmethod
    def log_env(env):
        """log refuses dates after today, so today is AS_OF (--as-of does not set it)."""
        return dict(env, MENTORCTL_TODAY=AS_OF)

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def out(self, name):
        return os.path.join(self.work, name)

    def spawn_baseline(self):
        return spawn(["/bin/true"], self.env, os.devnull, os.devnull)[2]

    def clear_cache(self):
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.rmtree(self.xdg, ignore_errors=True)

    def audit_argv(self, *global_options):
        return [self.mentorctl, *global_options, "-C", self.repo, "--as-of", AS_OF,
                "audit", "--format", "json"]

    def run_audit(self, stdout_name, *global_options):
        seconds, code, rss = spawn(self.audit_argv(*global_options), self.env,
                                   self.out(stdout_name), self.out("stderr"))
        if os.path.getsize(self.out(stdout_name)) == 0:
            raise BenchError(f"audit exited {code} and printed nothing:\n"
                             f"{tail(self.out('stderr'))}")
        if code in (0, 1):
            return seconds, rss
        # Exit 2 also means "records with errors were skipped, the audit covers the
        # rest"; that is still a full run when stdout holds the audit.
        skipped = skipped_record_errors(self.out(stdout_name)) if code == 2 else None
        if skipped:
            self.record_errors = skipped
            return seconds, rss
        raise BenchError(f"audit exited {code}:\n{tail(self.out('stderr'))}")

    def run_checked(self, label, argv, stdout_name, ok_codes, output=None, env=None,
                    expect=None):
        """Runs a command that must succeed: an exit status in ok_codes (2, "records with
        errors were left out", only when the audit reported such records), and non-empty
        output (stdout, or the file it writes; removed first), holding expect if given."""
        path = output or self.out(stdout_name)
        if output and os.path.exists(output):
            os.remove(output)
        seconds, code, rss = spawn(argv, env or self.env, self.out(stdout_name),
                                   self.out("stderr"))
        allowed = set(ok_codes) | ({2} if self.record_errors else set())
        problem = None
        if code not in allowed:
            problem = f"exited {code}"
        elif not os.path.exists(path) or os.path.getsize(path) == 0:
            problem = f"exited {code} and wrote nothing to {os.path.basename(path)}"
        elif expect is not None:
            with open(path, "rb") as f:
                if expect.encode() not in f.read(1 << 20):
                    problem = f"exited {code} but its output does not mention {expect}"
        if problem:
            raise BenchError(f"{label} {problem}:\n{tail(self.out('stderr'))}")
        return seconds, rss

    def run_check(self):
        return self.run_checked("check", [self.mentorctl, "-C", self.repo, "check"],
                                "check.out", (0, 1))

    def run_stipend(self, stdout_name):
        return self.run_checked("stipend", [self.mentorctl, "-C", self.repo, "--as-of", AS_OF,
                                            "stipend", "--format", "csv"], stdout_name, (0,))

    def run_report_html(self, output_name):
        return self.run_checked("report html",
                                [self.mentorctl, "-C", self.repo, "--as-of", AS_OF, "report",
                                 "html", "--output", self.out(output_name)],
                                "report-html.out", (0,), output=self.out(output_name))

    def match_program(self):
        """The first program with a matching section, else the first program."""
        programs = sorted(yaml_files_in(os.path.join(self.repo, "programs")))
        if not programs:
            raise BenchError("no programs: nothing to match")
        for path in programs:
            with open(path, "rb") as f:
                if re.search(rb"^matching:", f.read(), re.M):
                    return os.path.splitext(os.path.basename(path))[0]
        return os.path.splitext(os.path.basename(programs[0]))[0]

    def run_match(self, program, stdout_name):
        return self.run_checked("match", [self.mentorctl, "-C", self.repo, "--as-of", AS_OF,
                                          "match", "--program", program, "--format", "json"],
                                stdout_name, (0,))

    def first_log(self):
        """The first log file, its mentor, its first entry's mentee, and a school day to
        log on and to ask status about: the last school day of the file's year on or
        before AS_OF (a day inside the year's pairings)."""
        logs = sorted(p for p in record_files(self.repo)
                      if os.path.relpath(p, self.repo).startswith("logs" + os.sep))
        if not logs:
            raise BenchError("no log files: no mentor to show")
        path = logs[0]
        with open(path, encoding="utf-8") as f:
            mentee = MENTEE_LINE.search(f.read())
        if not mentee:
            raise BenchError(f"{path}: not the expected log layout")
        year = os.path.basename(os.path.dirname(path))
        days = [d for d in school_days(self.repo, year) if d.isoformat() <= AS_OF]
        if not days:
            raise BenchError(f"no school day of {year} on or before {AS_OF}")
        return {"path": path, "mentor": os.path.splitext(os.path.basename(path))[0],
                "mentee": mentee.group(1), "day": days[-1].isoformat()}

    def run_for_mentor(self, command, mentor, as_of, expect):
        argv = [self.mentorctl, "-C", self.repo, "--as-of", as_of, command, "--mentor", mentor]
        return self.run_checked(f"{command} --mentor {mentor}", argv,
                                f"{command}-mentor.out", (0, 1) if command == "audit" else (0,),
                                expect=expect)

    def make_big_log_repo(self):
        """A four-pairing repository (generate_repo.py; with two, its one mentor would
        attend no training and the trainings file would have an error) whose first log file is rewritten
        with distinct entries for its mentor's real mentees, on school days inside their
        pairings, until it is BIG_LOG_MARGIN bytes short of 16 MiB. Written as it goes,
        so this process never holds the file (its memory would count in the child's
        peak RSS)."""
        root = os.path.join(self.work, "big-log-repo")
        generator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate_repo.py")
        subprocess.run([sys.executable, generator, root, "--pairs", "4", "--weeks", "4",
                        "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(root, "pairings", "2026-27.yaml"), encoding="utf-8") as f:
            pairs = re.findall(rf"- mentor: (\S+)\n\s+mentee: (\S+)\n\s+program: \S+\n"
                               rf"\s+start: {DATE}\n", f.read())
        if not pairs:
            raise BenchError(f"{root}/pairings/2026-27.yaml: not the expected layout")
        mentor = pairs[0][0]
        mentees = [mentee for m, mentee, _ in pairs if m == mentor]
        start = max(datetime.date.fromisoformat(d) for m, _, d in pairs if m == mentor)
        days = [d for d in school_days(root, "2026-27")
                if d >= start and d.isoformat() <= AS_OF]
        if not days:
            raise BenchError(f"{root}: no school day inside the pairings")
        path = os.path.join(root, "logs", "2026-27", f"{mentor}.yaml")
        durations = ("45m", "1h", "30m", "1h15m", "1h30m")
        kinds = ("meeting", "co-planning", "call", "meeting")
        topics = ("classroom management", "lesson planning", "assessment", "ILP goals")

        def entry(i, day):
            return (f"  - date: {day.isoformat()}\n    mentee: {mentees[i % len(mentees)]}\n"
                    f"    duration: {durations[i % len(durations)]}\n"
                    f"    kind: {kinds[i % len(kinds)]}\n"
                    f"    topics: [{topics[i % len(topics)]}, session {i}]\n").encode()

        goal = BIG_LOG_LIMIT - BIG_LOG_MARGIN
        estimate = goal // len(entry(10 ** 6, days[0]))  # entries, to spread the dates
        count = 0
        with open(path, "wb") as f:
            size = f.write(f"mentor: {mentor}\nentries:\n".encode())
            while True:
                text = entry(count, days[min(count * len(days) // estimate, len(days) - 1)])
                if size + len(text) > goal:
                    break
                size += f.write(text)
                count += 1
        return root, {"path": path, "mentor": mentor, "mentee": mentees[0],
                      "day": days[-1].isoformat(), "entries": count}

    def measure_big_log(self):
        root, log = self.make_big_log_repo()
        env = self.log_env(dict(self.env, MENTORCTL_CACHE_DIR=os.path.join(self.work, "cache-big"),
                                XDG_CACHE_HOME=os.path.join(self.work, "xdg-big")))
        audit = [self.mentorctl, "-C", root, "--as-of", AS_OF, "audit", "--format", "json"]
        figure = self.measure_log(
            "log into a 16 MiB file", root, log, env,
            lambda: self.run_checked("audit of the 16 MiB log's repository", audit,
                                     "audit-big.json", (0, 1), env=env))
        figure.update(entries=log["entries"], repo=root)
        return figure

    def measure_log(self, name, repo, log, env, fill_cache):
        """Times `mentorctl log` appending one entry to log["path"]. Before each run the
        file gets its original bytes back and fill_cache() runs an audit, so every run
        starts from the same file and a warm cache; the original bytes are restored at
        the end, whatever happens."""
        path = log["path"]
        saved = self.out("log-original.yaml")
        shutil.copyfile(path, saved)
        size = os.path.getsize(path)
        argv = [self.mentorctl, "-C", repo, "log", "--mentor", log["mentor"], "--mentee",
                log["mentee"], "--date", log["day"], "--duration", "30m"]

        def before_each():
            shutil.copyfile(saved, path)
            fill_cache()

        def run_once():
            seconds, rss = self.run_checked(f"log in {os.path.relpath(path, repo)}", argv,
                                            "log.out", (0,), env=env,
                                            expect=f"date: {log['day']}")
            if os.path.getsize(path) <= size:
                raise BenchError(f"log exited 0 but {path} did not grow")
            return seconds, rss

        try:
            figure = self.measure(name, run_once, before_each)
        finally:
            shutil.copyfile(saved, path)
        figure.update(file=os.path.relpath(path, repo), file_bytes=size, mentor=log["mentor"],
                      mentee=log["mentee"], date=log["day"])
        return figure

    def run_floor(self):
        seconds, code, rss = spawn([self.floor, self.repo], self.env, self.out("floor.out"),
                                   self.out("stderr"))
        if code != 0:
            raise BenchError(f"mentorctl-floor exited {code}:\n{tail(self.out('stderr'))}")
        with open(self.out("floor.out")) as f:
            self.floor_report = json.loads(f.read())
        return seconds, rss

    def measure(self, name, run_once, before_each=None):
        times, peaks = [], []
        for _ in range(self.args.runs):
            if before_each:
                before_each()
            seconds, rss = run_once()
            times.append(seconds)
            peaks.append(rss)
            print(f"  {name}: {seconds:.3f} s, {rss / 1024:.1f} MiB", file=sys.stderr,
                  flush=True)
        return {"name": name, "seconds": times, "rss_kib": peaks,
                "median_seconds": statistics.median(times),
                "median_rss_kib": statistics.median(peaks)}

    def cache_was_written(self):
        return any(os.path.isdir(d) and os.listdir(d) for d in (self.cache, self.xdg))

    def compare_outputs(self):
        """Whether audit's stdout is the same cold, warm, and with --threads 1."""
        cold = file_digest(self.out("audit-cold.json"))
        warm = file_digest(self.out("audit-warm.json"))
        self.clear_cache()
        seconds, code, _ = spawn(self.audit_argv("--threads", "1"), self.env,
                                 self.out("audit-threads1.json"), self.out("stderr"))
        stderr = tail(self.out("stderr"), 5)
        threads_ok = code in (0, 1) or (code == 2 and
                                        skipped_record_errors(self.out("audit-threads1.json")))
        if not threads_ok:
            if code == 2 and ("threads" in stderr or
                              os.path.getsize(self.out("audit-threads1.json")) == 0):
                return {"cold_warm": cold == warm, "threads": None,
                        "threads_note": stderr.splitlines()[0] if stderr else ""}
            raise BenchError(f"audit --threads 1 exited {code}:\n{stderr}")
        threads = file_digest(self.out("audit-threads1.json"))
        return {"cold_warm": cold == warm, "threads": threads == cold}

    def run(self):
        figures = []
        print("floor", file=sys.stderr)
        figures.append(self.measure("floor (libyaml, 1 thread)", self.run_floor))

        print("audit cold", file=sys.stderr)
        figures.append(self.measure("audit cold", lambda: self.run_audit("audit-cold.json"),
                                    self.clear_cache))
        cache_written = self.cache_was_written()

        print("audit warm", file=sys.stderr)
        figures.append(self.measure("audit warm", lambda: self.run_audit("audit-warm.json")))

        identical = self.compare_outputs()

        print("audit, one file changed", file=sys.stderr)
        self.run_audit("audit-changed.json")  # fills the cache again
        figures.append(self.measure_one_file_changed())

        print("check cold", file=sys.stderr)
        figures.append(self.measure("check cold", self.run_check, self.clear_cache))

        program = self.match_program()
        commands = (("stipend", self.run_stipend, "stipend-{}.csv"),
                    ("report html", self.run_report_html, "report-{}.html"),
                    ("match", lambda name: self.run_match(program, name), "match-{}.json"))
        for command, run_once, output in commands:
            print(f"{command} cold", file=sys.stderr)
            figures.append(self.measure(f"{command} cold",
                                        lambda: run_once(output.format("cold")),
                                        self.clear_cache))
            print(f"{command} warm", file=sys.stderr)
            figures.append(self.measure(f"{command} warm",
                                        lambda: run_once(output.format("warm"))))
            identical[command] = (file_digest(self.out(output.format("cold"))) ==
                                  file_digest(self.out(output.format("warm"))))
        figures[-1]["program"] = figures[-2]["program"] = program
        log = self.first_log()
        mentor = log["mentor"]
        print(f"status and audit --mentor {mentor}, warm", file=sys.stderr)
        figures.append(self.measure("status --mentor, warm", lambda: self.run_for_mentor(
            "status", mentor, log["day"], log["mentee"])))
        figures[-1].update(mentor=mentor, as_of=log["day"])
        figures.append(self.measure("audit --mentor, warm", lambda: self.run_for_mentor(
            "audit", mentor, AS_OF, None)))
        figures[-1].update(mentor=mentor, as_of=AS_OF)

        print(f"log, warm ({mentor}, {log['mentee']}, {log['day']})", file=sys.stderr)
        figures.append(self.measure_log("log, warm", self.repo, log, self.log_env(self.env),
                                        lambda: self.run_audit("audit-fill.json")))

        print("log into a 16 MiB file, warm", file=sys.stderr)
        figures.append(self.measure_big_log())
        self.baseline_kib = max(self.baseline_kib, self.spawn_baseline())
        return figures, identical, cache_written

    def measure_one_file_changed(self):
        logs = sorted(p for p in record_files(self.repo)
                      if os.path.relpath(p, self.repo).startswith("logs" + os.sep))
        if not logs:
            raise BenchError("no log files to change")
        path = logs[0]
        with open(path, "rb") as f:
            original = f.read()
        text = original.decode("utf-8")
        mentee = MENTEE_LINE.search(text)
        if not mentee or "\nentries:\n" not in text:
            raise BenchError(f"{path}: not the expected log layout")
        appended = []

        def append_entry():
            day = len(appended) % 9 + 1
            entry = (("" if text.endswith("\n") or appended else "\n") +
                     f"  - date: 2027-05-0{day}\n    mentee: {mentee.group(1)}\n"
                     "    duration: 30m\n")
            with open(path, "a", encoding="utf-8") as f:
                f.write(entry)
            appended.append(entry)

        try:
            figure = self.measure("audit, one file changed",
                                  lambda: self.run_audit("audit-changed.json"), append_entry)
        finally:
            with open(path, "wb") as f:
                f.write(original)
        figure["changed_file"] = os.path.relpath(path, self.repo)
        return figure


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "platform": platform.platform(), "cpu": model,
            "python": platform.python_version()}


def thresholds():
    return {"cold_x_floor": TARGET_COLD, "warm_x_floor": TARGET_WARM,
            "one_file_changed_x_floor": TARGET_CHANGED, "cold_rss_x_record_bytes": TARGET_RSS,
            "other_warm_x_floor": TARGET_OTHER_WARM, "other_cold": "<= audit cold median",
            "log_seconds": TARGET_LOG_SECONDS, "log_rss_bytes": TARGET_LOG_RSS_BYTES,
            "mentor_seconds": TARGET_MENTOR_SECONDS,
            "big_log_seconds": TARGET_BIG_LOG_SECONDS}


def rss_verdict(rss_kib, limit_bytes, baseline_kib):
    """A child's reported peak RSS is at most its own peak or the spawn baseline, so a
    value within the limit is met; one over it is missed only when above the baseline."""
    if rss_kib * 1024 <= limit_bytes:
        return True
    return False if rss_kib > baseline_kib else None


def judge(figures, record_bytes, baseline_kib):
    """Adds x_floor and rss_per_record_byte to every figure and returns the targets, one
    per judged quantity, in the order of issue 17's table."""
    by_name = {f["name"]: f for f in figures}
    floor = figures[0]["median_seconds"]
    for figure in figures:
        # A figure of another repository (the 16 MiB log's) has no ratio to this one.
        other = "repo" in figure
        figure["x_floor"] = None if other else figure["median_seconds"] / floor
        figure["rss_per_record_byte"] = (None if other else
                                         figure["median_rss_kib"] * 1024 / record_bytes)
    targets = []

    def add(row, name, quantity, value, limit, met, unit, limit_text):
        if name in by_name:
            targets.append({"row": row, "figure": name, "quantity": quantity, "value": value,
                            "limit": limit, "unit": unit, "limit_text": limit_text,
                            "met": met})

    def x_floor(row, name, limit):
        if name in by_name:
            value = by_name[name]["x_floor"]
            add(row, name, "time", value, limit, value <= limit, "x floor",
                f"<= {limit:g}x floor")

    def seconds(row, name, limit, limit_text=None):
        if name in by_name:
            value = by_name[name]["median_seconds"]
            add(row, name, "time", value, limit, value <= limit, "s",
                limit_text or f"<= {limit:g} s")

    def rss(row, name, limit_bytes, unit, scale, limit_text):
        if name in by_name:
            kib = by_name[name]["median_rss_kib"]
            add(row, name, "peak RSS", kib * 1024 / scale, limit_bytes / scale,
                rss_verdict(kib, limit_bytes, baseline_kib), unit, limit_text)
            targets[-1]["at_most_spawn_baseline"] = kib <= baseline_kib

    x_floor("audit cold", "audit cold", TARGET_COLD)
    x_floor("audit cold", "check cold", TARGET_COLD)
    x_floor("audit warm, nothing changed", "audit warm", TARGET_WARM)
    x_floor("audit, one log file changed", "audit, one file changed", TARGET_CHANGED)
    for name in ("audit cold", "check cold"):
        rss("peak RSS of a cold audit", name, TARGET_RSS * record_bytes, "x YAML bytes",
            record_bytes, f"<= {TARGET_RSS:g}x YAML bytes")
    row = "log (one entry), state repo, warm"
    seconds(row, "log, warm", TARGET_LOG_SECONDS)
    rss(row, "log, warm", TARGET_LOG_RSS_BYTES, "MB", 1e6,
        f"<= {TARGET_LOG_RSS_BYTES / 1e6:g} MB")
    row = "status / audit --mentor, warm"
    seconds(row, "status --mentor, warm", TARGET_MENTOR_SECONDS)
    seconds(row, "audit --mentor, warm", TARGET_MENTOR_SECONDS)
    seconds("one entry appended to a 16 MiB log", "log into a 16 MiB file",
            TARGET_BIG_LOG_SECONDS)
    row = "stipend, report html, match"
    audit_cold = by_name["audit cold"]["median_seconds"]
    for command in ("stipend", "report html", "match"):
        seconds(row, f"{command} cold", audit_cold, f"<= {audit_cold:.3f} s (audit cold)")
        x_floor(row, f"{command} warm", TARGET_OTHER_WARM)
    return targets


def format_value(target):
    if target["unit"] == "s":
        return f"{target['value']:.3f} s"
    at_most = "<=" if target.get("at_most_spawn_baseline") else ""
    if target["unit"] == "MB":
        return f"{at_most}{target['value']:.1f} MB"
    return f"{at_most}{target['value']:.2f}{target['unit']}"


def print_report(info, figures, targets, identical, baseline_kib):
    r = info["records"]
    print(f"machine: {info['machine']['cpus']} CPUs, {info['machine']['cpu']}, "
          f"{info['machine']['platform']}")
    print(f"date:    {info['date']}   mentorctl: {info['version']}")
    print(f"repo:    {info['repo']}")
    print(f"records: {r['files']:,} files, {r['bytes'] / 1e6:.1f} MB, "
          f"{r['log_entries']:,} log entries; medians of {info['runs']} run(s)")
    print()
    print(f"{'figure':<28}{'median s':>10}{'x floor':>9}{'peak RSS MB':>13}"
          f"{'RSS/record bytes':>18}")
    for f in figures:
        rss_mb = f"{f['median_rss_kib'] * 1024 / 1e6:.1f}"
        if f["median_rss_kib"] <= baseline_kib:
            rss_mb = "<=" + rss_mb
        x_floor = "-" if f["x_floor"] is None else f"{f['x_floor']:.2f}"
        per_byte = "-" if f["rss_per_record_byte"] is None else f"{f['rss_per_record_byte']:.2f}"
        print(f"{f['name']:<28}{f['median_seconds']:>10.3f}{x_floor:>9}"
              f"{rss_mb:>13}{per_byte:>18}")
    print()
    print(f"{'target (issue 17)':<37}{'figure':<26}{'measured':>20}   {'target':<34}verdict")
    last_row = None
    for t in targets:
        row = t["row"] if t["row"] != last_row else ""
        last_row = t["row"]
        verdict = {True: "met", False: "missed", None: "unknown (under the spawn baseline)"}
        print(f"{row:<37}{t['figure']:<26}{format_value(t):>20}   {t['limit_text']:<34}"
              f"{verdict[t['met']]}")
    print()
    yes = {True: "yes", False: "NO"}
    line = f"output identical cold/warm: {yes[identical['cold_warm']]}"
    if identical["threads"] is None:
        line += "; threads option not available"
    else:
        line += f"; cold/1 thread: {yes[identical['threads']]}"
    print(line)
    others = [c for c in ("stipend", "report html", "match") if c in identical]
    if others:
        print(f"{', '.join(others)} output identical cold/warm: "
              + ", ".join(yes[identical[c]] for c in others))
    for note in info["notes"]:
        print(f"note: {note}")
    met = sum(1 for t in targets if t["met"])
    print(f"targets met: {met} of {len(targets)}")


def mentorctl_version(binary):
    try:
        done = subprocess.run([binary, "--version"], capture_output=True, text=True,
                              timeout=30)
        return done.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", help="an existing records repository (default: generate)")
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--weeks", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", default="build", help="the build directory (default: build)")
    ap.add_argument("--json", help="also write the figures to this file as JSON")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)

    try:
        repo = ensure_repo(args)
        files = record_files(repo)
        records = {"files": len(files), "bytes": sum(os.path.getsize(p) for p in files),
                   "log_entries": count_log_entries(repo)}
        bench = Bench(args, repo)
        try:
            figures, identical, cache_written = bench.run()
        finally:
            bench.close()
    except (BenchError, OSError, subprocess.CalledProcessError) as e:
        print(f"bench: error: {e}", file=sys.stderr)
        return 1

    notes = []
    floor = bench.floor_report
    if (floor["files"], floor["bytes"]) != (records["files"], records["bytes"]):
        notes.append(f"mentorctl-floor saw {floor['files']} files, {floor['bytes']} bytes")
    if not cache_written:
        notes.append("mentorctl wrote nothing to MENTORCTL_CACHE_DIR or XDG_CACHE_HOME; "
                     "cold and warm may be the same")
    if bench.record_errors:
        notes.append(f"audit skipped {bench.record_errors:,} records with errors (exit 2)")
    for figure in figures:
        if "entries" in figure:
            notes.append(f"{figure['name']}: {figure['file']} of {figure['file_bytes']:,} bytes "
                         f"({figure['entries']:,} entries) in a repository of its own")
    notes.append(f"floor's own time for reading + parsing: {floor['seconds']:.3f} s "
                 f"({floor['events']:,} events); RSS spawn baseline "
                 f"{bench.baseline_kib * 1024 / 1e6:.1f} MB")
    targets = judge(figures, records["bytes"], bench.baseline_kib)
    info = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": machine(), "version": mentorctl_version(bench.mentorctl),
            "repo": repo, "runs": args.runs, "records": records, "floor": floor,
            "figures": figures, "targets": targets, "thresholds": thresholds(),
            "identical": identical, "notes": notes, "rss_baseline_kib": bench.baseline_kib}
    print_report(info, figures, targets, identical, bench.baseline_kib)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(info, f, indent=2)
            f.write("\n")
    # The figures are only worth reading when the runs did what they claim.
    if not identical["cold_warm"] or identical["threads"] is False:
        print("bench: error: the audit output differed between cold, warm and one-thread runs", file=sys.stderr)
        return 1
    differing = [c for c in ("stipend", "report html", "match") if identical.get(c) is False]
    if differing:
        print(f"bench: error: the output of {', '.join(differing)} differed between cold and "
              "warm runs", file=sys.stderr)
        return 1
    if not cache_written:
        print("bench: error: mentorctl wrote no cache, so warm runs measured nothing", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

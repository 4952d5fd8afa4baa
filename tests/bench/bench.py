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

Targets, each printed with its median and met/missed in a second table:
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
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from bench_files import (DATE, BenchError, count_log_entries, file_digest, record_files, school_days,
                         skipped_record_errors, tail, yaml_files_in)
from bench_report import judge, machine, print_report, thresholds

AS_OF = "2027-06-30"
BIG_LOG_LIMIT = 16 * 1024 * 1024  # the largest file mentorctl reads or log writes
BIG_LOG_MARGIN = 1024             # left under the limit for the appended entry
MENTEE_LINE = re.compile(r"^    mentee: (\S+)\s*$", re.M)



running_child = None


def stop_on_signal(signum, _frame):
    """Ends the running child and unwinds, so the changed log file is restored."""
    if running_child is not None and running_child.returncode is None:
        running_child.kill()
    raise SystemExit(128 + signum)


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

#!/usr/bin/env python3
"""Mutation check: plants named one-token bugs in a copy of the tree, one at a time, and
reports which ones no test catches.

Not part of CI: it rebuilds and runs ctest once per mutant (about 50 s each on two
cores, so close to an hour for the whole list; --only runs a few). Run it before resolving
an issue that touches the rules, calendar, dates, validation, writer or merge code, and
quote its summary. Every survivor either gets a test that kills it or an `equivalent`
sentence below saying why no test can. A mutant that makes a test hang counts as killed
once --timeout stops ctest.

The copy lives in --workdir (kept between runs, so its build stays incremental and ccache
serves the unchanged files); the source tree is never written. Each mutant's snippet must
occur exactly once in its file, which --list checks.

  tests/mutation/mutate.py --list
  tests/mutation/mutate.py                      # every mutant
  tests/mutation/mutate.py --only caseload-end merge-repeats --jobs 2
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

SOURCE = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 1800  # s; the first build of a new copy takes a few minutes


@dataclass
class Mutant:
    name: str
    file: str
    original: str
    replacement: str
    equivalent: Optional[str] = None  # why no test can tell it from the original


MUTANTS = [
    # --- pair rules and milestones (SPEC 4.2, 4.3) ---
    Mutant("pair-prorate-ceiling", "lib/rules/pair.cpp",
           "return (product + whole - 1) / whole;", "return (product + whole - 0) / whole;"),
    Mutant("pair-max-reached", "lib/rules/pair.cpp",
           "if (r.max && counts.actual > *r.max) {", "if (r.max && counts.actual >= *r.max) {"),
    Mutant("pair-min-met", "lib/rules/pair.cpp",
           "} else if (counts.required && counts.actual < *counts.required) {",
           "} else if (counts.required && counts.actual <= *counts.required) {"),
    Mutant("pair-unmet-after-close", "lib/rules/pair.cpp",
           "status = part.last < options_.as_of ? FindingStatus::unmet : FindingStatus::due;",
           "status = part.last <= options_.as_of ? FindingStatus::unmet : FindingStatus::due;"),
    Mutant("pair-during-first", "lib/rules/pair.cpp",
           "return {start, boundary - one_day};", "return {start, boundary};"),
    Mutant("pair-week-length", "lib/rules/pair.cpp",
           "return {kind, {monday, monday + date::days{6}}};", "return {kind, {monday, monday + date::days{7}}};"),
    Mutant("pair-totals-as-of", "lib/rules/pair.cpp",
           "const Date last = std::min(effective.last, options_.as_of);",
           "const Date last = std::max(effective.last, options_.as_of);",
           "pair_totals() then also holds entries after as-of or after the effective range, but "
           "evaluate_period() only sums totals.total(part.first, min(part.last, as_of)) with part inside "
           "the effective range, so the extra entries are never counted: only the work grows."),
    Mutant("pair-not-started", "lib/rules/pair.cpp",
           "if (effective.empty() || effective.first > options_.as_of) {",
           "if (effective.empty() || effective.first >= options_.as_of) {"),
    Mutant("pair-skip-partial", "lib/rules/pair.cpp",
           "(r.partial == Partial::skip && counts.part != counts.whole)",
           "(r.partial == Partial::skip && counts.part == counts.whole)"),
    Mutant("milestone-deadline", "lib/rules/pair.cpp",
           "? (*completed <= deadline ? FindingStatus::met", "? (*completed < deadline ? FindingStatus::met"),
    # --- mentor rules and matched-within (SPEC 4.4-4.7) ---
    Mutant("caseload-end", "lib/rules/person.cpp",
           "--changes[end + one_day];", "--changes[end];"),
    Mutant("caseload-max-reached", "lib/rules/person.cpp",
           "if (!first_over && active > *r.max) {", "if (!first_over && active >= *r.max) {"),
    Mutant("training-min-reached", "lib/rules/person.cpp",
           "const FindingStatus status = actual >= *r.min", "const FindingStatus status = actual > *r.min"),
    Mutant("training-scope-ever", "lib/rules/person.cpp",
           "r.scope_ever ? s->year <= year : s->year == year;", "r.scope_ever ? s->year < year : s->year == year;"),
    Mutant("matched-within-deadline", "lib/rules/person.cpp",
           "first != nullptr && first->start <= deadline ? FindingStatus::met",
           "first != nullptr && first->start < deadline ? FindingStatus::met"),
    Mutant("matched-within-earliest", "lib/rules/person.cpp",
           "if (first == nullptr || p->start < first->start) {", "if (first == nullptr || p->start > first->start) {"),
    Mutant("mentor-scope-first-active", "lib/rules/person.cpp",
           "const Date first_active = std::max(bounds.first, p.start);",
           "const Date first_active = std::min(bounds.first, p.start);"),
    # --- the audit's frame ---
    Mutant("totals-upper-bound", "lib/rules/rules.cpp",
           "const auto last = std::upper_bound(days_.begin(), days_.end(), to) - days_.begin();",
           "const auto last = std::lower_bound(days_.begin(), days_.end(), to) - days_.begin();"),
    Mutant("findings-sorted", "lib/rules/rules.cpp",
           "if (!std::is_sorted(group, findings_.end(), finding_less)) {",
           "if (std::is_sorted(group, findings_.end(), finding_less)) {"),
    Mutant("strict-warnings", "lib/rules/rules.cpp",
           "(strict || f.severity == Severity::error)", "(strict && f.severity == Severity::error)"),
    Mutant("span-weeks", "lib/rules/rules.cpp",
           "span.unit == Span::Unit::weeks ? 7 * count : count;", "span.unit == Span::Unit::weeks ? 6 * count : count;"),
    # --- match (SPEC 6.5) ---
    Mutant("match-left-day", "lib/rules/match.cpp",
           "return !p.left || d <= *p.left; }", "return !p.left || d < *p.left; }"),
    Mutant("match-enrolled-day", "lib/rules/match.cpp",
           "if (p.enrolled && date_ < *p.enrolled) {", "if (p.enrolled && date_ <= *p.enrolled) {"),
    Mutant("match-already-paired", "lib/rules/match.cpp",
           "if (end >= date_) {", "if (end > date_) {"),
    Mutant("match-places", "lib/rules/match.cpp",
           "return std::max(0, capacity - active); }", "return std::max(0, capacity - active + 1); }"),
    Mutant("match-active-start", "lib/rules/match.cpp",
           "if (pairing->start <= date_ && date_ <= repository_.calendars().pairing_end(*pairing)) {",
           "if (pairing->start < date_ && date_ <= repository_.calendars().pairing_end(*pairing)) {"),
    # --- stipends (SPEC 6.7) ---
    Mutant("stipend-half-up", "lib/rules/stipend.cpp",
           "return (2 * numerator + denominator) / (2 * denominator);",
           "return (2 * numerator + denominator - 1) / (2 * denominator);"),
    Mutant("stipend-left", "lib/rules/stipend.cpp",
           "range.last = std::min(range.last, *mentor->left);", "range.last = std::max(range.last, *mentor->left);"),
    Mutant("stipend-shared-day", "lib/rules/stipend.cpp",
           "if (current && range.first <= current->last) {", "if (current && range.first < current->last) {"),
    Mutant("stipend-pairing-basis", "lib/rules/stipend.cpp",
           "return !by_pairing || !finding.mentee || *finding.mentee == row.mentee;",
           "return !by_pairing || !finding.mentee || *finding.mentee != row.mentee;"),
    # --- certification (SPEC 6.6) ---
    Mutant("certificate-expiry-day", "lib/rules/certify.cpp",
           "(!certificate.expires || day <= *certificate.expires);", "(!certificate.expires || day < *certificate.expires);"),
    Mutant("evidence-as-of-day", "lib/rules/certify.cpp",
           "if (e->date > as_of) {", "if (e->date >= as_of) {"),
    # --- calendar and dates (SPEC 2.4, 2.6, 4.8) ---
    Mutant("calendar-break-last-day", "lib/model/calendar.cpp",
           "return b.from <= day && day <= b.to; }", "return b.from <= day && day < b.to; }"),
    Mutant("calendar-closed", "lib/model/calendar.cpp",
           "std::find(c->closed.begin(), c->closed.end(), day) == c->closed.end();",
           "std::find(c->closed.begin(), c->closed.end(), day) != c->closed.end();"),
    Mutant("calendar-count-last-day", "lib/model/calendar.cpp",
           "((until - year.bounds.first).count()) + 1;", "((until - year.bounds.first).count()) + 0;"),
    Mutant("calendar-default-end", "lib/model/calendar.cpp",
           "return pairing.end ? *pairing.end : teaching_span(pairing.year).last;",
           "return pairing.end ? *pairing.end : bounds(pairing.year).last;"),
    Mutant("school-year-of-start-day", "lib/model/dates.cpp",
           "return SchoolYear{md < begin ? year - 1 : year};", "return SchoolYear{md <= begin ? year - 1 : year};"),
    Mutant("school-year-last-day", "lib/model/dates.cpp",
           "return {first, next - date::days{1}};", "return {first, next - date::days{0}};"),
    Mutant("whole-years-anniversary", "lib/model/dates.cpp",
           "if (years > 0 && add_months(from, 12 * years) > to) {",
           "if (years > 0 && add_months(from, 12 * years) >= to) {"),
    Mutant("month-clamp", "lib/model/dates.cpp",
           "const date::day clamped = std::min(ymd.day(), last.day());",
           "const date::day clamped = std::max(ymd.day(), last.day());"),
    Mutant("date-digits", "lib/model/dates.cpp",
           "if (c < '0' || c > '9') {", "if (c < '0' || c > ':') {"),
    # --- validation (SPEC 3, 7) ---
    Mutant("overlap-shared-day", "lib/check/validate.cpp",
           "if (latest != nullptr && p->start <= calendars_.pairing_end(*latest)) {",
           "if (latest != nullptr && p->start < calendars_.pairing_end(*latest)) {"),
    Mutant("active-last-day", "lib/check/validate.cpp",
           "p->start <= day && day <= calendars_.pairing_end(*p)) {", "p->start <= day && day < calendars_.pairing_end(*p)) {"),
    Mutant("pairing-starts-after-year", "lib/check/validate.cpp",
           "if (!p.end && end < p.start) {", "if (!p.end && end <= p.start) {"),
    Mutant("past-left-day", "lib/check/validate.cpp",
           "who->left && end > *who->left) {", "who->left && end >= *who->left) {"),
    Mutant("email-case", "lib/check/validate.cpp",
           "emails.emplace(email_key(p.email), &p);", "emails.emplace(p.email, &p);"),
    Mutant("calendar-error-kept", "lib/check/validate.cpp",
           "          ok = false;\n        }\n      };", "        }\n      };"),
    Mutant("duplicate-attendee", "lib/check/validate.cpp",
           "if (!seen.insert(attendee.id).second) {", "if (seen.insert(attendee.id).second) {"),
    # --- writer (SPEC 6.2) ---
    Mutant("writer-new-diagnostics", "lib/write/writer.cpp",
           "if (it != remaining.end() && it->second > 0) {", "if (it != remaining.end() && it->second >= 0) {"),
    Mutant("writer-content-offset", "lib/write/writer.cpp",
           "list.items.front().first_column > list.first_column) {",
           "list.items.front().first_column >= list.first_column) {",
           "the branch needs the first item on its dash's own line, where the item starts after '- ' "
           "(YAML needs a space after the dash), so its column is always greater than the dash's: the "
           "two conditions never differ."),
    Mutant("writer-empty-list-indent", "lib/write/writer.cpp",
           "plan.dash_column = key_entry.key.first_column + 2;", "plan.dash_column = key_entry.key.first_column + 1;"),
    Mutant("writer-bom-column", "lib/write/writer.cpp",
           "    byte = 3;\n", "    byte = 0;\n"),
    Mutant("writer-text-dash-start", "lib/write/writer_text.cpp",
           "may_start && text.size() > 1 && text[1] != ' '", "may_start && text.size() > 0 && text[1] != ' '"),
    Mutant("writer-text-trailing-newlines", "lib/write/writer_text.cpp",
           "if (trailing > 1 || body.empty()) {", "if (trailing > 2 || body.empty()) {"),
    # --- merge driver (SPEC 6.3) ---
    Mutant("merge-repeats", "lib/write/merge.cpp",
           "if (it != ours_added.end() && it->second > 0) {", "if (it != ours_added.end() && it->second >= 0) {"),
    Mutant("merge-prefix", "lib/write/merge.cpp",
           "return items.size() >= prefix.size() && std::equal(", "return items.size() > prefix.size() && std::equal("),
    Mutant("merge-theirs-line-ends", "lib/write/merge.cpp",
           "merged += ours_bytes && !line.end.empty() ? line.end : line_end;",
           "merged += ours_bytes || !line.end.empty() ? line.end : line_end;"),
    Mutant("merge-theirs-changed", "lib/write/merge.cpp",
           "if (ours == theirs || theirs == base) {", "if (ours == theirs || theirs != base) {"),
]


def fail(message):
    print(f"mutate.py: {message}", file=sys.stderr)
    sys.exit(2)


def check_mutants(mutants):
    names = set()
    for m in mutants:
        if m.name in names:
            fail(f"two mutants are named {m.name}")
        names.add(m.name)
        text = (SOURCE / m.file).read_text()
        count = text.count(m.original)
        if count != 1:
            fail(f"{m.name}: the snippet occurs {count} times in {m.file}, not once: {m.original!r}")
        if m.original == m.replacement:
            fail(f"{m.name}: the replacement is the original")


def tree_files():
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=SOURCE,
                         check=True, capture_output=True).stdout
    return [f for f in out.decode().split("\0") if f and ((SOURCE / f).is_symlink() or (SOURCE / f).is_file())]


def sync_copy(workdir):
    """Makes workdir a copy of the tree, writing only files whose bytes differ (so ninja
    rebuilds only what changed)."""
    wanted = set(tree_files())
    for rel in sorted(wanted):
        src, dst = SOURCE / rel, workdir / rel
        if src.is_symlink():  # the corpus has a symlink leading outside: copy the link itself
            target = os.readlink(src)
            if not (dst.is_symlink() and os.readlink(dst) == target):
                if dst.is_symlink() or dst.exists():
                    dst.unlink()
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(target, dst)
            continue
        if dst.is_symlink():
            dst.unlink()
        data = src.read_bytes()
        if dst.is_file() and dst.read_bytes() == data:
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
        shutil.copymode(src, dst)
    for path in workdir.rglob("*"):
        rel = path.relative_to(workdir).as_posix()
        if rel == "build" or rel.startswith("build/") or not (path.is_symlink() or path.is_file()):
            continue
        if rel not in wanted:
            path.unlink()


def run(cmd, cwd, timeout, env=None):
    """Runs cmd in its own process group; returns (exit status or None on timeout, output)."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        return None, out


def build_env(workdir):
    env = dict(os.environ)
    # Paths relative to the copy and no working directory in the hash: a later run (or a
    # copy elsewhere) finds the objects ccache already holds.
    env["CCACHE_BASEDIR"] = str(workdir)
    env["CCACHE_NOHASHDIR"] = "1"
    return env


def build(workdir, jobs, timeout):
    build_dir = workdir / "build"
    env = build_env(workdir)
    if not (build_dir / "build.ninja").exists():
        # No MENTORCTL_WERROR: a mutant that only adds a warning still builds.
        status, out = run(["cmake", "-S", str(workdir), "-B", str(build_dir), "-G", "Ninja",
                           "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"],
                          workdir, timeout, env)
        if status != 0:
            return False, out
    status, out = run(["cmake", "--build", str(build_dir), f"-j{jobs}"], workdir, timeout, env)
    return status == 0, out


FAILED_LINE = re.compile(r"^\s*\d+ - (\S.*?) \(([^()]*)\)\s*$")


def run_tests(workdir, jobs, test_timeout, total_timeout):
    """The names of the ctest entries that failed, or None when ctest itself timed out."""
    status, out = run(["ctest", "--test-dir", str(workdir / "build"), f"-j{jobs}", "--timeout", str(test_timeout)],
                      workdir, total_timeout)
    if status is None:
        return None, out
    failed = []
    in_list = False
    for line in out.splitlines():
        if line.startswith("The following tests FAILED"):
            in_list = True
            continue
        if in_list:
            match = FAILED_LINE.match(line)
            if match:
                failed.append(f"{match.group(1)} ({match.group(2)})")
    if status != 0 and not failed:
        failed.append(f"ctest exit status {status}")
    return failed, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="list the mutants (checking their snippets) and exit")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these mutants")
    parser.add_argument("--jobs", type=int, default=2, help="parallel build and ctest jobs (default 2)")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "mentorctl-mutation",
                        help="where the copy and its build live (default: %(default)s)")
    parser.add_argument("--test-timeout", type=int, default=120, help="ctest --timeout per test (default 120 s)")
    # Some tests set a TIMEOUT of their own that --test-timeout does not lower; a mutant
    # that makes the audit loop forever is stopped here (a hang counts as killed).
    parser.add_argument("--timeout", type=int, default=180,
                        help="limit on one ctest run (default 180 s; the tests take about 40 s)")
    args = parser.parse_args()

    check_mutants(MUTANTS)
    if args.list:
        for m in MUTANTS:
            note = f"  [equivalent: {m.equivalent}]" if m.equivalent else ""
            print(f"{m.name:32} {m.file}: {m.original.strip()!r} -> {m.replacement.strip()!r}{note}")
        print(f"{len(MUTANTS)} mutants")
        return 0
    selected = MUTANTS
    if args.only:
        by_name = {m.name: m for m in MUTANTS}
        unknown = [n for n in args.only if n not in by_name]
        if unknown:
            fail(f"no mutant named {', '.join(unknown)} (see --list)")
        selected = [by_name[n] for n in args.only]

    workdir = args.workdir.resolve()
    if workdir == SOURCE or SOURCE in workdir.parents:
        fail("--workdir must be outside the source tree")
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"copy of {SOURCE} in {workdir}", flush=True)
    sync_copy(workdir)
    started = time.monotonic()
    ok, out = build(workdir, args.jobs, BUILD_TIMEOUT)
    if not ok:
        print(out[-4000:])
        fail("the unmutated copy does not build")
    failed, out = run_tests(workdir, args.jobs, args.test_timeout, args.timeout)
    if failed is None or failed:
        print(out[-4000:])
        fail(f"tests fail without any mutant: {failed}")
    print(f"baseline: builds, every test passes ({time.monotonic() - started:.0f} s)", flush=True)

    results = []
    for i, m in enumerate(selected, 1):
        path = workdir / m.file
        original = path.read_text()
        t0 = time.monotonic()
        try:
            path.write_text(original.replace(m.original, m.replacement, 1))
            ok, out = build(workdir, args.jobs, BUILD_TIMEOUT)
            if not ok:
                outcome, detail = "no-build", out.strip().splitlines()[-1:] or [""]
            else:
                failed, _ = run_tests(workdir, args.jobs, args.test_timeout, args.timeout)
                if failed is None:
                    outcome, detail = "killed", [f"a hang (ctest stopped after {args.timeout} s)"]
                elif failed:
                    outcome, detail = "killed", failed
                else:
                    outcome, detail = ("equivalent" if m.equivalent else "SURVIVED"), []
        finally:
            path.write_text(original)
        results.append((m, outcome, detail))
        elapsed = time.monotonic() - t0
        shown = ", ".join(detail[:6]) + (f", and {len(detail) - 6} more" if len(detail) > 6 else "")
        print(f"[{i}/{len(selected)}] {m.name}: {outcome}{' by ' + shown if outcome == 'killed' else ''}"
              f"{' (' + shown + ')' if outcome == 'no-build' else ''} ({elapsed:.0f} s)", flush=True)

    killed = [r for r in results if r[1] == "killed"]
    survived = [r for r in results if r[1] == "SURVIVED"]
    equivalent = [r for r in results if r[1] == "equivalent"]
    broken = [r for r in results if r[1] == "no-build"]
    print(f"\n{len(results)} mutants: {len(killed)} killed, {len(survived)} survived, "
          f"{len(equivalent)} equivalent, {len(broken)} did not build ({time.monotonic() - started:.0f} s)")
    for m, _, _ in survived:
        print(f"  survived: {m.name} ({m.file}: {m.original.strip()!r} -> {m.replacement.strip()!r})")
    for m, _, _ in equivalent:
        print(f"  equivalent: {m.name}: {m.equivalent}")
    for m, _, detail in broken:
        print(f"  did not build: {m.name}: {' '.join(detail)}")
    # A killed mutant marked equivalent means its sentence is wrong.
    for m, outcome, _ in results:
        if m.equivalent and outcome == "killed":
            print(f"  note: {m.name} is marked equivalent but a test kills it")
    return 1 if survived or broken else 0


if __name__ == "__main__":
    sys.exit(main())

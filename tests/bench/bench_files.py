"""What tests/bench/bench.py reads of a records repository and of its outputs."""
import datetime
import hashlib
import os
import re

TOP_LEVEL_FILES = ("mentorctl.yaml", "certificates.yaml")
FLAT_FOLDERS = ("calendars", "people", "programs", "pairings", "trainings", "applications",
                "evidence")
YEAR_FOLDERS = ("logs", "observations")
LOG_ENTRY = re.compile(rb"^\s+- date:", re.M)


class BenchError(Exception):
    pass


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

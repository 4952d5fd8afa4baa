#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the examples and the bad-input
corpus (tests/corpus), in the input format of each target. Run by tests/fuzz/run.sh; the
seeds are generated at run time, never committed.

  seeds.py OUT_DIR     writes OUT_DIR/{loader,values,writer,merge}/ (the cache target
                       writes its own seeds: see fuzz_cache.cpp)
"""
import hashlib
import pathlib
import re
import sys

SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent

# The order of fuzz_loader.cpp's table: the first input byte picks the kind.
KINDS = ["settings", "calendars", "people", "programs", "pairings", "logs", "observations", "trainings",
         "applications", "evidence", "certificates"]

# Values the parsers must refuse or read (fuzz_values): hand-picked edges besides every
# scalar of the examples.
VALUE_EDGES = ["0m", "1h30m", "1.25h", "1.255h", "90m", "99999999999999h", "-1h", "1h-30m", "h", "m",
               "2027-02-29", "2028-02-29", "0000-01-01", "9999-12-31", "2026-9-14", "2026-09-14T00:00",
               "02-29", "13-01", "2026-27", "2026-28", "1999-00", "14d", "2w", "6mo", "3y", "36525d",
               "36526d", "101y", "+3d", "-3d", "2147483648d", "1500.00", "1500.001", "-0.01",
               "a..b", "abc", "A", "\x1b[31mred", "\u202eevil", "line\nbreak", "\xc2\x85", "\x7f"]


def kind_of(relative):
    first = relative.parts[0]
    if first == "mentorctl.yaml":
        return "settings"
    if first == "certificates.yaml":
        return "certificates"
    return first if first in KINDS else None


def record_files():
    """(repository-relative path, bytes) of every YAML record file in the examples and
    the corpus (its base and the files of its cases)."""
    roots = [p for p in (SOURCE / "examples").iterdir() if (p / "mentorctl.yaml").exists()]
    roots.append(SOURCE / "tests" / "corpus" / "base")
    roots += [p for p in (SOURCE / "tests" / "corpus" / "cases").iterdir() if p.is_dir()]
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root), path.read_bytes()


def escaped(text):
    """One FuzzedDataProvider::ConsumeRandomLengthString: '\\' doubled, ended by '\\' and another byte."""
    return text.replace(b"\\", b"\\\\") + b"\\\n"


def save(folder, content):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(content).hexdigest()).write_bytes(content)


def scalars(content):
    for match in re.finditer(rb":\s+([^\s#\[\]{},][^\n#]*)", content):
        yield match.group(1).strip()


def writer_seed(old_file, shape, strings, choices):
    """fuzz_writer's input: the strings from the front, the file, then the integral
    choices, which FuzzedDataProvider takes from the end (the first one last)."""
    return b"".join(escaped(s) for s in strings) + old_file + bytes(reversed([shape] + choices))


def item_boundaries(lines):
    return [i for i, line in enumerate(lines) if re.match(rb"^\s*- ", line) and not line.startswith(b"    ")]


def main(out):
    out = pathlib.Path(out)
    values = set(v.encode() for v in VALUE_EDGES)
    for relative, content in record_files():
        kind = kind_of(relative)
        if kind is None:
            continue
        save(out / "loader", bytes([KINDS.index(kind)]) + content)
        values.update(scalars(content))
        if kind == "logs":
            # Small inputs run fast: the file is cut after its eighth entry.
            lines = content.splitlines(keepends=True)
            starts = item_boundaries(lines)
            if len(starts) > 8:
                lines = lines[:starts[8]]
                starts = starts[:8]
                content = b"".join(lines)
            # A log entry (date, mentee, duration, notes) appended to the file.
            choices = [2, 0, 1, 2, 1, 0, 1, 0, 0, 0]
            save(out / "writer", writer_seed(content, 0, [b"asmith", b"a note: with # signs\n"], choices))
            # Merges: base is the file less its last two entries; ours and theirs each add one.
            if len(starts) >= 3:
                base = b"".join(lines[:starts[-2]])
                ours = b"".join(lines[:starts[-1]])
                theirs = base + b"".join(lines[starts[-1]:])
                save(out / "merge", escaped(base) + escaped(ours) + theirs)
                save(out / "merge", escaped(base) + escaped(theirs) + theirs)
        if kind == "trainings":
            # An attendee added to session s1.
            renamed = re.sub(rb"(\n\s*- id: )[^\s#]+", rb"\1s1", content, count=1)
            save(out / "writer", writer_seed(renamed, 1, [b"jdoe"], []))
    save(out / "writer", writer_seed(b"", 2, [b"a note", b"jdoe"], [0, 0, 1, 0, 0, 0, 0, 0, 0]))
    for value in values:
        save(out / "values", value)


if __name__ == "__main__":
    main(sys.argv[1])

"""What the end-to-end tests share: the source tree, the environment a run gets,
repositories written from a table of files, JSON Schema validation of outputs, and the
command names of the binary."""
import json
import os
import pathlib
import subprocess

SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent


def environment(today):
    """The caller's environment with "today" fixed and NO_COLOR unset (tests pass --color)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["MENTORCTL_TODAY"] = today
    return env


def write_files(root, files):
    """Writes each {relative path: text} under root, creating folders."""
    for relative, content in files.items():
        path = pathlib.Path(root) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def validate_schema(document, schema):
    """Validates a parsed JSON output against schemas/<schema> (python3-jsonschema, where installed)."""
    try:
        import jsonschema
    except ImportError:
        return
    jsonschema.validate(document, json.loads((SOURCE / "schemas" / schema).read_text(encoding="utf-8")))


def command_names(binary):
    """The commands `BINARY --help` lists: each name starts its line in the Subcommands
    section; a summary wrapped to 80 columns continues further in."""
    r = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    text = r.stdout.split("Subcommands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in text.splitlines() if line.startswith("  ") and line[2] != " "]

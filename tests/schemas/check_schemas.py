#!/usr/bin/env python3
"""Validate mentorctl record files against schemas/*.schema.json.

An independent second validator (python3-yaml + python3-jsonschema) for the JSON Schemas
that mentorctl's loader must agree with (docs/format.md).

  check_schemas.py [--schemas DIR] valid ROOT...
      Validate every record file under each records repository ROOT. Exit 0 only when
      all pass and at least one file was checked; each failure is printed `path: message`.
  check_schemas.py [--schemas DIR] invalid ROOT RELPATH...
      Each named file (relative to ROOT) must FAIL validation; a file that is not valid
      YAML counts as failing. Exit 1 naming every file that unexpectedly passes.
  check_schemas.py [--schemas DIR] self-test
      Check that every *.schema.json is a valid draft-07 schema, self-contained and
      free of `format`; and that each record schema is closed with
      additionalProperties: false and carries shared definitions identical to the
      other record schemas' copies.

YAML is read with the YAML 1.2 core schema of docs/format.md, not PyYAML's YAML 1.1:
null/bool/int/float as listed there, everything else (dates, `yes`, `08-01`, `2026-27`)
a string. Anchors, aliases, explicit tags, merge keys and duplicate keys are refused.
Mapping keys become the text they were written as (as in JSON, keys are strings).

Two places where Python's jsonschema differs from the ECMA-262/JSON semantics that
editors and mentorctl's validator use are aligned here: `$` in a `pattern` matches only
at the very end of the string (Python's `$` also matches before a final newline), and
`integer` means a YAML integer (JSON Schema counts 2.0 as an integer).
"""

import argparse
import json
import pathlib
import re
import sys

import jsonschema
import yaml
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_SCHEMAS = HERE.parent.parent / "schemas"

# ---------------------------------------------------------------------------- kinds

KINDS = [
    (re.compile(r"mentorctl\.yaml"), "mentorctl"),
    (re.compile(r"calendars/[^/]+\.yaml"), "calendar"),
    (re.compile(r"people/[^/]+\.yaml"), "person"),
    (re.compile(r"programs/[^/]+\.yaml"), "program"),
    (re.compile(r"pairings/[^/]+\.yaml"), "pairings"),
    (re.compile(r"logs/[^/]+/[^/]+\.yaml"), "log"),
    (re.compile(r"observations/[^/]+/[^/]+\.yaml"), "observations"),
    (re.compile(r"trainings/[^/]+\.yaml"), "trainings"),
    (re.compile(r"applications/[^/]+\.yaml"), "applications"),
    (re.compile(r"evidence/[^/]+\.yaml"), "evidence"),
    (re.compile(r"certificates\.yaml"), "certificates"),
]
SCHEMA_NAMES = sorted({kind for _, kind in KINDS})


def kind_of(relpath):
    """The file kind of a path relative to the repository root, or None."""
    rel = relpath.replace("\\", "/")
    while rel.startswith("./"):
        rel = rel[2:]
    for pattern, kind in KINDS:
        if pattern.fullmatch(rel):
            return kind
    return None


# ---------------------------------------------------------------------------- YAML 1.2 core

class CoreResolver(yaml.resolver.BaseResolver):
    """Implicit typing of plain scalars by the YAML 1.2 core schema (docs/format.md)."""


CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)\Z"), ["~", "n", "N", ""])
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)\Z"), list("tTfF"))
# int before float: the float pattern also matches plain digits.
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z"),
    list("-+0123456789"))
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"),
    list("-+.0123456789"))


class CoreConstructor(yaml.constructor.SafeConstructor):
    def construct_core_int(self, node):
        text = self.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def construct_core_float(self, node):
        text = self.construct_scalar(node)
        lower = text.lower()
        if lower.endswith(".inf"):
            return float("-inf") if text.startswith("-") else float("inf")
        if lower == ".nan":
            return float("nan")
        return float(text)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping, found %s" % node.id, node.start_mark)
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "a mapping key must be a scalar", key_node.start_mark)
            key = key_node.value  # the key as written: keys are strings, as in JSON
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "duplicate key %r" % key, key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


CoreConstructor.add_constructor("tag:yaml.org,2002:int", CoreConstructor.construct_core_int)
CoreConstructor.add_constructor("tag:yaml.org,2002:float", CoreConstructor.construct_core_float)


class CoreLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                 yaml.composer.Composer, CoreConstructor, CoreResolver):
    """SafeLoader with YAML 1.2 core typing that refuses anchors, aliases, tags and `<<`."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        CoreConstructor.__init__(self)
        CoreResolver.__init__(self)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in record files", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "anchors are not allowed in record files", event.start_mark)
        if getattr(event, "tag", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "explicit tags are not allowed in record files", event.start_mark)
        if (isinstance(event, yaml.ScalarEvent) and isinstance(parent, yaml.MappingNode)
                and index is None and event.value == "<<" and event.implicit[0]):
            raise yaml.composer.ComposerError(
                None, None, "merge keys (<<) are not allowed in record files", event.start_mark)
        return super().compose_node(parent, index)


def load_yaml(path):
    """Parse one record file; raises yaml.YAMLError or UnicodeDecodeError."""
    text = path.read_bytes().decode("utf-8-sig")
    return yaml.load(text, Loader=CoreLoader)


# ---------------------------------------------------------------------------- validator

def _ecma_pattern(validator, pattern, instance, schema):
    """`pattern` with ECMA-262 `$`: the end of the string, not before a final newline."""
    if not validator.is_type(instance, "string"):
        return
    python_pattern = re.sub(r"(?<!\\)\$", r"\\Z", pattern)
    if not re.search(python_pattern, instance):
        yield ValidationError("%r does not match %r" % (instance, pattern))


def _is_yaml_integer(checker, instance):
    return isinstance(instance, int) and not isinstance(instance, bool)


RecordValidator = jsonschema.validators.extend(
    Draft7Validator,
    validators={"pattern": _ecma_pattern},
    type_checker=Draft7Validator.TYPE_CHECKER.redefine("integer", _is_yaml_integer),
)


def load_schemas(schema_dir):
    schemas = {}
    for name in SCHEMA_NAMES:
        path = schema_dir / (name + ".schema.json")
        with open(path, encoding="utf-8") as handle:
            schemas[name] = json.load(handle)
    return schemas


def where(error):
    out = ""
    for part in error.absolute_path:
        out += "[%d]" % part if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def explain(error):
    """A readable message; anyOf/oneOf over `required` alternatives are spelled out."""
    alternatives = error.schema.get(error.validator) if isinstance(error.schema, dict) else None
    if error.validator in ("anyOf", "oneOf") and isinstance(alternatives, list) and all(
            isinstance(a, dict) and list(a) == ["required"] and len(a["required"]) == 1
            for a in alternatives):
        keys = [a["required"][0] for a in alternatives]
        present = [k for k in keys if isinstance(error.instance, dict) and k in error.instance]
        if error.validator == "anyOf":
            return "needs at least one of: " + ", ".join(keys)
        if present:
            return "allows only one of %s, found %s" % (", ".join(keys), ", ".join(present))
        return "needs exactly one of: " + ", ".join(keys)
    if error.validator == "not" and isinstance(error.validator_value, dict) \
            and "pattern" in error.validator_value:
        return "%r must not match %r" % (error.instance, error.validator_value["pattern"])
    if error.context:
        deepest = jsonschema.exceptions.best_match(error.context)
        return "%s (%s%s)" % (error.message, where(deepest) + ": " if where(deepest) else "",
                              deepest.message)
    return error.message


def problems(path, kind, schemas):
    """Messages for one file; empty when it is valid."""
    try:
        document = load_yaml(path)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return ["not loadable YAML: " + " ".join(str(exc).split())]
    validator = RecordValidator(schemas[kind])
    out = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        location = where(error)
        out.append((location + ": " if location else "") + explain(error))
    return out


def record_files(root):
    """(relative path, kind) of every record file under a repository root, sorted."""
    found = []
    for path in root.rglob("*.yaml"):
        rel = path.relative_to(root).as_posix()
        kind = kind_of(rel)
        if kind and path.is_file():
            found.append((rel, kind))
    return sorted(found)


# ---------------------------------------------------------------------------- commands

def command_valid(roots, schemas):
    checked = failed = 0
    for root_text in roots:
        root = pathlib.Path(root_text)
        if not (root / "mentorctl.yaml").is_file():
            print("%s: not a records repository (no mentorctl.yaml)" % root_text)
            failed += 1
            continue
        for rel, kind in record_files(root):
            checked += 1
            messages = problems(root / rel, kind, schemas)
            shown = (root / rel).as_posix()
            for message in messages:
                print("%s: %s" % (shown, message))
            failed += bool(messages)
    print("checked %d file(s), %d failed" % (checked, failed), file=sys.stderr)
    return 0 if checked and not failed else 1


def command_invalid(root_text, relpaths, schemas, verbose):
    root = pathlib.Path(root_text)
    bad = 0
    for rel in relpaths:
        kind = kind_of(rel)
        shown = (root / rel).as_posix()
        if kind is None:
            print("%s: not a record file path" % shown)
            bad += 1
            continue
        if not (root / rel).is_file():
            print("%s: no such file" % shown)
            bad += 1
            continue
        messages = problems(root / rel, kind, schemas)
        if not messages:
            print("%s: unexpectedly valid" % shown)
            bad += 1
        elif verbose:
            print("%s: rejected as expected: %s" % (shown, messages[0]))
    return 1 if bad or not relpaths else 0


def _walk(schema, visit, path="#"):
    if isinstance(schema, dict):
        visit(schema, path)
        for key, value in schema.items():
            # Under properties/definitions the keys are names, not keywords.
            if key in ("properties", "definitions") and isinstance(value, dict):
                for name, sub in value.items():
                    _walk(sub, visit, "%s/%s/%s" % (path, key, name))
            elif key != "enum" and key != "const":
                _walk(value, visit, "%s/%s" % (path, key))
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            _walk(value, visit, "%s/%d" % (path, i))


# Objects that are open maps on purpose (string keys to a value schema), and the
# requirement, closed by the branch its `type` selects.
OPEN_OBJECTS = {"attributes", "prefer", "by_district", "when", "requirement"}


def command_self_test(schema_dir):
    """Every *.schema.json must be a sound draft-07 schema; the record schemas (one per
    file kind) must also be closed and share identical common definitions. Other schemas
    in the folder (e.g. of command outputs) get only the general checks."""
    failures = []
    shared = {}
    names = sorted(set(SCHEMA_NAMES) | {p.name[:-len(".schema.json")] for p in schema_dir.glob("*.schema.json")})
    for name in names:
        path = schema_dir / (name + ".schema.json")
        is_record = name in SCHEMA_NAMES
        try:
            with open(path, encoding="utf-8") as handle:
                schema = json.load(handle)
            Draft7Validator.check_schema(schema)
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as exc:
            failures.append("%s: %s" % (path.name, " ".join(str(exc).split())[:300]))
            continue
        if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
            failures.append("%s: $schema is not draft-07" % path.name)
        if schema.get("$id") != "https://mentorctl.example/schemas/%s.schema.json" % name:
            failures.append("%s: unexpected $id %r" % (path.name, schema.get("$id")))
        for key in ("title", "description"):
            if not schema.get(key):
                failures.append("%s: no %s" % (path.name, key))
        definitions = schema.get("definitions", {})

        def visit(node, where_, path=path, definitions=definitions, is_record=is_record):
            if "format" in node and isinstance(node["format"], str):
                failures.append("%s %s: uses format" % (path.name, where_))
            ref = node.get("$ref")
            if isinstance(ref, str):
                if not ref.startswith("#/definitions/") or ref[14:] not in definitions:
                    failures.append("%s %s: $ref %s does not resolve in the file" % (path.name, where_, ref))
                if len(node) != 1:
                    failures.append("%s %s: keywords beside $ref are ignored in draft-07" % (path.name, where_))
            pattern = node.get("pattern")
            if isinstance(pattern, str):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    failures.append("%s %s: bad pattern: %s" % (path.name, where_, exc))
                if "\\d" in pattern or "\\w" in pattern:
                    failures.append("%s %s: \\d and \\w differ between regex engines" % (path.name, where_))
            name_ = where_.rsplit("/", 1)[-1]
            if not is_record:
                return
            if (node.get("type") == "object" and node.get("additionalProperties") is not False
                    and name_ != "if"):
                if name_ not in OPEN_OBJECTS:
                    failures.append("%s %s: object without additionalProperties: false" % (path.name, where_))
            if (node.get("type") == "object" and "additionalProperties" not in node
                    and "properties" not in node and name_ != "if"):
                failures.append("%s %s: object accepts anything" % (path.name, where_))

        _walk(schema, visit)
        used = set(re.findall(r'"#/definitions/([^"]+)"', json.dumps(schema)))
        for unused in sorted(set(definitions) - used):
            failures.append("%s: definition %s is never used" % (path.name, unused))
        if is_record:
            for def_name, definition in definitions.items():
                shared.setdefault(def_name, []).append((path.name, definition))
    for def_name, copies in sorted(shared.items()):
        first_file, first = copies[0]
        for other_file, other in copies[1:]:
            if other != first:
                failures.append("definition %s differs between %s and %s" % (def_name, first_file, other_file))
    for failure in failures:
        print(failure)
    print("self-test: %d schema(s), %d problem(s)" % (len(names), len(failures)), file=sys.stderr)
    return 1 if failures else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schemas", type=pathlib.Path, default=DEFAULT_SCHEMAS,
                        help="folder of *.schema.json (default: the repository's schemas/)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="invalid: also print why each file is rejected")
    sub = parser.add_subparsers(dest="command", required=True)
    valid = sub.add_parser("valid", help="every record file under each ROOT must pass")
    valid.add_argument("roots", nargs="+", metavar="ROOT")
    invalid = sub.add_parser("invalid", help="each RELPATH under ROOT must fail")
    invalid.add_argument("root", metavar="ROOT")
    invalid.add_argument("relpaths", nargs="+", metavar="RELPATH")
    sub.add_parser("self-test", help="check the schemas themselves")
    args = parser.parse_args(argv)

    if args.command == "self-test":
        return command_self_test(args.schemas)
    schemas = load_schemas(args.schemas)
    if args.command == "valid":
        return command_valid(args.roots, schemas)
    return command_invalid(args.root, args.relpaths, schemas, args.verbose)


if __name__ == "__main__":
    sys.exit(main())

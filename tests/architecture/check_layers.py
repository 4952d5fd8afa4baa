#!/usr/bin/env python3
"""The dependency direction of lib/ (ARCHITECTURE.md), checked on the sources.

Each folder of lib/ is one library target; lib/CMakeLists.txt says which folders it
links (`mentorctl_folder(NAME LINKS ...)`). A file may include headers of its own
folder and of the folders its target reaches through LINKS, nothing above. Also: no
file of lib/ includes CLI11, no include circle between files, and no source file grows
past the size limit except the ones listed below (each waiting to be split).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
LIB = ROOT / "lib"
LINE_LIMIT = 600
# Files still over the limit, with their size when listed: they may shrink, not grow.
OVERSIZED = {}


def folder_links():
    text = (LIB / "CMakeLists.txt").read_text()
    links = {}
    for m in re.finditer(r"^mentorctl_folder\((\w+)([^)]*)\)", text, re.M):
        args = m.group(2).split()
        deps = []
        if "LINKS" in args:
            for a in args[args.index("LINKS") + 1:]:
                if a.isupper():
                    break
                deps.append(a)
        links[m.group(1)] = deps
    return links


def reach(links, name, seen=None):
    seen = set() if seen is None else seen
    for dep in links.get(name, []):
        if dep not in seen:
            seen.add(dep)
            reach(links, dep, seen)
    return seen


def main():
    links = folder_links()
    problems = []
    if len(links) < 5:
        problems.append(f"lib/CMakeLists.txt names only {len(links)} folders; the parser is broken")
    for folder in sorted(p.name for p in LIB.iterdir() if p.is_dir()):
        if folder not in links:
            problems.append(f"lib/{folder}/ has no mentorctl_folder() target in lib/CMakeLists.txt")
    graph = {}
    files = sorted(p for p in LIB.rglob("*") if p.suffix in (".hpp", ".cpp"))
    for path in files:
        rel = path.relative_to(LIB).as_posix()
        folder = rel.split("/")[0]
        allowed = reach(links, folder) | {folder}
        text = path.read_text()
        lines = text.count("\n")
        limit = OVERSIZED.get(rel, LINE_LIMIT)
        if lines > limit:
            problems.append(f"lib/{rel}: {lines} lines, over {limit}: split it along a seam")
        if "CLI11" in text:
            problems.append(f"lib/{rel}: mentions CLI11; command-line parsing belongs in cmd/")
        graph[rel] = []
        for n, line in enumerate(text.splitlines(), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            target = m.group(1)
            if "/" not in target:
                problems.append(f"lib/{rel}:{n}: include \"{target}\" without its folder")
                continue
            graph[rel].append(target)
            if target.split("/")[0] not in allowed:
                problems.append(f"lib/{rel}:{n}: includes {target}, but lib/{folder}/ may use only "
                                f"{', '.join(sorted(allowed))}")
    for rel in OVERSIZED:
        if not (LIB / rel).exists():
            problems.append(f"tests/architecture/check_layers.py lists lib/{rel}, which is gone: drop it")
    # Include circles between headers.
    state = {}

    def visit(node, stack):
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                problems.append("include circle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    if len(files) < 20:
        problems.append(f"only {len(files)} files found under lib/; nothing was checked")
    for p in problems:
        print(p)
    print(f"{len(files)} files in {len(links)} folders checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

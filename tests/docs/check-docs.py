#!/usr/bin/env python3
"""Checks what a newcomer reads first: README.md's title and quick start, every relative link
and image in README.md and docs/*.md, and that the code formatter is only ever given C++ files.

Usage: check-docs.py SOURCE_DIR [--readme PATH]
Exits 1 and names each problem when something is wrong.
"""
import pathlib
import re
import sys

QUICK_START_COMMANDS = ["scripts/run", "scripts/test"]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def check_readme(readme: pathlib.Path, problems: list) -> None:
    lines = readme.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "# AIME":
        problems.append(f"{readme}: the first line is {lines[0]!r} instead of '# AIME'"
                        if lines else f"{readme}: empty")
    for number, line in enumerate(lines, 1):
        # A heading that lost its space is what a C/C++ formatter makes of it.
        if re.match(r"^#{1,6}[^#\s!]", line):
            problems.append(f"{readme}:{number}: heading without a space: {line!r}")
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("## Quick start"))
    except StopIteration:
        problems.append(f"{readme}: no '## Quick start' section")
        return
    fence = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("```")), None)
    if fence is None or lines[fence].strip() not in ("```sh", "```bash", "```shell"):
        problems.append(f"{readme}: the quick start has no shell block")
        return
    block = []
    for line in lines[fence + 1:]:
        if line.startswith("```"):
            break
        block.append(line)
    commands = [line.split("#", 1)[0].strip() for line in block]
    commands = [command for command in commands if command]
    if commands != QUICK_START_COMMANDS:
        problems.append(f"{readme}: the quick start's block holds {commands}, "
                        f"not the two commands {QUICK_START_COMMANDS}")


def check_links(markdown: pathlib.Path, base: pathlib.Path, problems: list) -> None:
    """Links resolve from base: the folder the file stands in, or would (a README under test)."""
    text = markdown.read_text(encoding="utf-8")
    # Code blocks and code spans hold examples, not links.
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    for match in LINK.finditer(text):
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        path = target.split("#", 1)[0]
        if not (base / path).exists():
            problems.append(f"{markdown}: the link {target!r} points at nothing")
    for spaced in re.findall(r"\]\([^)]* / [^)]*\)", text):
        problems.append(f"{markdown}: a path with spaces around '/': {spaced!r}")


def check_formatter_sees_only_cpp(source: pathlib.Path, problems: list) -> None:
    scripts = [p for p in (source / "scripts").iterdir() if p.is_file()]
    scripts += [p for p in (source / ".ci").iterdir() if p.is_file()]
    for script in scripts:
        text = script.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            if not re.search(r"\bclang-format\s+-", code):
                continue
            if "${sources[@]}" not in code or "git ls-files '*.cpp' '*.h'" not in text:
                problems.append(f"{script}:{number}: clang-format is given something other "
                                f"than git ls-files '*.cpp' '*.h': {line.strip()!r}")


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    source = pathlib.Path(args[0])
    readme = source / "README.md"
    if len(args) == 3 and args[1] == "--readme":
        readme = pathlib.Path(args[2])
    problems: list = []
    check_readme(readme, problems)
    check_links(readme, source, problems)
    for markdown in sorted((source / "docs").glob("*.md")):
        check_links(markdown, markdown.parent, problems)
    check_formatter_sees_only_cpp(source, problems)
    for problem in problems:
        print(problem)
    checked = 1 + len(list((source / "docs").glob("*.md")))
    print(f"docs check: {checked} Markdown files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

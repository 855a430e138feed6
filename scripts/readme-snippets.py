#!/usr/bin/env python3
"""Keeps the code blocks of Markdown files equal to the files they show.

A block to include is written between two marker comments; the fenced
block between them is generated from the file (its path is relative to the
repository root):

    <!-- snippet: examples/quickstart/flask/app.py -->
    ```python
    ...generated...
    ```
    <!-- /snippet -->

`path#name` includes only the lines between two lines of the source that
contain `snippet-start: name` and `snippet-end: name` (in any comment
syntax: `#`, `//`, `<!-- -->`), without those two lines. The fence's
language comes from the file's extension; `<!-- snippet: path lang=ts -->`
overrides it.

    scripts/readme-snippets.py            # rewrite every Markdown file with markers
    scripts/readme-snippets.py --check    # exit 1 and show a diff if one drifted
    scripts/readme-snippets.py --check README.md node/README.md
    scripts/readme-snippets.py --self-test

Standard library only, so every runtime's tests can run it.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LANGUAGES = {
    ".py": "python", ".js": "js", ".mjs": "js", ".cjs": "js", ".ts": "ts", ".mts": "ts",
    ".rs": "rust", ".sh": "sh", ".toml": "toml", ".json": "json", ".yml": "yaml", ".yaml": "yaml",
    ".html": "html",
}  # fmt: skip

OPEN = re.compile(r"^<!-- snippet: (?P<source>\S+)(?: lang=(?P<lang>[\w+-]+))? -->$")
CLOSE = "<!-- /snippet -->"


class SnippetError(Exception):
    """A marker without its end, a missing file or region."""


def region(text: str, name: str, source: str) -> str:
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if f"snippet-start: {name}" in line]
    ends = [i for i, line in enumerate(lines) if f"snippet-end: {name}" in line]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise SnippetError(f"{source}: region {name!r} needs one snippet-start and one later snippet-end line")
    return "".join(lines[starts[0] + 1 : ends[0]])


def snippet(source: str, lang: str | None, root: Path) -> str:
    path_text, _, name = source.partition("#")
    path = root / path_text
    if not path.is_file():
        raise SnippetError(f"{source}: no such file")
    text = path.read_text(encoding="utf-8")
    if name:
        text = region(text, name, source)
    if not text.endswith("\n"):
        text += "\n"
    fence = "````" if "```" in text else "```"
    return f"{fence}{lang or LANGUAGES.get(path.suffix, '')}\n{text}{fence}\n"


def render(markdown: str, root: Path, where: str) -> str:
    """The Markdown with every included block regenerated."""
    out: list[str] = []
    lines = markdown.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        match = OPEN.match(line.strip())
        i += 1
        if not match:
            continue
        end = next((j for j in range(i, len(lines)) if lines[j].strip() == CLOSE), None)
        if end is None:
            raise SnippetError(f"{where}:{i}: {match['source']} has no {CLOSE} line")
        out.append(snippet(match["source"], match["lang"], root))
        out.append(lines[end])
        i = end + 1
    return "".join(out)


def run(files: list[Path], check: bool, root: Path) -> int:
    drifted = 0
    for file in files:
        current = file.read_text(encoding="utf-8")
        try:
            wanted = render(current, root, str(file))
        except SnippetError as err:
            print(f"readme-snippets: {err}", file=sys.stderr)
            return 2
        if wanted == current:
            continue
        if check:
            drifted += 1
            sys.stderr.writelines(
                difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), str(file), "from the files")
            )
        else:
            file.write_text(wanted, encoding="utf-8")
            print(f"readme-snippets: updated {file}")
    if drifted:
        print("readme-snippets: run scripts/readme-snippets.py to include the files again", file=sys.stderr)
        return 1
    return 0


def self_test() -> int:
    """Drift is found, a rewrite fixes it, regions and errors work."""
    with tempfile.TemporaryDirectory() as tmp, redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        root = Path(tmp)
        (root / "a.py").write_text("x = 1\n# snippet-start: two\ny = 2\n# snippet-end: two\n")
        readme = root / "README.md"
        readme.write_text(
            "Intro\n<!-- snippet: a.py -->\n```python\nstale\n```\n<!-- /snippet -->\n"
            "<!-- snippet: a.py#two lang=py3 -->\n<!-- /snippet -->\nEnd\n"
        )
        assert run([readme], check=True, root=root) == 1
        assert run([readme], check=False, root=root) == 0
        assert run([readme], check=True, root=root) == 0
        expected = (
            "Intro\n<!-- snippet: a.py -->\n```python\nx = 1\n# snippet-start: two\ny = 2\n# snippet-end: two\n```\n"
            "<!-- /snippet -->\n<!-- snippet: a.py#two lang=py3 -->\n```py3\ny = 2\n```\n<!-- /snippet -->\nEnd\n"
        )
        assert readme.read_text() == expected, readme.read_text()
        (root / "a.py").write_text("x = 3\n# snippet-start: two\ny = 2\n# snippet-end: two\n")
        assert run([readme], check=True, root=root) == 1, "a changed file must be drift"
        (root / "docs").mkdir()
        (root / "docs" / "plain.md").write_text("no markers\n")
        (root / "node_modules").mkdir()
        (root / "node_modules" / "x.md").write_text("<!-- snippet: a.py -->\n<!-- /snippet -->\n")
        assert marked_files(root) == [readme], marked_files(root)
        readme.write_text("<!-- snippet: missing.py -->\n<!-- /snippet -->\n")
        assert run([readme], check=True, root=root) == 2
        readme.write_text("<!-- snippet: a.py -->\nno end\n")
        assert run([readme], check=True, root=root) == 2
    print("readme-snippets: self-test passed")
    return 0


SKIPPED_DIRS = {".git", ".venv", "node_modules", "target", "dist", "build"}


def marked_files(root: Path) -> list[Path]:
    """The repository's Markdown files that include at least one snippet."""
    found = []
    for path in sorted(root.rglob("*.md")):
        if SKIPPED_DIRS.isdisjoint(path.relative_to(root).parts[:-1]):
            if any(OPEN.match(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()):
                found.append(path)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: every one with a marker)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a block drifted")
    parser.add_argument("--self-test", action="store_true", help="test this script on temporary files")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    return run(args.files or marked_files(ROOT), args.check, ROOT)


if __name__ == "__main__":
    sys.exit(main())

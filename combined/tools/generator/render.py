"""Render the project a set of options describes: the same files every time.

:func:`render` is the part of ``combined new`` that depends only on the template
and the options (no secret, no date, no git commit), so that ``combined update``
can render an old and a new template version alike and compare them. It is also
the renderer contract every template commit keeps for ``combined update``::

    cd <template checkout at some commit>
    python -m combined.tools.generator.render --options options.json --out DIR

``options.json`` holds the options a project recorded (``.template.json``); DIR
must not exist yet. The exit status is 0, or 1 with one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from combined.tools.generator import manifest, readme, tree
from combined.tools.generator.options import GeneratorError, ProjectOptions, parse_options

TEMPLATE_ROOT = Path(__file__).resolve().parents[3]


def render(options: ProjectOptions, out: Path, *, template: Path = TEMPLATE_ROOT) -> int:
    """Write the project into ``out`` (an empty or new folder); return how many files."""
    check_template(template)
    files = tree.selected(tree.source_files(template), options.features)
    out.mkdir(parents=True, exist_ok=True)
    tree.copy_tree(template, out, files, options.features)
    _set_identity(out, options)
    readme.write_docs(out, (template / "README.md").read_text(encoding="utf-8"), options)
    return len(files)


def check_template(template: Path) -> None:
    """``template`` is a checkout this generator can apply (it stops otherwise)."""
    if not (template / "dev.py").is_file() or not (template / "pyproject.toml").is_file():
        raise GeneratorError(
            "template",
            f"{template} is not a checkout of the template (no dev.py): run combined new "
            "from a clone, installed with `pip install -e .` (python3 dev.py new does that)",
        )
    for rel, pattern, _ in manifest.IDENTITY:
        _find_line(template / rel, pattern)


def _find_line(path: Path, pattern: str) -> re.Match[str]:
    found = re.search(f"^{pattern}$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    if found is None:
        raise GeneratorError(
            "template", f"no line matching {pattern!r} in {path.name}: update generator/manifest.py"
        )
    return found


def _set_identity(work: Path, options: ProjectOptions) -> None:
    values = {"slug": options.slug, "display_name": options.display_name}
    for rel, pattern, replacement in manifest.IDENTITY:
        path = work / rel
        text = path.read_text(encoding="utf-8")
        found = _find_line(path, pattern)
        new = replacement.format(**values)
        path.write_text(text[: found.start()] + new + text[found.end() :], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m combined.tools.generator.render")
    parser.add_argument("--options", type=Path, required=True, help="recorded options (JSON)")
    parser.add_argument("--out", type=Path, required=True, help="a folder that does not exist")
    args = parser.parse_args(argv)
    try:
        if args.out.exists():
            raise GeneratorError("--out", f"{args.out} exists; give a new folder")
        options = parse_options(**json.loads(args.options.read_text(encoding="utf-8")))
        render(options, args.out)
    except GeneratorError as exc:
        print(exc.code, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which files a new project gets, and their text with the marked regions applied.

The file list is ``git ls-files`` when the template is a git checkout: the files
git tracks, with their working-tree content (a new file is carried once it is
``git add``-ed; scratch files never are). Without git it is a walk that skips
``manifest.WALK_IGNORE``. Markers are whole comment lines:

    # example:begin          {# example:begin #}          <!-- example:begin -->
    ...                      ...                          ...
    # example:end            {# example:end #}            <!-- example:end -->

The marker lines always go; an ``example`` region's lines go with ``--no-example``;
a ``template-only`` region's lines always go.
"""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from combined.generator import manifest
from combined.generator.options import GeneratorError

MARKER = re.compile(r"\s*(?:#|\{#|<!--|//|/\*)\s*(example|template-only):(begin|end)\b")


def matches(path: str, patterns: Iterable[str]) -> bool:
    """``path`` (POSIX, relative) is under a ``folder/`` pattern or fnmatches another."""
    for pattern in patterns:
        if pattern.endswith("/"):
            if path.startswith(pattern) or path == pattern[:-1]:
                return True
        elif fnmatch.fnmatchcase(path, pattern):
            return True
    return False


def source_files(root: Path) -> list[str]:
    """Relative POSIX paths of the files a copy of ``root`` starts from, sorted."""
    if (root / ".git").exists():
        result = subprocess.run(
            ["git", "ls-files", "-z", "--cached"],
            cwd=root,
            capture_output=True,
            check=False,
        )
        if result.returncode == 0:
            names = {name for name in result.stdout.decode().split("\0") if name}
            # --cached lists files deleted in the working tree; the copy is of what is there.
            return sorted(n for n in names if (root / n).is_file())
    return sorted(_walk(root))


def _walk(root: Path) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if not _ignored(rel / d)]
        for name in files:
            if not _ignored(rel / name):
                yield (rel / name).as_posix()


def _ignored(rel: Path) -> bool:
    return any(
        fnmatch.fnmatchcase(rel.name, pattern) or rel.as_posix() == pattern
        for pattern in manifest.WALK_IGNORE
    )


def selected(files: Iterable[str], *, example: bool) -> list[str]:
    """``files`` minus generator-only paths, local state, and the example if unwanted."""
    drop = manifest.GENERATOR_ONLY + manifest.NEVER + (() if example else manifest.EXAMPLE)
    return [path for path in files if not matches(path, drop)]


def apply_markers(text: str, *, example: bool, where: str = "") -> str:
    """Remove marker lines, and the regions the options do not want."""
    out: list[str] = []
    region: tuple[str, int] | None = None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        found = MARKER.match(line)
        if found is None:
            if region is None or (region[0] == "example" and example):
                out.append(line)
            continue
        kind, edge = found.groups()
        if edge == "begin":
            if region is not None:
                raise _marker_error(where, number, f"{kind}:begin inside {region[0]}:begin")
            region = (kind, number)
        elif region is None or region[0] != kind:
            raise _marker_error(where, number, f"{kind}:end without a matching {kind}:begin")
        else:
            region = None
    if region is not None:
        raise _marker_error(where, region[1], f"{region[0]}:begin is never closed")
    return "".join(out)


def _marker_error(where: str, line: int, problem: str) -> GeneratorError:
    return GeneratorError("template", f"{where}:{line}: {problem} (see docs/generator.md)")


def copy_tree(root: Path, dest: Path, files: Iterable[str], *, example: bool) -> None:
    """Copy ``files`` from ``root`` to ``dest``, applying markers to text files."""
    for rel in files:
        source, target = root / rel, dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            target.write_bytes(data)
        else:
            target.write_bytes(apply_markers(text, example=example, where=rel).encode("utf-8"))
        target.chmod(source.stat().st_mode & 0o777)

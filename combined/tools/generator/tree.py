"""Which files a new project gets, and their text with the marked regions applied.

The file list is ``git ls-files`` when the template is a git checkout: the files
git tracks, with their working-tree content (a new file is carried once it is
``git add``-ed; scratch files never are). Without git it is a walk that skips
``manifest.WALK_IGNORE``. Then the generator-only paths and the paths of every
feature the project leaves out (``manifest.SLICES``) are dropped, and each text
file goes through :func:`combined.tools.generator.markers.apply_markers`.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from combined.tools.generator import manifest
from combined.tools.generator.markers import TEMPLATE_ONLY, apply_markers, kinds
from combined.tools.generator.options import GeneratorError

KNOWN_KINDS = {*manifest.SLICE_NAMES, TEMPLATE_ONLY}


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


def left_out_paths(features: Iterable[str]) -> tuple[str, ...]:
    """Path patterns of the slices not in ``features``."""
    keep = set(features)
    return tuple(p for s in manifest.SLICES if s.name not in keep for p in s.paths)


def selected(files: Iterable[str], features: Iterable[str]) -> list[str]:
    """``files`` minus generator-only paths, local state, and the features left out."""
    drop = manifest.GENERATOR_ONLY + manifest.NEVER + left_out_paths(features)
    return [path for path in files if not matches(path, drop)]


def first_party(files: Iterable[str]) -> frozenset[str]:
    """The project's own top-level packages and modules (for Python import sections)."""
    names = set()
    for path in files:
        top, _, rest = path.partition("/")
        if rest == "__init__.py" or (not rest and top.endswith(".py")):
            names.add(top.removesuffix(".py"))
    return frozenset(names)


def render_text(
    text: str, features: Iterable[str], where: str = "", packages: frozenset[str] = frozenset()
) -> str:
    """``text`` with its marked regions applied for a project with ``features``.

    ``packages`` are the project's own top-level packages (:func:`first_party`)."""
    unknown = kinds(text) - KNOWN_KINDS
    if unknown:
        raise GeneratorError(
            "template",
            f"{where}: unknown region {sorted(unknown)[0]!r}; the regions are "
            f"{', '.join(sorted(KNOWN_KINDS))} (see docs/generator.md)",
        )
    keep = frozenset(features)
    return apply_markers(text, keep.__contains__, where=where, first_party=packages)


def copy_tree(root: Path, dest: Path, files: Iterable[str], features: Iterable[str]) -> None:
    """Copy ``files`` from ``root`` to ``dest``, applying markers to text files."""
    features, files = tuple(features), list(files)
    packages = first_party(files)
    for rel in files:
        source, target = root / rel, dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            target.write_bytes(data)
        else:
            target.write_bytes(render_text(text, features, rel, packages).encode("utf-8"))
        target.chmod(source.stat().st_mode & 0o777)

"""Three-way merge of two template renders into a project, one file at a time.

``old`` is the project as the recorded template version renders it, ``new`` as
the target version renders it, ``project`` the project as its owner has it.
For each path the template renders, :func:`plan` decides what to do; nothing is
written until :func:`apply` runs, so a failure on the way leaves the project as
it was. Text files are merged with ``git merge-file`` (offline, no repository
needed). The rules, per path:

* unchanged between ``old`` and ``new``: left alone (whatever the owner did);
* the owner's file equals ``new`` already: left alone;
* the owner did not touch it (equals ``old``): replaced by ``new`` (added, or
  deleted when the template deleted it);
* both changed it: merged; overlapping edits get conflict markers;
* deleted by the owner but changed by the template: left deleted, reported;
* deleted by the template but changed by the owner: kept, reported as a conflict;
* binary and changed on both sides: the owner's version is kept, reported.

A path only the project has (the owner's own file) is never touched. A folder a
deletion leaves empty (or holding only ``__pycache__``) is removed with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("yours", "template {old}", "template {new}")


@dataclass(frozen=True)
class Change:
    path: str
    action: str  # added, updated, merged, deleted, conflict, kept
    content: bytes | None = None  # what to write (None: delete, for "deleted")
    mode: int | None = None
    reason: str = ""


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.action == "conflict"]


def files(root: Path) -> dict[str, Path]:
    """Every file under ``root`` by relative POSIX path."""
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def plan(
    project: Path, old: Path, new: Path, *, skip: Iterable[str] = (), versions: tuple[str, str]
) -> Plan:
    """What merging the ``old`` -> ``new`` difference into ``project`` does."""
    before, after, skipped = files(old), files(new), set(skip)
    result = Plan()
    for path in sorted((before.keys() | after.keys()) - skipped):
        change = _decide(path, project / path, before.get(path), after.get(path), versions)
        if change is not None:
            result.changes.append(change)
    return result


def _read(path: Path | None) -> bytes | None:
    return path.read_bytes() if path is not None and path.is_file() else None


def _decide(
    path: str, mine_path: Path, old_path: Path | None, new_path: Path | None, versions: tuple
) -> Change | None:
    old, new, mine = _read(old_path), _read(new_path), _read(mine_path)
    mode = _mode(new_path)
    if old == new and _mode(old_path) == mode:
        return None
    if mine == new:
        return (
            None if mine is None or _mode(mine_path) == mode else Change(path, "updated", new, mode)
        )
    if mine == old:
        if new is None:
            return Change(path, "deleted")
        return Change(path, "added" if old is None else "updated", new, mode)
    if mine is None:
        return Change(path, "kept", reason="you deleted it; the template changed it")
    if new is None:
        return Change(path, "conflict", reason="the template deleted it; you changed it (kept)")
    if b"\0" in mine + (old or b"") + new:
        return Change(path, "conflict", reason="binary, changed on both sides (yours kept)")
    merged, clean = merge_text(mine, old or b"", new, versions)
    mode = _mode(mine_path) if _mode(old_path) == mode else mode
    if clean:
        return Change(path, "merged", merged, mode)
    return Change(path, "conflict", merged, mode, "both changed the same lines (markers)")


def merge_text(
    mine: bytes, old: bytes, new: bytes, versions: tuple[str, str]
) -> tuple[bytes, bool]:
    """``git merge-file`` of the three versions: (result, merged without conflicts)."""
    labels = [label.format(old=versions[0][:7], new=versions[1][:7]) for label in LABELS]
    with tempfile.TemporaryDirectory(prefix="combined-merge-") as tmp:
        paths = []
        for name, data in zip(("mine", "old", "new"), (mine, old, new), strict=True):
            paths.append(Path(tmp) / name)
            paths[-1].write_bytes(data)
        result = subprocess.run(
            [
                "git",
                "merge-file",
                "-p",
                *(a for label in labels for a in ("-L", label)),
                *map(str, paths),
            ],
            capture_output=True,
            check=False,
        )
    if result.returncode < 0 or result.returncode > 127:
        raise RuntimeError(f"git merge-file failed: {result.stderr.decode(errors='replace')}")
    return result.stdout, result.returncode == 0


def _mode(path: Path | None) -> int | None:
    return path.stat().st_mode & 0o777 if path is not None and path.is_file() else None


def apply(project: Path, changes: Iterable[Change]) -> None:
    """Write the planned changes into ``project``."""
    for change in changes:
        target = project / change.path
        if change.action == "deleted":
            target.unlink(missing_ok=True)
            _remove_empty_folders(project, target.parent)
        elif change.content is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(change.content)
            if change.mode is not None:
                os.chmod(target, change.mode)


def _remove_empty_folders(project: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents up to ``project`` while they hold nothing but
    ``__pycache__`` (the bytecode of deleted modules)."""
    root = project.resolve()
    while folder.resolve() != root and folder.is_dir():
        entries = list(folder.iterdir())
        if any(entry.name != "__pycache__" or not entry.is_dir() for entry in entries):
            return
        for cache in entries:
            shutil.rmtree(cache)
        folder.rmdir()
        folder = folder.parent


def folders(root: Path) -> set[str]:
    """Every folder under ``root`` that holds a file, at any depth (POSIX, relative)."""
    return {parent.as_posix() for path in files(root) for parent in Path(path).parents}


def kept_folders(project: Path, changes: Iterable[Change], rendered: set[str]) -> list[Change]:
    """Folders the template no longer has that a deletion left holding other files (the
    owner's): reported, never removed."""
    emptied = {Path(c.path).parent.as_posix() for c in changes if c.action == "deleted"}
    return [
        Change(folder + "/", "kept", reason="it holds files of yours; the template has it no more")
        for folder in sorted(emptied - rendered - {"."})
        if (project / folder).is_dir()
    ]

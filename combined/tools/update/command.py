"""``combined update [--to REF]``: merge the template's later changes into this project.

1. Read ``.template.json`` and refuse to start unless ``git status`` is clean:
   the update must be reviewable (and undoable) as one diff.
2. Clone the recorded source into a temporary folder (a local path or a URL;
   nothing else is fetched) and resolve the recorded commit and the target
   (``--to``, else the source's default branch).
3. Render both commits with the options the project recorded, each with its own
   renderer (``python -m combined.tools.generator.render`` in a checkout of that
   commit), so the template's own rules of the time apply.
4. Plan the three-way merge (:mod:`combined.tools.update.merge`), then write it and
   move ``.template.json`` to the target commit.

Conflicting edits are written with conflict markers and listed; the command then
exits with status 1. The record still moves to the target: the markers belong to
that merge, and the next update must not bring the same changes again. Nothing
is written when a step before the last fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from combined.tools.update import merge
from combined.tools.update.record import (
    ADOPTED_RENDERER,
    DISTRIBUTION,
    RECORD_FILE,
    RENDERER,
    RecordError,
    TemplateRecord,
)


def _git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        raise RecordError(f"git {args[0]} failed: {result.stderr.strip() or result.stdout}")
    return result.stdout.strip()


def check_clean(project: Path) -> None:
    """Refuse a dirty work tree: changed, staged or untracked (not ignored) files."""
    status = _git("status", "--porcelain", "--untracked-files=normal", cwd=project)
    if status:
        first = status.splitlines()[0]
        raise RecordError(
            f"the work tree has changes ({first.strip()} ...): commit or stash them first, "
            "so the update is one diff you can review and undo"
        )


def _resolve(clone: Path, ref: str) -> str:
    for candidate in (ref, f"origin/{ref}"):
        result = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"],
            cwd=clone,
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            return result.stdout.strip()
    raise RecordError(f"{ref!r} is not a branch, tag or commit of the template")


def render_at(clone: Path, commit: str, options: dict[str, object], out: Path) -> None:
    """Render the template at ``commit`` with that commit's own renderer (the generator's,
    or for a site that adopted the layer, the files adopt gives it)."""
    checkout = out.with_name(out.name + "-src")
    _git("worktree", "add", "--detach", "--quiet", str(checkout), commit, cwd=clone)
    options_file = out.with_name(out.name + "-options.json")
    options_file.write_text(json.dumps(options), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    renderer = ADOPTED_RENDERER if options.get("adopted") else RENDERER
    command = [sys.executable, "-m", renderer, "--options", str(options_file), "--out", str(out)]
    result = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
    if result.returncode:
        problem = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
        raise RecordError(f"rendering template commit {commit[:7]} failed: {' '.join(problem)}")


def update_project(project: Path, to: str | None = None) -> tuple[TemplateRecord, merge.Plan]:
    """Run the update; return the new record and what was done."""
    record = TemplateRecord.load(project)
    check_clean(project)
    with tempfile.TemporaryDirectory(prefix="combined-update-") as tmp:
        clone = Path(tmp) / "template"
        _git("clone", "--quiet", "--no-checkout", record.source, str(clone), cwd=Path(tmp))
        old = _resolve(clone, record.commit or "")
        new = _resolve(clone, to or "HEAD")
        if new == old:
            return record, merge.Plan()
        render_at(clone, old, record.options, Path(tmp) / "old")
        render_at(clone, new, record.options, Path(tmp) / "new")
        planned = merge.plan(
            project, Path(tmp) / "old", Path(tmp) / "new", skip=[RECORD_FILE], versions=(old, new)
        )
    merge.apply(project, planned.changes)
    if record.options.get("adopted"):
        move_requirement(project, old, new)
    moved = record.moved_to(new)
    moved.save(project)
    return moved, planned


def move_requirement(project: Path, old: str, new: str) -> None:
    """An adopted site's dependency on the layer names the commit it installs: move it
    (``@COMMIT`` in a requirement line, ``rev = "COMMIT"`` in ``[tool.uv.sources]``)."""
    for folder in [project, *project.parents]:
        for path in [*folder.glob("requirements*"), *folder.glob("requirements/*"),
                     folder / "pyproject.toml"]:  # fmt: skip
            if not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            moved = [
                line.replace(old, new) if DISTRIBUTION in line and old in line else line
                for line in lines
            ]
            if moved != lines:
                path.write_text("".join(moved), encoding="utf-8")
                return
        if (folder / ".git").exists():
            break


@click.command()
@click.option("--to", "ref", metavar="REF", help="Branch, tag or commit (default: the latest).")
def update(ref: str | None) -> None:
    """Merge the template's changes since this project's recorded version."""
    project = Path.cwd()
    before = TemplateRecord.load(project).commit or ""
    record, planned = update_project(project, ref)
    if not planned.changes and record.commit == before:
        click.echo(f"Already at the template's {ref or 'latest'} version ({before[:7]}).")
        return
    for change in planned.changes:
        reason = f"  ({change.reason})" if change.reason else ""
        click.echo(f"{change.action:>8}  {change.path}{reason}")
    click.echo(f"{RECORD_FILE} now records {record.commit}.")
    if planned.conflicts:
        names = ", ".join(c.path for c in planned.conflicts)
        click.echo(
            f"{len(planned.conflicts)} conflict(s): {names}. Resolve them, then commit; "
            "or undo the whole update: git checkout -- . && git clean -fd",
            err=True,
        )
        raise SystemExit(1)
    click.echo("Review with `git diff`, run the tests, then commit.")

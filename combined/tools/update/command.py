"""``combined update [--to REF] [--without/--with FEATURES] [--backend-prefix P] [--set F=V]``.

Merges the template's later changes into this project, or a change of the options
it was generated with (:mod:`combined.tools.update.options`), or both at once.

1. Read ``.template.json`` and refuse to start unless ``git status`` is clean:
   the update must be reviewable (and undoable) as one diff.
2. Clone the recorded source into a temporary folder (a local path or a URL;
   nothing else is fetched) and resolve the recorded commit and the target
   (``--to``; else the source's default branch, or the recorded commit when
   options change, so that an options change is its own diff).
3. Render the recorded commit with the recorded options and the target with the
   (changed) options, each with its own renderer (``python -m
   combined.tools.generator.render`` in a checkout of that commit), so the
   template's own rules of the time apply; the target's renderer also judges the
   changed options.
4. Plan the three-way merge (:mod:`combined.tools.update.merge`), then write it
   (folders a deletion leaves empty go too) and move ``.template.json`` to the
   target commit and options; a new prefix also moves ``.env``'s
   ``BACKEND_PREFIX`` line.

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
from combined.tools.update.options import OptionChange, OptionError, renderer_problem
from combined.tools.update.record import (
    ADOPTED_RENDERER,
    RECORD_FILE,
    RENDERER,
    RecordError,
    TemplateRecord,
)
from combined.tools.update.unrendered import move_env_prefix, move_requirement


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


def render_at(
    clone: Path,
    commit: str,
    options: dict[str, object],
    out: Path,
    change: OptionChange | None = None,
) -> None:
    """Render the template at ``commit`` with that commit's own renderer (the generator's,
    or for a site that adopted the layer, the files adopt gives it). With ``change``, a
    line of the renderer about an option is that option's error."""
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
        problem = " ".join((result.stderr.strip() or result.stdout.strip()).splitlines()[-1:])
        about_option = renderer_problem(problem, change) if change else None
        if about_option:
            raise OptionError(*about_option.split(": ", 1))
        raise RecordError(f"rendering template commit {commit[:7]} failed: {problem}")


def update_project(
    project: Path, to: str | None = None, change: OptionChange | None = None
) -> tuple[TemplateRecord, merge.Plan]:
    """Run the update; return the new record and what was done."""
    change = change or OptionChange()
    record = TemplateRecord.load(project)
    if change and record.options.get("adopted"):
        named = "--with/--without/--backend-prefix/--set"
        raise OptionError(named, "an adopted site has no options")
    options = change.applied_to(record.options) if change else record.options
    check_clean(project)
    with tempfile.TemporaryDirectory(prefix="combined-update-") as tmp:
        clone = Path(tmp) / "template"
        _git("clone", "--quiet", "--no-checkout", record.source, str(clone), cwd=Path(tmp))
        old = _resolve(clone, record.commit or "")
        # An options change alone stays at the recorded version: one change, one diff.
        new = _resolve(clone, to or ("HEAD" if not change else old))
        if new == old and not change:
            return record, merge.Plan()
        render_at(clone, new, options, Path(tmp) / "new", change)  # the options' check first
        render_at(clone, old, record.options, Path(tmp) / "old")
        planned = merge.plan(
            project, Path(tmp) / "old", Path(tmp) / "new", skip=[RECORD_FILE], versions=(old, new)
        )
        folders = merge.folders(Path(tmp) / "new")
    merge.apply(project, planned.changes)
    planned.changes += merge.kept_folders(project, planned.changes, folders)
    if record.options.get("adopted"):
        move_requirement(project, old, new)
    if change.backend_prefix is not None:
        move_env_prefix(project, str(record.options.get("backend_prefix")), change.backend_prefix)
    moved = TemplateRecord(record.source, new, options, record.format)
    moved.save(project)
    return moved, planned


@click.command()
@click.option(
    "--to",
    "ref",
    metavar="REF",
    help="Branch, tag or commit (default: the latest; with an options change, the recorded one).",
)
@click.option("--without", metavar="FEATURES", help="Comma-separated features to take out.")
@click.option("--with", "with_", metavar="FEATURES", help="Comma-separated features to add.")
@click.option("--backend-prefix", metavar="PATH", help="A new BACKEND_PREFIX, e.g. /api.")
@click.option(
    "--set",
    "set_",
    multiple=True,
    metavar="FEATURE=VALUE",
    help="A feature's own option, as combined new took it (--FEATURE VALUE); repeatable.",
)
def update(
    ref: str | None,
    without: str | None,
    with_: str | None,
    backend_prefix: str | None,
    set_: tuple[str, ...],
) -> None:
    """Merge the template's changes since this project's recorded version, or a change
    of the options it was generated with."""
    project = Path.cwd()
    change = OptionChange.parse(without, with_, backend_prefix, set_)
    before = TemplateRecord.load(project)
    record, planned = update_project(project, ref, change)
    if not change and not planned.changes and record.commit == before.commit:
        click.echo(f"Already at the template's {ref or 'latest'} version ({before.commit[:7]}).")
        return
    for done in planned.changes:
        reason = f"  ({done.reason})" if done.reason else ""
        click.echo(f"{done.action:>8}  {done.path}{reason}")
    click.echo(f"{RECORD_FILE} now records {record.commit}.")
    if change:
        features = ", ".join(record.options.get("features", ())) or "none (the core only)"
        click.echo(f"Features: {features}. Backend prefix: {record.options.get('backend_prefix')}.")
    for name, value in change.settings:
        click.echo(
            f"{name}={value} now: the README's settings table lists what it sets; .env is "
            "this checkout's own and unchanged, so set those values wherever the site runs."
        )
    if change.backend_prefix is not None:
        env = project / ".env"
        moved = env.is_file() and f"BACKEND_PREFIX={change.backend_prefix}\n" in env.read_text()
        click.echo(
            f"Set BACKEND_PREFIX={change.backend_prefix} wherever the site runs with its own "
            f"environment{' (.env here says so now)' if moved else ''}."
        )
    if planned.conflicts:
        names = ", ".join(c.path for c in planned.conflicts)
        click.echo(
            f"{len(planned.conflicts)} conflict(s): {names}. Resolve them, then commit; "
            "or undo the whole update: git checkout -- . && git clean -fd",
            err=True,
        )
        raise SystemExit(1)
    click.echo("Review with `git diff`, run the tests, then commit.")

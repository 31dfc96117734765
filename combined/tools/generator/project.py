"""Build a new project: check everything, build it aside, then move it into place.

Order matters for "bad input writes nothing": options are validated first
(:func:`combined.tools.generator.options.parse_options`), then DEST, git and the
template are checked, then the project is rendered in a temporary folder next to
DEST (:func:`combined.tools.generator.render.render`), given its ``.env`` and its
``.template.json``, committed, and renamed onto DEST. A failure on the way
removes the temporary folder.
"""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from combined.tools.generator.options import GeneratorError, ProjectOptions
from combined.tools.generator.render import TEMPLATE_ROOT, check_template, render
from combined.tools.generator.variables import env_text
from combined.tools.update.record import TemplateRecord

COMMIT_MESSAGE = "New project from the Django-and-Flask template (combined new)"
# Used only for the first commit, and only when git has no identity configured.
FALLBACK_IDENTITY = ("-c", "user.name=combined new", "-c", "user.email=combined-new@localhost")


@dataclass(frozen=True)
class Result:
    dest: Path
    files: int
    record: TemplateRecord
    template_dirty: bool
    next_commands: tuple[str, ...]


def generate(options: ProjectOptions, *, template: Path = TEMPLATE_ROOT) -> Result:
    """Create the project ``options`` describe from ``template``; return what was done."""
    if options.dest is None:
        raise GeneratorError("DEST", "a folder for the new project is needed")
    dest = options.dest.expanduser().absolute()
    _check_dest(dest, template)
    check_template(template)
    if shutil.which("git") is None:
        raise GeneratorError("git", "git is needed to start the new repository; install it")
    source, commit, dirty = template_version(template)
    record = TemplateRecord(source, commit, options.recorded())

    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        files = render(options, work, template=template)
        record.save(work)
        _write_env(work, options)
        _first_commit(work)
        _move_into_place(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    commands = (f"cd {shlex.quote(str(options.dest))}", "python3 dev.py serve")
    return Result(dest, files, record, dirty, commands)


def template_version(template: Path) -> tuple[str, str | None, bool]:
    """(source, commit, dirty) of the template, for ``.template.json``.

    The source is the clone's ``origin`` when that remote has the commit (so later
    updates come from upstream), else this checkout's own path. Without git there
    is no commit, and ``combined update`` will say it cannot compare."""
    if not (template / ".git").exists():
        return str(template.resolve()), None, False

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=template, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "HEAD") or None
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    origin = git("config", "--get", "remote.origin.url")
    published = commit is not None and bool(git("branch", "-r", "--contains", commit))
    if origin and published:
        local = (template / origin).resolve()
        return (str(local) if "://" not in origin and local.exists() else origin), commit, dirty
    return str(template.resolve()), commit, dirty


def _check_dest(dest: Path, template: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise GeneratorError("DEST", f"{dest} exists and is not an empty folder")
    if not dest.parent.is_dir():
        raise GeneratorError("DEST", f"the folder {dest.parent} does not exist")
    if dest.resolve().is_relative_to(template.resolve()):
        raise GeneratorError(
            "DEST", f"{dest} is inside the template {template}; pick a folder outside"
        )


def _write_env(work: Path, options: ProjectOptions) -> None:
    text = env_text(options, secrets.token_urlsafe(50))
    fd = os.open(work / ".env", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as env_file:
        env_file.write(text)
    gitignore = work / ".gitignore"
    ignored = gitignore.read_text().splitlines() if gitignore.exists() else []
    if ".env" not in ignored:
        with gitignore.open("a", encoding="utf-8") as out:
            out.write("\n.env\n")


def _first_commit(work: Path) -> None:
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=work, capture_output=True, text=True)

    def check(result: subprocess.CompletedProcess[str], step: str) -> None:
        if result.returncode:
            raise GeneratorError("git", f"git {step} failed: {result.stderr.strip()}")

    check(git("init", "-q"), "init")
    check(git("add", "-A"), "add")
    identity = () if git("config", "user.email").returncode == 0 else FALLBACK_IDENTITY
    check(git(*identity, "commit", "-q", "-m", COMMIT_MESSAGE), "commit")


def _move_into_place(work: Path, dest: Path) -> None:
    if not dest.exists():
        work.chmod(0o777 & ~_umask())
        work.rename(dest)
        return
    # An existing empty DEST (maybe the shell's current folder) keeps its identity.
    for entry in work.iterdir():
        entry.rename(dest / entry.name)
    work.rmdir()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

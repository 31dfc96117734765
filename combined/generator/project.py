"""Build a new project: check everything, build it aside, then move it into place.

Order matters for "bad input writes nothing": options are validated first
(:func:`combined.generator.options.parse_options`), then DEST, git and the
template are checked, then the project is built in a temporary folder next to
DEST and renamed onto it only when the first commit exists. A failure on the way
removes the temporary folder.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from combined.generator import manifest, tree
from combined.generator.options import GeneratorError, ProjectOptions
from core.settings import BASE_DIR

COMMIT_MESSAGE = "New project from the Django-and-Flask template (combined new)"
# Used only for the first commit, and only when git has no identity configured.
FALLBACK_IDENTITY = ("-c", "user.name=combined new", "-c", "user.email=combined-new@localhost")


@dataclass(frozen=True)
class Result:
    dest: Path
    files: int
    next_commands: tuple[str, ...]


def generate(options: ProjectOptions, *, template: Path = BASE_DIR) -> Result:
    """Create the project ``options`` describe from ``template``; return what was done."""
    dest = options.dest.expanduser().absolute()
    _check_dest(dest, template)
    _check_template(template)
    if shutil.which("git") is None:
        raise GeneratorError("git", "git is needed to start the new repository; install it")
    files = tree.selected(tree.source_files(template), example=options.example)

    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        tree.copy_tree(template, work, files, example=options.example)
        _set_identity(work, options)
        _write_env(work, options)
        _append_readme_note(work, options)
        _first_commit(work)
        _move_into_place(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Result(
        dest, len(files), (f"cd {shlex.quote(str(options.dest))}", "python3 dev.py serve")
    )


def _check_dest(dest: Path, template: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise GeneratorError("DEST", f"{dest} exists and is not an empty folder")
    if not dest.parent.is_dir():
        raise GeneratorError("DEST", f"the folder {dest.parent} does not exist")
    if dest.resolve().is_relative_to(template.resolve()):
        raise GeneratorError(
            "DEST", f"{dest} is inside the template {template}; pick a folder outside"
        )


def _check_template(template: Path) -> None:
    if not (template / "dev.py").is_file() or not (template / "pyproject.toml").is_file():
        raise GeneratorError(
            "template",
            f"{template} is not a checkout of the template (no dev.py): run combined new "
            "from a clone, installed with `pip install -e .` (python3 dev.py test does that)",
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


def env_lines(options: ProjectOptions, secret_key: str) -> list[str]:
    """The new project's ``.env``: a fresh key plus what the options chose."""
    lines = [
        "# Settings for this checkout, read by core/settings.py (the environment wins).",
        "# Never commit this file: it holds the secret key. Production sets its own values.",
        "# SECURITY WARNING: keep the secret key used in production secret!",
        f"SECRET_KEY={secret_key}",
        "# A development checkout: the debugger, console email, static files from runserver.",
        "# SECURITY WARNING: production sets DEBUG=false (.env.production.example).",
        "DEBUG=true",
        f"BACKEND_PREFIX={options.backend_prefix}",
    ]
    if options.domain:
        host = f".{options.domain}" if options.tenancy == "subdomain" else options.domain
        lines += [
            "# The loopback names let `python3 dev.py serve` work here; drop them in production.",
            f"ALLOWED_HOSTS={host},localhost,127.0.0.1,[::1]",
        ]
    if options.database == "postgresql":
        lines += [
            f"# PostgreSQL: create the database first (createdb {options.database_name}).",
            f"DATABASE_URL=postgres://localhost/{options.database_name}",
        ]
    else:
        lines.append("# SQLite in var/db.sqlite3 (the default); postgres://... for PostgreSQL.")
    lines.append(f"TENANCY={options.tenancy}")
    if options.domain:
        lines.append(f"TENANCY_DOMAIN={options.domain}")
    return lines


def _write_env(work: Path, options: ProjectOptions) -> None:
    text = "\n".join(env_lines(options, secrets.token_urlsafe(50))) + "\n"
    fd = os.open(work / ".env", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as env_file:
        env_file.write(text)
    gitignore = work / ".gitignore"
    ignored = gitignore.read_text().splitlines() if gitignore.exists() else []
    if ".env" not in ignored:
        with gitignore.open("a", encoding="utf-8") as out:
            out.write("\n.env\n")


def _append_readme_note(work: Path, options: ProjectOptions) -> None:
    rows = [("BACKEND_PREFIX", options.backend_prefix), ("TENANCY", options.tenancy)]
    if options.domain:
        rows += [("ALLOWED_HOSTS", options.domain), ("TENANCY_DOMAIN", options.domain)]
    if options.database == "postgresql":
        rows.append(("DATABASE_URL", f"postgres://localhost/{options.database_name}"))
    table = "\n".join(f"| `{name}` | `{value}` |" for name, value in rows)
    variant = "" if options.example else ", without the sample notes app"
    note = f"""
## This project

Made with `combined new` from the Django-and-Flask template{variant}.
Its choices are in `.env` (git-ignored, with a fresh `SECRET_KEY`); set the same
variables in production:

| variable | value |
|---|---|
{table}
"""
    if options.database == "postgresql":
        note += f"\nCreate the database before the first run: `createdb {options.database_name}`.\n"
    with (work / "README.md").open("a", encoding="utf-8") as readme:
        readme.write(note)


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

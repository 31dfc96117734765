"""The layer as one more dependency of the site, where the site declares its own.

Why: the team's usual install command must bring the layer, so it goes into the
file that command reads -- ``requirements.in`` (pip-tools), ``pyproject.toml``
(``[project] dependencies``: uv, PDM, hatch; or Poetry's table), or a plain
``requirements.txt`` (the ``requirements/base.txt`` it includes, if it does: every
install reads that one) -- never into a lock file: a hash-locked file (``--hash=``,
``uv.lock``, ``poetry.lock``) gets no unhashed line; adopt names the command that
relocks, and refuses a hash-locked requirements file it has no source for.

Before anything is written, ``combined.tools.adopt.constraints`` checks that the
versions the site allows leave room for the layer. The line is added with the
file's own line endings (``files.edit``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from combined.tools.adopt import pyproject
from combined.tools.adopt.files import edit
from combined.tools.update.record import DISTRIBUTION


@dataclass(frozen=True)
class Plan:
    """Where the requirement goes, and what the team runs afterwards."""

    file: Path  # the file that gets the line (created if it does not exist)
    kind: str  # "requirements", "pyproject", "uv" (with [tool.uv.sources]), "poetry"
    relock: str | None  # the command that refreshes a lock file, if the site has one


def requirement_line(source: str, commit: str | None) -> str:
    """``django-flask-combined @ git+URL@COMMIT`` for the template at ``source``; a local
    folder that is no git checkout (no commit) is installed from the folder itself."""
    if "://" not in source and not source.startswith("git@"):
        # file://localhost/...: pip before 24 refuses git+file:/// (no host) as a URL.
        folder = "file://localhost" + Path(source).resolve().as_posix()
        return f"{DISTRIBUTION} @ git+{folder}@{commit}" if commit else f"{DISTRIBUTION} @ {folder}"
    if source.startswith("git@"):  # scp-like: git@host:owner/repo.git
        host, _, path = source.removeprefix("git@").partition(":")
        url = f"git+ssh://git@{host}/{path}"
    else:
        url = source if source.startswith("git+") else "git+" + source
    return f"{DISTRIBUTION} @ {url}@{commit}" if commit else f"{DISTRIBUTION} @ {url}"


def plan(site: Path) -> Plan:
    """Choose the file the team's install reads (see the module docstring); ValueError
    for a hash-locked file with no source adopt could add the layer to."""
    if (site / "requirements.in").is_file():
        return Plan(site / "requirements.in", "requirements", PIP_COMPILE)
    pyproject = site / "pyproject.toml"
    tables = _tables(pyproject) if pyproject.is_file() else {}
    if "dependencies" in tables.get("project", {}):
        if (site / "uv.lock").is_file():
            return Plan(pyproject, "uv", "uv lock")
        relock = "poetry lock" if (site / "poetry.lock").is_file() else None
        return Plan(pyproject, "pyproject", relock)
    if "dependencies" in tables.get("tool", {}).get("poetry", {}):
        return Plan(
            pyproject, "poetry", "poetry lock" if (site / "poetry.lock").is_file() else None
        )
    top = site / "requirements.txt"
    chosen = _shared_base(site, top) if top.is_file() else None
    for path in [chosen, top, *(site / "requirements" / n for n in ("base.txt", "common.txt"))]:
        if path is not None and path.is_file():
            locked = next((f for f in _with_includes(path) if "--hash=" in _text(f)), None)
            if locked is not None:
                raise ValueError(
                    f"{locked.relative_to(site)} is hash-locked (--hash) and there is no "
                    "requirements.in to compile it from: add the layer to the file you "
                    f"compile it from, then relock ({PIP_COMPILE})"
                )
            return Plan(path, "requirements", None)
    return Plan(top, "requirements", None)


PIP_COMPILE = "pip-compile --generate-hashes requirements.in -o requirements.txt"


def _shared_base(site: Path, top: Path) -> Path | None:
    """The ``requirements/base.txt`` (or ``common.txt``) that ``requirements.txt``
    includes: every install of the site reads it (``local.txt``, ``production.txt``
    include it too), while ``requirements.txt`` may be read by one of them only."""
    bases = {(site / "requirements" / name).resolve() for name in ("base.txt", "common.txt")}
    return next((path for path in _with_includes(top) if path in bases), None)


def _with_includes(path: Path) -> list[Path]:
    """``path`` and the files its ``-r``/``-c`` lines include, recursively."""
    found: list[Path] = []
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in found or not current.is_file():
            continue
        found.append(current)
        for line in _text(current).splitlines():
            option, _, rest = line.strip().partition(" ")
            if option in ("-r", "--requirement", "-c", "--constraint") and rest.strip():
                todo.append((current.parent / rest.strip()).resolve())
    return found


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _tables(pyproject: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError:
        return {}


def edited(where: Plan, line: str, text: str) -> str:
    """``text`` (the chosen file's, ``\n`` line endings) with the layer added; ValueError
    when the file has no shape adopt can extend (``combined.tools.adopt.pyproject``)."""
    if where.kind == "uv":
        return pyproject.add_uv_source(pyproject.add_dependency(text, DISTRIBUTION), line)
    if where.kind == "pyproject":
        return pyproject.with_hatch_option(pyproject.add_dependency(text, line))
    if where.kind == "poetry":
        return pyproject.add_poetry_dependency(text, line)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + f"{pyproject.COMMENT}\n{line}\n"


def add(where: Plan, line: str) -> None:
    """Add ``line`` (``requirement_line``) to the chosen file (checked to be free of it):
    a uv project gets the name in ``[project] dependencies`` and where it comes from in
    ``[tool.uv.sources]``, as ``uv add`` writes it (hatchling may refuse a URL in the
    dependencies themselves)."""
    edit(where.file, lambda text: edited(where, line, text))


def mentions(site: Path) -> bool:
    """Does any dependency file of the site already name the layer?"""
    files = [*site.glob("requirements*"), *site.glob("requirements/*"), site / "pyproject.toml"]
    return any(
        DISTRIBUTION in path.read_text(encoding="utf-8", errors="replace")
        for path in files
        if path.is_file()
    )

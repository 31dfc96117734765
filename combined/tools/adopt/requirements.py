"""The layer as one more dependency of the site, where the site declares its own.

Why: the team's usual install command must bring the layer, so it goes into the
file that command reads -- ``requirements.in`` (pip-tools), ``pyproject.toml``
(``[project] dependencies``, uv, PDM, hatch) or a plain ``requirements.txt`` --
never into a lock file: a hash-locked file (``--hash=``, ``uv.lock``,
``poetry.lock``) gets no unhashed line; adopt names the command that relocks.

Before anything is written, :func:`clashes` compares what the layer needs (this
distribution's ``[project] dependencies``) with the versions the site pins
(``name==X`` lines, ``uv.lock``, ``poetry.lock``): a pin the layer cannot install
beside is refused, naming both sides.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from combined.tools.update.record import DISTRIBUTION

_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;#\\]+)")


@dataclass(frozen=True)
class Plan:
    """Where the requirement goes, and what the team runs afterwards."""

    file: Path  # the file that gets the line (created if it does not exist)
    kind: str  # "requirements", "pyproject", "uv" (pyproject with [tool.uv.sources])
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
    """Choose the file the team's install reads (see the module docstring)."""
    if (site / "requirements.in").is_file():
        return Plan(site / "requirements.in", "requirements", _pip_compile(site))
    pyproject = site / "pyproject.toml"
    if pyproject.is_file() and "dependencies" in _project_table(pyproject):
        if (site / "uv.lock").is_file():
            return Plan(pyproject, "uv", "uv lock")
        relock = "poetry lock" if (site / "poetry.lock").is_file() else None
        return Plan(pyproject, "pyproject", relock)
    for candidate in ("requirements.txt", "requirements/base.txt", "requirements/common.txt"):
        path = site / candidate
        if path.is_file():
            if "--hash=" in path.read_text(encoding="utf-8"):
                return Plan(site / "requirements.in", "requirements", _pip_compile(site))
            return Plan(path, "requirements", None)
    return Plan(site / "requirements.txt", "requirements", None)


def _pip_compile(site: Path) -> str:
    return "pip-compile --generate-hashes requirements.in -o requirements.txt"


def _project_table(pyproject: Path) -> dict[str, object]:
    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except tomllib.TOMLDecodeError:
        return {}


def pins(site: Path) -> dict[str, tuple[str, str]]:
    """The versions the site pins: canonical name -> (version, where)."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(site.glob("requirements*.txt")) + sorted(site.glob("requirements/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _PIN.match(line)
            if match:
                found[canonicalize_name(match[1])] = (match[3], path.name)
    for lock, key in (("uv.lock", "package"), ("poetry.lock", "package")):
        path = site / lock
        if path.is_file():
            try:
                packages = tomllib.loads(path.read_text(encoding="utf-8")).get(key, [])
            except tomllib.TOMLDecodeError:
                continue
            for package in packages:
                if "name" in package and "version" in package:
                    found[canonicalize_name(package["name"])] = (package["version"], lock)
    return found


def clashes(site: Path, needs: list[str]) -> list[str]:
    """``needs`` (requirement strings) the site's pins rule out, one phrase each."""
    pinned = pins(site)
    problems = []
    for text in needs:
        try:
            need = Requirement(text)
        except InvalidRequirement:
            continue
        version, where = pinned.get(canonicalize_name(need.name), (None, ""))
        if version is None:
            continue
        try:
            allowed = need.specifier.contains(Version(version), prereleases=True)
        except InvalidVersion:
            continue
        if not allowed:
            problems.append(f"{where} pins {need.name}=={version}, the layer needs {need}")
    return problems


def add(where: Plan, line: str) -> None:
    """Add ``line`` (``requirement_line``) to the chosen file (checked to be free of it).

    A uv project gets the name in ``[project] dependencies`` and where it comes from in
    ``[tool.uv.sources]``, as ``uv add`` writes it: its build backend (hatchling) may
    refuse a URL in the dependencies themselves."""
    path = where.file
    comment = "# the Django+Flask layer (combined adopt)"
    if where.kind == "uv":
        text = _add_to_pyproject(path.read_text(encoding="utf-8"), DISTRIBUTION)
        path.write_text(_add_uv_source(text, line, comment), encoding="utf-8")
        return
    if where.kind == "pyproject":
        text = _add_to_pyproject(path.read_text(encoding="utf-8"), line)
        if "hatchling" in text and "allow-direct-references" not in text:
            # hatchling refuses a direct reference unless told (its metadata option).
            text += f"\n[tool.hatch.metadata]\n{comment}\nallow-direct-references = true\n"
        path.write_text(text, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + f"{comment}\n{line}\n", encoding="utf-8")


def _add_uv_source(text: str, line: str, comment: str) -> str:
    """``[tool.uv.sources]``: the layer's git URL and commit (or local folder)."""
    url = line.split(" @ ", 1)[1]
    if url.startswith("git+"):
        where, _, rev = url.removeprefix("git+").rpartition("@")
        entry = f'{DISTRIBUTION} = {{ git = "{where}", rev = "{rev}" }}'
    else:
        entry = f'{DISTRIBUTION} = {{ path = "{url.removeprefix("file://localhost")}" }}'
    header = "[tool.uv.sources]"
    if header in text:
        return text.replace(header + "\n", f"{header}\n{comment}\n{entry}\n", 1)
    return text.rstrip("\n") + f"\n\n{header}\n{comment}\n{entry}\n"


def _add_to_pyproject(text: str, line: str) -> str:
    """Insert ``line`` as the last item of ``[project] dependencies``, keeping the rest."""
    section = re.search(r"(?ms)^\[project\]\s*$(.*?)(?=^\[|\Z)", text)
    if section is None:
        raise ValueError("pyproject.toml has no [project] table")
    body = section[1]
    deps = re.search(r"(?ms)^dependencies\s*=\s*\[(.*?)^\]", body)
    if deps is None:
        raise ValueError("[project] dependencies is not a multi-line list")
    start = section.start(1) + deps.end(1)
    return text[:start] + f'    "{line}",\n' + text[start:]


def mentions(site: Path) -> bool:
    """Does any dependency file of the site already name the layer?"""
    files = [*site.glob("requirements*"), *site.glob("requirements/*"), site / "pyproject.toml"]
    return any(
        DISTRIBUTION in path.read_text(encoding="utf-8", errors="replace")
        for path in files
        if path.is_file()
    )

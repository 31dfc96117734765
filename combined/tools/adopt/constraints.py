"""Whether the versions a site's dependency files allow leave room for the layer.

Why: adopt adds the layer to the file the team installs from; if that install then
fails to resolve (the site asks for ``Django<5.0``, the layer needs 5.2), the
adoption is a commit that breaks the site. So before anything is written,
:func:`clashes` compares what the layer needs (this distribution's ``[project]
dependencies``) with what the site asks for:

- every requirement line of ``requirements*.txt``/``.in`` (top level and under
  ``requirements/``), following their ``-r``/``-c`` includes: exact pins and ranges;
- ``[project] dependencies`` of ``pyproject.toml``;
- the versions locked in ``uv.lock`` and ``poetry.lock``.

Two version ranges clash when no version satisfies both. ``packaging`` can test a
version against a range but not two ranges against each other, so the test tries
the versions the two ranges name and one just above each: where the ranges meet, an
edge of one of them (or a version just above it) lies inside both. A range it cannot
read is never called a clash: adopt refuses only what it is sure of.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.markers import UndefinedEnvironmentName
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

_INCLUDES = ("-r", "--requirement", "-c", "--constraint")


def asks(site: Path) -> dict[str, list[tuple[SpecifierSet, str]]]:
    """What the site allows of each distribution: canonical name -> [(range, where)]."""
    found: dict[str, list[tuple[SpecifierSet, str]]] = {}
    seen: set[Path] = set()
    files = [
        *sorted(site.glob("requirements*.txt")),
        *sorted(site.glob("requirements*.in")),
        *sorted(site.glob("requirements/*.txt")),
        *sorted(site.glob("requirements/*.in")),
    ]
    for path in files:
        _read_requirements(path, site, found, seen)
    pyproject = site / "pyproject.toml"
    if pyproject.is_file():
        try:
            project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        except tomllib.TOMLDecodeError:
            project = {}
        for line in project.get("dependencies", []):
            _note(line, "pyproject.toml", found)
    for lock in ("uv.lock", "poetry.lock"):
        path = site / lock
        if not path.is_file():
            continue
        try:
            packages = tomllib.loads(path.read_text(encoding="utf-8")).get("package", [])
        except tomllib.TOMLDecodeError:
            continue
        for package in packages:
            if "name" in package and "version" in package:
                _note(f"{package['name']}=={package['version']}", lock, found)
    return found


def _read_requirements(
    path: Path, site: Path, found: dict[str, list[tuple[SpecifierSet, str]]], seen: set[Path]
) -> None:
    path = path.resolve()
    if path in seen or not path.is_file():
        return
    seen.add(path)
    root = site.resolve()
    where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    text = path.read_text(encoding="utf-8", errors="replace").replace("\\\n", " ")
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line.startswith("#") or not line:
            continue
        option, _, rest = line.partition(" ")
        if option in _INCLUDES or option.startswith(("--requirement=", "--constraint=")):
            target = rest.strip() if option in _INCLUDES else option.split("=", 1)[1]
            _read_requirements(path.parent / target, site, found, seen)
        elif not line.startswith("-"):
            _note(line.split(" --", 1)[0], where, found)


def _note(line: str, where: str, found: dict[str, list[tuple[SpecifierSet, str]]]) -> None:
    try:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            return  # not for this Python or platform
    except (InvalidRequirement, UndefinedEnvironmentName):
        return
    if requirement.specifier:
        found.setdefault(canonicalize_name(requirement.name), []).append(
            (requirement.specifier, where)
        )


def overlap(first: SpecifierSet, second: SpecifierSet) -> bool:
    """Does some version satisfy both ranges? (True when it cannot tell.)"""
    candidates: set[Version] = set()
    for spec in [*first, *second]:
        if spec.operator == "===":
            return True
        try:
            version = Version(spec.version.removesuffix(".*"))
        except InvalidVersion:
            return True
        candidates |= {version, Version(f"{version.base_version}.0.0.1")}
    if not candidates:
        return True
    return any(
        first.contains(v, prereleases=True) and second.contains(v, prereleases=True)
        for v in candidates
    )


def clashes(site: Path, needs: list[str]) -> list[str]:
    """``needs`` (requirement strings) the site's files rule out, one phrase each."""
    allowed = asks(site)
    problems = []
    for text in needs:
        try:
            need = Requirement(text)
        except InvalidRequirement:
            continue
        for spec, where in allowed.get(canonicalize_name(need.name), []):
            if not overlap(spec, need.specifier):
                pinned = len(spec) == 1 and next(iter(spec)).operator == "=="
                asked = f"pins {need.name}{spec}" if pinned else f"asks for {need.name}{spec}"
                problems.append(f"{where} {asked}, the layer needs {need}")
    return problems

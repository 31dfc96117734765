"""The hand-written moves of the real fixtures (tests/fixtures/real/*.moves/moves.py).

The adoption tests apply them to an adopted copy of each project and run its suite;
these check, without installing anything, that each move still fits its fixture
and that a move which does not fit stops before writing anything.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
NAMES = ["ephios", "healthchecks", "modoboa"]
ADOPTED_MIGRATED_INIT = '"""Pages moved from Django to Flask."""\n\nMOVED_APPS: list[str] = []\n'


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{name}_moves", REAL / f"{name}.moves/moves.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def adopted_copy(moves: ModuleType, name: str, tmp_path: Path) -> Path:
    """The files a move touches, as adopt leaves them."""
    for urlconf in moves.URL_EDITS:
        (tmp_path / urlconf).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REAL / name / urlconf, tmp_path / urlconf)
    migrated = tmp_path / moves.FLASK_HALF / "migrated"
    migrated.mkdir(parents=True)
    (migrated / "__init__.py").write_text(ADOPTED_MIGRATED_INIT)
    return tmp_path


@pytest.mark.parametrize("name", NAMES)
def test_a_move_hands_its_routes_to_flask_and_lists_its_module(name, tmp_path):
    moves = load(name)
    project = adopted_copy(moves, name, tmp_path)
    moves.apply(project)
    migrated = project / moves.FLASK_HALF / "migrated"
    namespace: dict[str, object] = {}
    exec((migrated / "__init__.py").read_text(), namespace)  # noqa: S102 -- our own file
    assert namespace["MOVED_APPS"] == moves.LABELS
    for label in moves.LABELS:
        assert (migrated / f"{label}.py").read_bytes() == (
            REAL / f"{name}.moves/flask_backend/migrated/{label}.py"
        ).read_bytes()
    for urlconf, edits in moves.URL_EDITS.items():
        text = (project / urlconf).read_text()
        compile(text, str(urlconf), "exec")
        assert all(new in text for _old, new in edits)


@pytest.mark.parametrize("name", NAMES)
def test_a_move_that_does_not_fit_writes_nothing(name, tmp_path):
    moves = load(name)
    project = adopted_copy(moves, name, tmp_path)
    urlconf = next(iter(moves.URL_EDITS))
    old = moves.URL_EDITS[urlconf][-1][0]
    (project / urlconf).write_text((project / urlconf).read_text().replace(old, "changed"))
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    with pytest.raises(Exception, match="expected 1 occurrence"):
        moves.apply(project)
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("name", NAMES)
def test_a_move_is_applied_once_and_broken_on_purpose_once(name, tmp_path):
    moves = load(name)
    project = adopted_copy(moves, name, tmp_path)
    moves.apply(project)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    with pytest.raises(Exception, match="found 0"):  # the Django routes are gone already
        moves.apply(project)
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    moved = project / moves.FLASK_HALF / "migrated" / f"{moves.BROKEN}.py"
    moves.break_one(project)
    assert moves.BREAK[0] not in moved.read_text()

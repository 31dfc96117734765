"""``combined update``'s merge and record, without a template (every project has these).

Three folders stand for the old render, the new render and the project; the
rules of ``combined.tools.update.merge`` are checked one by one: the owner's edits are
kept, the template's are applied, overlaps get conflict markers, the owner's
own files are never touched. The end-to-end update (git, renderers) is tested
in the template repository.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from combined.tools.update import merge
from combined.tools.update.record import RECORD_FILE, RecordError, TemplateRecord

VERSIONS = ("a" * 40, "b" * 40)
BASE = "one\ntwo\nthree\nfour\nfive\n"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


@pytest.fixture
def trees(tmp_path):
    def make(old: dict, new: dict, mine: dict) -> tuple[Path, merge.Plan]:
        old_dir = write(tmp_path / "old", old)
        new_dir = write(tmp_path / "new", new)
        project = write(tmp_path / "project", mine)
        planned = merge.plan(project, old_dir, new_dir, versions=VERSIONS)
        merge.apply(project, planned.changes)
        return project, planned

    for name in ("old", "new", "project"):
        (tmp_path / name).mkdir()
    return make


def actions(planned: merge.Plan) -> dict[str, str]:
    return {change.path: change.action for change in planned.changes}


def test_untouched_files_take_the_templates_change(trees):
    project, planned = trees({"a.py": BASE}, {"a.py": BASE.replace("two", "2")}, {"a.py": BASE})
    assert (project / "a.py").read_text() == BASE.replace("two", "2")
    assert actions(planned) == {"a.py": "updated"}


def test_edits_in_other_lines_are_merged(trees):
    mine = BASE.replace("five", "FIVE (mine)")
    project, planned = trees({"a.py": BASE}, {"a.py": BASE.replace("one", "ONE")}, {"a.py": mine})
    assert (project / "a.py").read_text() == "ONE\ntwo\nthree\nfour\nFIVE (mine)\n"
    assert actions(planned) == {"a.py": "merged"} and planned.conflicts == []


def test_edits_of_the_same_line_get_conflict_markers(trees):
    project, planned = trees(
        {"a.py": BASE}, {"a.py": BASE.replace("three", "3")}, {"a.py": BASE.replace("three", "III")}
    )
    text = (project / "a.py").read_text()
    assert "<<<<<<< yours\nIII\n=======\n3\n>>>>>>> template bbbbbbb\n" in text
    assert [c.path for c in planned.conflicts] == ["a.py"]


def test_new_template_files_arrive_and_removed_ones_go_when_untouched(trees):
    project, planned = trees(
        {"gone.md": "old\n", "kept.md": "x\n"}, {"new.md": "new\n", "kept.md": "x\n"},
        {"gone.md": "old\n", "kept.md": "x\n"},
    )  # fmt: skip
    assert (project / "new.md").read_text() == "new\n"
    assert not (project / "gone.md").exists()
    assert actions(planned) == {"gone.md": "deleted", "new.md": "added"}


def test_folders_a_deletion_leaves_empty_go_and_folders_with_the_owners_files_stay(trees, tmp_path):
    old = {"pkg/sub/a.py": BASE, "pkg/b.py": BASE, "other/c.py": BASE, "keep.md": "x\n"}
    mine = {**old, "other/mine.py": "m\n", "pkg/sub/__pycache__/a.cpython-311.pyc": b"\0"}
    project, planned = trees(old, {"keep.md": "x\n"}, mine)
    assert not (project / "pkg").exists()  # bytecode of deleted modules does not hold it
    assert sorted(p.name for p in (project / "other").iterdir()) == ["mine.py"]
    assert (project / "keep.md").exists()
    assert set(actions(planned).values()) == {"deleted"}
    rendered = merge.folders(write(tmp_path / "render", {"keep.md": "x\n", "pkg/b/c.txt": ""}))
    kept = merge.kept_folders(project, planned.changes, rendered)
    assert [(c.path, c.action) for c in kept] == [("other/", "kept")]  # reported, not removed


def test_the_owners_own_files_are_never_touched(trees):
    project, planned = trees(
        {"a.py": BASE}, {"a.py": BASE + "six\n"}, {"a.py": BASE, "mine.txt": "m"}
    )
    assert (project / "mine.txt").read_text() == "m"
    assert "mine.txt" not in actions(planned)


def test_a_file_changed_by_the_owner_and_deleted_by_the_template_is_kept(trees):
    project, planned = trees({"a.py": BASE}, {}, {"a.py": BASE + "mine\n"})
    assert (project / "a.py").read_text() == BASE + "mine\n"
    assert [c.path for c in planned.conflicts] == ["a.py"]


def test_a_file_the_owner_deleted_stays_deleted(trees):
    project, planned = trees({"a.py": BASE}, {"a.py": BASE + "six\n"}, {})
    assert not (project / "a.py").exists()
    assert actions(planned) == {"a.py": "kept"} and planned.conflicts == []


def test_binary_changed_on_both_sides_keeps_the_owners(trees):
    project, planned = trees({"i.png": b"\0old"}, {"i.png": b"\0new"}, {"i.png": b"\0mine"})
    assert (project / "i.png").read_bytes() == b"\0mine"
    assert [c.path for c in planned.conflicts] == ["i.png"]


def test_a_new_executable_bit_is_applied(trees, tmp_path):
    (tmp_path / "new").mkdir(exist_ok=True)
    project, planned = trees({"run.sh": "x\n"}, {"run.sh": "x\n"}, {"run.sh": "x\n"})
    assert planned.changes == []  # same content, same mode: nothing
    (tmp_path / "new" / "run.sh").chmod(0o755)
    planned = merge.plan(project, tmp_path / "old", tmp_path / "new", versions=VERSIONS)
    merge.apply(project, planned.changes)
    assert (project / "run.sh").stat().st_mode & 0o777 == 0o755


def test_nothing_is_written_before_apply(tmp_path):
    old = write(tmp_path / "old", {"a.py": BASE})
    new = write(tmp_path / "new", {"a.py": "changed\n", "b.py": "new\n"})
    project = write(tmp_path / "project", {"a.py": BASE})
    planned = merge.plan(project, old, new, versions=VERSIONS)
    assert len(planned.changes) == 2
    assert (project / "a.py").read_text() == BASE and not (project / "b.py").exists()


# -- .template.json ------------------------------------------------------------------


def test_record_round_trips_and_moves_forward(tmp_path):
    record = TemplateRecord("/src/template", "a" * 40, {"name": "acme", "features": []})
    record.save(tmp_path)
    loaded = TemplateRecord.load(tmp_path)
    assert loaded == record
    assert TemplateRecord.load(tmp_path).moved_to("b" * 40).commit == "b" * 40
    assert json.loads((tmp_path / RECORD_FILE).read_text())["source"] == "/src/template"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no .template.json"),
        ("{not json", "cannot be read"),
        ('{"source": "x", "commit": null}', "records no commit"),
        ('{"source": "x", "commit": "abc", "format": 9}', "has format 9"),
    ],
)
def test_a_missing_or_bad_record_stops_with_one_line(tmp_path, content, problem):
    if content is not None:
        (tmp_path / RECORD_FILE).write_text(content)
    with pytest.raises(RecordError, match=f"^combined update: .*{problem}"):
        TemplateRecord.load(tmp_path)

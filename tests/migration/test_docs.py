"""The migration guide: linked from the README, every code block accounted for, and its
polls steps apply cleanly, in order, to the tutorial's app (tests/docsteps.py).

The slow ``generator`` test (tests/test_polls_migration.py) does the same steps in a
generated project and runs the app's tests after each.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import docsteps

ROOT = docsteps.ROOT
GUIDE = docsteps.GUIDE
FIXTURE = ROOT / "tests" / "fixtures" / "polls"
TOUCHED = ("django_site/settings.py", "django_site/urls.py", "flask_backend/migrated/__init__.py")


def test_readme_links_the_guide():
    readme = (ROOT / "README.md").read_text()
    assert "](docs/migration.md)" in readme
    assert "combined routes" in readme


def test_every_file_the_guide_names_exists():
    paths = re.findall(r"`((?:[\w.-]+/)+[\w.-]+\.(?:py|html|md))`", GUIDE.read_text())
    named = {p for p in paths if (ROOT / p.split("/")[0]).is_dir()}  # not template names
    made_by_the_steps = {a.path for a in docsteps.actions()}
    missing = sorted(
        p
        for p in named - made_by_the_steps
        if not p.startswith("apps/polls/") and not (ROOT / p).exists()
    )
    # example:begin
    assert "flask_backend/migrated/notes.py" in named
    # example:end
    assert missing == []


def test_every_code_block_is_a_step_a_command_or_verbatim():
    for block in docsteps.blocks():
        words = block.tag.split()
        assert words, f"a code block has no tag (tests/docsteps.py):\n{block.body}"
        if words[0] == "verbatim":
            assert block.body in (ROOT / words[1]).read_text(), f"not verbatim in {words[1]}"
        elif words[0] == "command":
            assert set(block.body.split("\n")) - {""} <= set(docsteps.COMMANDS), block.body
        else:
            assert words[0] in {"polls", "diagram"}, block.tag


def test_the_steps_move_every_page_in_order():
    assert docsteps.steps() == ["add", "index-view", "detail-view", "vote", "jinja"]


@pytest.fixture
def project(tmp_path) -> Path:
    """The files the steps touch: the tutorial's app in apps/, and the site's own."""
    shutil.copytree(FIXTURE, tmp_path / "apps" / "polls")
    for rel in TOUCHED:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path


def ruff(project: Path) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--select",
            "E,F,W",
            "--line-length",
            "100",
            ".",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr if result.returncode else ""


def test_each_step_applies_and_leaves_clean_python(project):
    for step in docsteps.steps():
        docsteps.apply(project, step)
        for path in project.rglob("*.py"):
            ast.parse(path.read_text(), filename=str(path))
        assert ruff(project) == "", f"after step {step}"
    polls = project / "apps" / "polls"
    assert not (polls / "views.py").exists()
    assert sorted(p.name for p in (polls / "jinja2" / "polls").iterdir()) == [
        "detail.html", "index.html", "results.html",
    ]  # fmt: skip
    assert list((polls / "templates" / "polls").iterdir()) == []
    assert '"polls",' in (project / "flask_backend/migrated/__init__.py").read_text()
    assert (polls / "tests.py").read_text() == (FIXTURE / "tests.py").read_text()  # unchanged


def test_a_step_that_no_longer_fits_the_code_says_where(project):
    (project / "apps/polls/urls.py").write_text("urlpatterns = []\n")
    docsteps.apply(project, "add")
    with pytest.raises(AssertionError, match="apps/polls/urls.py has 0 copies of"):
        docsteps.apply(project, "index-view")

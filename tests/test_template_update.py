"""``combined update`` end to end, offline: a local template repository with several
commits, a project generated from it and edited by its owner.

The template is this repository's files (as ``combined new`` would copy them) in
a fresh git repository; its later commits change docs, add and delete files and
change the renderer itself. The project runs its own ``combined update`` (its
``combined.tools.update`` package, this Python), which clones the template, renders
both versions with each commit's renderer and merges. Template-only: generated
projects test the merge rules in tests/test_update_merge.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from combined.tools.generator import generate, manifest, tree
from combined.tools.generator.options import parse_options
from combined.tools.update.record import RECORD_FILE, TemplateRecord
from core.settings import BASE_DIR
from tests.environment import TEST_ENV

IDENTITY = ["-c", "user.name=Template Tests", "-c", "user.email=tests@localhost"]
DEPLOY_DOC = "docs/deploy.md"
HEAD_TEMPLATE = "combined/tools/generator/templates/readme_head.md.jinja"


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def template_files() -> list[str]:
    """This template's files, but the third-party projects the adopt suite runs
    (manifest.THIRD_PARTY: 2,200 of its 2,600 files, 17 MB): never rendered, they
    only made every clone and checkout of the test's template repository slower."""
    return [rel for rel in tree.source_files(BASE_DIR) if not rel.startswith(manifest.THIRD_PARTY)]


@pytest.fixture(scope="module")
def template_v1(tmp_path_factory, template_files) -> Path:
    """A git repository of this template, one commit, made once per module: copying
    and committing the tree costs about 2 CPU-seconds, a clone of it a tenth."""
    root = tmp_path_factory.mktemp("template-v1") / "template"
    for rel in template_files:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BASE_DIR / rel, target)
    git(root, "init", "-q", "-b", "main")
    commit(root, "template v1")
    return root


@pytest.fixture
def template(tmp_path, template_v1) -> Path:
    """A git repository of this template, one commit: the test's own clone of
    :func:`template_v1`, to which it may commit later versions."""
    root = tmp_path / "template"
    git(tmp_path, "clone", "-q", str(template_v1), str(root))
    git(root, "remote", "remove", "origin")  # else the project records the origin's URL
    return root


@pytest.fixture
def project(tmp_path, template) -> Path:
    """A core-only project made from ``template``, with its owner's first commit."""
    dest = tmp_path / "acme"
    generate(parse_options(dest=dest, name="acme", without="example,tenancy,takeover,bench"),
             template=template)  # fmt: skip
    edit(dest / DEPLOY_DOC, "## Zero-downtime reloads", "## Zero-downtime reloads (ours)")
    (dest / "mine.txt").write_text("the owner's own file\n")
    commit(dest, "owner's changes")
    return dest


def update(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    drop = set(TEST_ENV) | {"DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPATH"] = str(project)  # the project's own code, as its console script has
    return subprocess.run(
        [sys.executable, "-m", "combined.tools.cli", "update", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def recorded(project: Path) -> str:
    return TemplateRecord.load(project).commit or ""


def test_a_clean_update_merges_the_templates_changes_and_keeps_the_owners(template, project):
    edit(template / DEPLOY_DOC, "# Deploying:", "# Deploying (v2):")
    (template / "docs" / "upgrading.md").write_text("# Upgrading\n\nNew in v2.\n")
    (template / "deploy" / "systemd" / "combined@.service").unlink()
    edit(template / HEAD_TEMPLATE, "# {{ name }}\n", "# {{ name }}\n\nRendered by v2.\n")
    v2 = commit(template, "template v2")

    result = update(project)
    assert result.returncode == 0, result.stdout + result.stderr
    deploy = (project / DEPLOY_DOC).read_text()
    assert "# Deploying (v2):" in deploy and "## Zero-downtime reloads (ours)" in deploy
    assert (project / "docs" / "upgrading.md").read_text() == "# Upgrading\n\nNew in v2.\n"
    assert not (project / "deploy" / "systemd" / "combined@.service").exists()
    assert "Rendered by v2." in (project / "README.md").read_text()  # v2's own renderer
    assert (project / "mine.txt").read_text() == "the owner's own file\n"
    assert recorded(project) == v2
    assert "  merged  docs/deploy.md" in result.stdout
    assert "   added  docs/upgrading.md" in result.stdout
    assert " deleted  deploy/systemd/combined@.service" in result.stdout
    status = [line.strip() for line in git(project, "status", "--porcelain").splitlines()]
    assert f"M {RECORD_FILE}" in status  # left for the owner to review and commit


def test_a_conflicting_update_leaves_markers_lists_them_and_exits_1(template, project):
    edit(template / DEPLOY_DOC, "## Zero-downtime reloads", "## Zero-downtime reloads (v2)")
    v2 = commit(template, "template v2")
    before = (project / DEPLOY_DOC).read_text()

    result = update(project)
    assert result.returncode == 1
    text = (project / DEPLOY_DOC).read_text()
    assert "<<<<<<< yours\n## Zero-downtime reloads (ours)\n=======\n" in text
    assert f"## Zero-downtime reloads (v2)\n>>>>>>> template {v2[:7]}\n" in text
    assert "conflict  docs/deploy.md" in result.stdout
    assert "1 conflict(s): docs/deploy.md" in result.stderr
    assert recorded(project) == v2  # the markers belong to this merge
    git(project, "checkout", "--", ".")  # the undo the command names
    assert (project / DEPLOY_DOC).read_text() == before
    assert recorded(project) != v2


@pytest.mark.parametrize("change", ["modified", "untracked"])
def test_a_dirty_work_tree_is_refused_and_nothing_is_written(template, project, change):
    edit(template / DEPLOY_DOC, "# Deploying:", "# Deploying (v2):")
    commit(template, "template v2")
    v1 = recorded(project)
    if change == "modified":
        edit(project / "README.md", "# Acme", "# Acme (draft)")
    else:
        (project / "scratch.txt").write_text("not committed\n")
    deploy = (project / DEPLOY_DOC).read_text()

    result = update(project)
    assert result.returncode == 1
    assert result.stderr.startswith("combined update: the work tree has changes")
    assert (project / DEPLOY_DOC).read_text() == deploy
    assert recorded(project) == v1


def test_to_a_given_version_then_to_the_latest(template, project):
    edit(template / DEPLOY_DOC, "# Deploying:", "# Deploying (v2):")
    v2 = commit(template, "template v2")
    git(template, "tag", "v2")
    edit(template / DEPLOY_DOC, "# Deploying (v2):", "# Deploying (v3):")
    v3 = commit(template, "template v3")

    assert update(project, "--to", "v2").returncode == 0
    assert recorded(project) == v2 and "(v2)" in (project / DEPLOY_DOC).read_text()
    commit(project, "take template v2")
    result = update(project)
    assert result.returncode == 0, result.stderr
    assert recorded(project) == v3 and "(v3)" in (project / DEPLOY_DOC).read_text()


def test_no_new_version_changes_nothing(project):
    result = update(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Already at the template's latest version")
    assert git(project, "status", "--porcelain") == ""


def test_an_unknown_version_stops_with_one_line_and_writes_nothing(project):
    result = update(project, "--to", "no-such-branch")
    assert result.returncode == 1
    assert "combined update: 'no-such-branch' is not a branch, tag or commit" in result.stderr
    assert git(project, "status", "--porcelain") == ""


def test_the_template_repository_itself_has_no_record():
    assert not (BASE_DIR / RECORD_FILE).exists()
    result = subprocess.run(
        [sys.executable, "-m", "combined.tools.cli", "update"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "combined update: no .template.json" in result.stderr

"""``combined update --without/--with/--backend-prefix``: changing a project's options.

The same setting as test_template_update.py (a local template repository, a
project generated from it and edited by its owner), with the project's own
``combined update`` changing the options it recorded. Template-only.
"""

from __future__ import annotations

import pytest

from combined.tools.generator import generate
from combined.tools.generator.options import parse_options
from combined.tools.update.record import TemplateRecord
from tests import test_template_update as base
from tests.test_template_update import commit, edit, git, update

# The template repository, as the other update tests build it.
template_files, template_v1, template = base.template_files, base.template_v1, base.template

NOTES = "django_site/notes"
NOTES_TEMPLATES = "django_site/templates/notes"
SETTINGS = "django_site/settings.py"


@pytest.fixture
def project(tmp_path, template):
    """A project with the sample app (no other feature), edited by its owner."""
    dest = tmp_path / "acme"
    options = parse_options(dest=dest, name="acme", without="tenancy,takeover,bench")
    generate(options, template=template)
    edit(dest / "README.md", "# Acme", "# Acme (ours)")
    (dest / "mine.txt").write_text("the owner's own file\n")
    commit(dest, "owner's changes")
    return dest


def options(project):
    return TemplateRecord.load(project).options


def test_without_deletes_the_features_files_and_folders_and_keeps_the_owners(project):
    before = TemplateRecord.load(project)
    (project / NOTES / "__pycache__").mkdir()  # bytecode, as a run leaves it (ignored)
    (project / NOTES / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"\0")
    assert "notes" in (project / SETTINGS).read_text()

    result = update(project, "--without", "example")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / NOTES).exists() and not (project / NOTES_TEMPLATES).exists()
    assert "notes" not in (project / SETTINGS).read_text()  # its marked lines are gone
    assert (project / "README.md").read_text().startswith("# Acme (ours)")
    assert (project / "mine.txt").read_text() == "the owner's own file\n"
    assert f" deleted  {NOTES}/views.py" in result.stdout
    assert "Features: none (the core only)." in result.stdout
    after = TemplateRecord.load(project)
    assert after.options["features"] == [] and after.commit == before.commit
    assert "notes" not in git(project, "ls-files", "--others", "--exclude-standard")


def test_an_edited_file_of_a_feature_taken_out_is_kept_as_a_conflict(project):
    edit(project / NOTES / "views.py", '"""', '"""Ours. ')
    (project / NOTES / "migrations" / "0099_ours.py").write_text("# our migration\n")
    commit(project, "our notes view and migration")

    result = update(project, "--without", "example")
    assert result.returncode == 1
    assert f"conflict  {NOTES}/views.py  (the template deleted it; you changed it" in result.stdout
    assert f"1 conflict(s): {NOTES}/views.py" in result.stderr
    assert (project / NOTES / "views.py").read_text().startswith('"""Ours. ')
    assert not (project / NOTES / "models.py").exists()  # the untouched rest went
    assert (project / NOTES / "migrations" / "0099_ours.py").exists()  # the owner's own
    assert f"    kept  {NOTES}/migrations/  (it holds files of yours" in result.stdout
    assert options(project)["features"] == []


def test_with_renders_a_feature_in_and_a_new_prefix_moves_what_names_it(project):
    (project / ".env").write_text("DEBUG=true\nBACKEND_PREFIX=/backend\n")  # ignored by git
    result = update(project, "--with", "bench", "--backend-prefix", "internal/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "bench" / "__main__.py").is_file()
    assert "   added  bench/__main__.py" in result.stdout
    readme = (project / "README.md").read_text()
    assert readme.startswith("# Acme (ours)") and "/internal/" in readme
    assert "/backend/" not in readme
    assert (project / ".env").read_text() == "DEBUG=true\nBACKEND_PREFIX=/internal\n"
    assert options(project)["backend_prefix"] == "/internal"
    assert set(options(project)["features"]) == {"example", "bench"}
    assert "Set BACKEND_PREFIX=/internal wherever the site runs" in result.stdout


def test_set_gives_a_feature_added_its_own_option(project):
    result = update(project, "--with", "tenancy", "--set", "tenancy=path")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "combined" / "tenancy.py").is_file()
    assert options(project)["tenancy"] == "path"
    assert "| `TENANCY` | `path` | --tenancy |" in (project / "README.md").read_text()
    assert "tenancy=path now: the README's settings table lists what it sets" in result.stdout


BAD = [
    (["--without", "bench"], "--without: 'bench' is not one of its features (example)"),
    (["--with", "example"], "--with: the project has 'example' already"),
    (["--with", "nosuch"], "--with: unknown feature 'nosuch'; the features are"),
    (["--backend-prefix", "/"], "--backend-prefix: must name a path such as /backend"),
    (["--backend-prefix", "/notes"], "--backend-prefix: /notes holds the pages of the"),
    (["--with", "bench", "--without", "bench"], "--with: 'bench' is also in --without"),
    (["--set", "tenancy=path"], "--set: 'tenancy' is not one of its features, after this"),
    (["--with", "tenancy", "--set", "tenancy=sideways"], "--set tenancy: Input should be"),
]


def test_a_bad_option_stops_with_one_line_naming_it_and_changes_nothing(project):
    before = (project / ".template.json").read_text()
    for args, line in BAD:  # one project for all: none of them may change it
        result = update(project, *args)
        assert result.returncode == 1, args
        assert result.stderr.startswith(f"combined update: {line}"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert git(project, "status", "--porcelain") == ""
        assert (project / ".template.json").read_text() == before

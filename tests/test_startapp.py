"""``combined startapp``: a Django app in apps/NAME, added to INSTALLED_APPS."""

from __future__ import annotations

import ast
import shutil

import pytest
from click.testing import CliRunner

from combined import startapp
from combined.cli import main
from core.settings import BASE_DIR


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the settings file and an empty apps/ folder, in place of the real ones."""
    settings_file = tmp_path / "settings.py"
    shutil.copy(BASE_DIR / "django_site" / "settings.py", settings_file)
    monkeypatch.setattr(startapp, "APPS_DIR", tmp_path / "apps")
    monkeypatch.setattr(startapp, "SETTINGS_FILE", settings_file)
    return tmp_path


def installed_apps(settings_file) -> list[str]:
    for node in ast.parse(settings_file.read_text()).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "INSTALLED_APPS":
            return [element.value for element in node.value.elts]
    raise AssertionError("no INSTALLED_APPS")


def test_creates_the_app_with_djangos_template_and_installs_it(project):
    result = CliRunner().invoke(main, ["startapp", "shop"])
    assert result.exit_code == 0, result.output
    assert "added 'shop' to INSTALLED_APPS" in result.output
    app = project / "apps" / "shop"
    assert {"__init__.py", "apps.py", "models.py", "views.py", "tests.py"} <= {
        p.name for p in app.iterdir()
    }
    assert "name = 'shop'" in (app / "apps.py").read_text()  # Django's template
    assert installed_apps(project / "settings.py")[-1] == "shop"
    assert CliRunner().invoke(main, ["startapp", "blog"]).exit_code == 0
    assert installed_apps(project / "settings.py")[-2:] == ["shop", "blog"]


@pytest.mark.parametrize("name", ["1shop", "django", "shop-app"])
def test_a_name_django_refuses_leaves_nothing_behind(project, name):
    before = (project / "settings.py").read_text()
    result = CliRunner().invoke(main, ["startapp", name])
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert not (project / "apps" / name).exists()
    assert (project / "settings.py").read_text() == before


def test_an_existing_folder_is_refused(project):
    (project / "apps" / "shop").mkdir(parents=True)
    result = CliRunner().invoke(main, ["startapp", "shop"])
    assert result.exit_code == 1
    assert "exists already" in result.output


def test_without_the_marker_it_names_the_edit(project):
    settings_file = project / "settings.py"
    settings_file.write_text(settings_file.read_text().replace(startapp.MARKER, ""))
    result = CliRunner().invoke(main, ["startapp", "shop"])
    assert result.exit_code == 0
    assert "Add 'shop' to INSTALLED_APPS in django_site/settings.py" in result.output

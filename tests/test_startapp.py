"""``combined startapp``: a Django app in apps/NAME, added to INSTALLED_APPS."""

from __future__ import annotations

import ast
import secrets
import shutil

import pytest
from click.testing import CliRunner

from combined.tools import startapp
from combined.tools.cli import main
from core.settings import BASE_DIR


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the settings file and an empty apps/ folder, in place of the real ones."""
    settings_file = tmp_path / "settings.py"
    shutil.copy(BASE_DIR / "django_site" / "settings.py", settings_file)
    monkeypatch.setattr(startapp, "APPS_DIR", tmp_path / "apps")
    monkeypatch.setattr(startapp, "SETTINGS_FILE", settings_file)
    return tmp_path


# Names no project has: Django's startapp refuses a name that is already importable,
# and the project's own apps (apps/ is on sys.path) may well be called shop or blog.
SHOP, BLOG = (f"{name}_{secrets.token_hex(4)}" for name in ("shop", "blog"))


def installed_apps(settings_file) -> list[str]:
    for node in ast.parse(settings_file.read_text()).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "INSTALLED_APPS":
            return [element.value for element in node.value.elts]
    raise AssertionError("no INSTALLED_APPS")


def test_creates_the_app_with_djangos_template_and_installs_it(project):
    result = CliRunner().invoke(main, ["startapp", SHOP])
    assert result.exit_code == 0, result.output
    assert f"added '{SHOP}' to INSTALLED_APPS" in result.output
    app = project / "apps" / SHOP
    assert {"__init__.py", "apps.py", "models.py", "views.py", "tests.py"} <= {
        p.name for p in app.iterdir()
    }
    assert f"name = '{SHOP}'" in (app / "apps.py").read_text()  # Django's template
    assert installed_apps(project / "settings.py")[-1] == SHOP
    assert CliRunner().invoke(main, ["startapp", BLOG]).exit_code == 0
    assert installed_apps(project / "settings.py")[-2:] == [SHOP, BLOG]


@pytest.mark.parametrize("name", ["1shop", "django", "shop-app"])
def test_a_name_django_refuses_leaves_nothing_behind(project, name):
    before = (project / "settings.py").read_text()
    result = CliRunner().invoke(main, ["startapp", name])
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert not (project / "apps" / name).exists()
    assert (project / "settings.py").read_text() == before


def test_an_existing_folder_is_refused(project):
    (project / "apps" / SHOP).mkdir(parents=True)
    result = CliRunner().invoke(main, ["startapp", SHOP])
    assert result.exit_code == 1
    assert "exists already" in result.output


def test_without_the_marker_it_names_the_edit(project):
    settings_file = project / "settings.py"
    settings_file.write_text(settings_file.read_text().replace(startapp.MARKER, ""))
    result = CliRunner().invoke(main, ["startapp", SHOP])
    assert result.exit_code == 0
    assert f"Add '{SHOP}' to INSTALLED_APPS in django_site/settings.py" in result.output

"""``manage.py test`` is a test command of the project: it runs the apps' tests in ``apps/``.

Each case runs ``manage.py test`` in a subprocess, as a developer types it, with the
site's own settings and its ``TEST_RUNNER`` (``django_site.test_runner``), only
``APPS_DIR`` pointed at a folder of apps the case writes. Without a label it runs
those apps' tests and never the project's pytest suite in ``tests/`` (which Django's
default runner would try to load from the project's root); with a label, what the
label names. The apps' tests use Django's test client on both halves.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SETTINGS = """\
import sys
from pathlib import Path

from django_site.settings import *  # noqa: F403
from django_site.settings import INSTALLED_APPS

APPS_DIR = Path(__file__).resolve().parent / "apps"
sys.path.append(str(APPS_DIR))
INSTALLED_APPS = [*INSTALLED_APPS, {apps}]
"""

GREETINGS_TESTS = """\
from django.conf import settings
from django.test import TestCase


class SiteTests(TestCase):
    def test_the_home_page(self):
        self.assertContains(self.client.get("/"), settings.SITE_NAME)

    def test_a_backend_page(self):
        response = self.client.get(settings.BACKEND_PREFIX + "/")
        self.assertEqual(response.status_code, 200)
"""

GREETINGS_MORE = """\
from django.test import SimpleTestCase


class MoreTests(SimpleTestCase):
    def test_arithmetic(self):
        self.assertEqual(1 + 1, 2)
"""

FAILING = """\
from django.test import SimpleTestCase


class FailingTests(SimpleTestCase):
    def test_fails(self):
        self.assertEqual(1 + 1, 3)
"""


def project_with(tmp_path: Path, apps: dict[str, dict[str, str]]) -> Path:
    """A settings module (``case_settings``) in ``tmp_path``, whose APPS_DIR holds ``apps``."""
    for app, files in apps.items():
        folder = tmp_path / "apps" / app
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
        for name, text in files.items():
            (folder / name).write_text(text)
    (tmp_path / "apps").mkdir(exist_ok=True)
    installed = ", ".join(repr(app) for app in apps)
    (tmp_path / "case_settings.py").write_text(SETTINGS.format(apps=installed))
    return tmp_path


def manage_py_test(settings_dir: Path, *labels: str) -> tuple[int, int, str]:
    """(exit status, tests run, output) of ``manage.py test LABELS`` at the project's root."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "case_settings",
        "PYTHONPATH": str(settings_dir),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "test", "--noinput", *labels],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    ran = re.search(r"^Ran (\d+) tests? in ", output, re.MULTILINE)
    assert ran, output
    return done.returncode, int(ran[1]), output


@pytest.fixture
def greetings(tmp_path: Path) -> Path:
    files = {"tests.py": GREETINGS_TESTS, "test_more.py": GREETINGS_MORE}
    return project_with(tmp_path, {"greetings": files})


def test_without_a_label_it_runs_the_tests_of_the_apps_in_apps(greetings):
    status, ran, output = manage_py_test(greetings)
    assert (status, ran) == (0, 3), output
    assert re.search(r"^OK$", output, re.MULTILINE), output


def test_a_label_names_what_to_run(greetings):
    status, ran, output = manage_py_test(greetings, "greetings.test_more")
    assert (status, ran) == (0, 1), output


def test_with_no_app_in_apps_it_runs_nothing_of_the_projects_own_suite(tmp_path):
    status, ran, output = manage_py_test(project_with(tmp_path, {}))
    assert (status, ran) == (0, 0), output
    assert "no installed app in apps/" in output


def test_a_failing_app_test_fails_the_command(tmp_path):
    status, ran, output = manage_py_test(project_with(tmp_path, {"broken": {"tests.py": FAILING}}))
    assert (status, ran) == (1, 1), output
    assert "FAILED (failures=1)" in output

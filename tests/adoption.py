"""Helpers for the adoption tests: sites to adopt, ``combined adopt``, a site's own tests.

A site here is a folder with its own git history, adopted by the real command
(``combined adopt``, a subprocess) and tested with its own test command in its own
interpreter: the counts those commands print are what the tests compare.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.environment import TEST_ENV

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
COMBINED = Path(sys.executable).with_name("combined")
IDENTITY = ["-c", "user.name=Site Team", "-c", "user.email=team@example.test"]


@dataclass
class Run:
    """One run of a site's test command: how many tests ran, and whether all passed."""

    count: int
    passed: bool
    output: str


def site_env(**extra: str) -> dict[str, str]:
    """The environment a site's commands get: none of this test run's own settings.

    The variables tests/environment.py pins for the template (``DEBUG=false`` among
    them) are the template's, not the site's: Modoboa turns ``DEBUG`` on when the
    variable exists at all, Healthchecks refuses ``false``.
    """
    drop = {*TEST_ENV, "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, **extra}


def git(site: Path, *args: str) -> str:
    result = subprocess.run(["git", *IDENTITY, *args], cwd=site, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def commit_all(site: Path, message: str) -> None:
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", message)


def state(site: Path) -> tuple[str, str]:
    """(HEAD, ``git status``): what a refused adoption must leave as it was."""
    return git(site, "rev-parse", "HEAD"), git(site, "status", "--porcelain", "--ignored")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def startproject_site(parent: Path, python: str = sys.executable) -> Path:
    """``django-admin startproject mysite`` plus the ``shop`` app, as a team adds an app."""
    site = parent / "mysite"
    site.mkdir()
    subprocess.run([python, "-m", "django", "startproject", "mysite", "."], cwd=site, check=True)
    shutil.copytree(FIXTURES / "shop", site / "shop", ignore=shutil.ignore_patterns("*.pyc"))
    settings = site / "mysite" / "settings.py"
    replace(
        settings,
        "'django.contrib.staticfiles',\n]",
        "'django.contrib.staticfiles',\n    'shop',\n]",
    )
    urls = site / "mysite" / "urls.py"
    replace(urls, "from django.urls import path", "from django.urls import include, path")
    replace(
        urls,
        "    path('admin/', admin.site.urls),",
        "    path('admin/', admin.site.urls),\n    path('shop/', include('shop.urls')),",
    )
    (site / ".gitignore").write_text("db.sqlite3\n__pycache__/\n", encoding="utf-8")
    git(site, "init", "-q")
    commit_all(site, "A Django project with a shop")
    return site


def adopt(
    path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``combined adopt PATH ARGS``, as the team runs it: with the site's environment."""
    return subprocess.run(
        [str(COMBINED), "adopt", str(path), *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env=site_env(**(env or {})),
    )


_RAN = re.compile(r"^Ran (\d+) tests? in", re.MULTILINE)


def manage_py_test(site: Path, python: str, *labels: str, env: dict[str, str] | None = None) -> Run:
    """``python manage.py test LABELS`` in the site: Django's runner, or the site's own."""
    result = subprocess.run(
        [python, "manage.py", "test", "--noinput", *labels],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=900,
        env=site_env(**(env or {})),
    )
    output = result.stdout + result.stderr
    found = _RAN.search(output)
    count = int(found[1]) if found else -1
    return Run(count, result.returncode == 0 and "\nOK" in output, output)

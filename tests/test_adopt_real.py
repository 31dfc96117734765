"""``combined adopt`` on three real open-source Django projects, with their own suites.

tests/fixtures/real/ holds trimmed copies of ephios (pytest-django, django-webtest,
a hash-locked ``uv.lock``), Modoboa (``manage.py test`` with its own ``TEST_RUNNER``,
an installed package) and Healthchecks (``manage.py test`` with its own
``TEST_RUNNER``, a pinned ``requirements.txt``, ``@login_required`` pages), each with
a ``*.SOURCE.md`` saying where it came from. For each, in
a fresh copy with its own virtualenv, installed the way the project installs: its
own suite, test files unchanged, passes with the same count before adoption, after
it (and after the project's usual install, which now brings the layer), and after
three pages moved to Flask (``*.moves/moves.py``); a moved view made wrong fails it.

Marker ``adopt``: it installs from PyPI and runs each suite four times, minutes in
all, 2.5-3.5 of them Healthchecks' (.ci/suites/45-adopt.sh runs it; the default run
leaves it out).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from tests.adoption import FIXTURES, Run, adopt, commit_all, git, manage_py_test, site_env

pytestmark = pytest.mark.adopt
REAL = FIXTURES / "real"
EPHIOS_ENV = {
    "DEBUG": "True",
    "DATABASE_URL": "sqlite:///data/db.sqlite3",
    "ALLOWED_HOSTS": "*",
    "SITE_URL": "http://localhost:8000",
    "EMAIL_URL": "consolemail://",
    "DEFAULT_FROM_EMAIL": "webmaster@localhost",
    "SERVER_EMAIL": "root@localhost",
    "ADMINS": "Root User <root@localhost.dev>",
}

HEALTHCHECKS_ENV = {
    "SECRET_KEY": "dummy-key",  # as its CI sets it
    "DEBUG": "True",  # its default, which its CI keeps
}


@dataclass
class Project:
    name: str
    count: int  # the suite's count, recorded when the copy was pinned (*.SOURCE.md)
    env: dict[str, str] = field(default_factory=dict)


PROJECTS = [
    Project("ephios", 33, EPHIOS_ENV),
    Project("modoboa", 27, {"DB": "sqlite"}),
    Project("healthchecks", 65, HEALTHCHECKS_ENV),
]


def sh(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def moves(name: str) -> ModuleType:
    path = REAL / f"{name}.moves" / "moves.py"
    spec = importlib.util.spec_from_file_location(f"{name}_moves", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Site:
    """A copy of one fixture in its own git repository and virtualenv."""

    def __init__(self, project: Project, tmp: Path) -> None:
        self.project = project
        self.root = tmp / project.name
        shutil.copytree(REAL / project.name, self.root)
        git(self.root, "init", "-q")
        commit_all(self.root, f"{project.name}, as pinned")
        self.venv = tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
        self.python = str(self.venv / "bin" / "python")
        self.env = site_env(
            **project.env, VIRTUAL_ENV=str(self.venv), UV_PROJECT_ENVIRONMENT=str(self.venv)
        )
        self.env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{self.env['PATH']}"

    def install(self) -> None:
        """The project's own install command, as its SOURCE.md gives it."""
        if self.project.name == "ephios":  # uv's locked install, into this virtualenv
            if not (self.venv / "bin" / "uv").exists():
                sh([self.python, "-m", "pip", "install", "--quiet", "uv"], self.root, self.env)
            sh([str(self.venv / "bin" / "uv"), "sync", "--frozen", "--dev", "--quiet",
                "--no-install-project"], self.root, self.env)  # fmt: skip
            sh([self.python, "manage.py", "build"], self.root, self.env)
        elif self.project.name == "modoboa":
            constraints = str(REAL / "modoboa.constraints.txt")
            sh([self.python, "-m", "pip", "install", "--quiet", "-e", ".[test,dev]",
                "-c", constraints], self.root, self.env)  # fmt: skip
        else:  # healthchecks: its requirements.txt, as its CI installs it
            constraints = str(REAL / "healthchecks.constraints.txt")
            sh([self.python, "-m", "pip", "install", "--quiet", "-r", "requirements.txt",
                "-c", constraints], self.root, self.env)  # fmt: skip

    def relock(self) -> None:
        """What adopt said to run for a hash-locked project (ephios: ``uv lock``)."""
        sh([str(self.venv / "bin" / "uv"), "lock", "--quiet"], self.root, self.env)

    def test(self) -> Run:
        if self.project.name == "ephios":
            command = [self.python, "-m", "pytest", "tests/", "-q", "-p", "no:cacheprovider"]
            result = subprocess.run(
                command, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=900
            )
            output = result.stdout + result.stderr
            passed = re.search(r"(\d+) passed", output)
            count = int(passed[1]) if passed else -1
            failed = re.search(r"(\d+) failed", output)
            count += int(failed[1]) if failed else 0
            return Run(count, result.returncode == 0, output)
        if self.project.name == "healthchecks":  # its CI: manage.py test, from the root
            return manage_py_test(self.root, self.python, env=self.project.env)
        site = self.root / "test_project"
        return manage_py_test(site, self.python, "modoboa", env=self.project.env)


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_a_real_projects_suite_before_after_adoption_and_after_moving_pages(project, tmp_path):
    site = Site(project, tmp_path)
    site.install()
    before = site.test()
    assert (before.passed, before.count) == (True, project.count), before.output[-3000:]
    assert git(site.root, "status", "--porcelain") == "", "the build must leave the tree clean"

    adopted = adopt(site.root, "--python", site.python, env=project.env)
    assert adopted.returncode == 0, adopted.stderr
    if project.name == "ephios":
        assert "uv lock" in adopted.stdout  # hash-locked: relock, no unhashed line
        assert "django-flask-combined" not in (site.root / "uv.lock").read_text()
        site.relock()
    site.install()
    after = site.test()
    assert (after.passed, after.count) == (True, before.count), after.output[-3000:]

    mover = moves(project.name)
    mover.apply(site.root)
    moved = site.test()
    assert (moved.passed, moved.count) == (True, before.count), moved.output[-3000:]

    mover.break_one(site.root)
    broken = site.test()
    assert not broken.passed and broken.count == before.count, broken.output[-3000:]

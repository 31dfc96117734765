"""The ``generator`` suite (slow, run by .ci/suites/40-generator.sh): projects made
from a fresh clone pass their own README commands.

A "fresh clone" is this repository's tracked files in a new git repository,
without ``.venv/``. There ``python3 dev.py new`` sets up the clone's venv
(without the test run) and makes the project with every feature; it serves its
site with ``python3 dev.py serve``. Every process runs with an environment
stripped of this test run's pinned settings, so a project's own ``.env`` counts.

Which projects run their own suite (``python3 dev.py test``: own venv, own tests,
then ``ruff check``), and why these: every one of the 16 combinations of the four
features is rendered and checked statically (test_generator_slices.py: no name of a
left-out feature, ruff, ``manage.py check``), so a full run has to catch what only
running the tests shows, and that is a feature leaning on another one. Hence core-only
and each feature alone left out (every feature once missing while all the others are
present). The one without the example is made with ``--database postgresql --tenancy
path``: its ``check``, ``migrate`` and ``showmigrations`` run on PostgreSQL (its tests,
like every project's, on their own SQLite file: tests/environment.py keeps ``.env``
out), and path tenancy, which no other project has, runs its tests. The project with
every feature is the template's own code under another name and prefix: the template's
own run (the README's ``python3 dev.py test``, first in .ci/run) runs those tests, so
here it collects its tests (every test module imports under the new name), passes ruff
and serves its site with the README's command and its ``/api`` prefix. Until 2026-12
the set was each feature alone instead of each left out, plus a full run of the all-on
project and a seventh, core-only project on PostgreSQL: the first were mostly the
core's tests again, a feature alone is checked by the static checks, while each
feature missing from an otherwise full project is the likelier break (more code around
the gap), and the seventh ran the same SQLite tests as core-only but for path tenancy.
What this set misses is a feature that works only when one of two others is present.
Tests run, counted by collecting each project: 4,108 in the seven generated runs of
2026-11-29, 3,818 in these five; .ci/run as a whole runs more than it did then (the
template's own run went from 889 tests to 1,032, the adopt suite's real projects add
500).

The runs start together at the first test that needs one, at most ``RUNS_AT_ONCE``
at a time, and each test waits for its own, so two of them keep a 2-core machine busy.
The five full runs share one installed environment, as the CI issue asks: one
virtualenv with requirements/dev.txt installed (from .ci/run's wheelhouse), of which
each project's ``.venv`` starts as a hard-linked copy (:func:`venv_copy`). Every
project has the same lock file, so that is what ``python3 dev.py test`` would have
installed; it then finds the lock satisfied and installs only the project itself.
That spares each run about 13 CPU-seconds of creating a virtualenv and unpacking the
same 60 wheels (about 50 in all, the shared one's install counted). Setting a
virtualenv up from nothing is still tested on every run: by the all-on project here
(the README's ``dev.py new``, then ``dev.py test --collect-only`` in the project),
by the polls walk-through and by .ci/run's own first step.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

import dev
from combined.tools.generator import manifest, tree
from core.settings import BASE_DIR
from tests.environment import TEST_ENV

pytestmark = pytest.mark.generator
PYTHON3 = shutil.which("python3")
INSTALL_AND_TEST_TIMEOUT = 1800  # runs share the machine (RUNS_AT_ONCE)
RUNS_AT_ONCE = 2
# The projects that run their own suite besides the all-on one: label -> --without.
FULL_RUNS = {
    "core-only": manifest.SLICE_NAMES,
    **{f"without-{name}": (name,) for name in manifest.SLICE_NAMES},
}
ON_POSTGRESQL = "without-example"  # made with --database postgresql --tenancy path


def child_env() -> dict[str, str]:
    drop = set(TEST_ENV) | {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "VIRTUAL_ENV", "DEBUG"}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST_")}


def run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    if PYTHON3 is None:
        pytest.skip("no python3 on PATH for the README's commands")
    return subprocess.run(
        args, cwd=cwd, env=child_env(), capture_output=True, text=True, timeout=timeout
    )


def combined_new(dest: Path, *options: str) -> str:
    """``combined new DEST OPTIONS`` with this template (its venv's Python); what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "combined.tools.cli", "new", str(dest), *options],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """This template as a fresh clone has it: tracked files, a commit, no .venv/."""
    root = tmp_path_factory.mktemp("clone") / "django-flask"
    for rel in tree.source_files(BASE_DIR):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BASE_DIR / rel, root / rel)
    identity = ["-c", "user.name=CI", "-c", "user.email=ci@localhost"]
    for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-q", "-m", "clone"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root


def made_by_the_readme(clone: Path) -> Path:
    """The README's first command, from the fresh clone: every feature, prefix /api."""
    result = run(
        [PYTHON3, "dev.py", "new", "../acme-site", "--name", "acme-site", "--domain",
         "acme.test", "--backend-prefix", "/api"],
        cwd=clone,
        timeout=INSTALL_AND_TEST_TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Created Acme Site in " in result.stdout
    assert "passed" not in result.stdout  # it set the venv up without running the tests
    assert (clone / ".venv" / "bin" / "combined").exists()
    return clone.parent / "acme-site"


def dev_test(project: Path) -> int:
    """``python3 dev.py test`` and ``ruff check`` in ``project``; how many tests passed."""
    result = run([PYTHON3, "dev.py", "test", "-q", "-p", "no:cacheprovider"], project,
                 timeout=INSTALL_AND_TEST_TIMEOUT)  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1:] or [result.stderr[-2000:]]
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    passed = re.search(r"(\d+) passed", summary[0])
    assert passed and int(passed.group(1)) > 0, summary
    assert not re.search(r"\d+ (failed|error)", summary[0]), summary
    ruff_is_clean(project)
    return int(passed.group(1))


def ruff_is_clean(project: Path) -> None:
    ruff = run([str(project / ".venv" / "bin" / "ruff"), "check", "--no-cache", "."], project)
    assert ruff.returncode == 0, ruff.stdout[-3000:]


def dev_collect(project: Path) -> int:
    """``python3 dev.py test --collect-only`` (it sets up the venv) and ``ruff check`` in
    ``project``; how many tests it collected."""
    result = run([PYTHON3, "dev.py", "test", "--collect-only", "-q", "-p", "no:cacheprovider"],
                 project, timeout=INSTALL_AND_TEST_TIMEOUT)  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    collected = re.search(r"^(\d+)(/\d+)? tests? collected", result.stdout, re.MULTILINE)
    assert collected, result.stdout[-2000:]
    ruff_is_clean(project)
    return int(collected.group(1))


def made_and_tested(dest: Path, without: tuple[str, ...], venv: Path) -> int:
    """``combined new DEST --without ...``, then :func:`dev_test` in it, its ``.venv`` a
    copy of ``venv``. Made with this template's own venv, the clone's copy of the same
    files: the projects need not wait for the clone's venv, which only the all-on
    project's README command needs."""
    combined_new(dest, "--without", ",".join(without))
    venv_copy(venv, dest)
    return dev_test(dest)


def shared_venv(dest: Path) -> Path:
    """A virtualenv at ``dest`` with requirements/dev.txt installed by ``dev.py``'s own pip
    command, without the project: see the module docstring."""
    steps = (
        [PYTHON3 or sys.executable, "-m", "venv", str(dest)],
        [str(dest / "bin" / "python"), *dev.PIP, "--require-hashes", "-r", str(dev.LOCK)],
    )
    for step in steps:
        done = subprocess.run(step, env=child_env(), capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return dest


def venv_copy(venv: Path, project: Path) -> None:
    """``project/.venv`` as a copy of ``venv`` whose files are hard links (a third of a
    CPU-second, where a copy of its 220 MB takes two). The files naming ``venv`` (the
    scripts' ``#!`` lines, ``activate``, ``pyvenv.cfg``) are written anew, naming the
    copy: a new file, not the shared one written through its link."""
    target = project / ".venv"
    shutil.copytree(venv, target, symlinks=True, copy_function=os.link)
    old, new = str(venv).encode(), str(target).encode()
    for path in [*(target / "bin").iterdir(), target / "pyvenv.cfg"]:
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        if old in data:
            mode = path.stat().st_mode
            path.unlink()
            path.write_bytes(data.replace(old, new))
            path.chmod(mode)


@pytest.fixture(scope="module")
def runs(clone, tmp_path_factory) -> Iterator[dict[str, Future]]:
    """Every project run of this module, started now: {label: Future of its result}."""
    pool = ThreadPoolExecutor(RUNS_AT_ONCE, thread_name_prefix="project")
    # The all-on project first (three tests wait on it; it only collects), then the longest
    # runs: the fewer features left out the longer. Two at a time, the last pair to
    # finish is then the shortest.
    jobs: dict[str, Callable[[], object]] = {"all-on": lambda: made_by_the_readme(clone)}
    venv = pool.submit(shared_venv, tmp_path_factory.mktemp("shared") / "venv")
    for label, without in sorted(FULL_RUNS.items(), key=lambda item: len(item[1])):
        dest = tmp_path_factory.mktemp(label)
        if label == ON_POSTGRESQL:
            jobs[label] = lambda dest=dest, without=without: on_postgresql(
                dest, without, venv.result()
            )
        else:
            jobs[label] = lambda dest=dest, without=without: made_and_tested(
                dest / "site", without, venv.result()
            )
    futures = {label: pool.submit(job) for label, job in jobs.items()}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def acme(runs) -> Path:
    """The all-on project, made by the README's ``python3 dev.py new`` in the clone."""
    return runs["all-on"].result()


@pytest.fixture(scope="module")
def acme_tested(acme) -> int:
    return dev_collect(acme)


def test_full_project_collects_its_tests_and_passes_ruff(acme_tested):
    assert acme_tested >= 800  # the core's tests and every feature's


@pytest.mark.parametrize("label", FULL_RUNS)
def test_core_only_and_each_feature_left_out_pass_their_own_tests(runs, label):
    assert runs[label].result() >= 100  # the core's tests run in every project


def test_generated_project_installs_under_its_own_name_and_has_no_new(acme, acme_tested):
    shown = run([str(acme / ".venv/bin/python"), "-m", "pip", "show", "acme-site"], acme)
    assert shown.returncode == 0 and "Name: acme-site" in shown.stdout, shown.stderr
    refused = run([str(acme / ".venv/bin/combined"), "new", "x"], acme)
    assert refused.returncode == 2
    assert "No such command 'new'" in refused.stderr
    assert not (acme / "x").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_readme_serve_command_runs_the_site_with_the_chosen_settings(acme, acme_tested):
    port = free_port()
    server = subprocess.Popen(
        [PYTHON3, "dev.py", "serve", "--port", str(port), "--no-reload"],
        cwd=acme,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # dev.py starts the server as a child: stop the group
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                home = requests.get(base + "/", timeout=5)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "the site did not come up in 90 s"
                time.sleep(0.5)
        assert home.status_code == 200
        assert "<title>Home · Acme Site</title>" in home.text
        assert 'href="/api/"' in home.text  # --backend-prefix /api, from .env

        # A prefix ending in /api makes the backend the API: its index at /api/.
        api = requests.get(base + "/api/", headers={"Host": "acme.test"}, timeout=5)
        assert api.status_code == 200
        assert {"/api/me", "/api/notes"} <= set(api.json()["endpoints"])
        assert requests.get(base + "/api/me", timeout=5).status_code == 401
        assert requests.get(base + "/api/api/", timeout=5).status_code == 404

        foreign = requests.get(base + "/", headers={"Host": "evil.test"}, timeout=5)
        assert foreign.status_code == 400
        assert (acme / "var" / "db.sqlite3").stat().st_size > 0  # serve migrated it
    finally:
        stop_group(server)


def stop_group(process: subprocess.Popen) -> None:
    """Stop ``process`` and the server it started (same session), by its group id."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
            break
        except subprocess.TimeoutExpired:
            continue
    process.stdout.close()


def postgresql(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True, timeout=60)


def test_the_project_on_postgresql_passes_its_checks_there(runs):
    assert runs[ON_POSTGRESQL].result() >= 100


def on_postgresql(tmp_path: Path, without: tuple[str, ...], venv: Path) -> int:
    """A project with path tenancy on PostgreSQL, its ``.venv`` a copy of ``venv``: its
    tests, then check and migrations on PostgreSQL; how many tests passed."""
    if (
        shutil.which("pg_isready") is None
        or subprocess.run(["pg_isready", "-q", "-h", "localhost"], timeout=30).returncode
    ):
        pytest.skip("no PostgreSQL server on localhost (.ci/services.sh starts one)")
    name = f"mini-{secrets.token_hex(4)}"
    database = name.replace("-", "_")
    dest = tmp_path / name
    made = combined_new(dest, "--without", ",".join(without), "--tenancy", "path",
                        "--database", "postgresql")  # fmt: skip
    assert f"createdb {database}" in made
    assert f"DATABASE_URL=postgres://localhost/{database}\n" in (dest / ".env").read_text()
    postgresql("createdb", "-h", "localhost", database)  # as the README of the project says
    venv_copy(venv, dest)
    try:
        passed = dev_test(dest)
        manage = [str(dest / ".venv/bin/python"), "manage.py"]
        for command in (["check", "--fail-level", "WARNING"], ["migrate", "--noinput"]):
            done = run([*manage, *command], dest)
            assert done.returncode == 0, done.stderr
        migrations = run([*manage, "showmigrations", "--list"], dest)
        assert migrations.returncode == 0, migrations.stderr
        assert "[X] 0001_initial" in migrations.stdout  # applied in PostgreSQL
        assert "tenants" in migrations.stdout and "notes" not in migrations.stdout
        return passed
    finally:
        for db in (database, f"test_{database}"):
            postgresql("dropdb", "-h", "localhost", "--if-exists", db)

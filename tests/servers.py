"""Start real server processes for tests, and always stop them by PID.

``site_env(...)`` is the environment of a site on a fresh, migrated SQLite file
(a copy of one migrated once per test process for the same settings: ``migrate``
takes a second of CPU, and a run starts about 30 servers), ``manage(env, ...)``
runs ``manage.py`` in it, and ``running(...)`` starts a command in its own process
group, waits until a URL answers, yields the ``Popen``, and stops the group in a
``finally`` -- even when the test fails.
Use them for uWSGI, ``combined run`` and ``manage.py runserver``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# A server for the core's end-to-end tests runs the shipped application plus the
# test-only app (tests/testapp/wsgi.py): uWSGI takes ``--module TEST_APP`` after
# ``--ini deploy/uwsgi.ini``, and ``manage`` needs ``DJANGO_SETTINGS_MODULE=TEST_SETTINGS``.
TEST_APP = "tests.testapp.wsgi:application"
TEST_SETTINGS = "tests.settings"
FAST_HASHING = "tests.fast_hashing"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Nobody listens on ``port`` and a new server could bind it (as servers do, with
    ``SO_REUSEADDR``: the connections a test made may linger in TIME_WAIT)."""
    with socket.socket() as probe:
        if probe.connect_ex((host, port)) == 0:
            return False
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def wait_until_free(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_is_free(port):
            return True
        time.sleep(0.1)
    return port_is_free(port)


def stat_fields(pid: int | str) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name (state first), or None
    once the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def descendants(pid: int) -> set[int]:
    """The PIDs of ``pid``'s children, their children and so on (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").glob("[0-9]*"):
        fields = stat_fields(proc.name)
        if fields is not None:  # else gone meanwhile
            children.setdefault(int(fields[1]), []).append(int(proc.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (a zombie waiting for its parent counts as gone)."""
    return {pid for pid in pids if (fields := stat_fields(pid)) is not None and fields[0] != "Z"}


def settled(pids: set[int], quiet: float = 0.5, timeout: float = 30) -> bool:
    """True once none of ``pids`` used any CPU for ``quiet`` seconds: a worker that has
    loaded its app sits idle, one still importing it does not."""

    def cpu_ticks() -> dict[int, int]:  # utime + stime; 0 once gone
        return {pid: sum(int(f) for f in (stat_fields(pid) or [0] * 13)[11:13]) for pid in pids}

    deadline = time.monotonic() + timeout
    before = cpu_ticks()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = cpu_ticks()
        if now == before:
            return True
        before = now
    return False


def get(url: str, host: str | None = None, timeout: float = 10) -> tuple[int, dict, bytes]:
    """GET without following redirects; returns (status, headers, body)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with {proc.returncode}")
        try:
            get(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def stop(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
    """Send ``sig`` to the process group, then SIGKILL what is left."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


@contextlib.contextmanager
def running(
    args: list[str], env: dict[str, str], ready_url: str, log: Path
) -> Iterator[subprocess.Popen]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_for(ready_url, proc)
            yield proc
        finally:
            stop(proc)


def python(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run this Python with ``args`` in the project root; fail with its output unless it
    succeeds, else return what it printed."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=os.environ if env is None else env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def manage(env: dict[str, str], *args: str) -> str:
    """Run ``manage.py ARGS`` with ``env``; fail with its output unless it succeeds."""
    return python("manage.py", *args, env=env)


# Variables that name where a site listens or how many workers it runs: they never
# change its schema, so sites differing only in them share one migrated database file.
_NOT_THE_SCHEMA = {"DATABASE_URL", "PYTEST_CURRENT_TEST", "COMBINED_HTTP", "COMBINED_SOCKET",
                   "COMBINED_PROCESSES"}  # fmt: skip
_migrated: dict[frozenset, Path] = {}


def site_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Environment for a real server: a fresh SQLite DB in ``tmp_path``, migrated, and
    the settings module (``extra``'s, else this process's) with a fast password hasher."""
    database = tmp_path / "site.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{database}",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        **extra,
    }
    # The settings module as given, with passwords hashed fast (tests/fast_hashing.py).
    env["HASHING_FAST_FOR"] = env["DJANGO_SETTINGS_MODULE"]
    env["DJANGO_SETTINGS_MODULE"] = FAST_HASHING
    schema = frozenset((k, v) for k, v in env.items() if k not in _NOT_THE_SCHEMA)
    if schema not in _migrated:
        folder = tempfile.mkdtemp(prefix="migrated-")  # read only; gone when the run ends
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        first = Path(folder) / "site.sqlite3"
        manage({**env, "DATABASE_URL": f"sqlite:///{first}"}, "migrate", "--noinput", "-v0")
        _migrated[schema] = first
    shutil.copyfile(_migrated[schema], database)
    return env

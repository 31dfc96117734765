"""TENANCY under a real uWSGI (deploy/uwsgi.ini) with two worker processes.

The in-process tests cannot show the one thing that needs several processes: a
tenant created by another process (the admin's worker, a management command)
reaches every worker's cache through ``TENANCY_TTL`` alone, without a restart.
The server listens on a free loopback port and is stopped in a ``finally``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
UWSGI = Path(sys.executable).parent / "uwsgi"
TTL = 1.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=60)


def get(port: int, host: str, path: str = "/backend/") -> requests.Response:
    return requests.get(f"http://127.0.0.1:{port}{path}", headers={"Host": host}, timeout=10)


def wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"uWSGI exited with {server.returncode}:\n{log.read_text()[-2000:]}")
        try:
            if get(port, "example.test").status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"uWSGI did not serve within 30 s:\n{log.read_text()[-2000:]}")


@pytest.mark.skipif(not UWSGI.exists(), reason=f"no uwsgi next to {sys.executable} (pyuwsgi)")
def test_tenant_created_by_another_process_reaches_every_worker_within_ttl(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1,.example.test",
        "TENANCY": "subdomain",
        "TENANCY_DOMAIN": "example.test",
        "TENANCY_TTL": str(TTL),
        "COMBINED_HTTP": f"127.0.0.1:{port}",
        "COMBINED_PROCESSES": "2",
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "shell", "-c", "from django_site.tenants.models import Tenant as T; "
           "T.objects.create(slug='acme', name='Acme Corp')")  # fmt: skip
    log = tmp_path / "uwsgi.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(UWSGI), "--ini", "deploy/uwsgi.ini"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    try:
        wait_until_serving(port, server, log)
        # Enough requests to reach both workers; each builds or reuses its own app.
        acme = [get(port, "acme.example.test") for _ in range(6)]
        assert {(r.status_code, "Acme Corp" in r.text) for r in acme} == {(200, True)}
        assert {get(port, "newco.example.test").status_code for _ in range(6)} == {404}

        manage(env, "shell", "-c", "from django_site.tenants.models import Tenant as T; "
               "T.objects.create(slug='newco', name='New Co')")  # fmt: skip
        deadline = time.monotonic() + TTL + 10  # slack for a loaded machine
        while time.monotonic() < deadline:
            answers = [get(port, "newco.example.test") for _ in range(6)]
            if all(r.status_code == 200 and "New Co" in r.text for r in answers):
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"not on every worker: {[r.status_code for r in answers]}")
        assert get(port, "example.test").status_code == 200  # the default backend still
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)

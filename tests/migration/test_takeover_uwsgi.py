"""The moved page through a real uWSGI started from deploy/uwsgi.ini."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uWSGI on a free loopback port, over a fresh migrated SQLite database with one note."""
    if not (BIN / "uwsgi").exists():
        pytest.skip(f"no uwsgi in {BIN} (the pyuwsgi dependency)")
    tmp = tmp_path_factory.mktemp("uwsgi")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "COMBINED_HTTP": f"127.0.0.1:{port}",
        "COMBINED_PROCESSES": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    create = (
        "from django_site.notes.models import Note; "
        "print(Note.objects.create(title='Via uWSGI').pk)"
    )
    pk = subprocess.run(
        [*manage, "shell", "-v0", "-c", create], cwd=ROOT, env=env, check=True, timeout=60,
        capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    log = (tmp / "uwsgi.log").open("w")
    proc = subprocess.Popen(
        [str(BIN / "uwsgi"), "--ini", "deploy/uwsgi.ini"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(base + "/", timeout=5)
                break
            except requests.RequestException:  # refused, or the worker is still loading
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"uWSGI did not start:\n{(tmp / 'uwsgi.log').read_text()}")
                time.sleep(0.2)
        yield base, int(pk)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


def test_moved_page_is_served_by_flask_at_its_old_url(server):
    base, pk = server
    response = requests.get(f"{base}/notes/{pk}/", timeout=5)
    assert response.status_code == 200
    assert "<h1>Via uWSGI</h1>" in response.text
    assert response.headers["X-Frame-Options"] == "DENY"
    listing = requests.get(f"{base}/notes/", timeout=5)  # still Django, linking to it
    assert f'href="/notes/{pk}/"' in listing.text


def test_redirect_to_slash_and_405_through_the_server(server):
    base, pk = server
    response = requests.get(f"{base}/notes/{pk}", timeout=5, allow_redirects=False)
    assert response.status_code == 308
    assert response.headers["Location"] == f"{base}/notes/{pk}/"
    # Each requests.get opens its own connection: uWSGI's HTTP router closes every
    # connection after one response (no http-keepalive), and a reused one races that.
    followed = requests.get(response.headers["Location"], timeout=5, allow_redirects=False)
    assert followed.status_code == 200  # no redirect loop
    token = "t" * 32  # CSRF is checked first, as on Django; with a token, the method is wrong
    csrf = {"Cookie": f"csrftoken={token}", "X-CSRFToken": token}
    assert requests.post(f"{base}/notes/{pk}/", headers=csrf, timeout=5).status_code == 405

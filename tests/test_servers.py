"""The real-server level, for each server the project ships a config for.

uWSGI (``deploy/uwsgi.ini``, the default), gunicorn (``deploy/gunicorn.conf.py``)
and Granian (``deploy/serve_granian.py``) each serve the same app, started as
``tests/wsgi_servers.py`` says, on a free loopback port with 2 workers: both halves'
pages, health, a login with its CSRF POST, the bodies of ``tests/bodies.py`` (a
5 MB multipart upload to each half, and 413 with the site's page over
``MAX_BODY_BYTES``: the app's limit, the same under every server), forwarded headers
ignored without ``PROXY_COUNT``, and a SIGTERM that stops the server and frees its
port. uWSGI's own details (router, preflight, chunked bodies): ``tests/test_uwsgi*.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass

import pytest
import requests

from tests import bodies
from tests.logins import attempt, outcome
from tests.servers import (
    ROOT,
    TEST_APP,
    TEST_SETTINGS,
    alive,
    descendants,
    free_port,
    get,
    manage,
    running,
    settled,
    site_env,
    wait_until_free,
)
from tests.wsgi_servers import SERVERS, command

PASSWORD = "a-long-test-passphrase-42"


@dataclass(frozen=True)
class Served:
    name: str
    base: str


@pytest.fixture(scope="module", params=SERVERS)
def served(request, tmp_path_factory):
    name = request.param
    tmp = tmp_path_factory.mktemp(f"served-{name}")
    port = free_port()
    env = site_env(
        tmp,
        COMBINED_HTTP=f"127.0.0.1:{port}",
        COMBINED_PROCESSES="2",
        DJANGO_SETTINGS_MODULE=TEST_SETTINGS,
    )
    env.pop("MAX_BODY_BYTES", None)  # the default limit, which tests/bodies.py expects
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        env, "shell", "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_user('alice', 'alice@example.test', {PASSWORD!r})",
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with running(command(name, TEST_APP), env, base + "/healthz", tmp / f"{name}.log"):
        yield Served(name, base)


def test_pages_of_both_halves(served):
    status, _, body = get(served.base + "/")
    assert status == 200 and b"served by <strong>Django</strong>" in body
    status, _, body = get(served.base + "/backend/")
    assert status == 200 and b"served by <strong>Flask</strong>" in body
    api = requests.get(served.base + "/backend/api/", timeout=10)  # Granian's header
    assert api.status_code == 200  # names are lower case: requests' lookup ignores case
    assert api.headers["Content-Type"] == "application/json"


def test_health_and_readiness(served):
    status, _, body = get(served.base + "/healthz")
    assert status == 200 and b'"ok"' in body
    status, _, body = get(served.base + "/readyz")
    assert status == 200 and b'"ok"' in body


def test_login_with_its_csrf_post_reaches_both_halves(served):
    session = requests.Session()
    form = session.get(served.base + "/accounts/login/", timeout=10)
    assert form.status_code == 200
    token = session.cookies["csrftoken"]
    fields = {"username": "alice", "password": PASSWORD}
    refused = requests.post(served.base + "/accounts/login/", data=fields, timeout=10)
    assert refused.status_code == 403  # no CSRF cookie nor token
    answer = session.post(
        served.base + "/accounts/login/",
        data={**fields, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:300]
    me = session.get(served.base + "/backend/api/me", timeout=10)
    assert me.status_code == 200 and me.json()["username"] == "alice"
    assert outcome(attempt(served.base, "127.0.0.1", "alice", "wrong")) == "wrong"


@pytest.mark.parametrize("case", bodies.WITH_A_LENGTH, ids=lambda case: case.__name__)
def test_each_body_with_a_length(served, case):
    case(bodies.Site(served.base))


# uWSGI's router cannot pass a chunked body on (deploy/uwsgi.ini): the app says 411.
CHUNKED = {"uwsgi": [bodies.chunked_gets_411_from_a_server_that_cannot_read_it],
           "gunicorn": bodies.CHUNKED, "granian": bodies.CHUNKED}  # fmt: skip


def test_chunked_bodies(served):
    for case in CHUNKED[served.name]:
        case(bodies.Site(served.base))


def test_forwarded_headers_are_ignored_without_proxy_count(served):
    # gunicorn trusts X-Forwarded-Proto from 127.0.0.1 unless told not to; the app's
    # PROXY_COUNT (0 here) is the one place that decides.
    forged = {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on",
              "X-Forwarded-Host": "evil.test", "X-Forwarded-For": "203.0.113.9"}  # fmt: skip
    answer = requests.get(
        served.base + "/backend", headers=forged, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 308
    assert answer.headers["Location"] == served.base + "/backend/"


# What each server logs when a worker has loaded the app, and for how many workers.
WORKERS_READY = {
    "uwsgi": ("WSGI app 0 (mountpoint='') ready", 2),
    "granian": ("Started worker-2", 1),
}


@pytest.mark.parametrize("name", SERVERS)
def test_sigterm_stops_the_server_and_frees_its_port(tmp_path, name):
    # The documented command with the shipped app, as deployed: the config names the
    # settings module, the environment does not.
    port = free_port()
    env = site_env(tmp_path, COMBINED_HTTP=f"127.0.0.1:{port}", COMBINED_PROCESSES="2")
    del env["DJANGO_SETTINGS_MODULE"]
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / f"{name}.log"
    with running(command(name), env, base + "/", log) as proc:
        assert get(base + "/backend/")[0] == 200
        # Both workers have loaded the app: a stop while one still loads it waits for
        # it (uWSGI's lazy-apps: seconds on a loaded machine), and Granian loses the
        # SIGTERM to such a worker (docs/deploy.md, "Choosing a server").
        line, times = WORKERS_READY.get(name, ("", 0))
        deadline = time.monotonic() + 30
        while log.read_text().count(line) < times and time.monotonic() < deadline:
            time.sleep(0.1)
        children = descendants(proc.pid)
        assert children, "no worker processes"
        # Granian logs "Started worker-2" when it starts the process, before the worker
        # has imported the app: under CI's load a SIGTERM sent then was lost (the port
        # was still taken 15 s later). A worker that has loaded the app sits idle.
        assert settled(children), f"{name}: workers still busy 30 s after starting"
        os.kill(proc.pid, signal.SIGTERM)
        # Well under a second on a quiet machine. The bound is for CI's, where the
        # generated projects' suites run beside this one: there Granian's two workers
        # once took over 5 s to shut their interpreters down.
        assert wait_until_free(port, timeout=15), f"{name}: port {port} taken 15 s after SIGTERM"
        deadline = time.monotonic() + 15
        while (alive(children) or proc.poll() is None) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive(children) == set(), f"{name}: workers survived SIGTERM"
        assert proc.poll() is not None, f"{name}: the server did not exit"


@pytest.mark.parametrize(
    ("name", "variable", "value"),
    # A node variable (checked by the config) and a setting (checked on loading them).
    [("gunicorn", "COMBINED_PROCESSES", "abc"), ("granian", "BACKEND_PREFIX", "/")],
)
def test_a_bad_setting_stops_the_server_with_one_line(tmp_path, name, variable, value):
    # As uWSGI's master does (combined.preflight): before any worker starts.
    env = site_env(tmp_path, COMBINED_HTTP=f"127.0.0.1:{free_port()}")
    env[variable] = value
    done = subprocess.run(
        command(name), cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode != 0
    assert f"configuration error: {variable}:" in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr

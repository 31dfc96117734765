"""A real uWSGI, started from deploy/uwsgi.ini on a free loopback port."""

from __future__ import annotations

import http.client
import subprocess

import pytest
import requests

from tests.servers import BIN, ROOT, free_port, get, manage, running, site_env

UWSGI = str(BIN / "uwsgi")


@pytest.fixture(scope="module")
def uwsgi_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("uwsgi")
    port = free_port()
    env = site_env(tmp, COMBINED_HTTP=f"127.0.0.1:{port}", COMBINED_PROCESSES="2")
    manage(env, "collectstatic", "--noinput", "-v0")
    # As deployed: deploy/uwsgi.ini names the settings module, the environment does not.
    del env["DJANGO_SETTINGS_MODULE"]
    base = f"http://127.0.0.1:{port}"
    with running([UWSGI, "--ini", "deploy/uwsgi.ini"], env, base + "/", tmp / "uwsgi.log"):
        yield base


def test_django_half(uwsgi_server):
    status, _, body = get(uwsgi_server + "/")
    assert status == 200
    assert b"served by <strong>Django</strong>" in body


def test_flask_half(uwsgi_server):
    status, headers, body = get(uwsgi_server + "/backend/api/")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert b'"/backend/api/me"' in body
    status, _, body = get(uwsgi_server + "/backend/")
    assert status == 200 and b"served by <strong>Flask</strong>" in body


def test_bare_prefix_redirects_to_the_served_host(uwsgi_server):
    port = uwsgi_server.rsplit(":", 1)[1]
    status, headers, _ = get(uwsgi_server + "/backend")
    assert status == 308
    assert headers["Location"] == f"http://127.0.0.1:{port}/backend/"


def test_static_file_through_static_map(uwsgi_server):
    status, headers, body = get(uwsgi_server + "/static/layout/site.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert b".site-header" in body


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("DELETE", "/", "GET, HEAD"), ("PUT", "/", "GET, HEAD"),
     ("DELETE", "/accounts/login/", None),
     ("DELETE", "/backend/", "GET, HEAD, OPTIONS")],
)  # fmt: skip
def test_a_method_a_page_does_not_handle_is_405_with_the_site_page(
    uwsgi_server, method, path, allowed
):
    # Django's home page answered DELETE with 200; Flask's pages always said 405. With a
    # valid CSRF token, or the CSRF check (403) answers first on both halves.
    token = "t" * 32
    csrf = {"Cookie": f"csrftoken={token}", "X-CSRFToken": token}
    connection = http.client.HTTPConnection(uwsgi_server.split("//")[1], timeout=10)
    try:
        connection.request(method, path, headers=csrf)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 405, body[:300]
    assert b'data-status="405"' in body
    if allowed:
        assert set(response.getheader("Allow").split(", ")) == set(allowed.split(", "))


def test_head_is_allowed_wherever_get_is(uwsgi_server):
    for path in ("/", "/accounts/login/", "/backend/"):
        connection = http.client.HTTPConnection(uwsgi_server.split("//")[1], timeout=10)
        try:
            connection.request("HEAD", path)
            assert connection.getresponse().status == 200, path
        finally:
            connection.close()


@pytest.mark.parametrize("path", ["/", "/backend", "/backend/api/"])
def test_foreign_host_is_400(uwsgi_server, path):
    status, headers, _ = get(uwsgi_server + path, host="evil.test")
    assert status == 400
    assert "Location" not in headers


def answer(base: str, path: str, host: str) -> tuple[int, bytes]:
    """GET with this exact Host header; (0, b"") when the server sent no answer."""
    hostport = base.removeprefix("http://")
    connection = http.client.HTTPConnection(hostport, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    except (http.client.RemoteDisconnected, ConnectionError):
        return 0, b""
    finally:
        connection.close()


HOST_PATHS = ["/", "/backend/", "/backend/api/", "/backend/no-such-page"]


@pytest.mark.parametrize("host", ["LOCALHOST", "localhost.", "LocalHost.:{port}", "127.0.0.1:080"])
def test_every_admitted_host_is_served_by_both_halves(uwsgi_server, host):
    host = host.format(port=uwsgi_server.rsplit(":", 1)[1])
    answers = {path: answer(uwsgi_server, path, host) for path in HOST_PATHS}
    assert {path: status for path, (status, _) in answers.items()} == {
        "/": 200, "/backend/": 200, "/backend/api/": 200, "/backend/no-such-page": 404
    }  # fmt: skip
    assert b"404 Page not found" in answers["/backend/no-such-page"][1]


@pytest.mark.parametrize("host", ["localhost:99999", "localhost:0", "localhost:abc", "localhost:"])
def test_a_malformed_port_gets_the_site_400_page_from_every_path(uwsgi_server, host):
    for path in HOST_PATHS:
        status, body = answer(uwsgi_server, path, host)
        assert status == 400, (path, status)
        assert b'<section class="error" data-status="400">' in body


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("BACKEND_PREFIX", "/"),
        # The node's own variables: uWSGI took them without a word (here a UNIX socket
        # file named like the port; the other cases: tests/test_preflight.py).
        ("COMBINED_SOCKET", "8001"),
    ],
)
def test_bad_setting_stops_uwsgi_with_one_line(tmp_path, variable, value):
    port = free_port()
    env = site_env(tmp_path, COMBINED_HTTP=f"127.0.0.1:{port}")
    env.pop("DJANGO_SETTINGS_MODULE")  # as deployed: the ini names it (combined.process_env)
    env[variable] = value
    result = subprocess.run(
        [UWSGI, "--ini", "deploy/uwsgi.ini"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "configuration error" in line]
    assert errors == [errors[0]] and errors[0].startswith(f"configuration error: {variable}: ")
    assert "Traceback" not in result.stderr


def test_bind_address_from_the_command_line(tmp_path):
    port = free_port()
    env = site_env(tmp_path)
    env.pop("COMBINED_HTTP", None)
    args = [UWSGI, "--set-ph", f"http-bind=127.0.0.1:{port}", "--ini", "deploy/uwsgi.ini"]
    url = f"http://127.0.0.1:{port}/backend/"
    with running(args, env, url, tmp_path / "uwsgi.log"):
        assert get(url)[0] == 200


def test_filemail_writes_the_reset_email_into_the_absolute_folder(tmp_path):
    # EMAIL_URL=filemail:///abs/path became the relative abs/path (django-environ drops
    # the leading slash): the mail went to a folder under wherever uWSGI ran.
    folder = tmp_path / "mail"
    port = free_port()
    env = site_env(tmp_path, COMBINED_HTTP=f"127.0.0.1:{port}", EMAIL_URL=f"filemail://{folder}")
    manage(
        env, "shell", "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_user('mailer', 'mailer@example.com', 'pw-a-long-one-1')",
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with running([UWSGI, "--ini", "deploy/uwsgi.ini"], env, base + "/healthz", tmp_path / "log"):
        session = requests.Session()
        session.get(base + "/accounts/password_reset/", timeout=10)
        response = session.post(
            base + "/accounts/password_reset/",
            data={"email": "mailer@example.com",
                  "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            allow_redirects=False,
            timeout=10,
        )  # fmt: skip
    assert response.status_code == 302, response.text[:300]
    sent = list(folder.glob("*.log"))
    assert len(sent) == 1, sorted(folder.parent.rglob("*"))
    assert "mailer" in sent[0].read_text()

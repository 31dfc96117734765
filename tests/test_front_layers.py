"""The layers that keep a node's answers honest, in-process: scheme, last resort, binds.

``ServerScheme`` and ``LastResort`` are tested here with tiny inner apps (werkzeug's
test client); test_uwsgi_router.py runs them under a real uWSGI, and the attack
suite behind nginx.
"""

from __future__ import annotations

import logging
import socket

import pytest
from werkzeug.test import Client, EnvironBuilder, run_wsgi_app

from combined.last_resort import LastResort
from combined.nodelay import listening_tcp_fds
from combined.preflight import misplaced_binds
from combined.scheme import ServerScheme

UWSGI = {"uwsgi.version": b"2.0.30"}  # what uWSGI puts in every environ


def echo_scheme(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [environ["wsgi.url_scheme"].encode()]


def scheme_seen(**environ: object) -> str:
    base = EnvironBuilder(path="/").get_environ()
    # uWSGI's own value: https for a client's X-Forwarded-Proto or X-Forwarded-Ssl.
    app_iter, _status, _headers = run_wsgi_app(ServerScheme(echo_scheme), {**base, **environ})
    return b"".join(app_iter).decode()


@pytest.mark.parametrize(
    "client_header",
    [{"HTTP_X_FORWARDED_PROTO": "https"}, {"HTTP_X_FORWARDED_SSL": "on"}],
    ids=["X-Forwarded-Proto", "X-Forwarded-Ssl"],
)
def test_under_uwsgi_a_client_header_does_not_make_the_request_secure(client_header):
    assert scheme_seen(**UWSGI, **client_header, **{"wsgi.url_scheme": "https"}) == "http"


@pytest.mark.parametrize(
    "server_vars",
    [{"HTTPS": "on"}, {"HTTPS": "1"}, {"UWSGI_SCHEME": "https"}],
    ids=["nginx HTTPS=on", "HTTPS=1", "UWSGI_SCHEME"],
)
def test_under_uwsgi_the_servers_own_variables_say_https(server_vars):
    assert scheme_seen(**UWSGI, **server_vars, **{"wsgi.url_scheme": "http"}) == "https"


def test_other_servers_keep_the_scheme_they_set():
    # gunicorn, werkzeug: the scheme comes from their own connection; left alone.
    assert scheme_seen(**{"wsgi.url_scheme": "https"}) == "https"


def test_the_combined_app_ignores_a_forwarded_proto_without_proxy_count(wsgi_client):
    # uWSGI would have set https from the header; the combined app sets it back.
    response = wsgi_client.get(
        "/backend",
        headers={"X-Forwarded-Proto": "https"},
        environ_overrides={**UWSGI, "wsgi.url_scheme": "https"},
    )
    assert response.status_code == 308
    assert response.headers["Location"].startswith("http://localhost/")


def failing(environ, start_response):
    raise RuntimeError("secret internals")


def pep3333_start_response(sent: list):
    """A server's start_response: replaces headers not yet sent, else re-raises."""

    def start_response(status, headers, exc_info=None):
        if exc_info and sent:
            raise exc_info[1].with_traceback(exc_info[2])
        sent[:] = [status]

    return start_response


def test_an_escaped_exception_gets_the_sites_500_page_and_is_logged(caplog):
    sent: list = []
    app = LastResort(failing, backend_url="/backend/")
    with caplog.at_level(logging.ERROR, logger="combined.last_resort"):
        body = b"".join(app(EnvironBuilder(path="/x").get_environ(), pep3333_start_response(sent)))
    assert sent == ["500 Internal Server Error"]
    assert b'data-status="500"' in body and b"secret internals" not in body
    assert "secret internals" in caplog.text


def test_an_app_that_answers_is_not_touched():
    response = Client(LastResort(echo_scheme)).get("/")
    assert (response.status_code, response.text) == (200, "http")


def test_after_the_answer_has_started_the_error_goes_on_to_the_server():
    def half_started(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        raise RuntimeError("late")

    sent = ["200 OK"]  # the server has already sent the headers
    with pytest.raises(RuntimeError, match="late"):
        LastResort(half_started)(EnvironBuilder().get_environ(), pep3333_start_response(sent))


@pytest.mark.parametrize(
    ("argv", "late"),
    [
        (["uwsgi", "--set-ph", "http-bind=:9000", "--ini", "deploy/uwsgi.ini"], []),
        (["uwsgi", "--ini", "deploy/uwsgi.ini", "--set-ph", "http-bind=:9000"], ["http-bind"]),
        (["uwsgi", "--ini=x.ini", "--set-placeholder=socket-bind=:1"], ["socket-bind"]),
        (["uwsgi", "--ini", "x.ini", "--set-ph", "worker-count=4"], []),
    ],
)
def test_binds_set_after_the_ini_are_found(argv, late):
    assert misplaced_binds(argv) == late


def test_nodelay_finds_only_listening_tcp_sockets(tmp_path):
    listener, connected, unix = socket.socket(), socket.socket(), socket.socket(socket.AF_UNIX)
    with listener, connected, unix, open(tmp_path / "file", "w") as plain:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        connected.connect(listener.getsockname())
        unix.bind(str(tmp_path / "sock"))
        unix.listen()
        fds = [listener.fileno(), connected.fileno(), unix.fileno(), plain.fileno()]
        assert listening_tcp_fds(fds) == [listener.fileno()]


def failing_site():
    """The combined app's layers around halves that both raise."""
    from combined.app import layers

    return layers(failing, failing)


def test_the_combined_layers_answer_500_unless_debug_keeps_the_debugger(settings):
    settings.DEBUG = False
    quiet = Client(failing_site())
    assert quiet.get("/", headers={"Host": "localhost"}).status_code == 500
    # With DEBUG the exception reaches werkzeug's interactive debugger (combined run).
    settings.DEBUG = True
    loud = Client(failing_site())
    with pytest.raises(RuntimeError, match="secret internals"):
        loud.get("/", headers={"Host": "localhost"})

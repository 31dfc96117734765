"""What uWSGI's HTTP router lets through, and nginx in front stops (docs/deploy.md).

Found by an outside attack on the shipped set-up, each reproduced on loopback. The
router, as deploy/uwsgi.ini runs it, answers only the first of two pipelined
requests, copies the request line's protocol into its status line (so a bare LF
there splits the answer on the client's own connection), serves
``site.css%00.png`` as the stylesheet, and answers ``HTTP/9.9``. nginx, the public
front, must stop each: these tests send each case to nginx and assert the safe
answer; what the router does is recorded ("scale figures"), not asserted, since it
is uWSGI's to fix.
"""

from __future__ import annotations

import re
import socket

import pytest

from tests.scale.cluster import HOST, SERVER, UWSGI_NODES
from tests.scale.conftest import record
from tests.scale.test_cluster import raw

pytestmark = pytest.mark.scale

PIPELINED = (
    f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n"
    f"GET /backend/api/ HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n"
).encode()
SPLIT = (
    f"GET / HTTP/1.1\nSet-Cookie: injected=1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n"
).encode()
NUL_SUFFIX = f"GET /static/layout/site.css%00.png HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()  # noqa: E501
FUTURE = f"GET / HTTP/9.9\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()


def answers(reply: bytes) -> list[bytes]:
    """The status lines in ``reply`` (an answer follows the previous body directly)."""
    return re.findall(rb"HTTP/\d\.\d \d{3}", reply)


def read_all(port: int, request: bytes) -> bytes:
    """Everything the server sends until it closes (``raw`` stops after one answer)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        reply = b""
        try:
            while chunk := sock.recv(65536):
                reply += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    return reply


def router_does(cluster, name: str, request: bytes) -> None:
    reply = read_all(cluster.nodes[0].http_port, request)
    front = "router" if UWSGI_NODES else f"{SERVER} node"  # what faces clients without nginx
    record(f"{front} gap, {name}", f"{len(answers(reply))} answers, starting {reply[:40]!r}")


def test_nginx_answers_both_pipelined_requests(cluster):
    router_does(cluster, "pipelined requests (2 sent)", PIPELINED)
    reply = read_all(cluster.nginx.port, PIPELINED)
    assert answers(reply) == [b"HTTP/1.1 200", b"HTTP/1.1 200"], reply[:300]
    assert b'"status": "ok"' in reply and b'"/backend/api/me"' in reply


def test_nginx_never_echoes_a_bare_lf_request_line_into_its_answer(cluster):
    router_does(cluster, "bare LF in the request line", SPLIT)
    # nginx takes the bare LF for a line end: the page's own answer, nothing echoed.
    status, reply = raw(cluster.nginx.port, SPLIT)
    head = reply.split(b"\r\n\r\n", 1)[0]
    assert status == 200, reply[:300]
    assert b"injected" not in head.lower()


def test_nginx_does_not_serve_a_static_file_behind_a_nul(cluster):
    router_does(cluster, "site.css%00.png", NUL_SUFFIX)
    status, reply = raw(cluster.nginx.port, NUL_SUFFIX)
    assert status == 400, reply[:300]
    assert b".site-header" not in reply


def test_nginx_refuses_an_unknown_http_version(cluster):
    router_does(cluster, "HTTP/9.9", FUTURE)
    reply = read_all(cluster.nginx.port, FUTURE)
    assert reply.startswith(b"HTTP/1.1 505 "), reply[:300]

"""Security headers through nginx, on the app's answers and on nginx's own (``curl -I``).

The app sends ``Content-Security-Policy``, ``Permissions-Policy``, ``nosniff`` and
``X-Frame-Options`` on both halves; nginx adds the same values to what it answers
itself (static files, its error pages), and never a second copy to the app's.
"""

from __future__ import annotations

import pytest
import requests

from combined.security_headers import content_security_policy, permissions_policy
from tests.scale.cluster import HOST
from tests.scale.test_cluster import http, raw

pytestmark = pytest.mark.scale


def directives(value: str) -> dict[str, set[str]]:
    parts = (part.split() for part in value.split(";") if part.strip())
    return {name: set(sources) for name, *sources in parts}


def check(headers) -> None:
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Permissions-Policy"] == permissions_policy()
    assert directives(headers["Content-Security-Policy"]) == directives(content_security_policy())


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), ("/backend/", 200), ("/accounts/login/", 200),
     ("/static/layout/site.css", 200), ("/static/layout/no-such.css", 404), ("/nowhere/", 404)],
)  # fmt: skip
def test_head_shows_every_security_header_once(cluster, path, status):
    response = requests.head(cluster.nginx.url + path, headers={"Host": HOST}, timeout=10)
    assert response.status_code == status
    check(response.headers)  # requests joins repeated headers: a second copy would show


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [(http("GET", "/" + "x" * 9000), 414),  # nginx's own error pages
     (http("POST", "/", {"Content-Length": str(30 * 1024 * 1024)}), 413),
     (http("GET", "/", {"X-Big": "y" * 9000}), 400)],
    ids=["414", "413", "400"],
)  # fmt: skip
def test_nginx_error_pages_carry_them_too(cluster, request_bytes, status):
    got, reply = raw(cluster.nginx.port, request_bytes)
    assert got == status, reply[:300]
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    headers = {}
    for line in head:
        name, _, value = line.partition(": ")
        assert name not in headers, f"{name} twice"
        headers[name] = value
    check(headers)

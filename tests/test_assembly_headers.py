"""Answers made before either framework runs carry the site's security headers too.

``/healthz``, ``/readyz`` (combined/health.py) and the host check's 400
(combined/host_check.py) are answered by the assembly itself; they must send what
Django's SecurityMiddleware and XFrameOptionsMiddleware send on every page, from
the same settings (combined/security_headers.py), and HSTS only over HTTPS.
"""

from __future__ import annotations

import pytest
from werkzeug.test import Client

from combined.app import create_app

pytestmark = pytest.mark.django_db
NAMES = [
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
]
ASSEMBLY_ANSWERS = [
    ("GET", "/healthz", "localhost"),
    ("GET", "/readyz", "localhost"),
    ("POST", "/healthz", "localhost"),  # 405
    ("GET", "/healthz", "10.0.0.7"),  # a load balancer probing by address
    ("GET", "/", "evil.test"),  # the host check's 400
    ("GET", "/backend/", "localhost:99999"),
]


def security(response) -> dict[str, str | None]:
    return {name: response.headers.get(name) for name in NAMES}


@pytest.mark.parametrize(("method", "path", "host"), ASSEMBLY_ANSWERS)
def test_assembly_answers_carry_the_headers_of_a_django_page(wsgi_client, method, path, host):
    page = wsgi_client.get("/")
    expected = security(page)
    assert None not in expected.values()  # Django sends all four
    response = wsgi_client.open(path, method=method, headers={"Host": host})
    assert response.status_code in {200, 400, 405}
    assert security(response) == expected
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


@pytest.mark.parametrize(("method", "path", "host"), ASSEMBLY_ANSWERS)
def test_hsts_on_assembly_answers_over_https_only(db, site_settings, method, path, host):
    site_settings(secure_hsts_seconds=3600, https=True, site_url="https://localhost")
    app = Client(create_app())
    secure = app.open(path, method=method, headers={"Host": host}, base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=3600"
    plain = app.open(path, method=method, headers={"Host": host})
    assert "Strict-Transport-Security" not in plain.headers

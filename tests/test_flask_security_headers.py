"""Flask responses carry Django's security headers and HTTPS redirect, from one set of settings."""

from __future__ import annotations

import pytest
from werkzeug.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/backend/", "/backend/api/"])
def test_both_halves_send_the_same_security_headers(wsgi_client, path):
    response = wsgi_client.get(path)
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def fresh(half: str) -> Client:
    """Django builds its middleware (and reads its settings) once per handler: build
    anew. The Flask half rebuilds Django's middleware when a setting changes."""
    if half == "django":
        from django.core.handlers.wsgi import WSGIHandler

        return Client(WSGIHandler())
    from combined.app import create_app

    return Client(create_app())


@pytest.mark.parametrize(("half", "path"), [("django", "/"), ("flask", "/backend/")])
def test_hsts_on_https_for_both_halves(db, site_settings, half, path):
    site_settings(secure_hsts_seconds=3600, secure_hsts_include_subdomains=True)
    app = fresh(half)
    response = app.get(path, base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"
    assert "Strict-Transport-Security" not in app.get(path).headers  # never over plain HTTP


@pytest.mark.parametrize(
    ("half", "path"), [("django", "/accounts/login/"), ("flask", "/backend/api/")]
)
def test_ssl_redirect_on_both_halves(db, site_settings, half, path):
    site_settings(secure_ssl_redirect=True)
    app = fresh(half)
    response = app.get(path + "?q=1")
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://localhost{path}?q=1"
    assert app.get(path, base_url="https://localhost").status_code == 200


def test_an_override_reaches_a_flask_app_already_built(wsgi_client, settings):
    assert "Strict-Transport-Security" not in wsgi_client.get("/backend/").headers
    settings.SECURE_HSTS_SECONDS = 60
    response = wsgi_client.get("/backend/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=60"


def directives(value: str) -> dict[str, set[str]]:
    """A Content-Security-Policy as {directive: sources} (django-csp orders them freely)."""
    parts = (part.split() for part in value.split(";") if part.strip())
    return {name: set(sources) for name, *sources in parts}


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/backend/", "/backend/api/", "/nowhere", "/backend/nowhere"]
)
def test_both_halves_send_the_same_content_and_permissions_policies(wsgi_client, path):
    from combined.security_headers import policies

    expected = dict(policies())
    response = wsgi_client.get(path)
    csp = directives(response.headers["Content-Security-Policy"])
    assert csp == directives(expected["Content-Security-Policy"])
    assert csp["script-src"] == {"'self'"} and csp["frame-ancestors"] == {"'none'"}
    assert response.headers["Permissions-Policy"] == expected["Permissions-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_assemblys_own_answers_send_the_policies_too(wsgi_client):
    # Answered before either framework: a foreign host (400), the health check.
    for response in (
        wsgi_client.get("/", headers={"Host": "evil.test"}),
        wsgi_client.get("/healthz"),
    ):
        assert "Content-Security-Policy" in response.headers
        assert "Permissions-Policy" in response.headers

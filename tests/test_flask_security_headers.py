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

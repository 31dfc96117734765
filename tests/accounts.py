"""Test helpers for the shared login and CSRF token (not fixtures: plain functions).

``csrf_token(client)`` puts a ``csrftoken`` cookie on a werkzeug/Flask test client
and returns the token to send back, as ``X-CSRFToken`` or ``csrfmiddlewaretoken``:
what a browser gets from any page that renders a form.
``log_in(client, username, password)`` logs in through Django's real login page.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string
from werkzeug.test import Client

PASSWORD = "correct horse battery staple"


def csrf_token(client: Client, domain: str = "localhost") -> str:
    """Give ``client`` a CSRF cookie for ``domain`` (once) and return the matching token."""
    cookie = client.get_cookie(settings.CSRF_COOKIE_NAME, domain=domain)
    if cookie is not None:
        return cookie.value
    token = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    client.set_cookie(settings.CSRF_COOKIE_NAME, token, domain=domain)
    return token


def csrf_headers(client: Client, domain: str = "localhost") -> dict[str, str]:
    """Headers for an unsafe API request: ``{"X-CSRFToken": token}``."""
    return {"X-CSRFToken": csrf_token(client, domain)}


def session_key(client: Client) -> str | None:
    cookie = client.get_cookie(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie is not None else None


def log_in(client: Client, username: str, password: str = PASSWORD) -> None:
    """Log in with Django's login view; fails the test unless it redirects."""
    response = client.post(
        "/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf_token(client),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert session_key(client)


def force_log_in(client: Client, user: object, domain: str = "localhost") -> None:
    """Give ``client`` a session for ``user`` without a login page (the backend alone)."""
    from django.test import Client as DjangoClient

    django_client = DjangoClient()
    django_client.force_login(user)
    cookie = django_client.cookies[settings.SESSION_COOKIE_NAME].value
    client.set_cookie(settings.SESSION_COOKIE_NAME, cookie, domain=domain)

"""The Flask config, derived from the one settings source (``combined.settings``).

``script_root`` is where the backend is mounted: ``BACKEND_PREFIX`` inside the
combined app, ``""`` when the backend is deployed alone at the root. It decides the
session cookie's path, so the backend's cookie is never sent to Django pages.
"""

from __future__ import annotations

from typing import Any

from combined.settings import Settings

SESSION_COOKIE_NAME = "backend_session"


def config_from_settings(settings: Settings, script_root: str = "") -> dict[str, Any]:
    hosts = list(settings.allowed_hosts)
    return {
        # SECURITY WARNING: keep the secret key used in production secret!
        "SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else None,
        # Same list as Django's ALLOWED_HOSTS; None (no check) only for Django's "*".
        "DEBUG": settings.debug,
        "TRUSTED_HOSTS": None if "*" in hosts else hosts,
        "APPLICATION_ROOT": script_root or "/",
        "SESSION_COOKIE_NAME": SESSION_COOKIE_NAME,
        "SESSION_COOKIE_PATH": script_root or "/",
        # The same flags as Django's cookies: Secure with HTTPS, never readable by JS.
        "SESSION_COOKIE_SECURE": settings.https,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # One body limit for nginx, uWSGI, Django and Flask (413 when exceeded).
        "MAX_CONTENT_LENGTH": settings.max_body_bytes,
        "BACKEND_PREFIX": script_root,
    }

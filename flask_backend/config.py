"""The Flask config, derived from the one settings source (``combined.settings``).

``script_root`` is where the backend is mounted: ``BACKEND_PREFIX`` inside the
combined app, ``""`` when the backend is deployed alone at the root.

There is no Flask session cookie config: ``flask.session`` is Django's session
(``flask_backend.django_bridge.sessions``), so Django's ``SESSION_COOKIE_*``
settings decide the one ``sessionid`` cookie for both halves.
"""

from __future__ import annotations

from typing import Any

from combined.settings import Settings

# Unsafe requests are buffered in memory for the CSRF check; larger bodies get 413.
MAX_CONTENT_LENGTH = 10 * 1024 * 1024


def config_from_settings(settings: Settings, script_root: str = "") -> dict[str, Any]:
    hosts = list(settings.allowed_hosts)
    return {
        # SECURITY WARNING: keep the secret key used in production secret!
        "SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else None,
        # Same list as Django's ALLOWED_HOSTS; None (no check) only for Django's "*".
        "DEBUG": settings.debug,
        "TRUSTED_HOSTS": None if "*" in hosts else hosts,
        "APPLICATION_ROOT": script_root or "/",
        "MAX_CONTENT_LENGTH": MAX_CONTENT_LENGTH,
        "BACKEND_PREFIX": script_root,
    }

"""The Flask config, derived from the one settings source (``core.settings``).

``script_root`` is where the backend is mounted: ``BACKEND_PREFIX`` inside the
combined app, ``""`` when the backend is deployed alone at the root.

``flask.session`` is Django's session (``combined.bridge.sessions``),
so Django's ``SESSION_COOKIE_*`` settings decide the one ``sessionid`` cookie for
both halves. Flask's own cookie flags mirror them, for extensions that read them.
"""

from __future__ import annotations

from typing import Any

from core.settings import Settings, api_mount


def config_from_settings(settings: Settings, script_root: str = "") -> dict[str, Any]:
    hosts = list(settings.allowed_hosts)
    return {
        # SECURITY WARNING: keep the secret key used in production secret!
        "SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else None,
        "DEBUG": settings.debug,
        # Same list as Django's ALLOWED_HOSTS, applied with Django's rule by
        # combined.bridge.hosts; Flask's own TRUSTED_HOSTS check disagrees with it, so it is off.
        "ALLOWED_HOSTS": hosts,
        "TRUSTED_HOSTS": None,
        "APPLICATION_ROOT": script_root or "/",
        # The same flags as Django's session cookie: Secure with HTTPS, never read by JS.
        "SESSION_COOKIE_SECURE": settings.https,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # One body limit for nginx, uWSGI, Django and Flask (413 when exceeded). Unsafe
        # requests are buffered in memory for the CSRF check, so this bounds that too.
        "MAX_CONTENT_LENGTH": settings.max_body_bytes,
        "BACKEND_PREFIX": script_root,
        # The backend's JSON API: "/api", or "" (the root) for a BACKEND_PREFIX ending in
        # /api. Blueprints that render pages, whose errors are HTML wherever the API is.
        "API_MOUNT": api_mount(settings.backend_prefix),
        "PAGE_BLUEPRINTS": frozenset({"pages", "accounts", "layout"}),
        "SITE_NAME": settings.site_name,
    }

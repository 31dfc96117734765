"""The Flask config, derived from Django's settings, and kept in step with them.

Why: one settings source. ``flask_config()`` reads ``django.conf.settings`` (the
site's own settings module, or the template's, which the environment fills), so
the Flask half never has values of its own to disagree with Django's. A Flask app
made by ``combined.bridge.factory.new_app`` is registered here; when a test changes
a Django setting (``@override_settings``, ``modify_settings``, pytest-django's
``settings``), Django sends ``setting_changed``, and every registered app gets its
config derived again -- as Django's own caches do (``django/test/signals.py``).

``flask.session`` is Django's session (``combined.bridge.sessions``), so Django's
``SESSION_COOKIE_*`` settings decide the one ``sessionid`` cookie for both halves;
Flask's own cookie flags mirror them, for extensions that read them.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from flask import Flask

from combined import conf

# The Django settings the Flask config is derived from; a change to any rebuilds it.
SOURCES = frozenset(
    {
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "MAX_BODY_BYTES",
        "BACKEND_PREFIX",
        "SITE_NAME",
    }
)
# app -> (its script root, the config it was given on top of the derived values)
_apps: weakref.WeakKeyDictionary[Flask, tuple[str, dict[str, Any]]] = weakref.WeakKeyDictionary()


def flask_config(script_root: str = "") -> dict[str, Any]:
    """Flask's config from Django's settings; ``script_root`` is where the app is
    mounted (``BACKEND_PREFIX`` inside the combined app, ``""`` at the root)."""
    return {
        # SECURITY WARNING: keep the secret key used in production secret!
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": settings.DEBUG,
        # Django's ALLOWED_HOSTS, applied with Django's rule by combined.bridge.hosts;
        # Flask's own TRUSTED_HOSTS check disagrees with it, so it is off.
        "ALLOWED_HOSTS": list(settings.ALLOWED_HOSTS),
        "TRUSTED_HOSTS": None,
        "APPLICATION_ROOT": script_root or "/",
        "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
        "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
        "SESSION_COOKIE_SAMESITE": settings.SESSION_COOKIE_SAMESITE,
        # The one body limit (413 beyond it). Unsafe requests are buffered in memory
        # for the CSRF check, so this bounds that too.
        "MAX_CONTENT_LENGTH": conf.max_body_bytes(),
        "BACKEND_PREFIX": script_root,
        # The backend's JSON API: "/api", or "" (the root) for a BACKEND_PREFIX ending in
        # /api. Blueprints that render pages, whose errors are HTML wherever the API is.
        "API_MOUNT": conf.api_mount(conf.backend_prefix()),
        "SITE_NAME": conf.site_name(),
    }


def apply(app: Flask, script_root: str = "", config: Mapping[str, Any] | None = None) -> None:
    """Give ``app`` the derived config plus ``config``, and keep it derived."""
    own = dict(config or {})
    # Blueprints whose errors are HTML pages wherever the API is; apps add their own.
    app.config["PAGE_BLUEPRINTS"] = frozenset({"pages", "accounts", "layout"})
    app.config.from_mapping(flask_config(script_root))
    app.config.from_mapping(own)
    _apps[app] = (script_root, own)


def _rederive(*, setting: str, **_kwargs: object) -> None:
    if setting not in SOURCES:
        return
    for app, (script_root, own) in list(_apps.items()):
        app.config.from_mapping(flask_config(script_root))
        app.config.from_mapping(own)


setting_changed.connect(_rederive, dispatch_uid="combined.bridge.config")

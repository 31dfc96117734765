"""Set Django up from a given ``Settings`` object, once per process.

Django reads its settings module once and keeps the result for the life of the
process; there is no second Django configuration next to it. So an app factory
that receives a ``Settings`` object (``combined.app.create_app(settings)``,
``flask_backend.create_app(settings)``) calls :func:`configure` first:

* Django not set up yet: ``settings`` becomes the process's settings
  (``core.settings.use_settings``) and Django is set up from it, so every value in
  ``django_site.settings.derived`` comes from the object the factory received.
* Django already set up (``manage.py``, a WSGI import, pytest-django): the values
  ``settings`` would give Django must equal the ones Django has, or
  :class:`ConfigurationConflict` names those that differ. A factory never runs
  half on one configuration and half on another.

Tests that need other values change Django's too (pytest-django's ``settings``
fixture), or build the app in a new process.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import django
from django.apps import apps
from django.conf import settings as django_settings

from core.logconfig import logging_config
from core.settings import Settings, get_settings, use_settings

SETTINGS_MODULE = "django_site.settings"
# Changed by Django's test runner when it creates the test database: not compared.
_DATABASE_NAME_KEYS = {"NAME", "TEST"}
TEST_HOST = "testserver"  # added to ALLOWED_HOSTS by Django's test environment
HSTS_YEAR = 31_536_000
# Django's checks that ask for includeSubDomains and preload too early (django_site.deploy_checks).
HSTS_RAMP_UP_SILENCED = ("security.W005", "security.W021")


class ConfigurationConflict(RuntimeError):
    """Django is already set up with values that differ from the given settings."""


def configure(settings: Settings | None = None) -> None:
    """Set Django up from ``settings``, or check that it already is.

    ``None`` means the process's settings, and whatever Django already has.
    """
    if not django_settings.configured:
        use_settings(settings or get_settings())
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    elif settings is not None:
        differ = differences(settings)
        if differ:
            raise ConfigurationConflict(
                f"Django is already set up with other values for {', '.join(differ)}; "
                "one process has one configuration: build this app in a new process, "
                "or change Django's settings to match"
            )
    if not apps.ready:
        django.setup()


def differences(settings: Settings) -> list[str]:
    """Names of the Django settings whose value ``settings`` would change."""
    return [
        name
        for name, value in derived(settings).items()
        if _differs(name, getattr(django_settings, name, None), value)
    ]


def derived(s: Settings) -> dict[str, Any]:
    """Every Django setting that comes from the one settings source."""
    return {
        # SECURITY WARNING: keep the secret key used in production secret!
        "SECRET_KEY": s.secret_key.get_secret_value() if s.secret_key else "",
        # SECURITY WARNING: don't run with debug turned on in production!
        "DEBUG": s.debug,
        "ALLOWED_HOSTS": list(s.allowed_hosts),
        "BACKEND_PREFIX": s.backend_prefix,
        "DATABASES": {"default": s.database},
        # Redis (REDIS_URL) or local memory; sessions are shared by every node through it.
        "CACHES": {"default": s.cache},
        # Django's engine of that name, refusing malformed keys (django_site/session_stores).
        "SESSION_ENGINE": f"django_site.session_stores.{s.session_store}",
        "TIME_ZONE": s.time_zone,
        "LOGGING": logging_config(s.log_level),
        # --- production: HTTPS, cookies, request limits (docs/deploy.md) ---------
        # SECURITY WARNING: with HTTPS on, cookies are never sent over plain HTTP.
        "SESSION_COOKIE_SECURE": s.https,
        "CSRF_COOKIE_SECURE": s.https,
        "SECURE_SSL_REDIRECT": bool(s.secure_ssl_redirect),
        "SECURE_HSTS_SECONDS": s.secure_hsts_seconds,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.secure_hsts_include_subdomains,
        "SECURE_HSTS_PRELOAD": s.secure_hsts_preload,
        # While HSTS ramps up, site.I001 gives the next step instead (django_site.deploy_checks).
        "SILENCED_SYSTEM_CHECKS": list(HSTS_RAMP_UP_SILENCED)
        if hsts_ramping_up(s.secure_hsts_seconds)
        else [],
        # A larger body gets 413 (django_site.views.bad_request), as nginx and uWSGI answer.
        "DATA_UPLOAD_MAX_MEMORY_SIZE": s.max_body_bytes,
        # Uploads larger than this (up to MAX_BODY_BYTES) are streamed to a temporary file.
        "FILE_UPLOAD_MAX_MEMORY_SIZE": min(s.max_body_bytes, 2_621_440),
        # Login throttling (django-axes; django_site.login_throttle): failures are counted
        # in Redis, shared by every node, or in the database without it (the local-memory
        # cache is per worker, so it would not hold across workers).
        "AXES_FAILURE_LIMIT": s.login_failure_limit,
        "AXES_COOLOFF_TIME": timedelta(seconds=s.login_cooloff_seconds),
        "AXES_HANDLER": "axes.handlers.cache.AxesCacheHandler"
        if s.redis_url
        else "axes.handlers.database.AxesDatabaseHandler",
        # --- the site's name and address, email (README: Configuration) -----------
        "SITE_NAME": s.site_name,
        # SECURITY WARNING: absolute links (password reset emails) come from here, never
        # from the request's Host.
        "SITE_URL": s.site_url,
        "EMAIL_ENABLED": s.email_enabled,
        **s.email,
        "DEFAULT_FROM_EMAIL": s.default_from_email,
        "SERVER_EMAIL": s.server_email,
    }


def hsts_ramping_up(seconds: int) -> bool:
    """HSTS is on, with a ``max-age`` under the year ``preload`` needs."""
    return 0 < seconds < HSTS_YEAR


def _comparable(name: str, value: Any) -> Any:
    """``value`` without what Django itself adds: database defaults and test names,
    and the ``testserver`` host of Django's test environment."""
    if name == "ALLOWED_HOSTS" and isinstance(value, list):
        return set(value) - {TEST_HOST}
    if name == "DATABASES" and isinstance(value, dict):
        return {alias: dict(db) for alias, db in value.items()}
    return value


def _differs(name: str, configured: Any, wanted: Any) -> bool:
    if name == "DATABASES" and isinstance(configured, dict):
        # Compare only what we set; Django fills in defaults and the test database name.
        return any(
            configured.get(alias, {}).get(key) != val
            for alias, db in wanted.items()
            for key, val in db.items()
            if key not in _DATABASE_NAME_KEYS
        )
    return _comparable(name, configured) != _comparable(name, wanted)

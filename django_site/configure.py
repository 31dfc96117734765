"""Django's settings that come from the environment: ``derived(get_settings())``.

``core.settings`` reads the environment once into a typed ``Settings`` object;
``django_site.settings`` calls :func:`derived` on it and puts the result into
Django's settings module. That is the only way values flow: from the environment,
through Django's settings, to both halves (the Flask half and the layer read
``django.conf.settings``, never the ``Settings`` object). So a test changes a
value the way it changes any Django setting (``@override_settings``, pytest-django's
``settings``), and both halves see it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import dj_database_url

from core.email_settings import DISABLED, email_settings
from core.logconfig import logging_config
from core.settings import DEFAULT_DATABASE_URL, VAR_DIR, Settings

HSTS_YEAR = 31_536_000
# Django's checks that ask for includeSubDomains and preload too early (django_site.deploy_checks).
HSTS_RAMP_UP_SILENCED = ("security.W005", "security.W021")


def derived(s: Settings) -> dict[str, Any]:
    """Every Django setting that comes from the one settings source."""
    return {
        # SECURITY WARNING: keep the secret key used in production secret!
        "SECRET_KEY": s.secret_key.get_secret_value() if s.secret_key else "",
        # SECURITY WARNING: don't run with debug turned on in production!
        "DEBUG": s.debug,
        "ALLOWED_HOSTS": list(s.allowed_hosts),
        # The layer's own settings (combined.conf): where Flask is mounted, how many
        # proxies to trust, the one body limit.
        "BACKEND_PREFIX": s.backend_prefix,
        "PROXY_COUNT": s.proxy_count,
        "MAX_BODY_BYTES": s.max_body_bytes,
        # tenancy:begin
        # The backend for TENANCY (the plain one when "none"): combined.halves builds it.
        "BACKEND_FACTORY": "combined.tenancy.backend_app",
        "TENANCY": s.tenancy,
        "TENANCY_DOMAIN": s.tenancy_domain,
        "TENANCY_TTL": s.tenancy_ttl,
        "TENANCY_CACHE_SIZE": s.tenancy_cache_size,
        # tenancy:end
        "DATABASES": {"default": database(s)},
        # Redis (REDIS_URL) or local memory; sessions are shared by every node through it.
        "CACHES": {"default": cache(s)},
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
        **email_settings(s.email_url.get_secret_value() if s.email_url else DISABLED),
        "DEFAULT_FROM_EMAIL": s.default_from_email,
        "SERVER_EMAIL": s.server_email,
    }


def database(s: Settings) -> dict[str, Any]:
    """The Django ``DATABASES['default']`` dict, parsed by dj-database-url."""
    if s.database_url == DEFAULT_DATABASE_URL:
        # SQLite cannot create the git-ignored var/ of a fresh checkout by itself.
        VAR_DIR.mkdir(exist_ok=True)
    return dj_database_url.parse(
        s.database_url, conn_max_age=s.conn_max_age, conn_health_checks=s.conn_health_checks
    )


def cache(s: Settings) -> dict[str, Any]:
    """The Django ``CACHES['default']`` dict: Redis with ``REDIS_URL``, else local memory."""
    if not s.redis_url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": s.redis_url,
        "KEY_PREFIX": s.cache_key_prefix,
        # Fail fast when Redis is away, so /readyz and pages answer instead of hanging.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


def hsts_ramping_up(seconds: int) -> bool:
    """HSTS is on, with a ``max-age`` under the year ``preload`` needs."""
    return 0 < seconds < HSTS_YEAR

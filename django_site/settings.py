"""Django settings, derived from the one settings source (``core.settings``).

Nothing here reads the environment: change a value through its variable (see the
README), not by editing this file per deployment.
"""

from __future__ import annotations

from core import security_headers
from core.layout import STATIC_DIR as LAYOUT_STATIC
from core.layout import TEMPLATES_DIR as LAYOUT_TEMPLATES
from core.logconfig import logging_config
from core.settings import BASE_DIR, get_settings

_s = get_settings()
SITE_DIR = BASE_DIR / "django_site"

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = _s.secret_key.get_secret_value() if _s.secret_key else ""
# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = _s.debug
ALLOWED_HOSTS = list(_s.allowed_hosts)
BACKEND_PREFIX = _s.backend_prefix

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # example:begin
    "django_site.notes",
    # example:end
    "django_site.tenants",
]

MIDDLEWARE = [
    "django_site.redirect_limit.RedirectLimitMiddleware",  # first: it sees every redirect
    "django.middleware.security.SecurityMiddleware",
    # Early, so error pages made from an inner middleware's exception carry it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_site.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "django_site.urls"
# runserver serves the combined app, so both halves work in development.
WSGI_APPLICATION = "combined.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates", LAYOUT_TEMPLATES],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django_site.context.layout",
            ],
        },
    },
]

DATABASES = {"default": _s.database}
# Redis (REDIS_URL) or local memory; sessions are shared by every node through it.
CACHES = {"default": _s.cache}
# Django's engine of that name, refusing malformed keys (django_site/session_stores).
SESSION_ENGINE = f"django_site.session_stores.{_s.session_store}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = _s.time_zone
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [LAYOUT_STATIC]

LOGGING = logging_config(_s.log_level)

# --- production: HTTPS, cookies, request limits (docs/deploy.md) ----------------
# SECURITY WARNING: with HTTPS on, cookies are never sent over plain HTTP.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _s.https
SECURE_SSL_REDIRECT = bool(_s.secure_ssl_redirect)
SECURE_HSTS_SECONDS = _s.secure_hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = _s.secure_hsts_include_subdomains
SECURE_HSTS_PRELOAD = _s.secure_hsts_preload
# The headers of every answer; the assembly's own answers send the same (core.security_headers).
SECURE_CONTENT_TYPE_NOSNIFF = security_headers.CONTENT_TYPE_NOSNIFF
X_FRAME_OPTIONS = security_headers.X_FRAME_OPTIONS
SECURE_REFERRER_POLICY = security_headers.REFERRER_POLICY
SECURE_CROSS_ORIGIN_OPENER_POLICY = security_headers.CROSS_ORIGIN_OPENER_POLICY
# No SECURE_PROXY_SSL_HEADER: with PROXY_COUNT > 0, ProxyFix (combined.app) already sets
# the scheme from the trusted hop of X-Forwarded-Proto; Django's setting would trust the
# left-most value, which the client controls when a proxy appends.
# A larger body gets 413 (django_site.views.bad_request), as nginx and uWSGI answer.
DATA_UPLOAD_MAX_MEMORY_SIZE = _s.max_body_bytes
# Uploads larger than this (up to MAX_BODY_BYTES) are streamed to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = min(_s.max_body_bytes, 2_621_440)

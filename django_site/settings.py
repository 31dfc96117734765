"""Django settings: fixed choices here, configurable values derived from ``core.settings``.

Nothing here reads the environment. Values that differ between deployments come
from the one ``Settings`` object through ``django_site.configure.derived``; change them through
their variables (see the README), not by editing this file. Edit this file for
what is the same everywhere: your apps in ``INSTALLED_APPS``, middleware, templates.

The ``Settings`` object is the process's (``core.settings.get_settings``); an app
factory given its own object installs it first (``django_site.configure``), so
Django and Flask always derive from the same one.
"""

from __future__ import annotations

from core.layout import STATIC_DIR as LAYOUT_STATIC
from core.layout import TEMPLATES_DIR as LAYOUT_TEMPLATES
from core.settings import BASE_DIR, get_settings
from django_site.configure import derived

SITE_DIR = BASE_DIR / "django_site"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_site",  # the site's own system checks (django_site.checks)
    # example:begin
    "django_site.notes",
    # example:end
    "django_site.tenants",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_site.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [LAYOUT_STATIC]

# No SECURE_PROXY_SSL_HEADER: with PROXY_COUNT > 0, ProxyFix (combined.app) already sets
# the scheme from the trusted hop of X-Forwarded-Proto; Django's setting would trust the
# left-most value, which the client controls when a proxy appends.


# SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASES, CACHES, ...: see django_site.configure.derived.
globals().update(derived(get_settings()))

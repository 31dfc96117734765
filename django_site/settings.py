"""Django settings: fixed choices here, configurable values derived from ``core.settings``.

Nothing here reads the environment. Values that differ between deployments come
from the one ``Settings`` object through ``django_site.configure.derived``; change them through
their variables (see the README), not by editing this file. Edit this file for
what is the same everywhere: your apps in ``INSTALLED_APPS``, middleware, templates.

Both halves read these settings (``django.conf.settings``), never the ``Settings``
object, so ``@override_settings`` in a test reaches Flask's answers too.
"""

from __future__ import annotations

import sys

from combined import security_headers
from combined.layout import TEMPLATES_DIR as LAYOUT_TEMPLATES
from core.environment import get_settings
from core.settings import BASE_DIR
from django_site.configure import derived

SITE_DIR = BASE_DIR / "django_site"
# Your own Django apps live in apps/ (apps/README.md) and are imported by their own
# name, "polls", as `manage.py startapp` makes them. Every entry point (manage.py,
# combined run, uWSGI, pytest) loads this module before any app, so this is the one
# place that puts apps/ on the import path. Appended: an app never shadows a library.
APPS_DIR = BASE_DIR / "apps"
if str(APPS_DIR) not in sys.path:
    sys.path.append(str(APPS_DIR))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # login throttling (django_site.login_throttle)
    "combined",  # the layer's checks (combined.template_checks, combined.prefix_check)
    "django_site",  # the site's deploy checks (django_site.deploy_checks)
    # example:begin
    "django_site.notes",
    # example:end
    # tenancy:begin
    "django_site.tenants",
    # tenancy:end
    # Your apps, in apps/ (`combined startapp NAME` adds each above this line):
]

MIDDLEWARE = [
    "combined.redirect_limit.RedirectLimitMiddleware",  # first: it sees every redirect
    "django.middleware.security.SecurityMiddleware",
    # Early, so error pages made from an inner middleware's exception carry it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "combined.url_guard.NulInUrlMiddleware",  # before anything reads the URL's text
    "combined.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A view's empty 405 (a method it does not handle) becomes the site's 405 page.
    "django_site.method_not_allowed.MethodNotAllowedPage",
    # Last, as django-axes asks: a locked-out login becomes the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login throttling: django-axes counts failed logins per user name and client address
# together, so one user's lockout locks neither other users behind the same address
# nor that user elsewhere. Limit, cool-off and store: django_site.configure.derived.
# One backend: axes' check, then ModelBackend's (django_site.login_throttle says why).
AUTHENTICATION_BACKENDS = ["django_site.login_throttle.ThrottleBackend"]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# REMOTE_ADDR: the connection's address (nginx's $remote_addr), or the trusted proxy's
# X-Forwarded-For value once ProxyFix (PROXY_COUNT) has applied it; never a header alone.
AXES_CLIENT_IP_CALLABLE = "django_site.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "django_site.login_throttle.locked_out"
AXES_RESET_ON_SUCCESS = True  # a successful login starts the count again

ROOT_URLCONF = "django_site.urls"
# runserver serves the combined app, so both halves work in development.
WSGI_APPLICATION = "combined.wsgi.application"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "combined.layout.django_pages.layout",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # First, so the site's templates override those of Django's apps (admin, auth).
        "DIRS": [SITE_DIR / "templates", LAYOUT_TEMPLATES],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
    # Jinja templates, in each app's jinja2/ folder: the ones Django and Flask both
    # render (combined.jinja). Asked second, after the above.
    {
        "NAME": "jinja2",
        "BACKEND": "combined.jinja.Jinja2",
        "DIRS": [SITE_DIR / "jinja2", LAYOUT_TEMPLATES],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "combined.jinja.environment",
            "context_processors": CONTEXT_PROCESSORS,
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# `manage.py test` with no label runs the tests of your apps in apps/; with labels
# (`manage.py test polls`), what they name. The project's own suite, tests/, is pytest's:
# `python3 dev.py test` runs it, and your apps' tests with it.
TEST_RUNNER = "django_site.test_runner.AppsTestRunner"

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
# Your own static folders go in STATICFILES_DIRS; the layout's stylesheet is the
# "combined" app's own static file (combined/static/), found because it is installed.

# The headers of every answer; the assembly's own answers send the same (combined.security_headers).
SECURE_CONTENT_TYPE_NOSNIFF = security_headers.CONTENT_TYPE_NOSNIFF
X_FRAME_OPTIONS = security_headers.X_FRAME_OPTIONS
SECURE_REFERRER_POLICY = security_headers.REFERRER_POLICY
SECURE_CROSS_ORIGIN_OPENER_POLICY = security_headers.CROSS_ORIGIN_OPENER_POLICY
# Content-Security-Policy (django-csp) and Permissions-Policy (django-permissions-policy);
# the Flask half runs the same middleware (combined.bridge.security).
CONTENT_SECURITY_POLICY = security_headers.CONTENT_SECURITY_POLICY
PERMISSIONS_POLICY = security_headers.PERMISSIONS_POLICY

# No SECURE_PROXY_SSL_HEADER: with PROXY_COUNT > 0, ProxyFix (combined.app) already sets
# the scheme from the trusted hop of X-Forwarded-Proto; Django's setting would trust the
# left-most value, which the client controls when a proxy appends.


# SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASES, CACHES, ...: see django_site.configure.derived.
globals().update(derived(get_settings()))

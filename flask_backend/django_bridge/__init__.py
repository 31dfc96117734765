"""The one place the Flask backend depends on Django.

The backend uses the Django ORM on the tables Django's migrations own, and it
shares Django's login, session and CSRF token (see docs/shared-auth.md):

* ``request``  -- a Django ``HttpRequest`` mirroring the current Flask request;
* ``sessions`` -- ``flask.session`` is the Django session (one cookie, one store);
* ``auth``     -- ``current_user``, ``login_required``, ``login_user``, ``logout_user``;
* ``csrf``     -- Django's CSRF check on unsafe Flask requests, ``{{ csrf_input }}``;
* ``security`` -- Django's security headers and HTTPS redirect on Flask responses.

It must also do for its database connections what Django's ``request_started``/
``request_finished`` signals do: drop connections that are past ``CONN_MAX_AGE``
or broken. When a migration to Flask is finished, this package is the seam to
cut (see docs/migration.md).
"""

from __future__ import annotations

import os

import django
from django.apps import apps
from flask import Flask

DJANGO_SETTINGS_MODULE = "django_site.settings"


def setup_django() -> None:
    """Set Django up once per process (a no-op if it already is)."""
    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS_MODULE)
        django.setup()


def close_old_connections(*_args: object) -> None:
    """Django's ``close_old_connections``, minus connections inside a transaction.

    Django runs its version on ``request_started``/``request_finished``, which only
    Django's handler sends. A connection inside an atomic block belongs to whoever
    opened the block (a test case, a management command), so it is left alone.
    """
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


def database_errors() -> tuple[type[Exception], ...]:
    """The "database or cache unreachable" errors Django's half answers with 503, too."""
    from django_site.outage import DATABASE_ERRORS

    return DATABASE_ERRORS


def init_app(app: Flask) -> None:
    """Wire Django into ``app``: connections, session, login and CSRF, in that order."""
    setup_django()
    from flask_backend.django_bridge import auth, csrf, security, sessions

    app.before_request(close_old_connections)
    app.teardown_request(close_old_connections)
    security.init_app(app)  # first: an HTTP request is redirected before anything else
    sessions.init_app(app)
    auth.init_app(app)
    csrf.init_app(app)

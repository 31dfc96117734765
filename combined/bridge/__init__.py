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
or broken. If the site ever drops Django, this package is the seam to cut.
"""

from __future__ import annotations

from django.db import connections
from flask import Flask

from combined.outage import DATABASE_ERRORS
from core.settings import Settings
from django_site.configure import configure


def setup_django(settings: Settings | None = None) -> None:
    """Set Django up from ``settings`` once per process, or check that it already is
    (``None``: the process's settings, or whatever Django already has)."""
    configure(settings)


def close_old_connections(*_args: object) -> None:
    """Django's ``close_old_connections``, minus connections inside a transaction.

    Django runs its version on ``request_started``/``request_finished``, which only
    Django's handler sends. A connection inside an atomic block belongs to whoever
    opened the block (a test case, a management command), so it is left alone.
    """
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


def database_errors() -> tuple[type[Exception], ...]:
    """The "database or cache unreachable" errors Django's half answers with 503, too."""
    return DATABASE_ERRORS


def init_app(app: Flask) -> None:
    """Wire Django into ``app``: connections, session, login and CSRF, in that order.

    Call ``setup_django`` first: these modules import Django's auth code, which needs
    Django's apps loaded.
    """
    from combined.bridge import auth, csrf, security, sessions

    app.before_request(close_old_connections)
    app.teardown_request(close_old_connections)
    security.init_app(app)  # first: an HTTP request is redirected before anything else
    sessions.init_app(app)
    auth.init_app(app)
    csrf.init_app(app)

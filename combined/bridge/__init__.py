"""The one place the Flask backend depends on Django.

The backend uses the Django ORM on the tables Django's migrations own, and it
shares Django's login, session and CSRF token (see docs/shared-auth.md):

* ``request``  -- a Django ``HttpRequest`` mirroring the current Flask request;
* ``sessions`` -- ``flask.session`` is the Django session (one cookie, one store);
* ``auth``     -- ``current_user``, ``login_required``, ``login_user``, ``logout_user``;
* ``csrf``     -- Django's CSRF check on unsafe Flask requests, ``{{ csrf_input }}``;
* ``security`` -- Django's security headers and HTTPS redirect on Flask responses;
* ``templates`` -- the site's Django templates (``render_django_template``) and Jinja.

A Flask app runs in one of two ways. Mounted by the combined app (the backend at
``BACKEND_PREFIX`` in production), it is a WSGI app of its own: the bridge builds a
Django request mirroring the Flask one and does what Django's middleware would.
Called by Django's handler (``combined.inprocess``: a Django route that hands its
page to Flask, or the backend reached by Django's test client), Django's middleware
has already run: the bridge then uses Django's own request, its session, user,
messages and CSRF cookie, and leaves saving them to Django.

It must also do for its database connections what Django's ``request_started``/
``request_finished`` signals do: drop connections that are past ``CONN_MAX_AGE``
or broken. If the site ever drops Django, this package is the seam to cut.
"""

from __future__ import annotations

import django
from django.apps import apps
from django.db import connections
from flask import Flask

from combined.bridge.request import inside_django


def setup_django() -> None:
    """Load Django's apps once per process, from ``DJANGO_SETTINGS_MODULE``."""
    if not apps.ready:
        django.setup()


def close_old_connections(*_args: object) -> None:
    """Django's ``close_old_connections``, minus connections inside a transaction.

    Django runs its version on ``request_started``/``request_finished``, which only
    Django's handler sends. A connection inside an atomic block belongs to whoever
    opened the block (a test case, a management command), so it is left alone.
    """
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


def _close_unless_inside_django(*_args: object) -> None:
    # Called by Django's handler (combined.inprocess), the request's connections are
    # Django's to close at its end, not in the middle of its middleware.
    if not inside_django():
        close_old_connections()


def init_app(app: Flask, *, inside_django: bool = False) -> None:
    """Wire Django into ``app``: connections, session, login and CSRF, in that order.

    Call ``setup_django`` first. ``inside_django``: the app only ever answers through
    Django's handler, whose middleware closes connections and adds the security
    headers, so the hooks that only act when Flask answers on its own are left out
    (each would run on every request to return at once).
    """
    # Imported here: they import Django's auth views and forms, which need the apps
    # loaded, and this package is imported (by the app factories) before that.
    from combined.bridge import auth, csrf, security, sessions

    if not inside_django:
        app.before_request(_close_unless_inside_django)
        app.teardown_request(_close_unless_inside_django)
        security.init_app(app)  # first: an HTTP request is redirected before anything else
    sessions.init_app(app)
    auth.init_app(app)
    csrf.init_app(app, inside_django=inside_django)

"""The site's Host rule (``combined.hosts``) on the Flask half, in place of ``TRUSTED_HOSTS``.

Why not Flask's ``TRUSTED_HOSTS``: werkzeug's check disagrees with Django's
``ALLOWED_HOSTS``. It refuses upper case, a trailing dot and leading zeros in the
port, and it never matches an IPv6 literal such as ``[::1]``; and when it refuses,
Flask has no URL adapter, so anything that builds a URL (the error page) fails.

So the backend applies ``combined.hosts.site_rule()`` itself: a wrapper around
``app.wsgi_app`` hands Flask the Host in its normal form, before Flask reads it,
and a ``before_request`` hook, registered before every other hook, answers 400
(JSON under ``/api``, the site's page elsewhere) for a Host the site does not
serve. Inside the combined app ``combined.host_check`` has done both already;
this keeps the backend alone (``flask_backend.wsgi``) just as strict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import Flask, abort, request

from combined.hosts import request_host, site_rule

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

REFUSED = "flask_backend.host_refused"


class _NormalHost:
    """Wraps ``app.wsgi_app``: ``HTTP_HOST`` in normal form, or the request marked refused."""

    def __init__(self, wsgi_app: WSGIApplication) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        raw = request_host(environ)
        host = site_rule().admit(raw)
        if host is None:
            environ[REFUSED] = True
        elif host != raw:
            environ["HTTP_HOST"] = host
        return self.wsgi_app(environ, start_response)


def _refuse_foreign_host() -> None:
    if request.environ.get(REFUSED):
        abort(400, description="This site does not serve the host you asked for.")


def init_app(app: Flask) -> None:
    """Apply the Host rule of Django's ``ALLOWED_HOSTS`` (``["*"]``: any host)."""
    app.wsgi_app = _NormalHost(app.wsgi_app)
    app.before_request(_refuse_foreign_host)

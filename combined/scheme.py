"""Take the request's scheme from the server, never from a header the client sent.

uWSGI sets ``wsgi.url_scheme`` to the value of a request's ``X-Forwarded-Proto``
header, or to ``https`` for ``X-Forwarded-Ssl: on`` (uWSGI 2.0: ``core/protocol.c``
and ``plugins/python/wsgi_subhandler.c``; no option turns it off). It does so behind
its HTTP router, on ``--http-socket`` and behind nginx's ``uwsgi_pass`` alike,
whatever ``PROXY_COUNT`` says. A client could then make a plain-HTTP request look
secure: with ``HTTPS=true`` Django skips its HTTPS redirect and sends HSTS over plain
HTTP, and Flask builds ``https://`` redirects.

``ServerScheme`` is the outermost layer. Under uWSGI it sets the scheme from the
variables only the server sets: ``HTTPS`` (``on`` from nginx's ``uwsgi_params`` over
TLS, or from uWSGI's own HTTPS router) and ``UWSGI_SCHEME`` (set by
``deploy/uwsgi.ini``'s router, or by an ``uwsgi_param``); anything else is ``http``.
``ProxyFix``, inside it, then trusts ``X-Forwarded-Proto`` exactly as far as
``PROXY_COUNT`` says, and never ``X-Forwarded-Ssl``.

Other servers derive the scheme from their own connection (gunicorn trusts these
headers only from its ``forwarded_allow_ips``), so their value is left alone: this
layer corrects uWSGI, it is not a proxy-header parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


def server_scheme(environ: WSGIEnvironment) -> str:
    """``https`` if the server's own variables say the connection was secure, else ``http``."""
    https = str(environ.get("HTTPS", "")).lower()
    secure = https in ("on", "1") or str(environ.get("UWSGI_SCHEME", "")).lower() == "https"
    return "https" if secure else "http"


class ServerScheme:
    """WSGI middleware: under uWSGI, ``wsgi.url_scheme`` from ``server_scheme``."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if "uwsgi.version" in environ:
            environ["wsgi.url_scheme"] = server_scheme(environ)
        return self.app(environ, start_response)

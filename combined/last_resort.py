"""Answer 500 when an exception escapes the whole app, instead of sending nothing.

Django and Flask turn a failing view into their own 500 page. An exception that
escapes them anyway (an error handler that fails itself, a bug in a layer around
them) reaches the WSGI server, and uWSGI then closes the connection without any
answer. The browser sees an empty reply; nginx sees a node that "closed the
connection prematurely", answers 502 and counts a failure against the node
(``deploy/nginx/site.conf``), so one such request could help take a healthy node out.

``LastResort`` is the outermost layer: it logs the exception and answers the site's
500 page, rendered once at start-up so that answering cannot fail in turn. It does
not hide bugs: the 500 and the traceback in the log remain; it only keeps one bad
request from looking like a dead node. When the response has already started
(an error while streaming the body), nothing can be changed and the error goes on
to the server, as PEP 3333 says.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from combined.layout import render_error

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)


class LastResort:
    """WSGI middleware: the site's 500 page for an exception no inner layer handled."""

    def __init__(self, app: WSGIApplication, backend_url: str = "") -> None:
        self.app = app
        self._page = render_error(500, backend_url=backend_url).encode()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = False

        def start(status, headers, exc_info=None):
            nonlocal started
            started = True
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, start)
        except Exception:
            logger.exception(
                "unhandled error in %s %s",
                environ.get("REQUEST_METHOD", "?"),
                environ.get("PATH_INFO", "?"),
            )
            headers = [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(self._page))),
            ]
            if started:  # PEP 3333: the server replaces headers not yet sent, or re-raises
                start_response("500 Internal Server Error", headers, sys.exc_info())
            else:  # (uWSGI mishandles exc_info: it then drops the body, so only when needed)
                start_response("500 Internal Server Error", headers)
            return [self._page]

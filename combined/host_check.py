"""Reject requests for hosts the site does not serve, before either half runs.

Django checks ``ALLOWED_HOSTS`` only inside its own request handling, and Flask
only when it builds a URL adapter. Checking once, outermost (after ProxyFix),
gives both halves the same answer: 400 with the site's error page, for a Host
outside ``ALLOWED_HOSTS`` and for a malformed one (a port of 0, 99999, ``abc`` or
nothing). The rule is ``combined.hosts.AllowedHosts``: Django's matching
(``validate_host``), on the Host in its normal form.

A Host that passes is handed on in that normal form (``HTTP_HOST`` rewritten:
lower case, no trailing dot, port without leading zeros), so ``Example.Test.`` is
the same site to Django, to Flask and to every URL they build.

Each half keeps its own check too (Django's, and ``combined.bridge.hosts``), so
either still refuses foreign hosts when it is deployed alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from combined import conf
from combined.hosts import request_host, site_rule
from combined.layout import render_error
from combined.security_headers import headers_for

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

REFUSED = "This site does not serve the host you asked for."


@lru_cache(maxsize=8)
def _refusal(backend_url: str, site_name: str) -> bytes:
    return render_error(400, REFUSED, backend_url=backend_url, site_name=site_name).encode()


class HostCheck:
    """WSGI middleware: 400 for a Host outside Django's ``ALLOWED_HOSTS``; the rest in
    normal form. The setting is read per request, so a test's override applies."""

    def __init__(self, app: WSGIApplication, backend_url: str):
        self.app = app
        self.backend_url = backend_url

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes] | Iterator[bytes]:
        raw = environ.get("HTTP_HOST") or request_host(environ)
        rule = site_rule()
        host = rule.admitted.get(raw) or rule.admit(raw)
        if host is not None:
            if host != raw:
                environ["HTTP_HOST"] = host
            return self.app(environ, start_response)
        body = _refusal(self.backend_url, conf.site_name())
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                *headers_for(environ),
            ],
        )
        return [body]

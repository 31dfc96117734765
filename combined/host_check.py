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
from typing import TYPE_CHECKING

from combined.hosts import AllowedHosts, request_host
from combined.layout import render_error
from combined.security_headers import SecurityHeaders
from core.settings import DEFAULT_SITE_NAME

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


class HostCheck:
    """WSGI middleware: 400 for a Host outside ``allowed_hosts``; the rest in normal form."""

    def __init__(
        self,
        app: WSGIApplication,
        allowed_hosts: Iterable[str],
        backend_url: str,
        headers: SecurityHeaders | None = None,
        site_name: str = DEFAULT_SITE_NAME,
    ):
        self.app = app
        self.rule = AllowedHosts(allowed_hosts)
        self.headers = headers
        # The refusal page is the same for every refused request: render it once.
        self._refusal = render_error(
            400,
            "This site does not serve the host you asked for.",
            backend_url=backend_url,
            site_name=site_name,
        ).encode()

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes] | Iterator[bytes]:
        raw = environ.get("HTTP_HOST") or request_host(environ)
        host = self.rule.admitted.get(raw) or self.rule.admit(raw)
        if host is not None:
            if host != raw:
                environ["HTTP_HOST"] = host
            return self.app(environ, start_response)
        body = self._refusal
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                *(self.headers.for_environ(environ) if self.headers else ()),
            ],
        )
        return [body]

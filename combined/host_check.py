"""Reject requests for hosts the site does not serve, before either half runs.

Django checks ``ALLOWED_HOSTS`` only inside its own request handling, and Flask's
``TRUSTED_HOSTS`` only when it builds a URL adapter. Checking once, outermost
(after ProxyFix), gives both halves the same answer: 400 with the site's error
page. The matching rules are Django's own (``validate_host``): exact names,
``.example.com`` for a domain and its subdomains, ``*`` for anything.

Each half keeps its own check too, so either still refuses foreign hosts when it
is deployed alone.

Django's check costs several microseconds (its host regex sits behind a lazy
proxy), which ``bench/`` measured as most of the combined entry point's per-request
overhead. So each worker remembers the Host values it has allowed, in a small
bounded dict; refusals are never cached, so forged hosts cannot fill it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from core.hosts import host_allowed, request_host
from core.layout import render_error
from core.settings import DEFAULT_SITE_NAME

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


class HostCheck:
    """WSGI middleware: 400 for a Host outside ``allowed_hosts``."""

    #: How many allowed Host values each instance remembers before it starts over.
    max_cached_hosts = 256

    def __init__(
        self,
        app: WSGIApplication,
        allowed_hosts: Iterable[str],
        backend_url: str,
        site_name: str = DEFAULT_SITE_NAME,
    ):
        self.app = app
        self.allowed_hosts = list(allowed_hosts)
        self._allowed: set[str] = set()
        # The refusal page is the same for every refused request: render it once.
        self._refusal = render_error(
            400,
            "This site does not serve the host you asked for.",
            backend_url=backend_url,
            site_name=site_name,
        ).encode()

    def is_allowed(self, host: str) -> bool:
        """``host_allowed`` for this site, remembered for the hosts it allows."""
        if host in self._allowed:
            return True
        if not host_allowed(host, self.allowed_hosts):
            return False
        if len(self._allowed) >= self.max_cached_hosts:
            self._allowed.clear()  # e.g. many subdomains under ".example.com"
        self._allowed.add(host)
        return True

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes] | Iterator[bytes]:
        host = environ.get("HTTP_HOST")
        if host in self._allowed or self.is_allowed(host or request_host(environ)):
            return self.app(environ, start_response)
        body = self._refusal
        start_response(
            "400 Bad Request",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

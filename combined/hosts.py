"""Reject requests for hosts the site does not serve, before either half runs.

Django checks ``ALLOWED_HOSTS`` only inside its own request handling, and Flask's
``TRUSTED_HOSTS`` only when it builds a URL adapter. Checking once, outermost
(after ProxyFix), gives both halves the same answer: 400 with the site's error
page. The matching rules are Django's own (``validate_host``): exact names,
``.example.com`` for a domain and its subdomains, ``*`` for anything.

Each half keeps its own check too, so either still refuses foreign hosts when it
is deployed alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from django.http.request import split_domain_port, validate_host

from combined.layout import render_error

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


def request_host(environ: WSGIEnvironment) -> str:
    """The Host the client asked for, as Django and werkzeug both read it."""
    host = environ.get("HTTP_HOST")
    if host:
        return host
    name, port = environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")
    default_port = "443" if environ.get("wsgi.url_scheme") == "https" else "80"
    return name if port in ("", default_port) else f"{name}:{port}"


def host_allowed(host: str, allowed_hosts: Iterable[str]) -> bool:
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, list(allowed_hosts))


class HostCheck:
    """WSGI middleware: 400 for a Host outside ``allowed_hosts``."""

    def __init__(self, app: WSGIApplication, allowed_hosts: Iterable[str], backend_url: str):
        self.app = app
        self.allowed_hosts = list(allowed_hosts)
        self.backend_url = backend_url

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes] | Iterator[bytes]:
        if host_allowed(request_host(environ), self.allowed_hosts):
            return self.app(environ, start_response)
        body = render_error(
            400, "This site does not serve the host you asked for.", backend_url=self.backend_url
        ).encode()
        start_response(
            "400 Bad Request",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

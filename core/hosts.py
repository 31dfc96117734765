"""Host names as the whole site reads them: one parser, one allow rule.

Both halves and the assembly must agree on which ``Host`` values name this site,
or a value one accepts and the other refuses falls between them. This module is
that rule: :func:`parse_host` normalises a Host header (lower case, valid port,
one trailing dot dropped, IPv6 literals compressed) and :func:`host_allowed`
matches it against ``ALLOWED_HOSTS`` with Django's own ``validate_host``
(exact names, ``.example.com`` for a domain and its subdomains, ``*``).

Not a middleware: ``combined.host_check`` applies it to requests.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http.request import split_domain_port, validate_host

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}")  # faster than one match per label
_PORT = re.compile(r"[0-9]{1,5}")


def parse_host(host: str | None) -> str | None:
    """Return ``host`` lower-cased, without port or trailing dot; None if malformed."""
    if not isinstance(host, str) or not host.isascii() or len(host) > 300:
        return None
    host = host.lower()
    if host.startswith("["):
        literal, closed, rest = host[1:].partition("]")
        port_ok = not rest or (rest[0] == ":" and _valid_port(rest[1:]))
        if not closed or "%" in literal or not port_ok:
            return None
        try:
            return f"[{ipaddress.IPv6Address(literal).compressed}]"
        except ValueError:
            return None
    name, colon, port = host.partition(":")
    if colon and not _valid_port(port):
        return None
    name = name.removesuffix(".")
    return name if len(name) <= 253 and _HOSTNAME.fullmatch(name) else None


def _valid_port(port: str) -> bool:
    return _PORT.fullmatch(port) is not None and int(port) < 65536


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

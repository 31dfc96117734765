"""Host names as the whole site reads them: one parser, one allow rule.

Both halves and the assembly must agree on which ``Host`` values name this site,
or a value one accepts and the other refuses falls between them. This module is
that rule: :func:`normal_host` rewrites a Host header to the one form every layer
reads alike (lower case, one trailing dot dropped, IPv6 literals compressed, a port
of 1-65535 without leading zeros), :func:`parse_host` is that name without its
port, and :func:`host_allowed` matches it against ``ALLOWED_HOSTS`` with Django's
own ``validate_host`` (exact names, ``.example.com`` for a domain and its
subdomains, ``*``). :class:`AllowedHosts` is the rule for one site, with a small
cache and a log line for each refused host.

The normal form is also what werkzeug's own Host check accepts, so a host the
site serves never makes Flask refuse to build URLs.

Not a middleware: ``combined.host_check`` and ``combined.bridge.hosts`` apply it.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.http.request import split_domain_port, validate_host

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}")  # faster than one match per label
_PORT = re.compile(r"[0-9]{1,5}")
logger = logging.getLogger("combined.hosts")


def normal_host(host: str | None) -> str | None:
    """``host`` as ``name`` or ``name:port`` in normal form; None if malformed."""
    if not isinstance(host, str) or not host.isascii() or len(host) > 300:
        return None
    host = host.lower()
    if host.startswith("["):
        literal, closed, rest = host[1:].partition("]")
        if not closed or "%" in literal or (rest and rest[0] != ":"):
            return None
        try:
            name = f"[{ipaddress.IPv6Address(literal).compressed}]"
        except ValueError:
            return None
        port = rest[1:] if rest else None
    else:
        name, colon, port_text = host.partition(":")
        port = port_text if colon else None
        name = name.removesuffix(".")
        if len(name) > 253 or not _HOSTNAME.fullmatch(name):
            return None
    if port is None:
        return name
    if not _PORT.fullmatch(port) or not 0 < int(port) < 65536:
        return None  # empty, 0, 99999, "abc": no server listens there
    return f"{name}:{int(port)}"


def parse_host(host: str | None) -> str | None:
    """Return ``host`` lower-cased, without port or trailing dot; None if malformed."""
    normal = normal_host(host)
    if normal is None:
        return None
    if normal.startswith("["):
        return normal.partition("]")[0] + "]"
    return normal.partition(":")[0]


def request_host(environ: WSGIEnvironment) -> str:
    """The Host the client asked for, as Django and werkzeug both read it."""
    host = environ.get("HTTP_HOST")
    if host:
        return host
    name, port = environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")
    default_port = "443" if environ.get("wsgi.url_scheme") == "https" else "80"
    return name if port in ("", default_port) else f"{name}:{port}"


def check_allowed_host(pattern: str) -> str:
    """One ``ALLOWED_HOSTS`` entry in lower case, or ValueError saying how to write it.

    Why: Django takes any string and matches it against the request's host name, so
    ``https://example.com``, ``example.com:8000`` or ``*.example.com`` (a common guess
    at Django's ``.example.com``) match nothing, and every request gets 400.
    """
    value = pattern.strip().lower()
    if value == "*":
        return value
    if value.startswith("*."):
        raise ValueError(
            f"{pattern!r}: write {value[1:]} for a domain and all its subdomains (no *)"
        )
    if "/" in value or "@" in value:
        raise ValueError(f"{pattern!r} is not a host name: write it alone, e.g. example.com")
    name = value.removeprefix(".")
    normal = normal_host(name)
    if normal is None:
        raise ValueError(f"{pattern!r} is not a host name, e.g. example.com or .example.com")
    bare = parse_host(name)
    if normal != bare:
        raise ValueError(f"{pattern!r} has a port: Django matches the name only; write {bare}")
    return "." + bare if value.startswith(".") else bare  # as hosts are matched: no final dot


def host_allowed(host: str, allowed_hosts: Iterable[str]) -> bool:
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, list(allowed_hosts))


class AllowedHosts:
    """The Host rule of one site: ``admit(raw)`` is the normal form, or None to refuse.

    Django's ``validate_host`` costs several microseconds (its regex sits behind a
    lazy proxy), so the hosts admitted are remembered, in a bounded dict; refusals
    are never cached, so forged hosts cannot fill it. Each refused host is logged
    once (per process, in a bounded set) with the setting to change, so an operator
    sees why a request got 400.
    """

    #: How many admitted Host values are remembered before the cache starts over.
    max_cached_hosts = 256
    #: How many refused Host values are remembered as already logged.
    max_logged_hosts = 1024

    def __init__(self, allowed_hosts: Iterable[str]) -> None:
        self.allowed_hosts = list(allowed_hosts)
        self.admitted: dict[str, str] = {}
        self._logged: set[str] = set()

    def admit(self, raw: str) -> str | None:
        """The normal form of ``raw`` if this site serves it, else None (logged once)."""
        known = self.admitted.get(raw)
        if known is not None:
            return known
        host = normal_host(raw)
        if host is None or not host_allowed(host, self.allowed_hosts):
            self._log_refusal(raw, malformed=host is None)
            return None
        if len(self.admitted) >= self.max_cached_hosts:
            self.admitted.clear()  # e.g. many subdomains under ".example.com"
        self.admitted[raw] = host
        return host

    def _log_refusal(self, raw: str, *, malformed: bool) -> None:
        shown = raw[:200]
        if shown in self._logged:
            return
        if len(self._logged) >= self.max_logged_hosts:
            self._logged.clear()
        self._logged.add(shown)
        if malformed:
            logger.warning("refused malformed Host header %r (bad name or port): 400", shown)
        else:
            logger.warning(
                "refused Host %r: not in ALLOWED_HOSTS; add it to the ALLOWED_HOSTS "
                "setting if this site should answer it: 400",
                shown,
            )


@lru_cache(maxsize=8)
def _rule(allowed_hosts: tuple[str, ...]) -> AllowedHosts:
    return AllowedHosts(allowed_hosts)


# What Django allows when DEBUG is on and ALLOWED_HOSTS is empty (HttpRequest.get_host).
DEBUG_DEFAULT_HOSTS = (".localhost", "127.0.0.1", "[::1]")


def site_rule() -> AllowedHosts:
    """The rule of Django's ``ALLOWED_HOSTS`` as it is now, as Django applies it (read
    per request, so a test's ``@override_settings`` applies; each rule is built once)."""
    hosts = tuple(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not hosts:
        hosts = DEBUG_DEFAULT_HOSTS
    return _rule(hosts)

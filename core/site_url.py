"""``SITE_URL``: the one address absolute links are built from.

A link that leaves the request -- the one in a password reset email above all --
must never take its host from the request: with ``ALLOWED_HOSTS=.example.com``
anyone can send ``Host: evil.example.com``, and Django would put that host in the
email. So such links come from this setting:

* required when ``DEBUG`` is off, and its host must pass ``ALLOWED_HOSTS`` (a link
  the site itself refuses with 400 helps nobody), and be ``https://`` when ``HTTPS``
  is on;
* with ``DEBUG`` on and unset: ``http://127.0.0.1:8000``, where ``combined run``
  and ``python3 dev.py serve`` listen (``dev.py serve --port N`` sets it for port N).

Not for links inside a page: those stay relative.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import urlsplit

from combined.hosts import host_allowed, parse_host

DEVELOPMENT_URL = "http://127.0.0.1:8000"


class SiteAddress(NamedTuple):
    """What Django's password reset email needs: ``protocol`` and ``domain`` (with port)."""

    protocol: str
    domain: str
    hostname: str


def check_site_url(
    value: str | None, *, debug: bool, https: bool, allowed_hosts: Sequence[str]
) -> str:
    """The normalised URL (``scheme://host[:port]``), or ValueError saying what is wrong."""
    value = (value or "").strip()
    if not value:
        if debug:
            return DEVELOPMENT_URL
        raise ValueError(
            "is required when DEBUG is off: the site's public address, used for links "
            "in emails, e.g. https://example.com"
        )
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port that is no number)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"{value!r} must be http:// or https:// and a host, e.g. https://example.com"
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ValueError(f"{value!r} must be only scheme, host and port, e.g. https://example.com")
    if parts.path not in ("", "/"):
        raise ValueError(f"{value!r} has a path: the site is served at the root of its host")
    netloc = parts.netloc.lower()
    if parse_host(netloc) is None:
        raise ValueError(f"{parts.hostname!r} is not a host name")
    if not debug:
        if not host_allowed(netloc, allowed_hosts):
            raise ValueError(
                f"its host {parts.hostname} is not in ALLOWED_HOSTS, so the site would refuse "
                "its own links; add it there"
            )
        if https and parts.scheme != "https":
            raise ValueError("starts with http:// but HTTPS is on: use https://")
    return f"{parts.scheme}://{netloc}"


def site_address(url: str) -> SiteAddress:
    """Split a checked ``SITE_URL`` into what link templates need."""
    parts = urlsplit(url)
    return SiteAddress(parts.scheme, parts.netloc, parts.hostname or "")

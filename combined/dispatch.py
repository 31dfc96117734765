"""One WSGI app per tenant, chosen by subdomain or first path segment.

Why: Flask's "Application Dispatching" page builds one app per tenant on
demand, but its code checks the host with ``assert`` (gone under
``python -O``), takes ``evilexample.com`` for subdomain ``evil`` of
``example.com``, caches every result forever, holds one lock while an app is
built, and imports ``pop_path_info``, which Werkzeug 2.3 removed.  These two
dispatchers keep its constructor signatures, fix all that, and share one
bounded cache, :class:`~combined.app_cache.AppCache` (its own module).

When not to use it: for a fixed set of mounts use Werkzeug's
``DispatcherMiddleware``; for a fixed set of hosts route at the HTTP server.
Each worker process has its own cache, so :meth:`AppCache.evict` reaches
only the process it runs in.

Choices:

* Host: ``HTTP_HOST`` is required (``SERVER_NAME`` names the server, not the
  tenant, and is never used).  It is lower-cased, and its port (also after an
  IPv6 literal, ``[::1]:8000``) and one trailing dot are dropped.  Labels are
  ASCII letters, digits and inner hyphens, 1-63 long; the name is at most 253.
  A missing or malformed host gets 400, a host outside ``domain`` 404, and
  ``create_app`` is not called.
* The bare domain is subdomain ``""``, so ``create_app("")`` decides what it
  serves.  Only one label counts: ``a.b.example.com`` gets 404.
* Path: the first segment of ``PATH_INFO`` is a key only if it starts with a
  letter or digit and has at most 63 of ``A-Z a-z 0-9 . _ ~ -``.  It is
  case-sensitive and never normalised: ``''``, ``/``, ``//x``, ``/./x``,
  ``/../x``, ``/a%b`` go to ``default_app`` untouched, without a factory call.
  The segment looked up is exactly the one moved to ``SCRIPT_NAME``.
* A factory result of ``None`` or a Werkzeug ``HTTPException`` (such as
  ``NotFound()``) is "unknown tenant": cached for ``negative_ttl`` seconds at
  most.  The subdomain dispatcher answers ``None`` with 404.
* Built apps stay until ``max_age`` seconds after their build (0, the
  default: until evicted or pushed out of the LRU), so a changed tenant is
  picked up without a restart in every worker process.
* The subdomain dispatcher's own answers (400 for a bad host, 404 for a
  foreign one) are Werkzeug's plain pages unless ``bad_host`` and
  ``unknown_host`` give the site's own WSGI apps.
* A factory that raises is not cached: its request gets the exception,
  requests that waited for that same build get :class:`AppBuildError`, and
  the next request builds again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import BadRequest, NotFound

from combined.app_cache import AppBuildError, AppCache
from combined.hosts import parse_host

if TYPE_CHECKING:
    from collections.abc import Iterable

    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,62}")
_BAD_HOST = BadRequest("Missing or malformed Host header.")
_UNKNOWN_HOST = NotFound("No site is served at this host name.")

__all__ = [
    "AppBuildError",  # re-exported: the dispatchers' callers catch it from here
    "AppCache",
    "PathDispatcher",
    "SubdomainDispatcher",
    "split_path",
    "subdomain_of",
]


def _normalize_domain(domain: str) -> str:
    name = parse_host(domain)
    if name is None or ":" in domain or name.startswith("["):
        raise ValueError(f"domain must be a host name without port, got {domain!r}")
    return name


def _label_under(name: str, domain: str) -> str | None:
    if name == domain:
        return ""
    if name.endswith("." + domain):
        label = name[: -len(domain) - 1]
        return None if "." in label else label
    return None


def subdomain_of(host: str | None, domain: str) -> str | None:
    """Return the tenant label of a Host value: "" for ``domain`` itself, else None
    for a malformed, foreign or multi-level host.  Raises ValueError for a bad ``domain``."""
    name = parse_host(host)
    return None if name is None else _label_under(name, _normalize_domain(domain))


def split_path(path_info: str) -> tuple[str, str] | None:
    """Split ``PATH_INFO`` into (tenant segment, rest); None if there is no valid segment."""
    if not path_info.startswith("/"):
        return None
    segment, slash, rest = path_info[1:].partition("/")
    if _SEGMENT.fullmatch(segment) is None:
        return None
    return segment, slash + rest


class _TenantDispatcher:
    def __init__(self, create_app: Callable[[str], WSGIApplication | None], **options: Any):
        self.cache = AppCache(create_app, **options)

    def __len__(self) -> int:
        return len(self.cache)


class SubdomainDispatcher(_TenantDispatcher):
    """Serve ``create_app(label)`` for ``label.domain``; options go to :class:`AppCache`.

    ``bad_host`` answers a missing or malformed Host, ``unknown_host`` a foreign
    host or a ``create_app`` result of None (default: Werkzeug's 400 and 404)."""

    def __init__(
        self,
        domain: str,
        create_app: Callable[[str], WSGIApplication | None],
        *,
        bad_host: WSGIApplication = _BAD_HOST,
        unknown_host: WSGIApplication = _UNKNOWN_HOST,
        **options: Any,
    ) -> None:
        super().__init__(create_app, **options)
        self.domain = _normalize_domain(domain)
        self.bad_host, self.unknown_host = bad_host, unknown_host

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        name = parse_host(environ.get("HTTP_HOST"))
        if name is None:
            return self.bad_host(environ, start_response)
        label = _label_under(name, self.domain)
        app = None if label is None else self.cache.get(label)
        return (self.unknown_host if app is None else app)(environ, start_response)


class PathDispatcher(_TenantDispatcher):
    """Serve ``create_app(segment)`` under ``/segment``; if it returns None, ``default_app``."""

    def __init__(
        self,
        default_app: WSGIApplication,
        create_app: Callable[[str], WSGIApplication | None],
        **options: Any,
    ) -> None:
        super().__init__(create_app, **options)
        self.default_app = default_app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        split = split_path(environ.get("PATH_INFO", ""))
        if split is not None:
            segment, rest = split
            app = self.cache.get(segment)
            if app is not None:
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "").rstrip("/") + "/" + segment
                environ["PATH_INFO"] = rest
                return app(environ, start_response)
        return self.default_app(environ, start_response)

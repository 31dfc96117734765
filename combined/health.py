"""``/healthz`` and ``/readyz``, answered before either framework runs.

* ``GET /healthz`` -- "this process is alive": 200 ``ok``, no database, no cache.
  For a process supervisor or a liveness probe; restart the node if it fails.
* ``GET /readyz`` -- "this node can serve": runs each readiness check (the
  database and the cache) and answers 200 JSON, or 503 JSON naming what failed.
  For a load balancer: take the node out of rotation while it fails.

The middleware sits outside the Host check on purpose: load balancers often probe
by IP address, with a Host that is not in ``ALLOWED_HOSTS``. The answers hold no
secrets -- a check reports only the error's class name (the full message goes to
the log). nginx forwards these two paths from its ``default_server`` as well
(``deploy/nginx/site.conf``); block them at the edge if they must not be public.

Not for application monitoring (latency, queue depth): use metrics for that.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import connection

from combined import conf
from combined.security_headers import headers_for

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


Check = Callable[[], None]
logger = logging.getLogger(__name__)


def database_check() -> None:
    """Run ``SELECT 1`` on the default database; drop the connection if it broke."""
    owned = connection.in_atomic_block  # a test or command owns it: leave it alone
    if not owned:
        connection.close_if_unusable_or_obsolete()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        if not owned:  # closes a broken one, or one past CONN_MAX_AGE (0: always)
            connection.close_if_unusable_or_obsolete()


def cache_check() -> None:
    """Write and read one key in the default cache (Redis with ``REDIS_URL``)."""
    cache.set("readyz", "ok", 10)
    if cache.get("readyz") != "ok":
        raise RuntimeError("the cache did not return the value just written")


DEFAULT_CHECKS: Mapping[str, Check] = {"database": database_check, "cache": cache_check}


class HealthCheck:
    """WSGI middleware answering ``/healthz`` and ``/readyz``; other paths pass through."""

    def __init__(
        self,
        app: WSGIApplication,
        checks: Mapping[str, Check] = DEFAULT_CHECKS,
    ):
        self.app = app
        self.checks = dict(checks)
        paths = conf.health_paths()  # /healthz and /readyz unless the site names others
        self.live, self.ready = paths["live"], paths["ready"]

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if environ.get("SCRIPT_NAME", "") or path not in (self.live, self.ready):
            return self.app(environ, start_response)
        extra = headers_for(environ)
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            extra = [("Allow", "GET, HEAD"), *extra]
            return _answer(start_response, 405, {"error": "use GET"}, extra)
        if path == self.live:
            return _answer(start_response, 200, {"status": "ok"}, extra)
        results = {name: self._run(name, check) for name, check in self.checks.items()}
        ok = all(result["ok"] for result in results.values())
        body = {"status": "ok" if ok else "unavailable", "checks": results}
        return _answer(start_response, 200 if ok else 503, body, extra)

    @staticmethod
    def _run(name: str, check: Check) -> dict[str, object]:
        try:
            check()
        except Exception as exc:
            logger.warning("readiness check %s failed: %s", name, exc)
            return {"ok": False, "error": type(exc).__name__}
        return {"ok": True}


_REASONS = {200: "200 OK", 405: "405 Method Not Allowed", 503: "503 Service Unavailable"}


def _answer(
    start_response: StartResponse,
    status: int,
    body: dict[str, object],
    extra: list[tuple[str, str]] | None = None,
) -> list[bytes]:
    data = json.dumps(body).encode()
    headers = [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(data))),
        ("Cache-Control", "no-store"),
        *(extra or []),
    ]
    start_response(_REASONS[status], headers)
    return [data]

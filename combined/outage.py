"""A database or cache outage answers 503 with the site's page, not a 500 traceback page.

When PostgreSQL restarts or a network blip drops connections, views raise
``OperationalError``/``InterfaceError``. That is the service being briefly
unavailable, not a bug: the user gets "503, try again shortly" with a
``Retry-After`` header, and the log gets one warning line instead of a traceback.
Django drops the broken connection at the end of the request
(``close_old_connections``), so the next request reconnects: no restart needed.

The middleware sees exceptions raised by views; :func:`outage_response` is also
used by the 500 handler for errors raised inside other middleware (a session
saved at the end of a request). Do not use it to hide other database errors
(``IntegrityError`` and friends are bugs or bad input, and stay what they are).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TypeGuard

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from combined.layout.django_pages import error_page

# "The store is unreachable": the database, or Redis behind the cache and sessions.
DATABASE_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
logger = logging.getLogger(__name__)


def is_outage(exc: BaseException | None) -> TypeGuard[BaseException]:
    """True if ``exc`` says the database, or Redis behind the cache and sessions, is
    unreachable. Redis's errors are looked up only once something has imported redis
    (Django's Redis cache does, on first use): only then can one be raised. Importing
    it here cost every process that starts the site a tenth of a CPU-second (its
    asyncio client comes with it), sites on one machine without Redis included."""
    if isinstance(exc, DATABASE_ERRORS):
        return True
    redis = sys.modules.get("redis.exceptions")
    return redis is not None and isinstance(exc, (redis.ConnectionError, redis.TimeoutError))


def outage_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """The 503 page in the shared layout, with ``Retry-After``."""
    logger.warning("store unavailable on %s %s: %r", request.method, request.path, exc)
    response = error_page(request, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseOutageMiddleware:
    """Turn a database connection error raised by a view into the 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_outage(exception):
            return outage_response(request, exception)
        return None

"""``flask.session`` is the Django session: one cookie, one expiry, one store.

Why: two session systems in one site mean two cookies, two expiries and two
logouts that can disagree. :class:`DjangoSessionInterface` opens Django's
``SessionStore`` (whatever ``SESSION_ENGINE`` is: db, cache, cached_db, signed
cookies) from Django's ``sessionid`` cookie, and saves it through Django's own
``SessionMiddleware.process_response``, so ``SESSION_SAVE_EVERY_REQUEST``, the
expiry, the cookie flags and "delete the cookie when the session is emptied"
behave exactly as on Django pages.

Called by Django's handler (``combined.inprocess``), ``flask.session`` is the
session Django's ``SessionMiddleware`` opened for the request, and that middleware
saves it: Flask saves nothing.

Mind the serializer: Django stores JSON, so a tuple comes back as a list and
values Flask's tagged serializer would handle (bytes, datetimes) are refused.
Do not use this with a second Flask-only session cookie next to it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from flask import Flask, Request, Response
from flask import request as current_request
from flask.sessions import SessionInterface, SessionMixin

from combined.bridge.request import DJANGO_REQUEST, copy_response_headers

logger = logging.getLogger(__name__)


class DjangoSession(SessionMixin):
    """A ``flask.session`` that reads and writes a Django ``SessionStore``."""

    def __init__(self, store: SessionBase, saved_by_django: bool = False) -> None:
        self.store = store
        self.saved_by_django = saved_by_django

    def __getitem__(self, key: str) -> Any:
        return self.store[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.store[key] = value

    def __delitem__(self, key: str) -> None:
        del self.store[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.store.keys()))

    def __len__(self) -> int:
        return len(self.store.keys())

    def clear(self) -> None:
        """Flask's "forget everything" is Django's ``flush``: stored row and cookie go."""
        self.store.flush()

    @property
    def new(self) -> bool:  # type: ignore[override]
        return self.store.session_key is None

    @property
    def modified(self) -> bool:  # type: ignore[override]
        return self.store.modified

    @modified.setter
    def modified(self, value: bool) -> None:
        self.store.modified = value

    @property
    def accessed(self) -> bool:  # type: ignore[override]
        return self.store.accessed

    @accessed.setter
    def accessed(self, value: bool) -> None:
        self.store.accessed = value

    @property
    def permanent(self) -> bool:
        """Flask's name for "outlives the browser": Django's expiry decides."""
        return not self.store.get_expire_at_browser_close()

    @permanent.setter
    def permanent(self, value: bool) -> None:
        self.store.set_expiry(None if value else 0)


class DjangoSessionInterface(SessionInterface):
    """Open and save Flask sessions with Django's session engine and cookie settings."""

    def __init__(self) -> None:
        self.middleware = SessionMiddleware(lambda _request: HttpResponse())

    def open_session(self, app: Flask, request: Request) -> DjangoSession:
        outer = request.environ.get(DJANGO_REQUEST)
        if outer is not None and hasattr(outer, "session"):
            return DjangoSession(outer.session, saved_by_django=True)
        engine = import_module(settings.SESSION_ENGINE)
        # A tampered, expired or unknown key loads as an empty session (Django's rule).
        return DjangoSession(engine.SessionStore(request.cookies.get(settings.SESSION_COOKIE_NAME)))

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not isinstance(session, DjangoSession) or session.saved_by_django:
            return
        shadow_request = HttpRequest()
        shadow_request.COOKIES = dict(current_request.cookies)
        shadow_request.session = session.store
        shadow = HttpResponse(status=response.status_code)
        try:
            self.middleware.process_response(shadow_request, shadow)
        except SessionInterrupted:
            # Logged out in a concurrent request: keep the response, drop the save.
            logger.warning("session deleted during the request; not saved")
            return
        copy_response_headers(shadow, response)


def init_app(app: Flask) -> None:
    app.session_interface = DjangoSessionInterface()

"""Login throttling with django-axes: the backend, the client address, the lockout page.

django-axes counts failed logins (Django's ``user_login_failed`` signal) per user name
and client address together (``AXES_LOCKOUT_PARAMETERS`` in ``django_site.settings``):
after ``LOGIN_FAILURE_LIMIT`` failures that pair is locked out for
``LOGIN_COOLOFF_SECONDS``, while the same user elsewhere and other users behind the
same address still log in. It covers every login that goes through Django's
``authenticate(request=...)``: the accounts login page and the admin's. The counts
live in Redis with ``REDIS_URL`` (every node sees them), else in the database.

:class:`ThrottleBackend` is the site's one authentication backend: axes' check, then
Django's ``ModelBackend``. One backend, not axes' standalone one next to
``ModelBackend``, so that ``login(request, user)`` without a ``backend`` argument (after
a sign-up, in a Flask view) still works: Django asks for one once there are two. And
a call to ``authenticate()`` without a request is not throttled (axes refuses it
outright). Django's own views always pass the request; the callers without one are
code, not clients: Django's test client ``Client.login()`` (under pytest and
``manage.py test`` alike), management commands, a shell. So ``client.login()`` keeps
working in a project's tests, and nothing a browser can reach is unthrottled. If you
write a login view of your own, pass the request to ``authenticate``.

Not a rate limit for other pages: nginx's ``limit_req`` on the login paths is a looser
per-address limit in front (``deploy/nginx/site.conf``).
"""

from __future__ import annotations

import math
from typing import Any

from axes.backends import AxesBackend, AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest, HttpResponse

from combined.layout.django_pages import error_page

LOCKED_OUT_STATUS = 429


class ThrottleBackend(AxesBackend):
    """Refuses a locked-out user name and address, then authenticates as ``ModelBackend``;
    calls made without a request are not throttled."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is not None:  # else Client.login(), management code: not a client
            # Raises PermissionDenied for a locked-out pair (authenticate() then fails).
            AxesStandaloneBackend.authenticate(self, request, username, password, **kwargs)
        return ModelBackend.authenticate(self, request, username, password, **kwargs)


def client_address(request: HttpRequest) -> str | None:
    """The address axes counts by: the connection's (or ProxyFix's trusted one)."""
    return request.META.get("REMOTE_ADDR")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The lockout page: the site's layout, 429, and when to try again."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    minutes = max(1, math.ceil(seconds / 60))
    wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
    message = (
        "Too many failed logins for this user name from your address. Logging in with it "
        f"is locked for {wait}; other users are not affected. If you forgot your "
        "password, reset it instead of guessing."
    )
    page = error_page(request, LOCKED_OUT_STATUS, message)
    if seconds:
        page["Retry-After"] = str(seconds)
    return page

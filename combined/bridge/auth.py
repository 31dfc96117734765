"""The Django user of the current request, for Flask views.

Why: one login for the whole site. ``current_user`` is what Django's
``request.user`` would be: ``django.contrib.auth.get_user`` on the shared
session, so every backend, the session-auth-hash check (a changed password logs
out every other session, on both halves) and ``SECRET_KEY_FALLBACKS`` work as on
Django pages. ``login_user``/``logout_user`` are Django's ``login``/``logout``
(session key cycled, session flushed, signals sent).

``login_required`` sends HTML views to Django's ``LOGIN_URL`` with ``next`` and
answers API views (``/api/...``) with 401 JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import auth
from flask import Flask, g, redirect
from werkzeug.local import LocalProxy

from combined.bridge.errors import error_response, wants_json
from combined.bridge.request import django_request

F = TypeVar("F", bound=Callable[..., Any])


def get_current_user() -> Any:
    """The Django user (or ``AnonymousUser``) of this request, loaded once: Django's
    ``request.user`` when its middleware set one, else loaded from the session."""
    if "django_user" not in g:
        request = django_request()
        if not hasattr(request, "user"):
            request.user = auth.get_user(request)  # what Django's templates read, too
        g.django_user = request.user
    return g.django_user


class _UserProxy(LocalProxy):
    """werkzeug's proxy, minus ``__next__``: with it, ``collections.abc.Iterator`` claims
    the proxy, and Django's ORM turns an Iterator into a list, so
    ``Order.objects.filter(buyer=current_user)`` failed ("'User' object is not iterable")."""

    __next__ = None  # type: ignore[assignment]


current_user: Any = _UserProxy(get_current_user)


def login_user(user: Any, backend: str | None = None) -> None:
    """Log ``user`` in on both halves (Django's ``login``: new session key, new CSRF token)."""
    auth.login(django_request(), user, backend=backend)
    g.django_user = user


def logout_user() -> None:
    """Log out on both halves (Django's ``logout``: the session is flushed)."""
    request = django_request()
    request.user = get_current_user()
    auth.logout(request)
    g.django_user = request.user


def login_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user.is_authenticated:
            return view(*args, **kwargs)
        if wants_json():
            return error_response(401, "log in first: this needs a signed-in user")
        # Imported here: Django's auth views import its models, which need the apps
        # loaded, and this module is imported before that (the app factories do it).
        from django.contrib.auth.views import redirect_to_login

        to_login = redirect_to_login(django_request().get_full_path(), settings.LOGIN_URL)
        return redirect(to_login.url)

    return wrapped  # type: ignore[return-value]


def _context() -> dict[str, Any]:
    return {"current_user": current_user}


def init_app(app: Flask) -> None:
    app.context_processor(_context)

"""Django's security headers and HTTPS redirect, on Flask responses too.

``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` only run in Django's handler,
so a page served by Flask would lose ``X-Frame-Options``, ``nosniff``,
``Referrer-Policy``, ``Cross-Origin-Opener-Policy``, HSTS and the
``SECURE_SSL_REDIRECT`` redirect. These hooks run Django's own middleware for each
Flask request, so both halves answer with the same headers from the same settings
(``HTTPS``, ``SECURE_HSTS_*`` in the README). A view that sets one of these headers
itself keeps its value.
"""

from __future__ import annotations

from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from flask import Flask, Response, redirect, request

from combined.bridge.request import django_request, inside_django


def _unused(_request: object) -> HttpResponse:  # the middleware's get_response
    raise RuntimeError("not called: only process_request/process_response are used")


class _Secure:
    """What ``process_response`` asks of the request: only whether it came over HTTPS."""

    def __init__(self, secure: bool) -> None:
        self.secure = secure

    def is_secure(self) -> bool:
        return self.secure


class _Middleware:
    """Django's two middleware, built on first use and again after a setting changes.

    Like Django's handler, they read their settings when they are built; a test that
    changes one (``@override_settings``) gets them rebuilt (``setting_changed``)."""

    def __init__(self) -> None:
        self._built: tuple[SecurityMiddleware, XFrameOptionsMiddleware] | None = None
        setting_changed.connect(self.forget, dispatch_uid="combined.bridge.security")

    def get(self) -> tuple[SecurityMiddleware, XFrameOptionsMiddleware]:
        if self._built is None:
            self._built = SecurityMiddleware(_unused), XFrameOptionsMiddleware(_unused)
        return self._built

    def forget(self, **_kwargs: object) -> None:
        self._built = None


_middleware = _Middleware()


def https_redirect() -> Response | None:
    """``before_request``: Django's ``SECURE_SSL_REDIRECT``, answered by Flask."""
    security, _frames = _middleware.get()
    if not security.redirect or request.is_secure or inside_django():
        return None
    answer = security.process_request(django_request())
    return redirect(answer["Location"], 301) if answer is not None else None


def security_headers(response: Response) -> Response:
    """``after_request``: the headers Django's middleware would add."""
    if inside_django():
        return response  # Django's own middleware adds them to Django's response
    security, frames = _middleware.get()
    shim = _Secure(request.is_secure)
    headers = frames.process_response(shim, security.process_response(shim, HttpResponse()))
    for name, value in headers.items():
        if name.lower() not in {"content-type", "content-length"}:
            response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    app.before_request(https_redirect)
    app.after_request(security_headers)

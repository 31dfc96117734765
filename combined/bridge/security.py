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

from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from flask import Flask, Response, redirect, request

from combined.bridge.request import django_request


def _unused(_request: object) -> HttpResponse:  # the middleware's get_response
    raise RuntimeError("not called: only process_request/process_response are used")


class _Secure:
    """What ``process_response`` asks of the request: only whether it came over HTTPS."""

    def __init__(self, secure: bool) -> None:
        self.secure = secure

    def is_secure(self) -> bool:
        return self.secure


def init_app(app: Flask) -> None:
    """Run Django's middleware for ``app``'s requests, built once like Django's handler does.

    Like Django, the middleware read their settings when they are built: change a
    setting, then build the app.
    """
    security = SecurityMiddleware(_unused)
    frames = XFrameOptionsMiddleware(_unused)

    def https_redirect() -> Response | None:
        if not security.redirect or request.is_secure:
            return None
        answer = security.process_request(django_request())
        return redirect(answer["Location"], 301) if answer is not None else None

    def security_headers(response: Response) -> Response:
        shim = _Secure(request.is_secure)
        headers = frames.process_response(shim, security.process_response(shim, HttpResponse()))
        for name, value in headers.items():
            if name.lower() not in {"content-type", "content-length"}:
                response.headers.setdefault(name, value)
        return response

    app.before_request(https_redirect)
    app.after_request(security_headers)

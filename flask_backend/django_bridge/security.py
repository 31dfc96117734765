"""Django's security headers and HTTPS redirect, on Flask responses too.

``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` only run in Django's handler,
so a page served by Flask would lose ``X-Frame-Options``, ``nosniff``,
``Referrer-Policy``, ``Cross-Origin-Opener-Policy``, HSTS and the
``SECURE_SSL_REDIRECT`` redirect; and so do django-csp's and
django-permissions-policy's (``Content-Security-Policy``, ``Permissions-Policy``).
These hooks run that same middleware for each Flask request, so both halves answer
with the same headers from the same Django settings (``HTTPS``, ``SECURE_HSTS_*`` in
the README, ``CONTENT_SECURITY_POLICY``, ``PERMISSIONS_POLICY``). A view that sets
one of these headers itself keeps its value.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django_permissions_policy import PermissionsPolicyMiddleware
from flask import Flask, Response, redirect, request

from flask_backend.django_bridge.request import django_request


def _unused(_request: object) -> HttpResponse:  # the middleware's get_response
    raise RuntimeError("not called: only process_request/process_response are used")


def _blank(_request: object) -> HttpResponse:  # the policies' get_response: headers only
    return HttpResponse()


class _Secure:
    """What the middleware asks of the request: whether it came over HTTPS, and its path
    (django-csp's ``EXCLUDE_URL_PREFIXES``; the nonce goes on it, unused by Flask)."""

    def __init__(self, secure: bool, path_info: str = "/") -> None:
        self.secure = secure
        self.path_info = path_info

    def is_secure(self) -> bool:
        return self.secure


def init_app(app: Flask) -> None:
    """Run Django's middleware for ``app``'s requests, built once like Django's handler does.

    Like Django, the middleware read their settings when they are built: change a
    setting, then build the app.
    """
    security = SecurityMiddleware(_unused)
    frames = XFrameOptionsMiddleware(_unused)
    policies = CSPMiddleware(PermissionsPolicyMiddleware(_blank))

    def https_redirect() -> Response | None:
        if not security.redirect or request.is_secure:
            return None
        answer = security.process_request(django_request())
        return redirect(answer["Location"], 301) if answer is not None else None

    def security_headers(response: Response) -> Response:
        shim = _Secure(request.is_secure, request.script_root + request.path)
        headers = frames.process_response(shim, security.process_response(shim, policies(shim)))
        for name, value in headers.items():
            if name.lower() not in {"content-type", "content-length"}:
                response.headers.setdefault(name, value)
        return response

    app.before_request(https_redirect)
    app.after_request(security_headers)

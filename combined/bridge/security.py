"""Django's security headers and HTTPS redirect, on Flask responses too.

``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` only run in Django's handler,
so a page served by Flask would lose ``X-Frame-Options``, ``nosniff``,
``Referrer-Policy``, ``Cross-Origin-Opener-Policy``, HSTS and the
``SECURE_SSL_REDIRECT`` redirect; and so the headers of the policy middleware a site
lists in ``MIDDLEWARE`` (:data:`POLICIES`: django-csp's ``Content-Security-Policy``,
django-permissions-policy's ``Permissions-Policy``). These hooks run that same
middleware for each Flask request, so both halves answer with the same headers from
the same Django settings. A view that sets one of these headers itself keeps its value.
Called by Django's handler (``combined.inprocess``), Django's own middleware does it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.module_loading import import_string
from flask import Flask, Response, redirect, request

from combined.bridge.request import django_request, inside_django


def _unused(_request: object) -> HttpResponse:  # the middleware's get_response
    raise RuntimeError("not called: only process_request/process_response are used")


# Middleware that only add headers, run on Flask's answers when the site lists them.
POLICIES = ("csp.middleware.CSPMiddleware", "django_permissions_policy.PermissionsPolicyMiddleware")


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


class _Middleware:
    """Django's middleware, built on first use and again after a setting changes.

    Like Django's handler, they read their settings when they are built; a test that
    changes one (``@override_settings``) gets them rebuilt (``setting_changed``)."""

    def __init__(self) -> None:
        self._built: tuple[SecurityMiddleware, XFrameOptionsMiddleware, Any] | None = None
        setting_changed.connect(self.forget, dispatch_uid="combined.bridge.security")

    def get(self) -> tuple[SecurityMiddleware, XFrameOptionsMiddleware, Any]:
        if self._built is None:
            policies: Any = _blank
            for name in reversed([m for m in settings.MIDDLEWARE if m in POLICIES]):
                policies = import_string(name)(policies)
            self._built = SecurityMiddleware(_unused), XFrameOptionsMiddleware(_unused), policies
        return self._built

    def forget(self, **_kwargs: object) -> None:
        self._built = None


_middleware = _Middleware()


def https_redirect() -> Response | None:
    """``before_request``: Django's ``SECURE_SSL_REDIRECT``, answered by Flask."""
    security, _frames, _policies = _middleware.get()
    if not security.redirect or request.is_secure or inside_django():
        return None
    answer = security.process_request(django_request())
    return redirect(answer["Location"], 301) if answer is not None else None


def security_headers(response: Response) -> Response:
    """``after_request``: the headers Django's middleware would add."""
    if inside_django():
        return response  # Django's own middleware adds them to Django's response
    security, frames, policies = _middleware.get()
    shim = _Secure(request.is_secure, request.script_root + request.path)
    headers = frames.process_response(shim, security.process_response(shim, policies(shim)))
    for name, value in headers.items():
        if name.lower() not in {"content-type", "content-length"}:
            response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    app.before_request(https_redirect)
    app.after_request(security_headers)

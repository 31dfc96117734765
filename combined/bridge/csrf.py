"""Django's CSRF check on the Flask half, with the same token.

Why: one site, one token. A page from either half can post to the other, and
a token Django rendered is valid for Flask and vice versa. The check is Django's
``CsrfViewMiddleware`` itself (Origin check, HTTPS Referer check, masked token
comparison, ``CSRF_TRUSTED_ORIGINS``, ``CSRF_USE_SESSIONS``), run from a
``before_request`` hook on a Django request that mirrors the Flask one. Every
POST, PUT, PATCH and DELETE is checked, as Django does -- the JSON API too: send
the ``csrftoken`` cookie's value (or any rendered token) as ``X-CSRFToken``.

Django reads the form to find ``csrfmiddlewaretoken``; the body is buffered
first (``request.buffered_body``) so the Flask view can still read it.

Templates get ``{{ csrf_token }}`` and ``{{ csrf_input }}``, lazily, the names
Django's Jinja2 backend uses; rendering one sets the CSRF cookie on the response,
as on Django pages. Use ``csrf_exempt`` for views that authenticate otherwise
(e.g. webhooks with a signature), never to silence a failing form.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.template.backends.utils import csrf_input_lazy, csrf_token_lazy
from flask import Flask, Response, current_app, g, request

from combined.bridge.errors import error_response
from combined.bridge.request import (
    SAFE_METHODS,
    copy_response_headers,
    django_request,
    inside_django,
)

logger = logging.getLogger("django.security.csrf")
F = TypeVar("F", bound=Callable[..., Any])


class _Check(CsrfViewMiddleware):
    """Django's middleware, with a rejection turned into its reason."""

    def _reject(self, request: HttpRequest, reason: str) -> str:  # type: ignore[override]
        logger.warning("Forbidden (%s): %s", reason, request.path)
        return reason


_check = _Check(lambda _request: HttpResponse())


def csrf_exempt(view: F) -> F:
    """Skip the CSRF check for this Flask view (Django's attribute, Flask's signature)."""
    view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


def csrf_request() -> HttpRequest:
    """``django_request()`` with the CSRF cookie read in, as the middleware would."""
    dj_request = django_request()
    if "_csrf_cookie_read" not in g:
        g._csrf_cookie_read = True
        _check.process_request(dj_request)
    return dj_request


def check_csrf() -> Response | None:
    """``before_request``: 403 for an unsafe request without a valid token."""
    if request.method in SAFE_METHODS:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    try:
        dj_request = csrf_request()
        reason = _check.process_view(dj_request, view, (), {})
    except RequestDataTooBig:
        return error_response(413, "the form is larger than this site accepts")
    except TooManyFieldsSent:
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return error_response(400, f"the form has too many fields (at most {limit})")
    except TooManyFilesSent:
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return error_response(400, f"the form has too many files (at most {limit})")
    except BadRequest as exc:
        # Django's own words, e.g. a form body declared in a charset other than UTF-8.
        return error_response(400, f"the request body could not be read as a form: {exc}")
    except (SuspiciousOperation, MultiPartParserError) as exc:
        # Django's messages name its settings and parser internals: log them, say less.
        logger.warning("unreadable body on %s %s: %s", request.method, request.path, exc)
        return error_response(400, "the request body could not be read as a form")
    if reason:
        return error_response(403, f"CSRF verification failed: {reason}")
    return None


def set_csrf_cookie(response: Response) -> Response:
    """``after_request``: set or refresh the CSRF cookie if a token was used."""
    dj_request = g.get("_django_request")
    if inside_django():
        return response  # Django's CsrfViewMiddleware sets it on Django's response
    if dj_request is not None and dj_request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        shadow = HttpResponse()
        _check.process_response(dj_request, shadow)
        copy_response_headers(shadow, response)
    return response


def _context() -> dict[str, Any]:
    # Lazy: only a template that renders the token builds the Django request.
    return {
        "csrf_token": csrf_token_lazy(_LazyDjangoRequest()),
        "csrf_input": csrf_input_lazy(_LazyDjangoRequest()),
    }


class _LazyDjangoRequest:
    """Stands for ``csrf_request()`` until ``get_token`` touches ``.META``."""

    @property
    def META(self) -> dict[str, Any]:  # noqa: N802 -- Django's attribute name
        return csrf_request().META


def init_app(app: Flask, *, inside_django: bool = False) -> None:
    """The check, the token in templates, and (unless the app only answers through
    Django's handler, whose middleware sets it) the cookie."""
    app.before_request(check_csrf)
    if not inside_django:
        app.after_request(set_csrf_cookie)
    app.context_processor(_context)

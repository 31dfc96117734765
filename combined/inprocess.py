"""Serve a Flask app's answer from inside a Django view, in the same process.

Why: Django's test clients (``TestCase.client``, pytest-django's ``client``,
``LiveServerTestCase``, django-webtest) and a plain ``WSGIHandler`` call Django's
handler directly, never the combined app around it. So a path Flask serves -- a page
moved from Django, or the backend at ``BACKEND_PREFIX`` -- keeps a Django route
whose view calls the Flask app here. Django's middleware runs as for any page
(session, user, messages, the site's own), and the Flask app uses Django's own
request for them (``combined.bridge.request.DJANGO_REQUEST``), so nothing is
loaded or saved twice. The Flask view's exceptions propagate to Django, which
answers and logs them as it does for its own views.

The body: Flask reads a copy of Django's ``request.body``, so Django's
``request.POST`` still parses afterwards (the CSRF check reads it). It is read
without Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (a multipart upload may be larger),
bounded by ``MAX_BODY_BYTES`` (``combined.conf``): a larger one gets Django's 400.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from http.client import responses
from typing import TYPE_CHECKING

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.request import RawPostDataException
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.test import run_wsgi_app

from combined import conf
from combined.bridge.request import DJANGO_REQUEST, SAFE_METHODS

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


def serve(
    app: WSGIApplication,
    request: HttpRequest,
    script_name: str | None = None,
    path_info: str | None = None,
) -> HttpResponse:
    """``app``'s answer to ``request`` as a Django response. ``script_name`` and
    ``path_info`` mount it, as ``DispatcherMiddleware`` does (default: as requested)."""
    environ = dict(request.META)
    if script_name is not None:
        environ["SCRIPT_NAME"] = script_name
        environ["PATH_INFO"] = path_info or ""
    body = _body(request)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ[DJANGO_REQUEST] = request
    if isinstance(environ.get("wsgi.errors"), io.BufferedIOBase | io.RawIOBase):
        # Django's test client gives a BytesIO; Flask's default log handler writes
        # text there, so every record of the view would print "--- Logging error ---".
        environ["wsgi.errors"] = sys.stderr
    app_iter, status, headers = run_wsgi_app(app, environ)
    return _response(status, headers, app_iter)


def _body(request: HttpRequest) -> bytes:
    """Django's ``request.body``, without its memory limit (see the module docstring)."""
    if hasattr(request, "_body"):
        return request._body
    if request.method in SAFE_METHODS and not request.META.get("CONTENT_LENGTH"):
        return b""
    if request._read_started:
        # A middleware parsed the form from the stream (request.POST): the raw bytes
        # are gone, and Flask would see an empty body.
        raise RawPostDataException(
            "a middleware read request.POST before the Flask view; read request.body first"
        )
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > conf.max_body_bytes():
        raise RequestDataTooBig("the request body is larger than MAX_BODY_BYTES")
    request._body = request.read()
    request._stream = io.BytesIO(request._body)  # request.POST parses these bytes
    return request._body


class FlaskAnswer(HttpResponse):
    """Flask's answer as Django's response; a redirect has Django's ``url`` too."""

    @property
    def url(self) -> str:
        return self["Location"]


class StreamedFlaskAnswer(StreamingHttpResponse):
    """A streamed Flask answer as Django's streaming response."""

    @property
    def url(self) -> str:
        return self["Location"]


def _response(
    status: str, headers: list[tuple[str, str]], app_iter: Iterable[bytes]
) -> HttpResponse:
    code, _, reason = status.partition(" ")
    if any(name.lower() == "content-length" for name, _value in headers):
        try:
            response: HttpResponse = FlaskAnswer(b"".join(app_iter), status=int(code))
        finally:
            close = getattr(app_iter, "close", None)
            if close is not None:
                close()
    else:  # a streamed answer stays streamed (Django closes the iterator)
        response = StreamedFlaskAnswer(app_iter, status=int(code))
    response.reason_phrase = _reason_phrase(response.status_code, reason)
    for name, value in headers:
        lower = name.lower()
        if lower == "set-cookie":
            response.cookies.load(value)
        elif lower == "content-type" or name not in response:
            response[name] = value
        else:
            response[name] = f"{response[name]}, {value}"
    return response


def _reason_phrase(code: int, reason: str) -> str | None:
    """The phrase Django sends with ``code``: None for Django's standard one.

    werkzeug writes its standard phrases upper case ("404 NOT FOUND") where Django
    says "404 Not Found"; a phrase the view chose ("409 Name Taken") is kept.
    """
    standard = HTTP_STATUS_CODES.get(code)
    if reason and reason != (standard or "unknown").upper():
        return reason
    if code not in responses:  # Django would say "Unknown Status Code"
        return standard
    return None

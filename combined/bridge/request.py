"""A Django ``HttpRequest`` that mirrors the current Flask request.

Django's own functions -- ``auth.get_user``, ``auth.login``/``logout``, the CSRF
middleware, ``get_token`` -- take a Django request. Rather than re-implement them
for Flask, the bridge builds one ``WSGIRequest`` per Flask request, lazily, from
the same WSGI environ, with ``.session`` set to the very session object Flask
uses. It is kept on ``flask.g``.

The body: Django and Flask must not share one ``wsgi.input`` stream, or whichever
reads second finds it empty (Flask then answers 400 for a form). So for unsafe
methods the body is read once, bounded by ``MAX_CONTENT_LENGTH`` (413 beyond it),
and each side gets its own in-memory copy. Safe methods get an empty body.

Called by Django's handler (``combined.inprocess``), there is no mirror to build:
Django's own request is in the environ under :data:`DJANGO_REQUEST`, with the session,
user and messages Django's middleware gave it, and its body already read.

Not for use outside a Flask request context.
"""

from __future__ import annotations

import io

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from flask import Response, g, request, session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# The Django request whose handler called this Flask app in-process (combined.inprocess).
# An environ key without the HTTP_ prefix: no request header can set it.
DJANGO_REQUEST = "combined.django_request"


def inside_django() -> bool:
    """True when Django's handler called this app: its middleware has run already."""
    return DJANGO_REQUEST in request.environ


def buffered_body() -> bytes:
    """The request body, read once; Flask can still read it afterwards."""
    if request.method in SAFE_METHODS:
        return b""
    # Werkzeug reads at most MAX_CONTENT_LENGTH (RequestEntityTooLarge past it)
    # and keeps the bytes for request.form/.data/.get_json().
    body = request.get_data(cache=True)
    # Give a view that reads request.stream a fresh stream over the same bytes.
    request.environ["wsgi.input"] = io.BytesIO(body)
    request.__dict__.pop("stream", None)  # werkzeug's cached_property slot
    return body


def django_request() -> HttpRequest:
    """The Django request for this Flask request: Django's own when Django's handler
    called the app, else a mirror built on first use."""
    built = g.get("_django_request")
    if built is not None:
        return built
    built = request.environ.get(DJANGO_REQUEST)
    if built is None:
        body = buffered_body()
        environ = dict(request.environ)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        built = WSGIRequest(environ)
        built.session = getattr(session, "store", None)
    g._django_request = built
    return built


def copy_response_headers(source: HttpResponse, target: Response) -> None:
    """Copy what Django's response middleware set (cookies, ``Vary``) onto Flask's response."""
    for morsel in source.cookies.values():
        target.headers.add("Set-Cookie", morsel.OutputString())
    if source.has_header("Vary"):
        for field in source["Vary"].split(","):
            target.vary.add(field.strip())

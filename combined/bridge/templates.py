"""The Django half's Jinja environment on a Flask app, so templates render alike.

Why: a page's Jinja template (``<app>/jinja2/...``) is rendered by Django's Jinja2
engine until its view moves, then by Flask -- the same file, unchanged. So the Flask
app of moved pages gets what Django's engine has (``combined.jinja``): the same
template folders (searched first), globals (``url``, ``static``), filters and output
rules, and per request the context Django's context processors give: ``user``,
``perms``, ``messages``, the layout's variables, plus ``csrf_input``/``csrf_token``
(``combined.bridge.csrf``). ``request`` stays Flask's request.

Messages work both ways: Django's message storage is attached to the bridge's Django
request, so a message added on a Django page shows on a moved page and the other way
round (``django.contrib.messages.add_message(django_request(), ...)`` from Flask).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.context_processors import PermWrapper
from django.contrib.messages import get_messages
from django.contrib.messages.constants import DEFAULT_LEVELS
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.template import engines
from flask import Flask, Response, g
from flask.templating import Environment as FlaskEnvironment
from jinja2 import ChoiceLoader, FileSystemLoader

from combined.bridge.auth import current_user
from combined.bridge.request import copy_response_headers, django_request
from combined.jinja import MethodCheck, configure
from combined.layout.django_pages import layout

JINJA_ENGINE = "jinja2"  # the NAME of the Jinja2 engine in TEMPLATES


class _Environment(MethodCheck, FlaskEnvironment):
    """Flask's Jinja environment with ``combined.jinja``'s method check."""


def messages_request() -> HttpRequest:
    """The bridge's Django request with Django's message storage, as MessageMiddleware sets."""
    request = django_request()
    if not hasattr(request, "_messages"):
        request._messages = default_storage(request)
    return request


def _attach_messages() -> None:
    """``before_request``: storage in place before the view, as MessageMiddleware does,
    so a view's ``messages.success(django_request(), ...)`` works before any render."""
    messages_request()


def _context() -> dict[str, Any]:
    request = messages_request()
    return {
        **layout(request),
        "user": current_user,
        "perms": PermWrapper(current_user),
        "messages": get_messages(request),
        "DEFAULT_MESSAGE_LEVELS": DEFAULT_LEVELS,
    }


def _store_messages(response: Response) -> Response:
    """MessageMiddleware's ``process_response``: keep unread messages, drop shown ones."""
    request = g.get("_django_request")
    storage = getattr(request, "_messages", None)
    if storage is not None:
        shadow = HttpResponse()
        storage.update(shadow)
        copy_response_headers(shadow, response)
    return response


def init_app(app: Flask) -> None:
    """Use the shared Jinja environment in ``app``; call before anything renders."""
    engine: Any = engines[JINJA_ENGINE]
    app.jinja_environment = _Environment
    own = app.jinja_loader
    app.jinja_loader = ChoiceLoader([FileSystemLoader(engine.template_dirs), *filter(None, [own])])
    configure(app.jinja_env)
    app.before_request(_attach_messages)
    app.context_processor(_context)
    app.after_request(_store_messages)

"""The site's templates on the Flask half: its Django templates, and its Jinja ones.

Why: a page moves to Flask without a second copy of its layout.
:func:`render_django_template` renders one of the site's Django templates through
Django's own loader (``render_to_string`` with the Django request), so
``{% extends "base.html" %}``, third-party tag libraries, ``{% csrf_token %}``, the
context processors (``user``, ``perms``, ``messages``, the site's own) and
``{% url %}`` give the HTML Django gives: a view that moves from Django to Flask
keeps its template.

Jinja is the optional later step: a page's Jinja template (``<app>/jinja2/...``) is
rendered by Django's Jinja2 engine until its view moves, then by Flask -- the same
file. So a Flask app gets what Django's engine named ``jinja2`` has, when the site
has one (``combined.jinja``): the same template folders (searched first), globals
(``url``, ``static``), filters and output rules, and per request the context Django's
context processors give: ``user``, ``perms``, ``messages``, the layout's variables,
plus ``csrf_input``/``csrf_token`` (``combined.bridge.csrf``). ``request`` stays
Flask's request.

Django's test client sees what Flask renders: each render sends Django's
``template_rendered`` signal, so ``assertTemplateUsed`` and ``response.context`` work
on a page Flask serves as on one Django serves.

Messages work both ways: Django's message storage is attached to the bridge's Django
request, so a message added on a Django page shows on a Flask page and the other way
round (``django.contrib.messages.add_message(django_request(), ...)`` from Flask).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.context_processors import PermWrapper
from django.contrib.messages import get_messages
from django.contrib.messages.constants import DEFAULT_LEVELS
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.template import Context, engines
from django.template.loader import render_to_string
from django.template.utils import InvalidTemplateEngineError
from django.test.signals import template_rendered as django_template_rendered
from flask import Flask, Response, g, template_rendered
from flask.templating import Environment as FlaskEnvironment
from jinja2 import ChoiceLoader, FileSystemLoader, Template
from werkzeug.local import LocalProxy

from combined.bridge.auth import get_current_user
from combined.bridge.request import copy_response_headers, django_request, inside_django
from combined.jinja import MethodCheck, configure
from combined.layout import flask_pages
from combined.layout.django_pages import layout

JINJA_ENGINE = "jinja2"  # the NAME of the Jinja2 engine in TEMPLATES


class _Environment(MethodCheck, FlaskEnvironment):
    """Flask's Jinja environment with ``combined.jinja``'s method check."""


def messages_request() -> HttpRequest:
    """The bridge's Django request with its user and Django's message storage, as
    ``AuthenticationMiddleware`` and ``MessageMiddleware`` set them."""
    request = django_request()
    get_current_user()  # sets request.user when no middleware did
    if not hasattr(request, "_messages"):
        request._messages = default_storage(request)
    return request


def render_django_template(
    template_name: str | list[str], context: dict[str, Any] | None = None
) -> str:
    """The HTML Django's ``render(request, template_name, context)`` would give."""
    return render_to_string(template_name, context, request=messages_request())


def _attach_messages() -> None:
    """``before_request``: storage in place before the view, as MessageMiddleware does,
    so a view's ``messages.success(django_request(), ...)`` works before any render."""
    messages_request()


def _context() -> dict[str, Any]:
    request = messages_request()
    user = request.user
    return {
        **layout(request),
        "user": user,
        "perms": PermWrapper(user),
        "messages": get_messages(request),
        "DEFAULT_MESSAGE_LEVELS": DEFAULT_LEVELS,
    }


def _store_messages(response: Response) -> Response:
    """MessageMiddleware's ``process_response``: keep unread messages, drop shown ones."""
    if inside_django():
        return response  # Django's MessageMiddleware does it on Django's response
    request = g.get("_django_request")
    storage = getattr(request, "_messages", None)
    if storage is not None:
        shadow = HttpResponse()
        storage.update(shadow)
        copy_response_headers(shadow, response)
    return response


def _tell_django(sender: Flask, template: Template, context: dict[str, Any], **_: Any) -> None:
    # What Django's instrumented Template.render sends in tests (django.test.utils), and
    # django-debug-toolbar's templates panel receives: a Context (it reads .dicts), not a
    # dict. Without receivers (outside tests) sending costs one check. Flask's proxies
    # (current_user, request) are resolved now: the test reads them after the request.
    if not django_template_rendered.receivers:
        return
    resolved = {
        name: value._get_current_object() if isinstance(value, LocalProxy) else value
        for name, value in context.items()
    }
    django_template_rendered.send(sender=template, template=template, context=Context(resolved))


def announce_renders(app: Flask) -> None:
    """Send Django's ``template_rendered`` for each of ``app``'s renders (see above)."""
    template_rendered.connect(_tell_django, app)


def init_app(app: Flask, *, inside_django: bool = False) -> None:
    """Messages, and the shared Jinja environment when the
    site has a Jinja2 engine named ``jinja2``; call before anything renders.
    ``inside_django``: Django's MessageMiddleware stores the messages (see ``new_app``)."""
    app.before_request(_attach_messages)
    if not inside_django:
        app.after_request(_store_messages)
    try:
        engine: Any = engines[JINJA_ENGINE]
    except InvalidTemplateEngineError:  # the site renders Django templates only
        return
    app.jinja_environment = _Environment
    own = app.jinja_loader
    app.jinja_loader = ChoiceLoader([FileSystemLoader(engine.template_dirs), *filter(None, [own])])
    configure(app.jinja_env)
    flask_pages.drop_context(app)  # _context gives the layout's variables, as Django's
    app.context_processor(_context)

"""The sample's note page three ways in one combined site, before and after its takeover.

- ``/notes/<pk>/``: as the site serves it now, moved to Flask: Django's route hands
  the request to the app of moved pages in-process (``combined.handover``), whose view
  renders the Jinja template through Flask's environment.
- ``/before-move/notes/<pk>/``: Django's own view, as the page was before it moved
  (the ``takeover:else`` branch of django_site/notes/views.py): the same template,
  rendered by Django's Jinja2 engine, and the same query.
- ``/django-template/notes/<pk>/``: the moved Flask view again, rendering the same
  template through ``render_django_template`` (Django's loader and context
  processors, combined/bridge/templates.py) instead of Flask's environment.

All three pass through the combined app and Django's middleware (session, user,
messages, CSRF cookie) and are loaded logged in, so the benchmark compares what the
move changes and nothing else. Under ``/bench-parts/``, four pages that answer two
bytes split the move's cost by part (bench/moved_parts.py). Never deploy it: it adds
routes for measuring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from flask import Blueprint, Flask, abort

from bench.moved_parts import PREFIX as PARTS
from combined import inprocess
from combined.bridge.moved import register
from combined.bridge.templates import render_django_template
from combined.handover import moved_pages, served_by_flask
from combined.layout import error_context
from combined.wsgi import application  # sets Django up; uWSGI serves this object
from django_site.notes.views import site_notes

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

BEFORE = "before-move/"
VIA_DJANGO_TEMPLATE = "django-template/"


@require_http_methods(["GET", "HEAD"])
def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The note page as Django served it before the move."""
    note = get_object_or_404(site_notes(), pk=pk)
    return render(request, "notes/detail.html", {"note": note})


bp = Blueprint("bench_notes", __name__)


@bp.get(f"/{VIA_DJANGO_TEMPLATE}notes/<int:pk>/")
def detail_via_django_template(pk: int) -> str:
    """flask_backend/migrated/notes.py's view, rendering with Django's loader."""
    notes = site_notes()
    try:
        note = notes.get(pk=pk)
    except notes.model.DoesNotExist:
        abort(404, description=error_context(404)["message"])
    return render_django_template("notes/detail.html", {"note": note})


@bp.get(f"/{PARTS}moved/")
def empty_moved() -> str:
    return "ok"


def empty_django(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def _at_once(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


bare = Flask(__name__)  # no bridge: Flask's own request handling only
bare.add_url_rule(f"/{PARTS}flask/", view_func=lambda: "ok")

urlpatterns = [
    path(f"{BEFORE}notes/<int:pk>/", note_detail),
    path(f"{VIA_DJANGO_TEMPLATE}notes/<int:pk>/", served_by_flask),
    path(f"{PARTS}django/", empty_django),
    path(f"{PARTS}wsgi/", lambda request: inprocess.serve(_at_once, request)),
    path(f"{PARTS}flask/", lambda request: inprocess.serve(bare, request)),
    path(f"{PARTS}moved/", served_by_flask),
    path("", include(settings.ROOT_URLCONF)),
]
register(moved_pages(), bp)
settings.ROOT_URLCONF = __name__

__all__ = ["application"]

"""Hooks the shared layout (``combined.layout``) into Flask.

A blueprint adds the layout's templates to Jinja's search path and serves its CSS,
and a context processor gives every template the variables the layout needs: the
same site name and menu as on Django pages (``combined.layout.navigation``). It never
fails for want of a URL adapter (Flask has none for a Host it refused): the error
page for that request must still render.
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request, url_for
from flask.globals import request_ctx

from combined.conf import layout_css_url
from combined.layout import STATIC_DIR, TEMPLATES_DIR
from combined.layout.django_pages import reverse_or_none
from combined.layout.navigation import links

bp = Blueprint(
    "layout",
    __name__,
    template_folder=str(TEMPLATES_DIR),
    static_folder=str(STATIC_DIR),
    static_url_path="/layout-static",
)


def _context() -> dict[str, object]:
    fixed = current_app.config.get("LAYOUT_CONTEXT")
    if fixed:  # the migrated-pages app: fixed URLs, as on Django pages
        context: dict[str, object] = dict(fixed)
    else:
        # Inside the combined app Django serves the layout CSS at STATIC_URL; alone,
        # the backend serves its own copy.
        root = request.script_root
        context = {
            "css_url": _url("layout.static", "/layout-static/layout/site.css", "layout/site.css")
            if not root
            else layout_css_url(),
            "home_url": "/",
            "backend_url": f"{root}/",  # the backend's front page (its API index, at /api)
        }
    context["site_name"] = current_app.config["SITE_NAME"]
    # The backend link goes to the backend serving this page (wherever it is mounted).
    backend_root = str(context["backend_url"])
    context["menu"] = links(request.script_root + request.path, backend_root, reverse_or_none)
    return context


def _url(endpoint: str, fallback: str, filename: str | None = None) -> str:
    """``url_for(endpoint)``, or ``fallback`` when this request has no URL adapter."""
    if request_ctx.url_adapter is None:
        return fallback
    return url_for(endpoint, **({"filename": filename} if filename else {}))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_context)


def drop_context(app: Flask) -> None:
    """Take back ``init_app``'s context processor, for an app whose templates get the
    same variables from Django's side of the layout (``combined.bridge.templates``):
    otherwise the menu is built twice for each render, and the second one wins."""
    processors = app.template_context_processors[None]
    if _context in processors:
        processors.remove(_context)

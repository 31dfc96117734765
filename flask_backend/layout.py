"""Hooks the shared layout (``core.layout``) into Flask.

A blueprint adds the layout's templates to Jinja's search path and serves its CSS,
and a context processor gives every template the variables the layout needs.
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request, url_for

from core.layout import SITE_NAME, STATIC_DIR, TEMPLATES_DIR

bp = Blueprint(
    "layout",
    __name__,
    template_folder=str(TEMPLATES_DIR),
    static_folder=str(STATIC_DIR),
    static_url_path="/layout-static",
)


def _context() -> dict[str, str]:
    fixed = current_app.config.get("LAYOUT_CONTEXT")
    if fixed:  # the migrated-pages app: fixed URLs, as on Django pages
        return dict(fixed)
    # Inside the combined app Django serves the layout CSS at /static/; alone,
    # the backend serves its own copy.
    standalone = not request.script_root
    return {
        "css_url": url_for("layout.static", filename="layout/site.css")
        if standalone
        else "/static/layout/site.css",
        "home_url": "/",
        "backend_url": request.script_root + "/",
        "site_name": SITE_NAME,
    }


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_context)

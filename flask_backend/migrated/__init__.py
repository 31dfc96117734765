"""Pages moved from Django to Flask, served at their old URLs at the site root.

This is the "strangler" step of an incremental migration (docs/migration.md). The
moved pages of each Django app live in one module here, named after the app
(``notes.py`` for ``notes``), each with a blueprint ``bp`` of the same name, so
endpoints read ``notes.detail``. :data:`MOVED_APPS` lists those modules: declaring
a route on one of their blueprints is what moves a URL. The combined app's takeover
router (``combined.takeover``) sends exactly the paths these rules match to the app
built by ``flask_backend.create_migrated_app``, and every other path to Django. The
Django URL name stays, pointing at ``combined.handover``, so ``url()`` in
templates and ``reverse()`` keep using it. ``combined routes`` shows who serves what.

Not for backend pages or API endpoints: those live under ``BACKEND_PREFIX``
(``flask_backend.pages``, ``flask_backend.api``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Flask, Response

if TYPE_CHECKING:
    from core.settings import Settings

# One module per Django app with moved pages: flask_backend/migrated/<app>.py.
MOVED_APPS: list[str] = [
    # example:begin
    "notes",
    # example:end
    # One line per app, above this one (docs/migration.md).
]
# app.extensions key: the names of the blueprints whose rules are moved pages.
EXTENSION = "moved_pages"


def register(app: Flask, blueprint: Blueprint) -> None:
    """Register ``blueprint`` as moved pages: the takeover router routes its rules."""
    app.register_blueprint(blueprint)
    app.extensions.setdefault(EXTENSION, []).append(blueprint.name)


def moved_blueprints(app: Flask) -> list[str]:
    """The names of ``app``'s moved-page blueprints (none for other apps)."""
    return list(app.extensions.get(EXTENSION, []))


def config_for(settings: Settings) -> dict[str, Any]:
    """Config of the migrated-pages app: layout URLs as Django pages have them."""
    return {
        "LAYOUT_CONTEXT": {
            "css_url": "/static/layout/site.css",  # Django's static files, at the root
            "home_url": "/",
            "backend_url": settings.backend_prefix + "/",
        },
    }


def init_app(app: Flask, settings: Settings) -> None:
    """Register every module of :data:`MOVED_APPS` (they import Django's models)."""
    app.config.from_mapping(config_for(settings))
    for name in MOVED_APPS:
        register(app, import_module(f"{__name__}.{name}").bp)
    app.after_request(_vary_on_cookie)


def _vary_on_cookie(response: Response) -> Response:
    # Django's security headers come from combined.bridge.security.
    # Pages show who is logged in: shared caches must not mix users.
    response.vary.add("Cookie")
    return response

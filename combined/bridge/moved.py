"""The Flask app of the pages moved from Django, and how a blueprint joins it.

The moved pages of each Django app live in the project's
``flask_backend/migrated/<app>.py``, each with a blueprint ``bp``; the project lists
those modules in ``flask_backend.migrated.MOVED_APPS`` (docs/migration.md).
:func:`create_app` builds one app from them, served at the root next to Django:
Django's route of each moved page calls it in-process (``combined.handover``), so a
moved page answers at its old URL, through Django's middleware.

It is a second Flask app, not the backend's blueprints at a second mount, because
``url_for`` builds every URL under the request's ``SCRIPT_NAME``: one app cannot
produce ``/backend/...`` and a moved page's old root URL at once. Both share the
Django bridge (ORM, login, session, CSRF) and the layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from flask import Blueprint, Flask, Response

from combined import conf
from combined.bridge import templates
from combined.bridge.factory import new_app

# The project's package of moved pages, and the name its Flask templates live under.
PACKAGE = "flask_backend.migrated"
IMPORT_NAME = "flask_backend"
# app.extensions key: the names of the blueprints whose rules are moved pages.
EXTENSION = "moved_pages"

__all__ = ["Flask", "create_app", "moved_blueprints", "register"]


def register(app: Flask, blueprint: Blueprint) -> None:
    """Register ``blueprint`` as moved pages: ``combined routes`` checks its rules."""
    app.register_blueprint(blueprint)
    app.extensions.setdefault(EXTENSION, []).append(blueprint.name)


def moved_blueprints(app: Flask) -> list[str]:
    """The names of ``app``'s moved-page blueprints (none for other apps)."""
    return list(app.extensions.get(EXTENSION, []))


def create_app(config: Mapping[str, Any] | None = None, *, inside_django: bool = True) -> Flask:
    """The app of every module in ``MOVED_APPS``, answering through Django's handler.

    ``inside_django=False``: the same app answering on its own, with the bridge's own
    session, login and CSRF hooks, as the backend answers. No route serves it: it is
    there to measure what skipping Django's handler would save."""
    # Pages at the site's root: errors are the site's pages, never the backend's JSON.
    app = new_app(
        IMPORT_NAME, "", {"ONLY_PAGES": True, **(config or {})}, inside_django=inside_django
    )
    templates.init_app(app, inside_django=inside_django)  # first: Django's Jinja environment
    # Layout URLs as Django pages have them.
    app.config["LAYOUT_CONTEXT"] = {
        "css_url": conf.layout_css_url(),  # Django's static files
        "home_url": "/",
        "backend_url": conf.backend_prefix() + "/",
    }
    package = import_module(PACKAGE)
    for name in package.MOVED_APPS:
        register(app, import_module(f"{PACKAGE}.{name}").bp)
    if not inside_django:  # inside, Django's SessionMiddleware adds it, as before the move
        app.after_request(_vary_on_cookie)
    return app


def _vary_on_cookie(response: Response) -> Response:
    # Pages show who is logged in: shared caches must not mix users. (Django's rule,
    # for a page that read the session; the pages read it, for the layout's user.)
    response.vary.add("Cookie")
    return response

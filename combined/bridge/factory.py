"""What every Flask app of the site has: config, the Django bridge, the layout, errors.

``new_app`` is the one place a Flask app of the combined layer is made: the
backend at ``BACKEND_PREFIX`` (the project's ``flask_backend.create_app``) and any
other Flask app of the site start here, so they refuse the same Hosts, read the
same session and answer errors alike. Add blueprints to what it returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from combined import bridge
from combined.bridge import errors, hosts, json_body, url_guard
from combined.bridge.config import config_from_settings
from combined.layout import flask_pages
from core.settings import Settings, get_settings


def new_app(
    import_name: str,
    settings: Settings | None = None,
    script_root: str = "",
    config: Mapping[str, Any] | None = None,
) -> Flask:
    """A Flask app named ``import_name`` (its templates and static files live there)."""
    # Django must be set up, from these same settings, before the modules below
    # import its auth and CSRF code.
    bridge.setup_django(settings)
    settings = settings or get_settings()
    app = Flask(import_name)
    app.config.from_mapping(config_from_settings(settings, script_root))
    if config:
        app.config.from_mapping(config)

    hosts.init_app(app)  # first: a foreign Host is refused before any other hook runs
    url_guard.init_app(app)  # then a NUL in the address, before sessions and CSRF
    json_body.init_app(app)
    bridge.init_app(app)
    flask_pages.init_app(app)
    errors.init_app(app)
    return app

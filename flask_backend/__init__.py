"""The Flask half: an application factory with blueprints and Jinja templates.

``create_app`` builds a backend from the one settings source. Inside the combined
app it is mounted at ``BACKEND_PREFIX`` (``script_root``); alone
(``flask_backend.wsgi``) it serves at the root. The only Django dependency goes
through ``flask_backend.django_bridge``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flask import Flask

if TYPE_CHECKING:
    from combined.settings import Settings


def create_app(
    settings: Settings | None = None,
    *,
    script_root: str = "",
    config: Mapping[str, Any] | None = None,
) -> Flask:
    """Build a backend app. ``config`` overrides derived values (tests)."""
    from combined.settings import get_settings
    from flask_backend import api_index, django_bridge, errors, layout, pages
    from flask_backend.config import config_from_settings

    app = Flask(__name__)
    app.config.from_mapping(config_from_settings(settings or get_settings(), script_root))
    if config:
        app.config.from_mapping(config)

    django_bridge.init_app(app)
    layout.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api_index.bp, url_prefix="/api")
    # example:begin
    from flask_backend import api

    app.register_blueprint(api.bp, url_prefix="/api")
    # example:end
    return app

"""The Flask half: an application factory with blueprints and Jinja templates.

``create_app`` builds a backend from the one settings source. Inside the combined
app it is mounted at ``BACKEND_PREFIX`` (``script_root``); alone
(``flask_backend.wsgi``) it serves at the root. Django's ORM, login, session
and CSRF token reach it through ``flask_backend.django_bridge``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flask import Flask

if TYPE_CHECKING:
    from combined.settings import Settings
    from flask_backend.tenant import TenantConfig


def create_app(
    settings: Settings | None = None,
    *,
    script_root: str = "",
    config: Mapping[str, Any] | None = None,
    tenant: TenantConfig | None = None,
) -> Flask:
    """Build a backend app, for one ``tenant`` or for the site's own data (None).

    ``config`` overrides derived values (tests)."""
    from combined.settings import get_settings
    from flask_backend import django_bridge

    # Django must be set up before the modules below import its auth and CSRF code.
    django_bridge.setup_django()
    from flask_backend import accounts, api, errors, layout, pages
    from flask_backend.config import config_from_settings

    app = Flask(__name__)
    app.config.from_mapping(config_from_settings(settings or get_settings(), script_root))
    app.config["TENANT"] = tenant
    if config:
        app.config.from_mapping(config)

    django_bridge.init_app(app)
    layout.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    accounts.init_app(app)
    app.register_blueprint(api.bp, url_prefix="/api")
    return app

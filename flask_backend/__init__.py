"""The Flask half: application factories with blueprints and Jinja templates.

``create_app`` builds a backend from the one settings source. Inside the combined
app it is mounted at ``BACKEND_PREFIX`` (``script_root``); alone
(``flask_backend.wsgi``) it serves at the root. Django's ORM, login, session
and CSRF token reach it through ``flask_backend.django_bridge``. The features
a project has add their blueprints and factories below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from core.settings import Settings, get_settings

# takeover:begin
from flask_backend import django_bridge, errors, hosts, json_body, layout, migrated, url_guard

# takeover:else
# from flask_backend import django_bridge, errors, hosts, json_body, layout, url_guard
# takeover:end
from flask_backend.config import config_from_settings

# tenancy:begin
from flask_backend.tenant import TenantConfig

# tenancy:end


def create_app(
    settings: Settings | None = None,
    *,
    script_root: str = "",
    config: Mapping[str, Any] | None = None,
    # tenancy:begin
    tenant: TenantConfig | None = None,
    # tenancy:end
) -> Flask:
    """Build a backend app from ``settings``; ``config`` overrides derived values (tests)."""
    # tenancy:begin
    # For one tenant's data, or for the site's own (None): see flask_backend.tenant.
    config = {"TENANT": tenant, **(config or {})}
    # tenancy:end
    app = _new_app(settings, script_root, config)
    # Imported once Django is set up (_new_app): they import Django's auth and models.
    from flask_backend import accounts, api_index, pages

    # The API at /api, or at the root when BACKEND_PREFIX ends in /api: then the API's
    # index is the backend's front page, and errors are JSON but on the pages below.
    api_mount = app.config["API_MOUNT"]
    if api_mount:
        app.register_blueprint(pages.bp)
    accounts.init_app(app)
    app.register_blueprint(api_index.bp, url_prefix=api_mount or None)
    # example:begin
    from flask_backend import api, note_form  # import the models: Django set up first

    app.register_blueprint(api.bp, url_prefix=api_mount or None)
    app.register_blueprint(note_form.bp)
    app.config["PAGE_BLUEPRINTS"] |= {note_form.bp.name}
    # example:end
    return app


# takeover:begin
def create_migrated_app(
    settings: Settings | None = None, *, config: Mapping[str, Any] | None = None
) -> Flask:
    """Build the app for pages moved from Django: served at the root, next to Django.

    The combined app sends it the paths of the moved pages' rules
    (``flask_backend.migrated``, one blueprint per Django app; see
    ``combined.takeover`` and docs/migration.md); it renders with the Django half's
    Jinja environment. It is a second app object, not the backend's blueprints at a
    second mount, because ``url_for`` builds every URL under the request's
    ``SCRIPT_NAME``: one app cannot produce ``/backend/...`` and a moved page's old
    root URL at once. Both apps share the config, the Django bridge (ORM, login,
    session, CSRF) and the layout.
    """
    app = _new_app(settings, "", None)
    settings = settings or get_settings()
    from flask_backend.django_bridge import templates  # Django's engines: needs Django set up

    templates.init_app(app)  # first: the Jinja environment Django's engine has
    migrated.init_app(app, settings)
    if config:
        app.config.from_mapping(config)
    return app


# takeover:end


def _new_app(
    settings: Settings | None, script_root: str, config: Mapping[str, Any] | None
) -> Flask:
    """What every Flask app of the project has: config, Django bridge, layout, errors."""
    # Django must be set up, from these same settings, before the modules below
    # import its auth and CSRF code.
    django_bridge.setup_django(settings)
    settings = settings or get_settings()
    app = Flask(__name__)
    app.config.from_mapping(config_from_settings(settings, script_root))
    if config:
        app.config.from_mapping(config)

    hosts.init_app(app)  # first: a foreign Host is refused before any other hook runs
    url_guard.init_app(app)  # then a NUL in the address, before sessions and CSRF
    json_body.init_app(app)
    django_bridge.init_app(app)
    layout.init_app(app)
    errors.init_app(app)
    return app

"""The Flask half: application factories with blueprints and Jinja templates.

``create_app`` builds a backend from the one settings source. Inside the combined
app it is mounted at ``BACKEND_PREFIX`` (``script_root``); alone
(``flask_backend.wsgi``) it serves at the root. Django's ORM, login, session
and CSRF token reach it through ``combined.bridge``. The features
a project has add their blueprints and factories below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from combined.bridge.factory import new_app
from core.settings import Settings, get_settings  # noqa: F401

# takeover:begin
from flask_backend import migrated

# takeover:end
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
    app = new_app(__name__, settings, script_root, config)
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
    app = new_app(__name__, settings)
    settings = settings or get_settings()
    from combined.bridge import templates  # Django's engines: needs Django set up

    templates.init_app(app)  # first: the Jinja environment Django's engine has
    migrated.init_app(app, settings)
    if config:
        app.config.from_mapping(config)
    return app


# takeover:end

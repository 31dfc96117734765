"""The backend WSGI app for the configured ``TENANCY`` mode.

``none``: one Flask backend for the site's own data. ``subdomain``:
``acme.TENANCY_DOMAIN`` gets tenant ``acme``'s backend, the bare domain the
default one. ``path``: ``BACKEND_PREFIX/acme/...`` gets tenant ``acme``'s
backend; the default backend keeps ``BACKEND_PREFIX/`` and its own first
segments (``/api``, ``/static``...), which tenant slugs may not take.

Tenants come from the Django ``Tenant`` table (active ones only). An unknown or
inactive tenant gets the site's 404 page, remembered for ``TENANCY_TTL``
seconds; built backends are rebuilt after ``TENANCY_TTL`` seconds, so a new,
changed or deactivated tenant shows in every worker without a restart. A save
or delete of a Tenant clears this process's cache at once (after commit).

When not to use it: for a few fixed tenants, mount each backend in the HTTP
server or with ``DispatcherMiddleware``; the caches live per process.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from werkzeug.exceptions import BadRequest, HTTPException

import flask_backend
from combined import conf
from combined.bridge import close_old_connections
from combined.dispatch import AppBuildError, AppCache, PathDispatcher, SubdomainDispatcher
from combined.layout import render_error
from combined.security_headers import headers_for
from flask_backend.tenant import TenantConfig

if TYPE_CHECKING:
    from collections.abc import Iterable

    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from flask import Flask


logger = logging.getLogger(__name__)


class TenantLookupError(RuntimeError):
    """The Tenant table could not be read (database down); nothing is cached."""


class SitePageError(HTTPException):
    """An HTTP error answered with the site's layout page. Being a werkzeug
    ``HTTPException``, ``AppCache`` keeps it only for ``TENANCY_TTL`` seconds."""

    def __init__(
        self,
        code: int,
        description: str,
        backend_url: str,
        site_name: str,
    ) -> None:
        super().__init__(description)
        self.code, self.backend_url, self.site_name = code, backend_url, site_name

    def get_body(self, environ: WSGIEnvironment | None = None, scope: Any = None) -> str:
        return render_error(
            self.code, self.description, backend_url=self.backend_url, site_name=self.site_name
        )

    def get_headers(
        self, environ: WSGIEnvironment | None = None, scope: Any = None
    ) -> list[tuple[str, str]]:
        return [("Content-Type", "text/html; charset=utf-8"), *headers_for(environ)]


class LookupFailurePage:
    """WSGI middleware: a failed tenant lookup gets the site's 503 page, not a
    traceback. The failure is not cached, so the next request tries again."""

    def __init__(
        self,
        app: WSGIApplication,
        backend_url: str,
        site_name: str,
    ) -> None:
        self.app = app
        message = "The tenant's backend could not be loaded."
        self.page = SitePageError(503, message, backend_url, site_name)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            return self.app(environ, start_response)
        except (TenantLookupError, AppBuildError):
            logger.exception("tenant lookup failed for %s", environ.get("PATH_INFO"))
            return self.page(environ, start_response)


def find_tenant(slug: str) -> TenantConfig | None:
    """The active tenant with this slug, or None (no query for a non-slug)."""
    # Models need Django's apps loaded; combined.app imports this module before that.
    from django_site.tenants.models import Tenant, label_validator

    if label_validator.regex.fullmatch(slug) is None:
        return None
    # This runs before the backend's own request hooks: do their connection care.
    close_old_connections()
    try:
        row = Tenant.objects.filter(slug=slug, is_active=True).values("id", "slug", "name").first()
    finally:
        close_old_connections()
    return None if row is None else TenantConfig(**row)


def first_segments(app: Flask) -> frozenset[str]:
    """The first path segments the default backend answers on (``api``, ``static``...)."""
    return frozenset(
        rule.rule.lstrip("/").split("/", 1)[0] for rule in app.url_map.iter_rules()
    ) - {""}


class _EvictOnChange:
    """Clears a dispatcher's cache when a Tenant is saved or deleted in this process."""

    def __init__(self, cache: AppCache) -> None:
        self.cache = cache
        for signal in (post_save, post_delete):  # a lazy sender: no model import needed
            signal.connect(self, sender="tenants.Tenant", weak=True)  # gone with its dispatcher

    def __call__(self, sender: object, **kwargs: object) -> None:
        # After commit: a build that runs earlier would read the old row and keep it.
        transaction.on_commit(self.cache.clear)


def backend_app(*, clock: Callable[[], float] = time.monotonic) -> WSGIApplication:
    """The WSGI app to mount at ``BACKEND_PREFIX`` for Django's ``TENANCY`` setting.

    ``clock`` times the caches (tests pass a fake one)."""
    prefix = conf.backend_prefix()
    default = flask_backend.create_app(script_root=prefix)
    mode = getattr(settings, "TENANCY", "none")
    if mode == "none":
        return default
    home = prefix + "/"
    name = conf.site_name()
    unknown = SitePageError(404, "There is no tenant at this address.", home, name)
    ttl = float(settings.TENANCY_TTL)
    options = {
        "max_apps": int(settings.TENANCY_CACHE_SIZE),
        "negative_ttl": ttl,
        "max_age": ttl,
        "clock": clock,
    }

    def build(slug: str, script_root: str) -> WSGIApplication:
        try:
            tenant = find_tenant(slug)
        except DatabaseError as exc:
            raise TenantLookupError(f"could not read tenant {slug!r}: {exc}") from exc
        if tenant is None:
            return unknown
        return flask_backend.create_app(script_root=script_root, tenant=tenant)

    dispatcher: SubdomainDispatcher | PathDispatcher
    if mode == "subdomain":
        dispatcher = SubdomainDispatcher(
            settings.TENANCY_DOMAIN or "",  # required by the settings validator
            lambda label: default if label == "" else build(label, prefix),
            bad_host=SitePageError(400, BadRequest.description, home, name),
            unknown_host=unknown,
            **options,
        )
    else:
        reserved = first_segments(default)
        dispatcher = PathDispatcher(
            default,
            lambda segment: None if segment in reserved else build(segment, f"{prefix}/{segment}"),
            **options,
        )
    dispatcher.evict_on_change = _EvictOnChange(dispatcher.cache)  # type: ignore[union-attr]
    return LookupFailurePage(dispatcher, home, name)

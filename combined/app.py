"""The combined application factory: one WSGI callable for both halves.

Request flow, outermost first (outside them all, ``LastResort`` answers 500 for an
exception nothing else handled, unless ``DEBUG``, and ``ServerScheme`` keeps uWSGI from
taking the scheme from client headers: ``combined.last_resort``, ``combined.scheme``):

0. ``HealthCheck`` -- ``/healthz`` and ``/readyz``, before anything else and for
   any Host (load balancers probe by IP; see ``combined.health``).
1. ``ProxyFix`` -- only when ``PROXY_COUNT`` says how many proxies to trust;
   otherwise ``X-Forwarded-*`` headers are ignored.
2. ``HostCheck`` -- a Host outside ``ALLOWED_HOSTS`` gets 400 on both halves.
3. ``BodyLimit`` -- a body over ``MAX_BODY_BYTES`` gets 413 on both halves, by its
   ``Content-Length``; a chunked body the server did not give a length is read and
   given one, or gets 411 where it cannot be read (``combined.body_limit``).
4. ``DispatcherMiddleware`` -- ``BACKEND_PREFIX`` goes to Flask (with the prefix
   moved into ``SCRIPT_NAME``), everything else to Django.

The features a project has add their layers (see ``layers``). If nginx already
routes by path, you could mount the halves there instead; keeping it here means
one process, one deployment and one set of settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.handlers.wsgi import WSGIHandler
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.middleware.proxy_fix import ProxyFix

# tenancy:begin
# takeover:begin
import flask_backend

# takeover:end
# tenancy:else
# import flask_backend
# tenancy:end
from combined.body_limit import BodyLimit
from combined.health import HealthCheck
from combined.host_check import HostCheck
from combined.last_resort import LastResort
from combined.scheme import ServerScheme

# takeover:begin
from combined.takeover import TakeoverRouter

# takeover:end
# tenancy:begin
from combined.tenancy import backend_app

# tenancy:end
from core.security_headers import SecurityHeaders
from core.settings import Settings, api_mount, get_settings
from django_site.configure import configure as configure_django

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

    # takeover:begin
    from flask import Flask
    # takeover:end


def create_app(settings: Settings | None = None) -> WSGIApplication:
    """Build the combined WSGI app from ``settings`` (default: the environment)."""
    configure_django(settings)  # Django's settings derive from these very settings
    settings = settings or get_settings()
    django_app = WSGIHandler()
    # tenancy:begin
    backend = backend_app(settings)  # Flask, or a dispatcher to per-tenant Flask apps
    # tenancy:else
    # backend = flask_backend.create_app(settings, script_root=settings.backend_prefix)
    # tenancy:end
    # takeover:begin
    return layers(settings, django_app, backend, flask_backend.create_migrated_app(settings))
    # takeover:else
    # return layers(settings, django_app, backend)
    # takeover:end


def layers(
    settings: Settings,
    django_app: WSGIApplication,
    backend: WSGIApplication,
    # takeover:begin
    migrated: Flask,
    # takeover:end
) -> WSGIApplication:
    """The per-request layers around the two halves, outermost last."""
    # takeover:begin
    # Pages moved to Flask go to the migrated-pages app at the root (combined.takeover).
    site: WSGIApplication = TakeoverRouter(django_app, migrated)
    # takeover:else
    # site = django_app
    # takeover:end
    # bench:begin
    # bench/dispatch_bench.py times these layers.
    # bench:end
    headers = SecurityHeaders(settings)  # on the answers made here, as Django sends them
    app: WSGIApplication = DispatcherMiddleware(site, {settings.backend_prefix: backend})
    home = settings.backend_prefix + "/"
    app = BodyLimit(
        app,
        settings.max_body_bytes,
        api_prefix=settings.backend_prefix + api_mount(settings.backend_prefix),
        backend_url=home,
        site_name=settings.site_name,
        headers=headers,
    )
    app = HostCheck(
        app, settings.allowed_hosts, backend_url=home, headers=headers, site_name=settings.site_name
    )
    if settings.proxy_count:
        n = settings.proxy_count
        app = ProxyFix(app, x_for=n, x_proto=n, x_host=n, x_port=n)
    app = ServerScheme(HealthCheck(app, headers=headers))
    # With DEBUG an escaped exception goes on to werkzeug's debugger (combined run).
    return app if settings.debug else LastResort(app, backend_url=settings.backend_prefix + "/")

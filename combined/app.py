"""The combined application factory: one WSGI callable for both halves.

Request flow, outermost first (outside them all, ``LastResort`` answers 500 for an
exception nothing else handled, unless ``DEBUG``, and ``ServerScheme`` keeps uWSGI from
taking the scheme from client headers: ``combined.last_resort``, ``combined.scheme``):

0. ``HealthCheck`` -- ``/healthz`` and ``/readyz``, before anything else and for
   any Host (load balancers probe by IP; see ``combined.health``).
1. ``ProxyFix`` -- only when ``PROXY_COUNT`` says how many proxies to trust;
   otherwise ``X-Forwarded-*`` headers are ignored.
2. ``HostCheck`` -- a Host outside ``ALLOWED_HOSTS`` gets 400 on both halves.
3. ``BodyLimit`` -- when the site sets ``MAX_BODY_BYTES``, a body over it gets 413
   on both halves, by its ``Content-Length``; in every site a chunked body the server
   did not give a length is read and given one, or gets 411 where it cannot be read
   (``combined.body_limit``).
4. ``DispatcherMiddleware`` -- ``BACKEND_PREFIX`` goes to Flask (with the prefix
   moved into ``SCRIPT_NAME``), everything else to Django. (A Django route can hand
   its page to a Flask app in-process: ``combined.inprocess``.)

Every value comes from Django's settings (``combined.conf``): the site's own
settings module, or in a project made from the template the environment through
``django_site.settings``. If nginx already routes by path, you could mount the
halves there instead; keeping it here means one process, one deployment and one
set of settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.middleware.proxy_fix import ProxyFix

from combined import conf
from combined.body_limit import BodyLimit
from combined.bridge import setup_django
from combined.halves import build_backend
from combined.health import HealthCheck
from combined.host_check import HostCheck
from combined.last_resort import LastResort
from combined.scheme import ServerScheme

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


def create_app() -> WSGIApplication:
    """Build the combined WSGI app from Django's settings (``DJANGO_SETTINGS_MODULE``)."""
    setup_django()
    return layers(WSGIHandler(), build_backend())


def layers(django_app: WSGIApplication, backend: WSGIApplication) -> WSGIApplication:
    """The per-request layers around the two halves, outermost last."""
    prefix = conf.backend_prefix()
    # bench:begin
    # bench/dispatch_bench.py times these layers.
    # bench:end
    app: WSGIApplication = DispatcherMiddleware(django_app, {prefix: backend})
    # A limit for both halves when the site chose one; a chunked body is handled either way.
    limited = hasattr(settings, "MAX_BODY_BYTES")
    app = BodyLimit(app, backend_url=prefix + "/", limited=limited)
    app = HostCheck(app, backend_url=prefix + "/")
    proxies = conf.proxy_count()
    if proxies:
        app = ProxyFix(app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies)
    app = ServerScheme(HealthCheck(app))
    # With DEBUG an escaped exception goes on to werkzeug's debugger (combined run).
    return app if settings.DEBUG else LastResort(app, backend_url=prefix + "/")

"""The site's Flask apps: how the backend is built, and one of each per process.

``build_backend`` makes the app mounted at ``BACKEND_PREFIX``: the project's
``flask_backend.create_app`` (the Flask half of a project made from the template, or
of a site that adopted the layer), or what the setting ``BACKEND_FACTORY`` names (a
dotted path, as ``WSGI_APPLICATION`` is: a feature that builds the backend its own
way plugs in there, and this module imports none of them). The combined app
(``combined.app``) builds its own. Django's handler reaches the Flask apps in-process
(``combined.urls`` and the features' routes) through :func:`one`: each built on first
use, once per process, and built again after a test changes a setting it is made
from (``setting_changed``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from combined import conf

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

# The project's Flask half, named as Django names ROOT_URLCONF: imported on first use,
# from the project's folder (a deployed site and `combined` commands run from it).
FLASK_HALF = "flask_backend"
# The settings an app is built from (the others are read per request).
STRUCTURAL = {"BACKEND_PREFIX", "BACKEND_FACTORY"}
# tenancy:begin
STRUCTURAL |= {"TENANCY", "TENANCY_DOMAIN", "TENANCY_TTL", "TENANCY_CACHE_SIZE"}
# tenancy:end
_lock = threading.Lock()
_built: dict[str, WSGIApplication] = {}


def build_backend() -> WSGIApplication:
    """A new backend for ``BACKEND_PREFIX``: ``BACKEND_FACTORY()`` if the site names one."""
    factory = getattr(settings, "BACKEND_FACTORY", None)
    if factory:  # imported by name, on first use (it may need the apps loaded)
        return import_string(factory)()
    return import_module(FLASK_HALF).create_app(script_root=conf.backend_prefix())


def one(name: str, build: Callable[[], WSGIApplication]) -> WSGIApplication:
    """This process's app called ``name``, built by ``build`` on first use."""
    app = _built.get(name)
    if app is None:
        with _lock:
            app = _built.get(name)
            if app is None:
                app = _built[name] = build()
    return app


def backend() -> WSGIApplication:
    """This process's backend, for Django's handler (``combined.urls``)."""
    return one("backend", build_backend)


def forget(*, setting: str = "", **_kwargs: object) -> None:
    """Build the apps again on next use (after ``setting`` changed, if it matters)."""
    if not setting or setting in STRUCTURAL:
        _built.clear()


setting_changed.connect(forget, dispatch_uid="combined.halves")

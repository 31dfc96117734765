"""The layer's own settings: plain Django settings, with defaults.

Every part of the layer, the Flask half included, reads its values from
``django.conf.settings``: in a project made from the template those are filled
from the environment (``core.settings``); in a site that adopted the layer they
are whatever the site's own settings module says. So ``@override_settings`` and
pytest-django's ``settings`` fixture reach both halves. The names the layer adds
to Django's, with their defaults when a site does not set them:

=================  ===========  ====================================================
``BACKEND_PREFIX`` ``/backend`` where the Flask backend is mounted
``SITE_NAME``      ``Site``     the name on the layer's own pages (error pages)
``MAX_BODY_BYTES`` 10 MiB       largest request body the layer reads into memory
``PROXY_COUNT``    ``0``        reverse proxies trusted for ``X-Forwarded-*``
``HEALTH_PATHS``   see below    the liveness and readiness paths (``combined.health``)
=================  ===========  ====================================================

``HEALTH_PATHS`` is ``{"live": "/healthz", "ready": "/readyz"}`` unless a site names
others (a site that already answers ``/healthz`` itself, say).

Read them through the functions here, never with a default of your own, so every
module agrees on the defaults.
"""

from __future__ import annotations

import re

from django.conf import settings

DEFAULT_BACKEND_PREFIX = "/backend"
DEFAULT_SITE_NAME = "Site"
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
# First path segments the layer answers itself, before the backend could: the health
# checks, and the static files' URL. A project adds its own (core.settings).
RESERVED_SEGMENTS = {
    "static": "the static files' URL (STATIC_URL)",
    "healthz": "the health check",
    "readyz": "the readiness check",
}
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


class SettingsError(SystemExit):
    """A setting is missing or invalid. The message is one line naming the variable, so
    ``manage.py``, a server's import and ``combined`` commands stop with that line
    instead of a traceback from deep inside a framework."""

    def __init__(self, variable: str, problem: str) -> None:
        self.variable = variable
        self.problem = problem
        super().__init__(f"configuration error: {variable}: {problem}")


def normalize_prefix(value: str, reserved: dict[str, str] = RESERVED_SEGMENTS) -> str:
    """``api/`` -> ``/api``. Refuses ``/``, empty values, odd segments and the first
    segments in ``reserved``."""
    segments = [s for s in str(value).strip().split("/") if s]
    if not segments:
        raise ValueError("must name a path such as /backend; '/' or an empty value is refused")
    for segment in segments:
        if segment in {".", ".."} or not _SEGMENT.fullmatch(segment):
            raise ValueError(f"segment {segment!r} is not a plain URL path segment")
    taken = reserved.get(segments[0])
    if taken:
        raise ValueError(f"/{segments[0]} is {taken}; choose another path, such as /backend")
    return "/" + "/".join(segments)


def api_mount(backend_prefix: str) -> str:
    """Where the backend mounts its JSON API: ``/api``, or the backend's root ("")
    when ``BACKEND_PREFIX`` already ends in the segment ``api`` (``/api``, ``/v1/api``),
    so that the API's index is ``/api/``, never ``/api/api/``."""
    return "" if backend_prefix.rsplit("/", 1)[-1] == "api" else "/api"


def backend_prefix() -> str:
    """``BACKEND_PREFIX`` in its normal form (``/backend``)."""
    return normalize_prefix(getattr(settings, "BACKEND_PREFIX", DEFAULT_BACKEND_PREFIX))


def layout_css_url() -> str:
    """Where Django's static files serve the shared layout's stylesheet (``STATIC_URL``:
    an adopted site's may be ``/assets/`` or a CDN)."""
    return (getattr(settings, "STATIC_URL", None) or "/static/") + "layout/site.css"


def site_name() -> str:
    return getattr(settings, "SITE_NAME", DEFAULT_SITE_NAME)


def max_body_bytes() -> int:
    return int(getattr(settings, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))


DEFAULT_HEALTH_PATHS = {"live": "/healthz", "ready": "/readyz"}


def health_paths() -> dict[str, str]:
    """``{"live": path, "ready": path}``: where ``combined.health`` answers."""
    return {**DEFAULT_HEALTH_PATHS, **getattr(settings, "HEALTH_PATHS", {})}


def proxy_count() -> int:
    return int(getattr(settings, "PROXY_COUNT", 0))

"""The security headers of every answer, for the answers no framework makes.

Django's ``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` add these to
Django's pages, and ``combined.bridge.security`` runs the same
middleware for Flask's. The assembly answers a few requests itself, before either
framework runs (``/healthz``, ``/readyz``, the host check's 400): those take the
headers from here, as a plain list, so the assembly needs no Django middleware.

The values are read from Django's settings for each answer (a project made from the
template sets them from the constants below, in ``django_site.settings``), so the
assembly's answers carry what Django's do. HSTS is sent only over HTTPS, as Django does.

``Content-Security-Policy`` (django-csp's ``CONTENT_SECURITY_POLICY``) and
``Permissions-Policy`` (django-permissions-policy's ``PERMISSIONS_POLICY``) are sent
when the site has those settings, built by those libraries from the same dicts. The
template's policy (the constants below) allows only the site's own scripts, styles,
images, fonts and connections: no inline script or style, no plugins, no framing,
forms posting to the site alone; and turns off powerful browser features for every
origin. A page that needs more (a map from another origin, a payment form) widens the
policy for itself with django-csp's ``@csp_update``, not here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.signals import setting_changed

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"
CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The values of django-csp's and django-permissions-policy's settings (strings, so this
# module imports neither library: a site that adopted the layer may not have them).
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# An empty list: the feature is off for every origin, the site's own included.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation",
        "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment", "serial", "usb",
    )
}  # fmt: skip


def content_security_policy(config: dict[str, Any] = CONTENT_SECURITY_POLICY) -> str:
    """The ``Content-Security-Policy`` value django-csp builds from ``config``."""
    from csp.utils import build_policy  # imported when used: a site may not have django-csp

    return build_policy(config=config["DIRECTIVES"])


def permissions_policy(config: dict[str, list[str]] = PERMISSIONS_POLICY) -> str:
    """The ``Permissions-Policy`` value django-permissions-policy builds from ``config``."""
    from django_permissions_policy import PermissionsPolicyMiddleware  # likewise

    return PermissionsPolicyMiddleware.compute_header_value(config, name="PERMISSIONS_POLICY")


@lru_cache(maxsize=1)
def policies() -> tuple[tuple[str, str], ...]:
    """The policy headers of the site's settings, built once (again after a change)."""
    found = []
    csp = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    if csp and csp.get("DIRECTIVES"):
        found.append(("Content-Security-Policy", content_security_policy(csp)))
    features = getattr(settings, "PERMISSIONS_POLICY", None)
    if features is not None and permissions_policy(features):
        found.append(("Permissions-Policy", permissions_policy(features)))
    return tuple(found)


setting_changed.connect(lambda **_kwargs: policies.cache_clear(), weak=False)


def headers_for(environ: WSGIEnvironment | None) -> list[tuple[str, str]]:
    """The headers Django's middleware would add to an answer to ``environ``, from
    Django's settings as they are now: HSTS only over HTTPS, as Django does."""
    headers = []
    if getattr(settings, "SECURE_CONTENT_TYPE_NOSNIFF", True):
        headers.append(("X-Content-Type-Options", "nosniff"))
    headers.append(("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()))
    referrer = getattr(settings, "SECURE_REFERRER_POLICY", None)
    if referrer:
        value = referrer if isinstance(referrer, str) else ",".join(referrer)
        headers.append(("Referrer-Policy", value))
    opener = getattr(settings, "SECURE_CROSS_ORIGIN_OPENER_POLICY", None)
    if opener:
        headers.append(("Cross-Origin-Opener-Policy", opener))
    headers.extend(policies())
    seconds = getattr(settings, "SECURE_HSTS_SECONDS", 0)
    if seconds and environ is not None and environ.get("wsgi.url_scheme") == "https":
        hsts = f"max-age={seconds}"
        if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
            hsts += "; includeSubDomains"
        if getattr(settings, "SECURE_HSTS_PRELOAD", False):
            hsts += "; preload"
        headers.append(("Strict-Transport-Security", hsts))
    return headers

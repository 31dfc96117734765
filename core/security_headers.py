"""The security headers of every answer, for the answers no framework makes.

Django's ``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` add these to
Django's pages, and ``flask_backend.django_bridge.security`` runs the same
middleware for Flask's. The assembly answers a few requests itself, before either
framework runs (``/healthz``, ``/readyz``, the host check's 400): those take the
headers from here, as a plain list, so the assembly needs no Django middleware.

The values are the ones Django's settings hold (``django_site.settings`` sets them
from the constants below), so a change here changes every answer of the site.
HSTS is sent only on answers over HTTPS, as Django does.

``Content-Security-Policy`` (django-csp's ``CONTENT_SECURITY_POLICY``) allows only the
site's own scripts, styles, images, fonts and connections: no inline script or style,
no plugins, no framing, forms posting to the site alone. ``Permissions-Policy``
(django-permissions-policy's ``PERMISSIONS_POLICY``) turns off powerful browser
features for every origin. The strings here are built by those libraries, from the
same dicts. A page that needs more (a map from another origin, a payment form) widens
the policy for itself with django-csp's ``@csp_update``, not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from csp.constants import NONE, SELF
from csp.utils import build_policy
from django_permissions_policy import PermissionsPolicyMiddleware

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

    from core.settings import Settings

CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"
CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
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


def content_security_policy() -> str:
    """The ``Content-Security-Policy`` value of :data:`CONTENT_SECURITY_POLICY`."""
    return build_policy(config=CONTENT_SECURITY_POLICY["DIRECTIVES"])


def permissions_policy() -> str:
    """The ``Permissions-Policy`` value of :data:`PERMISSIONS_POLICY`."""
    return PermissionsPolicyMiddleware.compute_header_value(
        PERMISSIONS_POLICY, name="PERMISSIONS_POLICY"
    )


class SecurityHeaders:
    """The header list for one site: ``for_environ(environ)`` adds HSTS over HTTPS."""

    def __init__(self, settings: Settings) -> None:
        self.plain: list[tuple[str, str]] = [
            ("X-Frame-Options", X_FRAME_OPTIONS),
            ("Referrer-Policy", REFERRER_POLICY),
            ("Cross-Origin-Opener-Policy", CROSS_ORIGIN_OPENER_POLICY),
            ("Content-Security-Policy", content_security_policy()),
            ("Permissions-Policy", permissions_policy()),
        ]
        if CONTENT_TYPE_NOSNIFF:
            self.plain.insert(0, ("X-Content-Type-Options", "nosniff"))
        self.secure = list(self.plain)
        if settings.secure_hsts_seconds:
            hsts = f"max-age={settings.secure_hsts_seconds}"
            if settings.secure_hsts_include_subdomains:
                hsts += "; includeSubDomains"
            if settings.secure_hsts_preload:
                hsts += "; preload"
            self.secure.append(("Strict-Transport-Security", hsts))

    def for_environ(self, environ: WSGIEnvironment) -> list[tuple[str, str]]:
        """The headers for this request: HSTS only when it came over HTTPS."""
        return self.secure if environ.get("wsgi.url_scheme") == "https" else self.plain

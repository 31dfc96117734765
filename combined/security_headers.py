"""The security headers of every answer, for the answers no framework makes.

Django's ``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` add these to
Django's pages, and ``combined.bridge.security`` runs the same
middleware for Flask's. The assembly answers a few requests itself, before either
framework runs (``/healthz``, ``/readyz``, the host check's 400): those take the
headers from here, as a plain list, so the assembly needs no Django middleware.

The values are the ones Django's settings hold (``django_site.settings`` sets them
from the constants below), so a change here changes every answer of the site.
HSTS is sent only on answers over HTTPS, as Django does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

    from core.settings import Settings

CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"
CROSS_ORIGIN_OPENER_POLICY = "same-origin"


class SecurityHeaders:
    """The header list for one site: ``for_environ(environ)`` adds HSTS over HTTPS."""

    def __init__(self, settings: Settings) -> None:
        self.plain: list[tuple[str, str]] = [
            ("X-Frame-Options", X_FRAME_OPTIONS),
            ("Referrer-Policy", REFERRER_POLICY),
            ("Cross-Origin-Opener-Policy", CROSS_ORIGIN_OPENER_POLICY),
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

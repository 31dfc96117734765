"""The security headers of every answer, for the answers no framework makes.

Django's ``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` add these to
Django's pages, and ``combined.bridge.security`` runs the same
middleware for Flask's. The assembly answers a few requests itself, before either
framework runs (``/healthz``, ``/readyz``, the host check's 400): those take the
headers from here, as a plain list, so the assembly needs no Django middleware.

The values are read from Django's settings for each answer (a project made from the
template sets them from the constants below, in ``django_site.settings``), so the
assembly's answers carry what Django's do. HSTS is sent only over HTTPS, as Django does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"
CROSS_ORIGIN_OPENER_POLICY = "same-origin"


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
    seconds = getattr(settings, "SECURE_HSTS_SECONDS", 0)
    if seconds and environ is not None and environ.get("wsgi.url_scheme") == "https":
        hsts = f"max-age={seconds}"
        if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
            hsts += "; includeSubDomains"
        if getattr(settings, "SECURE_HSTS_PRELOAD", False):
            hsts += "; preload"
        headers.append(("Strict-Transport-Security", hsts))
    return headers

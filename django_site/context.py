"""Template context the shared layout (``core.layout``) needs on Django pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

from core.layout import SITE_NAME


def layout(request: HttpRequest) -> dict[str, str]:
    return {
        "css_url": static("layout/site.css"),
        "home_url": "/",
        "backend_url": settings.BACKEND_PREFIX + "/",
        "site_name": SITE_NAME,
    }

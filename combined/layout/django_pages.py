"""Template context the shared layout (``combined.layout``) needs on Django pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

from combined.layout.navigation import links


def layout(request: HttpRequest) -> dict[str, object]:
    return {
        "css_url": static("layout/site.css"),
        "home_url": "/",
        "backend_url": settings.BACKEND_PREFIX + "/",
        "site_name": settings.SITE_NAME,
        "menu": links(request.path, settings.BACKEND_PREFIX, reverse),
    }

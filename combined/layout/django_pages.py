"""The shared layout (``combined.layout``) on Django's half: its context, its error page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

from combined import conf
from combined.layout import error_context
from combined.layout.navigation import links


def reverse_or_none(name: str) -> str | None:
    """The path of the Django page named ``name``; None if the site has no such page."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def layout(request: HttpRequest) -> dict[str, object]:
    prefix = conf.backend_prefix()
    return {
        "css_url": static("layout/site.css"),
        "home_url": "/",
        "backend_url": prefix + "/",
        "site_name": conf.site_name(),
        "menu": links(request.path, prefix, reverse_or_none),
    }


def error_page(request: HttpRequest, status: int, message: str | None = None) -> HttpResponse:
    """The shared layout's error page for ``status``, as every half renders it."""
    # No context processors: the 500 page must render even when they are broken.
    context = {**layout(request), **error_context(status, message)}
    body = loader.get_template("layout/error.html").render(context)
    return HttpResponse(body, status=status)

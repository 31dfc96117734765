"""The shared page layout, so both halves look like one site.

``templates/layout/*.html`` are written in the common subset of the Django template
language and Jinja2 (blocks, plain variables, simple ``for`` and ``if``), so
Django, Flask and the combined entry point all render the same files. Keep them
free of filters, tags and ``{% load %}``: a construct only one engine knows breaks
the other half.

Context every page needs: ``css_url``, ``home_url``, ``backend_url``, ``site_name``
(the ``SITE_NAME`` setting) and ``menu`` (``combined.layout.navigation.links``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from combined.conf import DEFAULT_SITE_NAME, layout_css_url
from combined.layout.navigation import links

LAYOUT_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = LAYOUT_DIR / "templates"
# The layout's stylesheet (layout/site.css) is in the combined app's static folder, so
# Django's app-directories finder finds it on any site with "combined" installed.
STATIC_DIR = LAYOUT_DIR.parent / "static"
ERROR_TITLES = {
    400: ("Bad request", "The request could not be understood."),
    401: ("Login required", "Log in to see this."),
    403: ("Forbidden", "You are not allowed to do that."),
    404: ("Page not found", "There is no page at this address."),
    405: ("Method not allowed", "This address does not accept that method."),
    411: ("Length required", "Send the request body with a Content-Length."),
    413: ("Request too large", "The request body is larger than this site accepts."),
    414: ("Address too long", "The address is too long for this site. Use a shorter one."),
    429: ("Too many attempts", "Too many requests. Wait a while, then try again."),
    500: ("Server error", "Something went wrong on our side. It has been logged."),
    503: ("Service unavailable", "The site is temporarily unavailable. Try again shortly."),
}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True, auto_reload=False
    )


def error_context(status: int, message: str | None = None) -> dict[str, object]:
    title, default = ERROR_TITLES.get(status, ("Error", "The request failed."))
    return {"status": status, "title": title, "message": message or default}


def render_error(
    status: int,
    message: str | None = None,
    *,
    backend_url: str = "",
    site_name: str = DEFAULT_SITE_NAME,
) -> str:
    """Render the error page outside either framework (used before dispatch).

    The menu has the entries that need no Django URL (see ``combined.layout.navigation``).
    """
    return (
        _environment()
        .get_template("layout/error.html")
        .render(
            css_url=layout_css_url(),
            home_url="/",
            backend_url=backend_url,
            site_name=site_name,
            menu=links("", backend_url or "/"),
            **error_context(status, message),
        )
    )

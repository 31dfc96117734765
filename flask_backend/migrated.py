"""Pages moved from Django to Flask, served at their old URLs at the site root.

This is the "strangler" step of an incremental migration. Declaring a route on
``bp`` is what moves a URL: the combined app's takeover router
(``combined.takeover``) sends exactly the paths this blueprint's rules match to
the app built by ``flask_backend.create_migrated_app``, and every other path to
Django. The Django URL name stays, pointing at ``django_site.handover``, so
``{% url %}`` on Django pages still links here. docs/migration.md walks through
moving a page; ``combined routes`` shows who serves what.

Not for backend pages or API endpoints: those live under ``BACKEND_PREFIX``
(``flask_backend.pages`` and the API blueprints).
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

# example:begin
from flask import Blueprint, Response, abort, render_template

# example:else
# from flask import Blueprint, Response
# example:end
from markupsafe import Markup

# example:begin
from core.layout import error_context
from django_site.notes.views import site_notes

# example:end

if TYPE_CHECKING:
    from core.settings import Settings

bp = Blueprint("migrated", __name__)

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def config_for(settings: Settings) -> dict[str, Any]:
    """Config of the migrated-pages app: layout URLs as Django pages have them."""
    return {
        "LAYOUT_CONTEXT": {
            "css_url": "/static/layout/site.css",  # Django's static files, at the root
            "home_url": "/",
            "backend_url": settings.backend_prefix + "/",
        },
    }


# example:begin
@bp.get("/notes/<int:pk>/")
def note_detail(pk: int) -> str:
    """Port of Django's ``notes:detail`` (``django_site.notes.views.note_detail``)."""
    note = site_notes().filter(pk=pk).first()
    if note is None:
        abort(404, description=error_context(404)["message"])  # Django's 404 page, word for word
    return render_template("migrated/notes/detail.html", note=note)


# example:end


@bp.after_app_request
def _headers_as_on_django(response: Response) -> Response:
    # Django's security headers come from flask_backend.django_bridge.security.
    # The account box depends on the login cookie: shared caches must not mix users.
    response.vary.add("Cookie")
    return response


@bp.app_template_filter("linebreaks")
def linebreaks(text: str) -> Markup:
    """Django's ``linebreaks`` filter: paragraphs at blank lines, ``<br>`` at newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = _PARAGRAPH_BREAK.split(text)
    # Escaped with html.escape, as Django's escape is, so the markup is byte-for-byte Django's.
    escaped = (html.escape(p).replace("\n", "<br>") for p in paragraphs)
    return Markup("\n\n".join(f"<p>{p}</p>" for p in escaped))  # noqa: S704 (escaped above)


@bp.app_template_filter("local_datetime")
def local_datetime(value: datetime) -> str:
    """Django's ``date:"Y-m-d H:i"`` in ``TIME_ZONE``."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@bp.app_template_global("django_url")
def django_url(name: str, *args: object) -> str:
    """Link to a page still on Django, by its URL name (``django_url('admin:index')``).

    When Django goes, replace each call with ``url_for`` of the page's Flask port.
    """
    return reverse(name, args=args or None)

"""URL names for pages that have moved to Flask, so Django can still link to them.

When a page moves to Flask (docs/migration.md), its Django route keeps its path and
name but points at :func:`served_by_flask`. ``{% url %}`` with the old name
and ``reverse()`` keep working, and the combined app never lets such a request
reach Django: its takeover router sends the path to Flask first. ``combined routes``
recognises these routes as deliberate handovers, not conflicts, and flags one
whose Flask route is missing.

Django alone (``django_site.wsgi``) answers these paths with its 404 page, since
the page is no longer here. Do not use this for anything but a moved page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def served_by_flask(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404("This page is served by the Flask app of the combined site.")


# combined.tools.routes_report looks for this mark.
served_by_flask.handed_over_to_flask = True  # type: ignore[attr-defined]


def is_handover(view: object) -> bool:
    """True if ``view`` is a route kept only for its name (see the module docstring)."""
    return getattr(view, "handed_over_to_flask", False) is True

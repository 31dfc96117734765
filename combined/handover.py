"""The Django view of a page that moved to Flask: it serves Flask's answer.

When a page moves to Flask (docs/migration.md), its Django route keeps its path and
name but points at :func:`served_by_flask`. Django's handler then serves the page as
it served any page -- its URL resolution, ``APPEND_SLASH``, its middleware (session,
user, messages, CSRF cookie, security headers, the site's own), its error pages --
and the view asks the app of moved pages (``combined.bridge.moved``) for the answer,
in-process (``combined.inprocess``). So there is one path for a moved page, in
production, under ``runserver`` and in every test client (``TestCase.client``,
pytest-django's ``client``, ``LiveServerTestCase``, django-webtest), and
``{% url %}`` and ``reverse()`` keep using the old name. ``combined routes``
recognises these routes as handovers, and flags one whose Flask route is missing.

The view is CSRF-exempt for Django's middleware only: the Flask half checks the
same token itself, against the Flask view (which may be ``csrf_exempt`` in turn).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from combined import halves, inprocess
from combined.bridge import moved


def moved_pages() -> moved.Flask:
    """This process's app of moved pages (built on first use)."""
    return halves.one("moved_pages", moved.create_app)  # type: ignore[return-value]


@csrf_exempt
def served_by_flask(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """The moved page's answer, from its Flask view (matched by the same path)."""
    return inprocess.serve(moved_pages(), request)


# combined.tools.routes_report looks for this mark.
served_by_flask.handed_over_to_flask = True  # type: ignore[attr-defined]


def is_handover(view: object) -> bool:
    """True if ``view`` is a route whose page Flask serves (see the module docstring)."""
    return getattr(view, "handed_over_to_flask", False) is True

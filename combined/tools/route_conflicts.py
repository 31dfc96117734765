"""The conflicts ``combined routes`` reports: paths two apps claim, or nobody serves.

Why apart: listing the routes (:mod:`combined.tools.routes`) and deciding which of
them clash are two concerns; this module holds the second, so each rule can be
read (and changed) on its own. The kinds:

* ``both`` -- a Django route that is not a handover and a moved Flask rule match the
  same path (converters do not matter: ``<int:pk>`` and ``<int:item_id>`` clash),
  and Django's resolver picks that route for it: Django answers with its own view,
  so the Flask view never runs. (A catch-all after the handover, such as Wagtail's
  page route, matches too but is never picked: no conflict.)
* ``not handed over`` -- a moved Flask rule no Django handover route reaches: its
  page is served by nobody (point the Django route at ``served_by_flask``).
* ``unreachable`` -- a Django route, or a moved rule, under ``BACKEND_PREFIX``:
  the backend mount gets those paths first.
* ``dangling handover`` -- a Django route handed to Flask (``combined.handover``)
  with no Flask rule serving its path: the page answers 404.
* ``missing template`` -- an error of Django's template checks, such as a template a
  Django view still renders but no engine finds (``combined.template_checks``): the
  usual slip at the end of a move, deleting a template another view still uses.

A deliberate handover is not a conflict; its row says where the page went.
Overlaps are found with one example path per route (``<int>`` becomes ``1``, and
so on), checked against the other app's real matcher in both directions; a regex
Django route gets no example, so only the Flask-to-Django direction covers it.
This is a check, not a proof.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import Resolver404, resolve
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map

from combined.handover import is_handover
from combined.tools.routes import HANDOVER, Route

if TYPE_CHECKING:
    from collections.abc import Callable

    from flask import Flask
    from werkzeug.routing import Rule


@dataclass
class Conflict:
    kind: str
    path: str
    message: str


def claims_of(app: Flask, rule: Rule) -> Callable[[str], bool]:
    """Does ``rule`` alone take a path: a match, a wrong method or a slash redirect?"""
    source = app.url_map
    adapter = Map(
        [rule.empty()],
        strict_slashes=source.strict_slashes,
        merge_slashes=source.merge_slashes,
        converters=source.converters,
    ).bind("routes.invalid")

    def claims(path: str) -> bool:
        try:
            adapter.match(path, "GET")
        except NotFound:
            return False
        except HTTPException:  # MethodNotAllowed, RequestRedirect: Flask answers those
            return True
        return True

    return claims


def overlaps(django: list[Route], moved: list[Route], urlconf: str | None = None) -> list[Conflict]:
    conflicts = []
    reached: set[int] = set()
    for d in django:
        rivals = [m for m in moved if _same_path(d, m)]
        if d.app == HANDOVER:
            reached.update(id(m) for m in rivals)
            if rivals:
                d.note = "served by flask(migrated) " + ", ".join(m.endpoint for m in rivals)
                for m in rivals:
                    m.note = f"took over django {d.endpoint}"
            elif d.example is not None:
                d.note = "CONFLICT: no Flask route serves it"
                message = f"Django hands {d.endpoint} to Flask, but no moved rule serves it"
                conflicts.append(Conflict("dangling handover", d.path, message))
            continue
        for m in rivals:
            reached.add(id(m))
            if m.example is not None and _handed_over(m.example, urlconf):
                continue  # a handover route comes first in the URLconf: Flask serves it
            d.note = m.note = "CONFLICT: claimed by both apps"
            message = (
                f"Django {d.endpoint} and Flask {m.endpoint} ({m.path}) both match it; "
                "Django answers with its own view, the Flask view never runs"
            )
            conflicts.append(Conflict("both", d.path, message))
    for m in moved:
        if id(m) not in reached and m.example is not None:
            m.note = "CONFLICT: no Django route hands it over"
            message = (
                f"no Django route reaches Flask {m.endpoint}: point the Django route of "
                "this path at combined.handover.served_by_flask"
            )
            conflicts.append(Conflict("not handed over", m.path, message))
    return conflicts


def _handed_over(path: str, urlconf: str | None) -> bool:
    """Does Django's resolver send ``path`` to a handover (the first route that matches)?"""
    try:
        return is_handover(resolve(path, urlconf).func)
    except Resolver404:
        return False


def _same_path(d: Route, m: Route) -> bool:
    """Each route's example path, tried on the other route's own matcher."""
    claimed = d.example is not None and m.claims is not None and m.claims(d.example)
    return claimed or (m.example is not None and d.matches(m.example))


def under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def unreachable(routes: list[Route], prefix: str) -> list[Conflict]:
    conflicts = []
    for route in routes:
        if under(route.path, prefix):
            route.note = f"CONFLICT: under BACKEND_PREFIX {prefix}"
            message = (
                f"{route.app} {route.endpoint} is under {prefix}, which the backend gets first"
            )
            conflicts.append(Conflict("unreachable", route.path, message))
    return conflicts

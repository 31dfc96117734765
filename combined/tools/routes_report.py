"""``combined routes``: every URL of both apps, and the paths two apps claim.

It lists (with ``combined.tools.routes``) the Django URL patterns, admin included, the Flask
backend's rules under ``BACKEND_PREFIX`` and the migrated pages' rules at the root
(the ones ``combined.takeover`` routes). Then it flags:

* ``both`` -- a Django route and a migrated Flask rule match the same path
  (converters do not matter: ``<int:pk>`` and ``<int:item_id>`` clash). The
  takeover router sends the path to Flask, so the Django view never runs.
* ``unreachable`` -- a Django route, or a migrated rule, under ``BACKEND_PREFIX``:
  the backend mount gets those paths first.
* ``dangling handover`` -- a Django route kept for a moved page's name
  (``combined.handover``) with no Flask rule serving its path: links to it 404.
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

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.core.checks import ERROR, Tags, run_checks

import flask_backend
from combined.takeover import TakeoverRouter, migrated_rules
from combined.tools.routes import FLASK, HANDOVER, MIGRATED, Route, django_routes, flask_routes

if TYPE_CHECKING:
    from flask import Flask

    from core.settings import Settings


@dataclass
class Conflict:
    kind: str
    path: str
    message: str


@dataclass
class Report:
    routes: list[Route]
    conflicts: list[Conflict]

    def as_json(self) -> str:
        routes = [
            {"method": r.method, "methods": r.methods, "path": r.path}
            | {"endpoint": r.endpoint, "app": r.app, "note": r.note}
            for r in self.routes
        ]
        conflicts = [asdict(c) for c in self.conflicts]
        return json.dumps({"routes": routes, "conflicts": conflicts}, indent=2)

    def as_table(self) -> str:
        header = ("METHOD", "PATH", "ENDPOINT", "APP", "NOTE")
        rows = [header, *((r.method, r.path, r.endpoint, r.app, r.note) for r in self.routes)]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [
            "  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[4]]).rstrip()
            for r in rows
        ]
        if not self.conflicts:
            return "\n".join([*lines, "", f"{len(self.routes)} routes, no conflicts."])
        problems = [f"CONFLICT ({c.kind}) {c.path}: {c.message}" for c in self.conflicts]
        summary = f"{len(self.routes)} routes, {len(self.conflicts)} conflict(s)."
        return "\n".join([*lines, "", *problems, summary])


def build_report(
    settings: Settings,
    *,
    backend: Flask | None = None,
    migrated: Flask | None = None,
    urlconf: str | None = None,
) -> Report:
    """List both apps' routes and find conflicts. Apps default to the project's own."""
    prefix = settings.backend_prefix
    backend = backend or flask_backend.create_app(settings, script_root=prefix)
    migrated = migrated or flask_backend.create_migrated_app(settings)
    django = django_routes(urlconf)
    rules = migrated_rules(migrated)
    moved = flask_routes(migrated, "", MIGRATED, rules)
    for route, rule in zip(moved, rules, strict=True):
        # Each moved rule is matched on its own: which rule claims a path, not whether any does.
        route.claims = TakeoverRouter(_no_django, migrated, [rule]).claims
    routes = [*django, *flask_routes(backend, prefix, FLASK), *moved]
    conflicts = _overlaps(django, moved)
    conflicts += _unreachable([*django, *moved], prefix)
    conflicts += [
        Conflict("missing template", str(m.obj), m.msg)
        for m in run_checks(tags=[Tags.templates])
        if m.level >= ERROR
    ]
    routes.sort(key=lambda r: (r.path, r.app, r.method))
    return Report(routes, conflicts)


def _no_django(environ: object, start_response: object) -> list[bytes]:
    return []  # the report only asks the router which paths it claims


def _overlaps(django: list[Route], moved: list[Route]) -> list[Conflict]:
    conflicts = []
    for d in django:
        rivals = [m for m in moved if _same_path(d, m)]
        if d.app == HANDOVER:
            if rivals:
                d.note = "served by flask(migrated) " + ", ".join(m.endpoint for m in rivals)
                for m in rivals:
                    m.note = f"took over django {d.endpoint}"
            elif d.example is not None:
                d.note = "CONFLICT: no Flask route serves it"
                message = (
                    f"Django keeps {d.endpoint} for a moved page, but no migrated rule serves it"
                )
                conflicts.append(Conflict("dangling handover", d.path, message))
            continue
        for m in rivals:
            d.note = m.note = "CONFLICT: claimed by both apps"
            message = (
                f"Django {d.endpoint} and Flask {m.endpoint} ({m.path}) both match it; "
                "Flask wins, the Django view never runs"
            )
            conflicts.append(Conflict("both", d.path, message))
    return conflicts


def _same_path(d: Route, m: Route) -> bool:
    """Each route's example path, tried on the other route's own matcher."""
    claimed = d.example is not None and m.claims is not None and m.claims(d.example)
    return claimed or (m.example is not None and d.matches(m.example))


def _unreachable(routes: list[Route], prefix: str) -> list[Conflict]:
    conflicts = []
    for route in routes:
        if route.path == prefix or route.path.startswith(prefix + "/"):
            route.note = f"CONFLICT: under BACKEND_PREFIX {prefix}"
            message = (
                f"{route.app} {route.endpoint} is under {prefix}, which the backend gets first"
            )
            conflicts.append(Conflict("unreachable", route.path, message))
    return conflicts


def format_report(report: Report, as_json: bool) -> str:
    return report.as_json() if as_json else report.as_table()

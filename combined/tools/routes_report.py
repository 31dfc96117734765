"""``combined routes``: every URL of both apps, and the paths two apps claim.

It lists (with ``combined.tools.routes``) the Django URL patterns, admin included, the Flask
backend's rules under ``BACKEND_PREFIX`` and the moved pages' rules at the root
(``combined.bridge.moved``). Then it flags what two apps claim, or nobody serves
(:mod:`combined.tools.route_conflicts` says which kinds and how).

Not for the site's runtime: a developer's tool, run once in a while.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.core.checks import ERROR, Tags, run_checks

from combined import conf
from combined.bridge.moved import moved_blueprints
from combined.halves import build_backend
from combined.handover import moved_pages
from combined.tools.route_conflicts import Conflict, claims_of, overlaps, under, unreachable
from combined.tools.routes import (
    FLASK,
    MIGRATED,
    Route,
    django_routes,
    flask_routes,
)

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.routing import Rule


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
    *,
    backend: Flask | None = None,
    migrated: Flask | None = None,
    urlconf: str | None = None,
) -> Report:
    """List both apps' routes and find conflicts. Apps default to the project's own."""
    prefix = conf.backend_prefix()
    backend = backend or build_backend()
    migrated = migrated or moved_pages()
    django = django_routes(urlconf)
    rules = moved_rules(migrated)
    moved = flask_routes(migrated, "", MIGRATED, rules)
    for route, rule in zip(moved, rules, strict=True):
        # Each moved rule is matched on its own: which rule claims a path, not whether any does.
        route.claims = claims_of(migrated, rule)
    routes = [*django, *flask_routes(backend, prefix, FLASK), *moved]
    conflicts = overlaps(django, [m for m in moved if not under(m.path, prefix)], urlconf)
    conflicts += unreachable([*django, *moved], prefix)
    conflicts += [
        Conflict("missing template", str(m.obj), m.msg)
        for m in run_checks(tags=[Tags.templates])
        if m.level >= ERROR
    ]
    routes.sort(key=lambda r: (r.path, r.app, r.method))
    return Report(routes, conflicts)


def moved_rules(app: Flask) -> list[Rule]:
    """The rules of ``app``'s moved-page blueprints."""
    prefixes = tuple(name + "." for name in moved_blueprints(app))
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith(prefixes)]


def format_report(report: Report, as_json: bool) -> str:
    return report.as_json() if as_json else report.as_table()

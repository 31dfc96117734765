"""The URLs each half declares, as plain rows, for ``combined routes``.

Django's URL patterns are walked recursively (admin and includes too) into their
full paths and names; Flask's rules are read from an app's ``url_map`` and given
the path they have where the app is mounted. Each row also carries one example
path it matches, so ``combined.tools.routes_report`` can test it against the other
half's real matcher. The Django side is ``combined.urlwalk``'s walk. This is for
reporting; requests are routed by Django and werkzeug's ``DispatcherMiddleware``,
never by this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from combined.handover import is_handover
from combined.urlwalk import example_path, is_layer_route, matches, walk

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.routing import Rule

DJANGO, FLASK, MIGRATED, HANDOVER = "django", "flask", "flask(migrated)", "django(handover)"


@dataclass
class Route:
    methods: list[str]  # empty: any method (Django function views)
    path: str
    endpoint: str
    app: str
    note: str = ""
    example: str | None = field(default=None, repr=False)
    # Django routes: the chain of patterns from the root, to test a path against.
    chain: tuple[Any, ...] = field(default=(), repr=False)
    # Moved-page rules: does this one rule claim a path (match, wrong method, slash)?
    claims: Callable[[str], bool] | None = field(default=None, repr=False)

    def matches(self, path: str) -> bool:
        """Does this Django route match ``path`` (ignoring the routes before it)?"""
        return matches(self.chain, path)

    @property
    def method(self) -> str:
        return ",".join(self.methods) or "ANY"


def django_routes(urlconf: str | None = None) -> list[Route]:
    """Every URL pattern the site declares, with its full path, name and handover mark
    (the layer's own ``BACKEND_PREFIX`` mount is the backend's rows, not a route)."""
    return [
        Route(
            _django_methods(url.callback),
            url.path,
            url.name,
            HANDOVER if is_handover(url.callback) else DJANGO,
            "",
            url.example,
            url.chain,
        )
        for url in walk(urlconf)
        if not is_layer_route(url.callback)
    ]


def _django_methods(view: Callable[..., Any]) -> list[str]:
    """The methods a class-based view handles; [] (any) for a function view."""
    cls = getattr(view, "view_class", None)
    if cls is None:
        return []
    names = [m for m in cls.http_method_names if m not in {"head", "options"} and hasattr(cls, m)]
    return [m.upper() for m in names]


def flask_routes(
    app: Flask, mount: str, label: str, rules: Iterable[Rule] | None = None
) -> list[Route]:
    """The rules of ``app`` (or only ``rules``) served under ``mount``, in that order."""
    routes = []
    for rule in app.url_map.iter_rules() if rules is None else rules:
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        sample = example_path(rule.rule)
        example = None if sample is None else mount + sample
        routes.append(Route(methods, mount + rule.rule, rule.endpoint, label, "", example))
    return routes

"""The URLs each half declares, as plain rows, for ``combined routes``.

Django's URL patterns are walked recursively (admin and includes too) into their
full paths and names; Flask's rules are read from an app's ``url_map`` and given
the path they have where the app is mounted. Each row also carries one example
path it matches, so ``combined.tools.routes_report`` can test it against the other
half's real matcher. This is for reporting; requests are routed by
``combined.takeover`` and werkzeug's ``DispatcherMiddleware``, never by this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from combined.handover import is_handover

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.routing import Rule

DJANGO, FLASK, MIGRATED, HANDOVER = "django", "flask", "flask(migrated)", "django(handover)"
# <converter(args):name> in werkzeug rules; <converter:name> or <name> in Django routes.
_VARIABLE = re.compile(r"<(?:(?P<conv>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
_SAMPLES = {
    None: "x", "default": "x", "str": "x", "string": "x", "slug": "x", "int": "1",
    "float": "1.0", "path": "x/y", "uuid": "00000000-0000-0000-0000-000000000000",
}  # fmt: skip
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


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
    # Moved-page rules: does this one rule claim a path (as the takeover router would)?
    claims: Callable[[str], bool] | None = field(default=None, repr=False)

    def matches(self, path: str) -> bool:
        """Does this Django route match ``path`` (ignoring the routes before it)?"""
        rest = path.removeprefix("/")
        for pattern in self.chain:
            found = pattern.match(rest)
            if found is None:
                return False
            rest = found[0]
        return bool(self.chain)

    @property
    def method(self) -> str:
        return ",".join(self.methods) or "ANY"


def example_path(pattern: str, samples: dict[str | None, str] = _SAMPLES) -> str | None:
    """A concrete path matched by a route pattern; None for an unknown converter."""
    unknown = False

    def sample(match: re.Match[str]) -> str:
        nonlocal unknown
        conv, args = match["conv"], match["args"]
        if conv == "any" and args:
            return args.split(",")[0].strip().strip("'\"")
        if conv not in samples:
            unknown = True
        return samples.get(conv, "")

    path = _VARIABLE.sub(sample, pattern)
    return None if unknown else path


def django_routes(urlconf: str | None = None) -> list[Route]:
    """Every Django URL pattern, with its full path, name and handover mark."""
    return list(_walk(get_resolver(urlconf).url_patterns, "/", "/", None, ()))


def _walk(
    patterns: list[Any], path: str, example: str | None, ns: str | None, chain: tuple[Any, ...]
) -> Iterator[Route]:
    for entry in patterns:
        part = str(entry.pattern)
        is_route = isinstance(entry.pattern, RoutePattern)
        regex = part.removeprefix("^").removesuffix("$").removesuffix("\\Z")
        shown = part if is_route else _REGEX_GROUP.sub(r"<\1>", regex)
        sample = example_path(part) if is_route and example is not None else None
        full_example = example + sample if sample is not None and example is not None else None
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [ns, entry.namespace])) or None
            yield from _walk(
                entry.url_patterns, path + shown, full_example, inner, (*chain, entry.pattern)
            )
            continue
        name = ":".join(filter(None, [ns, entry.name])) if entry.name else entry.lookup_str
        app = HANDOVER if is_handover(entry.callback) else DJANGO
        methods = _django_methods(entry.callback)
        yield Route(methods, path + shown, name, app, "", full_example, (*chain, entry.pattern))


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

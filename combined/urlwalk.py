"""The one walk of a Django URLconf: every URL pattern with its full path.

Why one: three tools ask the same question of a site's URLs -- the prefix check
(``site.E002``: a route under ``BACKEND_PREFIX``), the routes report (who serves
what) and ``combined adopt`` (does the prefix or a health path collide with the
site's pages?) -- and two walks had drifted apart. :func:`walk` goes through includes
(the admin's too) depth first and gives each pattern its full path as shown
(``/items/<int:pk>/``), the fixed text that path starts with, one example path it
matches when one can be made, its name, its view and the chain of patterns that
leads to it. :func:`matches` then asks Django's own matchers whether a path reaches
that pattern. It reads the URLconf; requests are never routed by it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

# <converter(args):name> in werkzeug rules; <converter:name> or <name> in Django routes.
VARIABLE = re.compile(r"<(?:(?P<conv>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
SAMPLES = {
    None: "x", "default": "x", "str": "x", "string": "x", "slug": "x", "int": "1",
    "float": "1.0", "path": "x/y", "uuid": "00000000-0000-0000-0000-000000000000",
}  # fmt: skip
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_REGEX_SPECIAL = re.compile(r"[.^$*+?{}\[\]\\|()]")


@dataclass(frozen=True)
class UrlPattern:
    """One URL pattern of the URLconf, with what the walk learnt on the way to it."""

    path: str  # the full path as shown: "/items/<int:pk>/", regex groups as <name>
    head: str  # the fixed text every path it matches starts with: "/items/"
    fixed: bool  # head is the whole path (no converter, no regex)
    example: str | None  # one path it matches, or None when none can be made
    name: str  # "namespace:name", or the view's dotted path when it has no name
    callback: Callable[..., Any]
    chain: tuple[Any, ...]  # the patterns from the root to it

    def matches(self, path: str) -> bool:
        """Does Django's matcher of this pattern take ``path`` (ignoring the patterns
        before it in the URLconf)?"""
        return matches(self.chain, path)


def matches(chain: tuple[Any, ...], path: str) -> bool:
    rest = path.removeprefix("/")
    for pattern in chain:
        found = pattern.match(rest)
        if found is None:
            return False
        rest = found[0]
    return bool(chain)


def example_path(pattern: str, samples: dict[str | None, str] = SAMPLES) -> str | None:
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

    path = VARIABLE.sub(sample, pattern)
    return None if unknown else path


def fixed_head(pattern: Any) -> tuple[str, bool]:
    """The fixed text a pattern starts with, and whether that is all of it."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        head = route.split("<", 1)[0]
        return head, head == route
    regex = str(pattern).removeprefix("^").removesuffix("\\Z").removesuffix("$")
    head = []
    rest = iter(regex)
    for char in rest:
        if char == "\\":  # an escaped punctuation mark is itself (report\.csv)
            nxt = next(rest, "")
            if not nxt or nxt.isalnum():
                return "".join(head), False
            head.append(nxt)
        elif _REGEX_SPECIAL.match(char):
            return "".join(head), False
        else:
            head.append(char)
    return "".join(head), True


def walk(urlconf: str | None = None) -> Iterator[UrlPattern]:
    """Every URL pattern of ``urlconf`` (default: ``ROOT_URLCONF``), depth first."""
    return _walk(get_resolver(urlconf).url_patterns, "/", "/", True, "/", None, ())


def _walk(
    patterns: list[Any],
    path: str,
    head: str,
    fixed: bool,
    example: str | None,
    ns: str | None,
    chain: tuple[Any, ...],
) -> Iterator[UrlPattern]:
    for entry in patterns:
        part = str(entry.pattern)
        is_route = isinstance(entry.pattern, RoutePattern)
        regex = part.removeprefix("^").removesuffix("$").removesuffix("\\Z")
        shown = path + (part if is_route else _REGEX_GROUP.sub(r"<\1>", regex))
        own_head, own_fixed = fixed_head(entry.pattern)
        full_head = head + own_head if fixed else head
        sample = example_path(part) if is_route and example is not None else None
        full_example = example + sample if sample is not None and example is not None else None
        links = (*chain, entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [ns, entry.namespace])) or None
            fixed_so_far = fixed and own_fixed
            yield from _walk(
                entry.url_patterns, shown, full_head, fixed_so_far, full_example, inner, links
            )
            continue
        name = ":".join(filter(None, [ns, entry.name])) if entry.name else entry.lookup_str
        yield UrlPattern(
            shown, full_head, fixed and own_fixed, full_example, name, entry.callback, links
        )


def is_layer_route(view: object) -> bool:
    """True for the layer's own ``BACKEND_PREFIX`` mount (``combined.urls``): the
    backend's paths, not a page the site declared."""
    return getattr(view, "combined_mount", False) is True

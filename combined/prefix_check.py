"""``site.E002``: a Django URL pattern under ``BACKEND_PREFIX`` is one no visitor reaches.

Why: the combined app sends every path under ``BACKEND_PREFIX`` to Flask before
Django sees it, so a Django page there (an app's ``path("backend/...")``, or the
prefix chosen where an app is already mounted) silently becomes Flask's 404. The
settings refuse the site's own paths (``core.settings.RESERVED_SEGMENTS``); this
check covers the project's apps, so ``manage.py check`` (and ``runserver``, and the
test run) names the hidden routes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

_REGEX_SPECIAL = re.compile(r"[.^$*+?{}\[\]\\|()]")


def _literal(pattern: Any) -> tuple[str, bool]:
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


def _routes(patterns: list[Any], path: str, ns: str = "") -> Iterator[tuple[str, str]]:
    """(fixed start of the full path, name) of every URL pattern, depth first."""
    for entry in patterns:
        head, whole = _literal(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{ns}{entry.namespace}:" if entry.namespace else ns
            if whole:
                yield from _routes(entry.url_patterns, path + head, inner)
            else:
                yield path + head, f"{inner}{entry.pattern}"
            continue
        yield path + head, f"{ns}{entry.name}" if entry.name else entry.lookup_str


def hidden_routes(prefix: str) -> list[tuple[str, str]]:
    """The URL patterns whose paths fall under ``prefix`` (e.g. ``/backend``)."""
    return [
        (path, name)
        for path, name in _routes(get_resolver().url_patterns, "/")
        if path == prefix or path.startswith(prefix + "/")
    ]


@register()
def routes_under_backend_prefix(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    prefix = settings.BACKEND_PREFIX
    return [
        Error(
            f"The URL pattern {name!r} ({path}...) is under BACKEND_PREFIX {prefix}: "
            "the Flask backend gets those paths first, so Django never serves it.",
            hint="Mount the app elsewhere in django_site/urls.py, or choose another "
            "BACKEND_PREFIX.",
            id="site.E002",
        )
        for path, name in hidden_routes(prefix)
    ]

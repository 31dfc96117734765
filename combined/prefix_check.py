"""``site.E002``: a Django URL pattern under ``BACKEND_PREFIX`` is one no visitor reaches.

Why: the combined app sends every path under ``BACKEND_PREFIX`` to Flask before
Django sees it, so a Django page there (an app's ``path("backend/...")``, or the
prefix chosen where an app is already mounted) silently becomes Flask's 404. The
settings refuse the layer's own paths (``combined.conf.RESERVED_SEGMENTS``); this
check covers the site's own URLconf, so ``manage.py check`` (and ``runserver``, and the
test run) names the hidden routes.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from combined import conf
from combined.urlwalk import is_layer_route, walk


def hidden_routes(prefix: str, urlconf: str | None = None) -> list[tuple[str, str]]:
    """(fixed start of the path, name) of the URL patterns under ``prefix`` (``/backend``)."""
    found = (
        (url.head, url.name)
        for url in walk(urlconf)
        if not is_layer_route(url.callback)
        and (url.head == prefix or url.head.startswith(prefix + "/"))
    )
    return list(dict.fromkeys(found))  # in the URLconf's order, once each


@register()
def routes_under_backend_prefix(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    prefix = conf.backend_prefix()
    return [
        Error(
            f"The URL pattern {name!r} ({path}...) is under BACKEND_PREFIX {prefix}: "
            "the Flask backend gets those paths first, so Django never serves it.",
            hint="Mount the app elsewhere in the site's URLconf, or choose another BACKEND_PREFIX.",
            id="site.E002",
        )
        for path, name in hidden_routes(prefix)
    ]

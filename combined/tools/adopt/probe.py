"""What ``combined adopt`` asks of a site, answered by the site's own interpreter.

Run through the site's own ``manage.py shell -c`` (so its ``sys.path`` set-up and
settings module apply) with the site's Python (its virtualenv has its dependencies;
the template's does not). Only Django and this
package's ``urlwalk`` and ``conf`` are imported (the layer need not be installed
there yet: adopt puts this package on the path for the probe alone). It prints one
JSON object, on a line of its own after :data:`MARK`: where the settings and the
URLconf live, what the layer needs to know (static files, installed apps), and the
site's URL patterns that the layer's paths would hide. A settings module that
raises gives ``{"error": ...}`` and exit status 2.
"""

from __future__ import annotations

import json
import secrets
import sys
import traceback
from importlib.util import find_spec
from typing import Any

# The line the answer is on (a site's settings may print lines of their own).
MARK = "COMBINED-ADOPT-PROBE "


def _name(view: object) -> str | None:
    if view is None:
        return None
    return f"{getattr(view, '__module__', '?')}.{getattr(view, '__qualname__', view)}"


def _file_of(module: str) -> str | None:
    spec = find_spec(module)
    return spec.origin if spec is not None else None


def _collisions(path: str, anything: object) -> list[dict[str, str]]:
    """The site's URL patterns that ``path`` (and what lies under it) would take; not
    ``anything``, the view of a catch-all (see :func:`_catch_all`)."""
    from django.urls import Resolver404, resolve

    from combined.urlwalk import is_layer_route, walk

    found: dict[str, str] = {}
    for url in walk():
        if is_layer_route(url.callback):
            continue
        if url.head == path or url.head.startswith(path + "/"):
            found[url.name] = url.path
    for probe in (path, path + "/", path + "/x/"):
        try:
            match = resolve(probe)
        except Resolver404:
            continue
        if not is_layer_route(match.func) and match.func is not anything:
            route = match.route or probe  # a path() route has no leading slash; shown with one
            shown = route if route.startswith(("/", "^")) else "/" + route
            found.setdefault(match.view_name or match._func_path, shown)
    return [{"name": name, "path": route} for name, route in found.items()]


def _catch_all() -> object:
    """The view of a pattern that answers any path (Wagtail's page route), or None.

    Such a pattern takes every prefix adopt could choose; under the one chosen, its
    pages become the backend's. It is reported apart (``catch_all``), not refused."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(f"/combined-adopt-{secrets.token_hex(8)}/x/").func
    except Resolver404:
        return None


def probe(prefix: str, health: tuple[str, ...]) -> dict[str, Any]:
    import django
    from django.conf import settings

    django.setup()
    urlconf = settings.ROOT_URLCONF
    anything = _catch_all()
    return {
        "django": django.get_version(),
        "settings_module": settings.SETTINGS_MODULE,
        "settings_file": _file_of(settings.SETTINGS_MODULE),
        "urlconf": urlconf,
        "urlconf_file": _file_of(urlconf),
        "installed_apps": list(settings.INSTALLED_APPS),
        "static_url": settings.STATIC_URL,
        "static_root": str(settings.STATIC_ROOT) if settings.STATIC_ROOT else None,
        "wsgi_application": settings.WSGI_APPLICATION,
        "collisions": {p: _collisions(p, anything) for p in (prefix, *health)},
        "catch_all": _name(anything),
    }


def main(argv: list[str]) -> int:
    prefix, *health = argv or ["/backend", "/healthz", "/readyz"]
    try:
        answer = probe(prefix, tuple(health))
    except Exception as exc:  # the site's settings or URLconf raised: say which, briefly
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(MARK + json.dumps({"error": message, "where": f"{where.filename}:{where.lineno}"}))
        return 2
    print(MARK + json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

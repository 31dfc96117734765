"""Where the layer's own paths may go in a site: ``BACKEND_PREFIX`` and the health checks.

Why apart from ``checks``: these rules are about the layer's paths against each
other, the site's URL patterns (the probe's answer) and its ``STATIC_URL``, which
uWSGI's ``static-map`` and nginx answer before the app. Each refusal is one line
naming the option to change.
"""

from __future__ import annotations

from typing import Any

from combined.tools.adopt.checks import AdoptError


def health_path(value: str, option: str) -> str:
    """A health path as the layer answers it: one absolute path, without a final slash."""
    path = "/" + value.strip().strip("/")
    if path == "/" or "?" in path or "#" in path or " " in path:
        raise AdoptError(f"{option}: {value!r} is not a path such as /healthz")
    return path


def paths_apart(prefix: str, live: str, ready: str) -> None:
    """The layer's own paths must not take each other's requests (nor would nginx's
    config load: two ``location = PATH`` blocks for one path)."""
    if live == ready:
        raise AdoptError(f"--health-path and --ready-path are both {live}: give each its own")
    for path, option in ((live, "--health-path"), (ready, "--ready-path")):
        if path == prefix or path.startswith(prefix + "/"):
            raise AdoptError(
                f"{option}: {path} is under BACKEND_PREFIX {prefix}, whose paths are the "
                "backend's: choose a path outside it"
            )


def outside_static(static_url: str, *paths: tuple[str, str]) -> None:
    """uWSGI's ``static-map`` and nginx answer under ``STATIC_URL`` before the app."""
    static = "/" + static_url.strip("/")
    for path, option in paths:
        if path == static or path.startswith(static + "/"):
            raise AdoptError(f"{option}: {path} is under STATIC_URL ({static_url}): choose another")


_WHAT = {
    "--backend-prefix": "BACKEND_PREFIX",
    "--health-path": "the layer's health check",
    "--ready-path": "the layer's readiness check",
}


def no_collisions(answer: dict[str, Any], options: dict[str, str]) -> None:
    """Refuse a path of the layer's (path -> its option) that one of the site's URL
    patterns answers (the probe's ``collisions``)."""
    for taken, found in answer["collisions"].items():
        if found:
            option = options[taken]
            raise AdoptError(
                f"{taken} ({_WHAT[option]}) would hide the site's URL pattern(s) "
                f"{named(found)}: choose another {option}"
            )


def named(found: list[dict[str, str]], shown: int = 5) -> str:
    """The first few patterns ``found``, and how many more: one line, readable."""
    names = ", ".join(f"{c['name']} ({c['path']})" for c in found[:shown])
    return names + (f" and {len(found) - shown} more" if len(found) > shown else "")

"""The ratios a run reports, with their goals: each compares two loads of bench/loads.py
(or memory, import, start-up and dispatch figures) measured in the same run.

Why apart from bench/targets.py: a goal is a claim the report states PASS or MISS
on, so each sits here with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

# What combined.app.layers stacks in front of the halves (the dispatch ratio's label).
DISPATCH_LAYERS = "last resort, scheme, health, hosts, DispatcherMiddleware"


@dataclass(frozen=True)
class Ratio:
    """``numerator / denominator`` of a metric; ``goal`` is (">=" or "<=", value) or None."""

    key: str
    label: str
    # "rps": requests per CPU-second, median of per-round ratios; "wall": the same with
    # wall-clock requests/s, for goals about waiting (a stall costs time, not CPU);
    # "pss", "import", "startup", "dispatch", "instructions" (bench/instructions.py)
    metric: str
    numerator: str
    denominator: str | tuple[str, ...]
    goal: tuple[str, float] | None = None


RATIOS = [
    Ratio(
        "combined_django",
        "combined `/` vs Django alone",
        "rps",
        "combined /",
        "django /",
        (">=", 0.98),
    ),
    Ratio(
        "combined_flask",
        "combined `/backend/` vs Flask alone",
        "rps",
        "combined /backend/",
        "flask /",
        (">=", 0.98),
    ),
    Ratio(
        "memory",
        "PSS of one combined worker vs a Django worker + a Flask worker",
        "pss",
        "combined",
        ("django", "flask"),
        ("<=", 0.58),
    ),
    # Requests per CPU-second of the floor over static-map's: static-map's CPU per
    # request in multiples of the cheapest answer behind the same router.
    Ratio(
        "static_floor",
        "1 KB static file via uWSGI static-map: CPU per request vs the router's floor "
        "(the raw hello behind the same router)",
        "rps",
        "hello",
        "small static uwsgi",
        ("<=", 1.3),
    ),
    Ratio(
        "dispatch",
        f"in-process dispatch layers ({DISPATCH_LAYERS}), ns",
        "dispatch",
        "combined layers",
        "direct",
        ("<=", 1000.0),
    ),
    Ratio(
        "static_nginx",
        "87 KB static file via nginx vs Django's static view",
        "rps",
        "static nginx",
        "static django",
        (">=", 3.0),
    ),
    Ratio(
        "static_keepalive",
        "1 KB static file vs the home page, each over one kept-alive connection "
        "(deploy/uwsgi.ini alone), requests/s",
        "wall",
        "small static uwsgi, 1 connection",
        "combined /, 1 connection",
        (">=", 10.0),
    ),
    # No goal: an 87 KB body costs the router about as much to relay as Django's static
    # view costs to find and open the file, whoever reads it; nginx is the server for large
    # files (static_nginx). The 1 KB row above holds the goal: Python's per-request cost.
    # Was a goal of 3x: behind uWSGI's router nothing beats Django's view by more than
    # the router's floor allows (about 2.7x); static_floor holds the goal now.
    Ratio(
        "static_small",
        "1 KB static file via uWSGI static-map vs Django's static view",
        "rps",
        "small static uwsgi",
        "small static django",
    ),
    Ratio(
        "static",
        "87 KB static file via uWSGI static-map vs Django's static view",
        "rps",
        "static uwsgi",
        "static django",
    ),
    Ratio(
        "static_new_connections",
        "1 KB static file, a new connection per request vs kept-alive ones, requests/s",
        "wall",
        "small static uwsgi, new connections",
        "small static uwsgi",
    ),
    Ratio("mount_django", "uWSGI `mount` `/` vs combined `/`", "rps", "mount /", "combined /"),
    Ratio(
        "mount_flask",
        "uWSGI `mount` `/backend/` vs combined `/backend/`",
        "rps",
        "mount /backend/",
        "combined /backend/",
    ),
    Ratio("nginx_django", "nginx + two uWSGI `/` vs combined `/`", "rps", "nginx /", "combined /"),
    Ratio(
        "nginx_flask",
        "nginx + two uWSGI `/backend/` vs combined `/backend/`",
        "rps",
        "nginx /backend/",
        "combined /backend/",
    ),
    # tenancy:begin
    Ratio(
        "tenant",
        "cached tenant via SubdomainDispatcher vs Flask alone",
        "rps",
        "tenant /",
        "flask /",
    ),
    # tenancy:end
    Ratio(
        "django_hello", "Django alone vs the raw WSGI hello (ceiling)", "rps", "django /", "hello"
    ),
    Ratio(
        "import",
        "import time of combined.wsgi vs django_site.wsgi + flask_backend.wsgi",
        "import",
        "combined",
        ("django", "flask"),
    ),
    Ratio(
        "startup",
        "uWSGI start to first 200: combined vs Django alone",
        "startup",
        "combined",
        "django",
    ),
    # example:begin
    # takeover:begin
    # A move must never cost speed: the same page, logged in, same template and queries.
    Ratio(
        "moved_page",
        "the note page moved to Flask (handed over by Django's route) vs served by Django",
        "rps",
        "note page, moved to Flask",
        "note page, Django",
        (">=", 1.0),
    ),
    Ratio(
        "moved_page_django_template",
        "the note page from Flask through render_django_template vs served by Django",
        "rps",
        "note page, Flask via render_django_template",
        "note page, Django",
        (">=", 1.0),
    ),
    # The same two, counted: instructions per request in-process (bench/instructions.py),
    # which resolve the few per cent the wrk rounds cannot on a shared machine.
    Ratio(
        "moved_page_instructions",
        "the note page moved to Flask vs served by Django, in-process instructions",
        "instructions",
        "note page, moved to Flask",
        "note page, Django",
        (">=", 1.0),
    ),
    Ratio(
        "moved_page_django_template_instructions",
        "the note page through render_django_template vs served by Django, in-process instructions",
        "instructions",
        "note page, Flask via render_django_template",
        "note page, Django",
        (">=", 1.0),
    ),
    # takeover:end
    # example:end
]

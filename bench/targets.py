"""What a run measures: the servers, the URLs loaded, and the ratios with their goals.

Why one table: the report, the JSON and the chart all follow these lists, so a
new target is one line here. Pairs that are compared sit next to each other in
``LOADS``, so in each round they are measured close together in time.

Every uWSGI server is ``uwsgi --ini deploy/uwsgi.ini`` plus the overrides below
and nothing else (``UWSGI_CHANGES`` says why each override exists).
"""

from __future__ import annotations

from dataclasses import dataclass

DJANGO = "django_site.wsgi:application"
FLASK = "flask_backend.wsgi:application"
# A typical static asset (87 KB of minified JS, from Django's admin), and a 1 KB one.
STATIC_FILE = "/static/admin/js/vendor/jquery/jquery.min.js"
SMALL_STATIC_FILE = "/static/layout/site.css"
# The same files from Django's static view (bench/apps/django_static.py says why the prefix).
DJANGO_STATIC = "/django-static/"
# tenancy:begin
TENANT_HOST = "alice.localhost"
# tenancy:end
DJANGO_PAGE = b"<title>Home"  # django_site's home page
FLASK_PAGE = b"<title>Backend"  # flask_backend's index page
# example:begin
# With the sample app, the home page counts the notes; the backend's counts and lists them.
# example:end

# What combined.app.layers stacks in front of the halves (the dispatch ratio's label).
DISPATCH_LAYERS = "last resort, scheme, health, hosts, DispatcherMiddleware"

# The servers of the static loads serve thousands of requests a round: with
# deploy/uwsgi.ini's max-requests a worker would be recycled every round or two, and
# the re-import (lazy-apps: about a second of CPU for the site) would land on the CPU
# time of the few-hundred-microsecond answers measured, or leave a run without answer.
NO_RECYCLING = ["--max-requests", "0"]
# server name -> uWSGI overrides after ``--ini deploy/uwsgi.ini``
SERVERS: dict[str, list[str]] = {
    "hello": ["--module", "bench.apps.hello:application", *NO_RECYCLING],
    "django": ["--module", DJANGO],
    "flask": ["--module", FLASK],
    "combined": [],  # deploy/uwsgi.ini as it is: combined.wsgi:application
    # The same again for the static loads: their thousands of requests would otherwise
    # make max-requests recycle the page workers, and a re-import would cost a page round.
    "combined-static": NO_RECYCLING,
    # uWSGI's own mount: Django is the default app, Flask mounted at /backend.
    "mount": ["--module", DJANGO, "--mount", f"/backend={FLASK}", "--manage-script-name"],
    "django-static": ["--module", "bench.apps.django_static:application", *NO_RECYCLING],
    # tenancy:begin
    "tenant": ["--module", "bench.apps.tenant:application"],
    # tenancy:end
}
# The two deployments behind nginx: a uwsgi-protocol socket instead of the HTTP router.
NGINX_UPSTREAMS: dict[str, list[str]] = {
    "nginx-django": ["--module", DJANGO],
    "nginx-flask": ["--module", FLASK],
}
UWSGI_CHANGES = [
    "every target: `--set-ph http-bind=127.0.0.1:<free port>` (the HTTP router, as deployed)",
    "every target but `combined` and `combined-static`: `--module` names the target's WSGI "
    "callable",
    "`combined-static` is a second, identical combined server for the static loads, so that "
    "their many requests do not make `max-requests` recycle the workers measured for pages",
    "`hello`, `combined-static` and `django-static` (the static loads and their floor): "
    "`--max-requests 0`, so that no worker is recycled and re-imports its app in the middle "
    "of a load of sub-millisecond answers",
    "`mount`: `--module` is the Django site (the default app) plus "
    f"`--mount /backend={FLASK}` and `--manage-script-name`; `single-interpreter` "
    "is already on in deploy/uwsgi.ini",
    "`nginx` targets: the two uWSGI deployments use `--set-ph socket-bind=...` (uwsgi "
    "protocol) instead of the HTTP router, and nginx closes each connection "
    "(`keepalive_timeout 0`) as uWSGI's HTTP router does",
]


@dataclass(frozen=True)
class Load:
    """One URL loaded with wrk: ``server`` is a key of SERVERS or ``nginx``.

    wrk keeps each of its ``connections`` open (keep-alive) unless ``close``: then every
    request asks for ``Connection: close`` and comes on a new connection.
    """

    name: str
    server: str
    path: str
    expect: bytes  # a snippet the response body must contain
    host: str | None = None
    connections: int = 8
    close: bool = False

    @property
    def connection_mode(self) -> str:
        mode = "a new one per request" if self.close else "kept alive"
        return f"{self.connections}, {mode}"


LOADS = [
    Load("hello", "hello", "/", b"Hello, world!"),
    Load("django /", "django", "/", DJANGO_PAGE),
    Load("combined /", "combined", "/", DJANGO_PAGE),
    Load("mount /", "mount", "/", DJANGO_PAGE),
    Load("nginx /", "nginx", "/", DJANGO_PAGE),
    Load("flask /", "flask", "/", FLASK_PAGE),
    Load("combined /backend/", "combined", "/backend/", FLASK_PAGE),
    Load("mount /backend/", "mount", "/backend/", FLASK_PAGE),
    Load("nginx /backend/", "nginx", "/backend/", FLASK_PAGE),
    # tenancy:begin
    Load("tenant /", "tenant", "/", FLASK_PAGE, host=TENANT_HOST),
    # tenancy:end
    Load(
        "static django", "django-static", STATIC_FILE.replace("/static/", DJANGO_STATIC), b"jQuery"
    ),
    Load("static uwsgi", "combined-static", STATIC_FILE, b"jQuery"),
    Load("static nginx", "nginx", STATIC_FILE, b"jQuery"),
    Load(
        "small static django",
        "django-static",
        SMALL_STATIC_FILE.replace("/static/", DJANGO_STATIC),
        b"{",
    ),
    Load("small static uwsgi", "combined-static", SMALL_STATIC_FILE, b"{"),
    # As a browser fetches a page and then its assets: one kept-alive connection.
    Load("combined /, 1 connection", "combined", "/", DJANGO_PAGE, connections=1),
    Load(
        "small static uwsgi, 1 connection",
        "combined-static",
        SMALL_STATIC_FILE,
        b"{",
        connections=1,
    ),
    Load(
        "small static uwsgi, new connections",
        "combined-static",
        SMALL_STATIC_FILE,
        b"{",
        close=True,
    ),
]


@dataclass(frozen=True)
class Ratio:
    """``numerator / denominator`` of a metric; ``goal`` is (">=" or "<=", value) or None."""

    key: str
    label: str
    # "rps": requests per CPU-second, median of per-round ratios; "wall": the same with
    # wall-clock requests/s, for goals about waiting (a stall costs time, not CPU);
    # "pss", "import", "startup", "dispatch"
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
        ("<=", 0.70),
    ),
    Ratio(
        "static_small",
        "1 KB static file via uWSGI static-map vs Django's static view",
        "rps",
        "small static uwsgi",
        "small static django",
        (">=", 3.0),
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
]

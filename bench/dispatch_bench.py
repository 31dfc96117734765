"""Per-request cost of the dispatch layers in front of an app, in process.

Why: they run on every request. This prints what they add, in ns per request,
over calling a trivial app directly, with Werkzeug's DispatcherMiddleware as a
reference, so a change that slows the hot path shows up as a number: the
combined app's own layers (HostCheck around DispatcherMiddleware, as
combined/app.py builds them) for a Django path and a backend path; bench/run.py
reads these figures through ``measure_all``.

When not to use it: it times the dispatch step alone, in one thread, with a
trivial inner app and no server; it says nothing about lock contention,
first-request builds or real request latency.

    python bench/dispatch_bench.py [--quick] [--json PATH]
"""

# tenancy:begin
# It also times SubdomainDispatcher and PathDispatcher (combined/dispatch.py) for an
# already-built tenant.
# tenancy:end

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import timeit
from importlib import metadata
from pathlib import Path

from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import EnvironBuilder

# tenancy:begin
DISPATCH_PY = Path(__file__).resolve().parents[1] / "combined" / "dispatch.py"


def load_dispatch():
    """Load combined/dispatch.py alone: combined/__init__.py may import Django."""
    import importlib.util  # only for this file-by-path load

    spec = importlib.util.spec_from_file_location("combined_dispatch_bench", DISPATCH_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# tenancy:end
def inner_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def start_response(status, headers, exc_info=None):
    return None


def cases():
    """(name, WSGI app, environ) for each way of reaching inner_app, as 'alice'."""
    base = EnvironBuilder(path="/page").get_environ()
    by_host = dict(base, HTTP_HOST="alice.example.com:8000")
    by_path = dict(base, PATH_INFO="/alice/page")
    built = [("direct", inner_app, by_host)]
    # tenancy:begin
    dispatch = load_dispatch()
    factory = {"alice": inner_app}.get
    ttl = {"max_age": 30.0, "negative_ttl": 30.0}  # what combined.tenancy passes (TENANCY_TTL)
    built += [
        ("SubdomainDispatcher", dispatch.SubdomainDispatcher("example.com", factory), by_host),
        (
            "Subdomain+max_age",
            dispatch.SubdomainDispatcher("example.com", factory, **ttl),
            by_host,
        ),
        ("PathDispatcher", dispatch.PathDispatcher(inner_app, factory), by_path),
        ("Path+max_age", dispatch.PathDispatcher(inner_app, factory, **ttl), by_path),
    ]
    # tenancy:end
    built.append(
        ("DispatcherMiddleware", DispatcherMiddleware(inner_app, {"/alice": inner_app}), by_path)
    )
    return built


# The settings combined.app.layers reads, when nothing configured Django before (the
# script alone, or bench/run.py, whose servers get the site's settings instead).
BENCH_SETTINGS = {
    "DEBUG": False,
    "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
    "BACKEND_PREFIX": "/backend",
    "SITE_NAME": "Bench site",
    "PROXY_COUNT": 0,
}


def combined_cases():
    """The combined entry point's real layers (``combined.app.layers``) around trivial apps.

    Last resort, scheme, health check, host check and ``DispatcherMiddleware``, as
    ``create_app`` stacks them, from Django's settings (``BENCH_SETTINGS`` if unset).
    """
    from django.conf import settings  # here: the tenancy cases above need no Django

    if not settings.configured:
        settings.configure(**BENCH_SETTINGS)
    from combined.app import layers
    from combined.host_check import HostCheck

    stack = layers(inner_app, inner_app)
    host_check = HostCheck(inner_app, backend_url="/backend/")
    base = EnvironBuilder(path="/", headers={"Host": "localhost:8000"}).get_environ()
    return [
        ("HostCheck", host_check, base),
        ("combined layers", stack, base),
        ("combined layers /backend/", stack, dict(base, PATH_INFO="/backend/")),
    ]


def check(app, environ) -> None:
    """Check the route before timing (and build what is built on first use)."""
    captured = []
    app(dict(environ), lambda status, headers, exc_info=None: captured.append(status))
    if captured != ["200 OK"]:
        raise SystemExit(f"bench setup is wrong: got {captured}")


def measure(cases, number: int, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` ns per request; each request gets a fresh copy of ``environ``.

    CPU time of this process, not wall time: on a shared machine, time spent
    waiting for a core is not the dispatcher's cost. The cases take turns in each
    round, so a load change hits them all alike instead of favouring the first.
    """
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, app, environ in cases:
            timer = timeit.Timer(
                lambda app=app, environ=environ: app(dict(environ), start_response),
                timer=time.process_time,
            )
            ns = timer.timeit(number) / number * 1e9
            best[name] = min(ns, best.get(name, ns))
    return best


def measure_all(number: int, repeat: int) -> dict[str, dict[str, float]]:
    """ns per request and overhead over ``direct`` for every case."""
    built = [*cases(), *combined_cases()]
    for _name, app, environ in built:
        check(app, environ)
    results = {
        name: {"ns_per_request": round(ns, 1)}
        for name, ns in measure(built, number, repeat).items()
    }
    direct = results["direct"]["ns_per_request"]
    for row in results.values():
        row["overhead_ns"] = round(row["ns_per_request"] - direct, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations (CI smoke run)")
    parser.add_argument("--json", metavar="PATH", help="also write the results to PATH")
    args = parser.parse_args(argv)
    number, repeat = (5_000, 5) if args.quick else (20_000, 25)

    results = measure_all(number, repeat)
    print(f"{'case':<27}{'ns/request':>12}{'overhead ns':>13}")
    for name, row in results.items():
        print(f"{name:<27}{row['ns_per_request']:>12.0f}{row['overhead_ns']:>13.0f}")

    if args.json:
        report = {
            "benchmark": "dispatch",
            "python": platform.python_version(),
            "werkzeug": metadata.version("werkzeug"),
            "number": number,
            "repeat": repeat,
            "results": results,
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

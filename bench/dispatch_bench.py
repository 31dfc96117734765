"""Per-request cost of tenant dispatch for an already-built tenant.

Why: SubdomainDispatcher and PathDispatcher (combined/dispatch.py) run on every
request.  This prints what they add, in ns per request, over calling the
tenant's app directly, with Werkzeug's DispatcherMiddleware as a reference, so
a change that slows the hot path shows up as a number.  It also times the
combined app's own layers (HostCheck around DispatcherMiddleware, as
combined/app.py builds them) for a Django path and a backend path; bench/run.py
reads these figures through ``measure_all``.

When not to use it: it times the dispatch step alone, in one thread, with a
trivial inner app and no server; it says nothing about lock contention,
first-request builds or real request latency.

    python bench/dispatch_bench.py [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import time
import timeit
from importlib import metadata
from pathlib import Path

from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import EnvironBuilder

DISPATCH_PY = Path(__file__).resolve().parents[1] / "combined" / "dispatch.py"


def load_dispatch():
    """Load combined/dispatch.py alone: combined/__init__.py may import Django."""
    spec = importlib.util.spec_from_file_location("combined_dispatch_bench", DISPATCH_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def tenant_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def start_response(status, headers, exc_info=None):
    return None


def cases(dispatch):
    """(name, WSGI app, environ) for each way of reaching tenant_app for tenant 'alice'."""
    base = EnvironBuilder(path="/page").get_environ()
    by_host = dict(base, HTTP_HOST="alice.example.com:8000")
    by_path = dict(base, PATH_INFO="/alice/page")
    factory = {"alice": tenant_app}.get
    ttl = {"max_age": 30.0, "negative_ttl": 30.0}  # what combined.tenancy passes (TENANCY_TTL)
    return [
        ("direct", tenant_app, by_host),
        ("SubdomainDispatcher", dispatch.SubdomainDispatcher("example.com", factory), by_host),
        (
            "Subdomain+max_age",
            dispatch.SubdomainDispatcher("example.com", factory, **ttl),
            by_host,
        ),
        ("PathDispatcher", dispatch.PathDispatcher(tenant_app, factory), by_path),
        ("Path+max_age", dispatch.PathDispatcher(tenant_app, factory, **ttl), by_path),
        ("DispatcherMiddleware", DispatcherMiddleware(tenant_app, {"/alice": tenant_app}), by_path),
    ]


def combined_cases():
    """The combined entry point's real layers (``combined.app.layers``) around trivial apps.

    Health check, host check, ``DispatcherMiddleware`` and the takeover router, as
    ``create_app`` stacks them, with a one-rule migrated-pages app.
    """
    from flask import Blueprint, Flask

    from combined.app import layers  # imports Django's host helpers, not its settings
    from combined.host_check import HostCheck
    from core.settings import load_settings
    from flask_backend.migrated import register

    migrated = Flask("bench_migrated")
    bp = Blueprint("notes", __name__)
    bp.add_url_rule("/notes/<int:pk>/", "detail", lambda pk: "")
    register(migrated, bp)  # a moved-page blueprint: the takeover router matches its rule
    settings = load_settings(
        _env_file=None,
        secret_key="bench-only-key-not-used-for-anything-0123456789",  # noqa: S106
        backend_prefix="/backend",
        allowed_hosts="127.0.0.1,localhost",
        proxy_count=0,
        debug=False,
        site_name="Bench site",
        site_url="http://localhost",
        email_url="disabled",
    )
    stack = layers(settings, tenant_app, tenant_app, migrated)
    host_check = HostCheck(tenant_app, settings.allowed_hosts, backend_url="/backend/")
    base = EnvironBuilder(path="/", headers={"Host": "localhost:8000"}).get_environ()
    return [
        ("HostCheck", host_check, base),
        ("combined layers", stack, base),
        ("combined layers /backend/", stack, dict(base, PATH_INFO="/backend/")),
    ]


def check(app, environ) -> None:
    """Build the tenant and check the route before timing."""
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
    built = [*cases(load_dispatch()), *combined_cases()]
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

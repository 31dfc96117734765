"""Per-request cost of TENANCY for a tenant whose backend is already built.

Why: bench/dispatch_bench.py times the dispatch step alone with a trivial app;
this times whole requests through ``combined.app.create_app`` (host check, mount,
tenant dispatch, Flask) for ``TENANCY=none``, ``subdomain`` and ``path``, so the
README can say what tenancy costs on a real backend request.

When not to use it: one thread, no server, a route that does not touch the
database (Flask's JSON 404 under ``/api/``), a throwaway SQLite file. It says
nothing about first-request builds, which query the Tenant table.

    python bench/tenancy_bench.py [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import timeit
from pathlib import Path

PATH = "/api/bench-nothing-here"  # a JSON 404 from the backend, no query


def configure(database: Path) -> None:
    """Pin the environment before Django reads its settings."""
    os.environ.update(
        {
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "localhost,.example.test",
            "SITE_URL": "http://localhost",
            "EMAIL_URL": "disabled",
            "DATABASE_URL": f"sqlite:///{database}",
            "LOG_LEVEL": "ERROR",
            "TENANCY": "none",
        }
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "django_site.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django_site.tenants.models import Tenant

    Tenant.objects.create(slug="acme", name="Acme Corp")


def cases() -> list[tuple[str, dict, object, dict]]:
    """(name, settings, app, environ) per mode. ``create_app`` builds from Django's
    settings, so each mode's app is built, checked and timed under its settings."""
    from django.test import override_settings
    from werkzeug.test import EnvironBuilder

    from combined.app import create_app

    def environ(host: str, path: str) -> dict:
        return EnvironBuilder(path=path, base_url=f"http://{host}").get_environ()

    built = []
    for name, overrides, env in [
        ("none", {}, environ("localhost", "/backend" + PATH)),
        (
            "subdomain",
            {"TENANCY": "subdomain", "TENANCY_DOMAIN": "example.test"},
            environ("acme.example.test", "/backend" + PATH),
        ),
        ("path", {"TENANCY": "path"}, environ("localhost", "/backend/acme" + PATH)),
    ]:
        with override_settings(**overrides):
            app = create_app()
            check(app, env)
        built.append((name, overrides, app, env))
    return built


def check(app, environ: dict) -> None:
    """The request must reach the backend's JSON 404, or the figures mean nothing."""
    from werkzeug.test import run_wsgi_app

    app_iter, status, _headers = run_wsgi_app(app, dict(environ), buffered=True)
    if status != "404 NOT FOUND" or b'"error"' not in b"".join(app_iter):
        raise SystemExit(f"bench setup is wrong: got {status}")


def measure(cases: list, number: int, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` microseconds per request. The cases take turns in each
    round, so a load change on a shared machine hits them all alike."""
    from django.test import override_settings
    from werkzeug.test import run_wsgi_app

    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, overrides, app, environ in cases:
            timer = timeit.Timer(
                lambda app=app, environ=environ: run_wsgi_app(app, dict(environ), buffered=True)
            )
            with override_settings(**overrides):
                seconds = timer.timeit(number) / number * 1e6
            best[name] = min(seconds, best.get(name, seconds))
    return {name: round(value, 1) for name, value in best.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations (CI smoke run)")
    parser.add_argument("--json", metavar="PATH", help="also write the results to PATH")
    args = parser.parse_args(argv)
    number, repeat = (100, 3) if args.quick else (500, 15)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

    with tempfile.TemporaryDirectory(prefix="tenancy-bench-") as tmp:
        configure(Path(tmp) / "bench.sqlite3")
        results = measure(cases(), number, repeat)
    base = results["none"]
    print(f"{'TENANCY':<12}{'us/request':>12}{'vs none':>10}")
    for name, value in results.items():
        print(f"{name:<12}{value:>12.1f}{value / base:>9.2f}x")
    if args.json:
        report = {"benchmark": "tenancy", "python": platform.python_version(),
                  "number": number, "repeat": repeat, "us_per_request": results}  # fmt: skip
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

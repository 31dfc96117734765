"""The memory part of a run: PSS per worker, and what each worker had done by then.

Why apart from bench/run.py: the memory ratio is only as fair as the warm-up behind
it, so the reading carries the pages each server was loaded with before it (and how
many requests of each), and the modules a combined worker imports beyond both halves
(bench/worker_modules.py). A worker's memory steps up at its first full garbage
collection, after a few hundred requests (combined/prefork.py says why): two workers
are comparable only past it.

When not to use it: outside a run; PSS comes from /proc (Linux only).
"""

from __future__ import annotations

from typing import Any

from bench import measure, results, servers, worker_modules
from bench.targets import LOADS

MEMORY_SERVERS = ("combined", "django", "flask", "mount", "hello")
# The WSGI modules the memory ratio compares.
RATIO_MODULES = {
    "django": "django_site.wsgi",
    "flask": "flask_backend.wsgi",
    "combined": "combined.wsgi",
}
READY_PATH = "/"  # bench/fleet.py waits for a 200 from it


def pages(server: str) -> list[str]:
    """The paths ``server`` is loaded with (its readiness path first), each once."""
    found = [READY_PATH] + [load.path for load in LOADS if load.server == server]
    return list(dict.fromkeys(found))


def read(
    running: dict[str, servers.Process], rounds: dict[str, list[dict[str, float]]]
) -> dict[str, dict[str, Any]]:
    """PSS and RSS of each memory server's workers now (median over workers), with the
    requests each of its loads had served (``warmed_on``, all workers together)."""
    found = {}
    for name in MEMORY_SERVERS:
        workers = [measure.pss_kib(pid) for pid in running[name].worker_pids()]
        found[name] = {
            "pss": results.median(w["pss"] for w in workers),
            "rss": results.median(w["rss"] for w in workers),
            "workers": workers,
            "warmed_on": {
                load.name: sum(r["requests"] for r in rounds[load.name])
                for load in LOADS
                if load.server == name
            },
        }
    return found


def modules_beyond_halves(env: dict[str, str]) -> list[str]:
    """What a combined worker imports that neither half does, on the same pages."""
    return worker_modules.beyond_halves(
        RATIO_MODULES, {name: pages(name) for name in RATIO_MODULES}, env
    )

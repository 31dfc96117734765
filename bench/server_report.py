"""The server table's page: the figures of bench/server_table.py's run as Markdown,
with uWSGI's verdict against the best of its peers.

Why apart from the run: the verdict (within 10 % of the best peer, and how far the
router hop accounts for a miss) is what a team reads, and tests/test_server_table.py
checks it from figures made up there, without starting a server.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from importlib.metadata import version

SERVERS = ("uwsgi", "gunicorn", "granian")
DEFAULT = "uwsgi"
# Not a peer: the same uWSGI workers parsing HTTP themselves (http-socket), without the
# router process in between, to show what the router hop costs.
NO_ROUTER = "uwsgi-no-router"
COLUMNS = (*SERVERS, NO_ROUTER)
ROUTES = {
    "/backend/api/": "Flask JSON route",
    "/accounts/login/": "Django page with a form",
    "/": "home page (Django)",
    "/static/layout/site.css": "static file",
}


@dataclass
class Cell:
    rates: list[float]
    per_cpu: list[float]
    errors: int

    @property
    def rate(self) -> float:
        return statistics.median(self.rates)

    @property
    def efficiency(self) -> float:
        return statistics.median(self.per_cpu)


DISTRIBUTIONS = {"uWSGI": "pyuwsgi", "gunicorn": "gunicorn", "Granian": "granian"}


def versions() -> str:
    return ", ".join(f"{name} {version(dist)}" for name, dist in DISTRIBUTIONS.items())


def report(table: dict[str, dict[str, Cell | None]], seconds: float, rounds: int) -> str:
    lines = [
        "# Server table",
        "",
        "Written by `python3 -m bench.server_table` (bench/server_table.py); do not edit.",
        f"Each server alone on loopback from its config in deploy/ ({versions()}), the",
        "shipped `combined.wsgi:application`, 2 workers, SQLite; wrk -t1 -c8 (kept-alive",
        f"connections), {seconds:g} s per cell, {rounds} interleaved rounds, medians. req/CPU-s:",
        "requests per CPU-second of the server's processes. On a shared 2-core machine",
        "wrk's ratios move about ±5 % from run to run, and more while other work runs:",
        "then req/s follows each server's share of the cores (Granian runs Rust threads",
        "beside each worker), and req/CPU-s is the fairer figure. `uwsgi-no-router`: the",
        "same uWSGI workers parsing HTTP themselves (`--http-socket`), not a peer: what the",
        "router hop costs.",
        "",
        "| route | "
        + " | ".join(f"{n} req/s | {n} req/CPU-s" for n in COLUMNS)
        + f" | {DEFAULT} ÷ best peer (req/s, req/CPU-s) | within 10 % |",
        "|---|" + "---:|" * (2 * len(COLUMNS)) + "---|---|",
    ]
    verdicts = []
    for path, label in ROUTES.items():
        cells = table[path]
        row = [f"{label} `{path}`"]
        for name in COLUMNS:
            cell = cells.get(name)
            if cell is None:
                row += ["not served", "-"]
            else:
                row += [f"{cell.rate:,.0f}", f"{cell.efficiency:,.0f}"]
        own = cells[DEFAULT]
        peers = [cells[n] for n in SERVERS if n != DEFAULT and cells.get(n) is not None]
        if own is None or not peers:
            row += ["-", "-"]
        else:
            by_rate = own.rate / max(c.rate for c in peers)
            by_cpu = own.efficiency / max(c.efficiency for c in peers)
            ok = by_rate >= 0.9 and by_cpu >= 0.9
            verdicts.append((label, ok))
            row += [f"{by_rate:.2f}, {by_cpu:.2f}", "yes" if ok else "**no**"]
        lines.append("| " + " | ".join(row) + " |")
    errors = {n: sum(c.errors for c in (table[p].get(n) for p in ROUTES) if c) for n in COLUMNS}
    lines += ["", f"Errors (non-2xx, socket): {', '.join(f'{n} {e}' for n, e in errors.items())}."]
    missing = [label for label, ok in verdicts if not ok]
    lines += [
        "",
        "The shipped default (uWSGI, its HTTP router) is within 10 % of the best peer on "
        + ("every route." if not missing else f"every route but: {', '.join(missing)}."),
    ]
    lines += [f"- {line}" for line in in_the_way(table, missing)]
    return "\n".join([*lines, ""])


def in_the_way(table: dict[str, dict[str, Cell | None]], missing: list[str]) -> list[str]:
    """For each route the default misses: how far the router hop accounts for it."""
    found = []
    for path, label in ROUTES.items():
        cells = table[path]
        own, bare = cells.get(DEFAULT), cells.get(NO_ROUTER)
        peers = [cells[n] for n in SERVERS if n != DEFAULT and cells.get(n) is not None]
        if label not in missing or own is None or bare is None or not peers:
            continue
        best = max(c.efficiency for c in peers)
        found.append(
            f"{label}: uWSGI {own.efficiency / best:.2f} of the best peer's requests per "
            f"CPU-second with its router, {bare.efficiency / best:.2f} without it."
        )
    return found

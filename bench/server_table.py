"""The server table: uWSGI, gunicorn and Granian serving the same app, in one run.

    python3 -m bench.server_table                  # writes docs/server-table.md
    python3 -m bench.server_table --seconds 3 --rounds 1 --out /tmp/table.md

Why: the project ships uWSGI (``deploy/uwsgi.ini``) and tested configs for gunicorn
and Granian (``deploy/gunicorn.conf.py``, ``deploy/serve_granian.py``); a team
choosing between them wants the figures for this app, not a hello world. Each
server starts from its own config with the shipped ``combined.wsgi:application``, 2
workers, on loopback, with the same site (SQLite, seeded as the main benchmark seeds
it). Per route, wrk (1 thread, 8 kept-alive connections) loads each server in turn,
for several interleaved rounds, so that a change in the machine's load meets every
server alike; the table gives the median requests/s and requests per CPU-second of
the server's processes (master, workers, router), and uWSGI's ratio to the best of
the other two.

When not to use it: for per-request costs of the app itself (``bench/`` counts
those with callgrind), or behind nginx (not measured here: each server alone).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from bench import measure, wrk
from bench.servers import ROOT, Process, fetch, free_port, wait_ok

SERVERS = ("uwsgi", "gunicorn", "granian")
DEFAULT = "uwsgi"
# Not a peer: the same uWSGI workers parsing HTTP themselves (http-socket), without the
# router process in between, to show what the router hop costs.
NO_ROUTER = "uwsgi-no-router"
COLUMNS = (*SERVERS, NO_ROUTER)
BIN = Path(sys.executable).parent
ROUTES = {
    "/backend/api/": "Flask JSON route",
    "/accounts/login/": "Django page with a form",
    "/": "home page (Django)",
    "/static/layout/site.css": "static file",
}
OUT = ROOT / "docs" / "server-table.md"


def command(name: str, port: int) -> list[str]:
    """The documented start command of each server (docs/deploy.md)."""
    return {
        "uwsgi": [str(BIN / "uwsgi"), "--ini", "deploy/uwsgi.ini"],
        "gunicorn": [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        "granian": [str(BIN / "python"), "deploy/serve_granian.py"],
        # "A bind is given" keeps the ini from adding its router.
        NO_ROUTER: [str(BIN / "uwsgi"), "--set-ph", "bind-given=1", "--ini", "deploy/uwsgi.ini",
                    "--http-socket", f"127.0.0.1:{port}"],
    }[name]  # fmt: skip


def start(name: str, env: dict[str, str], tmp: Path) -> Process:
    port = free_port()
    log = tmp / f"{name}.log"
    node_env = {**env, "COMBINED_PROCESSES": "2"}
    if name != NO_ROUTER:
        node_env["COMBINED_HTTP"] = f"127.0.0.1:{port}"
    with log.open("wb") as out:
        popen = subprocess.Popen(
            command(name, port), cwd=ROOT, env=node_env, stdout=out, stderr=subprocess.STDOUT
        )
    return Process(name, port, popen, log)


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


def serves(process: Process, path: str) -> bool:
    return fetch(f"http://127.0.0.1:{process.port}{path}")[0] == 200


def run(seconds: float, rounds: int) -> dict[str, dict[str, Cell | None]]:
    tmp = Path(tempfile.mkdtemp(prefix="server-table-"))
    env = measure.site_env(tmp)
    measure.prepare_site(env)
    processes = {name: start(name, env, tmp) for name in COLUMNS}
    try:
        for process in processes.values():
            wait_ok(process, "/healthz", timeout=120)
        table: dict[str, dict[str, Cell | None]] = {path: {} for path in ROUTES}
        for path in ROUTES:
            for name, process in processes.items():
                # gunicorn serves no static files (nginx does, in front of it).
                table[path][name] = Cell([], [], 0) if serves(process, path) else None
        for _ in range(rounds):
            for path in ROUTES:
                for name, process in processes.items():
                    cell = table[path][name]
                    if cell is None:
                        continue
                    wrk.run(f"http://127.0.0.1:{process.port}{path}", seconds=1)  # warm
                    before = process.cpu_seconds()
                    result = wrk.run(f"http://127.0.0.1:{process.port}{path}", seconds=seconds)
                    used = process.cpu_seconds() - before
                    cell.rates.append(result.requests_per_s)
                    cell.per_cpu.append(result.requests / used if used else 0.0)
                    cell.errors += result.errors
        return table
    finally:
        for process in processes.values():
            process.stop()
        shutil.rmtree(tmp, ignore_errors=True)


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


def load() -> str:
    """The machine's 1, 5 and 15 minute load averages (other work skews req/s)."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    table = run(args.seconds, args.rounds)
    text = report(table, args.seconds, args.rounds) + f"\nLoad average at the end: {load()}.\n"
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()

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
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import measure, wrk
from bench.server_report import COLUMNS, NO_ROUTER, ROUTES, Cell, report
from bench.servers import ROOT, Process, fetch, free_port, wait_ok

BIN = Path(sys.executable).parent
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

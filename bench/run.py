"""Run the benchmarks and write docs/benchmarks.{md,png,json} (or bench/results/ when quick).

Why: users choose the combined deployment over two deployments or uWSGI's own
``mount`` partly on cost; this measures that cost as ratios within one run.
Start it with ``python3 -m bench`` (see bench/__main__.py), which sets up .venv.

When not to use it: as a load test or capacity plan. It loads each target for a
few seconds on loopback, on whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import dispatch_bench, measure, memory, report, results, servers, wrk
from bench.fleet import start_servers, wait_ready

# example:begin
# takeover:begin
from bench.moved_profile import count as count_moved_page
from bench.moved_profile import profile as profile_moved_page
from bench.moved_profile import served_alone as time_moved_page_alone

# takeover:end
# example:end
from bench.targets import LOADS, NGINX_UPSTREAMS, RATIOS, STATIC_FILE

ROOT = Path(__file__).resolve().parents[1]
# The processes whose CPU time a load costs: nginx's target runs on three servers.
CPU_GROUPS = {"nginx": ("nginx", *NGINX_UPSTREAMS)}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one short round (smoke test, under a minute); writes bench/results/",
    )
    parser.add_argument(
        "--out", type=Path, help="output directory (default: docs/, or bench/results/ with --quick)"
    )
    parser.add_argument("--rounds", type=int, help="alternating rounds (default 9; quick 1)")
    parser.add_argument("--seconds", type=int, help="wrk seconds per load (default 1)")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (1 if args.quick else 9)
    args.seconds = args.seconds or 1
    args.out = args.out or ROOT / ("bench/results" if args.quick else "docs")
    return args


def check_loads(running: dict[str, servers.Process], cookie: str) -> None:
    for load in LOADS:
        url = f"http://127.0.0.1:{running[load.server].port}{load.path}"
        status, body = servers.fetch(url, load.host, cookie=cookie if load.login else None)
        if status != 200 or load.expect not in body:
            raise RuntimeError(f"{load.name}: {url} answered {status}, not the expected page")


def load_rounds(
    running: dict[str, servers.Process],
    measured: dict[str, list[dict[str, float]]],
    numbers: range,
    seconds: int,
    cookie: str,
    log=print,
) -> None:
    """Run rounds ``numbers`` (0-based), appending each load's figures to ``measured``."""
    for number in numbers:
        order = LOADS if number % 2 == 0 else LOADS[::-1]
        for load in order:
            url = f"http://127.0.0.1:{running[load.server].port}{load.path}"
            group = [running[n] for n in CPU_GROUPS.get(load.server, (load.server,))]
            cpu_before = sum(proc.cpu_seconds() for proc in group)
            result = wrk.run(
                url,
                seconds=seconds,
                host=load.host,
                connections=load.connections,
                close=load.close,
                cookie=cookie if load.login else None,
            )
            cpu = sum(proc.cpu_seconds() for proc in group) - cpu_before
            if result.errors:
                raise RuntimeError(
                    f"{load.name}: {result.errors} failed requests in round "
                    f"{number + 1}; see the uWSGI logs"
                )
            if not result.requests:
                log(f"  {load.name}: no answer in round {number + 1} (left out of its ratios)")
            measured[load.name].append(
                {
                    "rps": result.requests_per_s,
                    "p50_ms": result.p50_ms,
                    "p99_ms": result.p99_ms,
                    "requests": result.requests,
                    "cpu_ms": round(cpu * 1000 / max(result.requests, 1), 4),
                }
            )
        log(f"  round {number + 1}/{numbers.stop} done")


def _clock(begun: float):
    def log(message: str) -> None:
        print(f"[{time.perf_counter() - begun:5.1f} s] {message}", flush=True)

    return log


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [tool for tool in ("wrk", "nginx", "valgrind") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"bench needs {' and '.join(missing)} on PATH "
            "(Debian: apt-get install wrk nginx-light valgrind)"
        )
    begun = time.perf_counter()
    command = " ".join(["python3 -m bench", *([shlex.join(argv)] if argv else [])])
    data: dict[str, Any] = {"command": command, "machine": measure.machine()}
    started: list[servers.Process] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = measure.site_env(tmp)
        if args.quick:  # half the workers to start; deploy/uwsgi.ini reads this variable
            env["COMBINED_PROCESSES"] = "1"
        try:
            log = _clock(begun)
            log("preparing the site (migrate, seed, collectstatic) ...")
            cookie = measure.prepare_site(env)
            data["startup_s"] = startup = {}
            if args.quick:  # start the servers while the in-process parts run
                running = start_servers(env, tmp, started, startup, one_by_one=False)
            log("in-process dispatch and import times ...")
            data["dispatch"] = dispatch_bench.measure_all(
                *((5_000, 5) if args.quick else (20_000, 25))
            )
            import_runs = 1 if args.quick else 5
            data["import_s"] = measure.import_seconds(memory.RATIO_MODULES, env, import_runs)
            data["modules_beyond_halves"] = memory.modules_beyond_halves(env)
            # example:begin
            # takeover:begin
            data["moved_profile"] = profile_moved_page(env, cookie)
            data["moved_alone"] = time_moved_page_alone(env, cookie, 2 if args.quick else 7)
            log("instructions per request under callgrind ...")
            per_path = 10 if args.quick else 40
            data["instructions"], data["moved_parts"] = count_moved_page(env, cookie, per_path)
            # takeover:end
            # example:end
            if not args.quick:
                log("starting the servers one by one ...")
                running = start_servers(env, tmp, started, startup, one_by_one=True)
            wait_ready(running, startup)
            check_loads(running, cookie)
            log(f"load: {args.rounds} round(s) x {len(LOADS)} targets x {args.seconds} s")
            rounds: dict[str, list[dict[str, float]]] = {load.name: [] for load in LOADS}
            load_rounds(running, rounds, range(1), args.seconds, cookie)
            # Memory after the first round: warm, and before max-requests recycles a worker.
            data["memory_kib"] = memory.read(running, rounds)
            load_rounds(running, rounds, range(1, args.rounds), args.seconds, cookie)
        finally:
            for proc in reversed(started):
                proc.stop()
    data["loads"] = {
        load.name: {
            "server": load.server,
            "path": load.path,
            "host": load.host,
            "connections": load.connection_mode,
            "rounds": rounds[load.name],
            "median": results.summarize_load(rounds[load.name]),
        }
        for load in LOADS
    }
    data["settings"] = {
        "rounds": args.rounds,
        "seconds": args.seconds,
        "connections": 8,
        "threads": 1,
        "processes": 1 if args.quick else 2,
        "import_runs": import_runs,
        "static_file": STATIC_FILE,
        "startup": "all servers at once, during the import timings (quick mode)"
        if args.quick
        else "one server after another",
        "site_env": {k: v for k, v in measure.SITE_ENV.items() if k != "SECRET_KEY"},
    }
    data["ratios"] = results.evaluate(RATIOS, data)
    data["elapsed_s"] = round(time.perf_counter() - begun, 1)
    paths = report.write_all(data, args.out)
    for row in data["ratios"]:
        print(f"  {row['status']:>4}  {row['value']:>9}  {row['label']}")
    print(f"wrote {', '.join(str(p) for p in paths.values())} in {data['elapsed_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

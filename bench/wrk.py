"""Run wrk against one URL and read its ``--latency`` report.

Why a parser: wrk prints text only (JSON needs a Lua script), and the numbers we
need -- requests/s, p50, p99, non-2xx and socket errors -- are all in that text.
``parse`` is pure so the tests can feed it recorded output.

When not to use it: for anything but loopback runs of a few seconds; wrk is an
open-loop load generator and says nothing about correctness beyond status codes.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


class WrkError(RuntimeError):
    """wrk failed, or its report lacks a number we need."""


@dataclass(frozen=True)
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses plus connect, write and timeout errors


def parse(output: str) -> WrkResult:
    """Read wrk's ``--latency`` report; latencies in milliseconds."""
    percentiles = {int(p): float(v) * _UNITS[unit] for p, v, unit in _PERCENTILE.findall(output)}
    rps, total = _RPS.search(output), _TOTAL.search(output)
    if rps is None or total is None or set(percentiles) != {50, 99}:
        raise WrkError(f"unreadable wrk output (was --latency given?):\n{output}")
    non_2xx = _NON_2XX.search(output)
    socket = _SOCKET.search(output)
    # Read "errors" are not counted: uWSGI's HTTP router closes after each response.
    connect, _read, write, timeout = (int(n) for n in socket.groups()) if socket else (0,) * 4
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + connect + write + timeout
    return WrkResult(
        float(rps.group(1)), percentiles[50], percentiles[99], int(total.group(1)), errors
    )


def run(
    url: str,
    *,
    seconds: float,
    connections: int = 8,
    threads: int = 1,
    host: str | None = None,
    close: bool = False,
    cookie: str | None = None,
) -> WrkResult:
    """Load ``url`` for ``seconds`` and return wrk's figures.

    wrk keeps its connections open; ``close`` sends ``Connection: close`` instead, so
    every request comes on a new connection.
    """
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    if host:
        command += ["-H", f"Host: {host}"]
    if close:
        command += ["-H", "Connection: close"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    if done.returncode:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr.strip()}")
    return parse(done.stdout)

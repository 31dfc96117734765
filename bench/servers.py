"""Start and stop the uWSGI servers a benchmark run loads, from deploy/uwsgi.ini.

Why: every target must run with the same uWSGI options, so each one is
``uwsgi --ini deploy/uwsgi.ini`` plus only the overrides its target needs (the
module, a mount). nginx is started by bench/nginx.py, as a ``Process`` of this module.

When not to use it: for deployment. Ports are picked by the OS on loopback, logs
go to the run's temp directory, and every process is stopped by its own PID.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INI = ROOT / "deploy" / "uwsgi.ini"
UWSGI = Path(sys.executable).with_name("uwsgi")
# "spawned uWSGI worker 1 (pid: 12)" at start, "Respawned uWSGI worker 1 (new pid: 34)" later
_TICKS = os.sysconf("SC_CLK_TCK")
_SPAWNED = re.compile(r"[Ss]pawned uWSGI worker (\d+) \((?:new )?pid: (\d+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Process:
    """One server we started; ``stop`` ends it by PID."""

    name: str
    port: int
    popen: subprocess.Popen
    log: Path
    started: float = field(default_factory=time.perf_counter)

    def cpu_seconds(self) -> float:
        """CPU seconds used so far by this process and its children, live or reaped.

        A worker recycled by ``max-requests`` leaves /proc, but once the master has
        reaped it its time is in the master's cutime/cstime, so nothing is lost.
        """
        pids = [self.popen.pid]
        for task in Path(f"/proc/{self.popen.pid}/task").glob("*/children"):
            pids += task.read_text().split()
        ticks = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue  # exited between the listing and the read
            ticks += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        return ticks / _TICKS

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()  # die-on-term: uWSGI's master stops its workers
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=5)

    def worker_pids(self) -> list[int]:
        """The live workers' PIDs, from uWSGI's log (pyuwsgi cannot rename processes)."""
        latest = dict(_SPAWNED.findall(self.log.read_text(errors="replace")))
        return [int(pid) for pid in latest.values() if Path(f"/proc/{pid}").exists()]


def start_uwsgi(
    name: str, overrides: list[str], env: dict[str, str], tmp: Path, *, uwsgi_socket: bool = False
) -> Process:
    """``uwsgi --ini deploy/uwsgi.ini <overrides>`` on a free loopback port."""
    port = free_port()
    bind = f"{'socket' if uwsgi_socket else 'http'}-bind=127.0.0.1:{port}"
    log = tmp / f"uwsgi-{name}.log"
    command = [str(UWSGI), "--set-ph", bind, "--ini", str(INI), *overrides]
    with log.open("wb") as out:
        popen = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    return Process(name, port, popen, log)


def fetch(
    url: str, host: str | None = None, timeout: float = 5.0, cookie: str | None = None
) -> tuple[int, bytes]:
    headers = {"Host": host} if host else {}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_ok(process: Process, path: str, host: str | None = None, timeout: float = 60) -> float:
    """Seconds from the process's start until ``path`` answers 200."""
    url = f"http://127.0.0.1:{process.port}{path}"
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.popen.poll() is not None:
            raise RuntimeError(f"{process.name} exited; see {process.log}:\n{_tail(process.log)}")
        try:
            status, _body = fetch(url, host, timeout=2)
        except OSError:
            status = 0
        if status == 200:
            return time.perf_counter() - process.started
        time.sleep(0.05)
    raise RuntimeError(f"{process.name}: no 200 from {url} in {timeout} s; see {process.log}")


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""

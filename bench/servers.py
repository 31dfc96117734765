"""Start and stop the servers a benchmark run loads: uWSGI from deploy/uwsgi.ini, nginx.

Why: every target must run with the same uWSGI options, so each one is
``uwsgi --ini deploy/uwsgi.ini`` plus only the overrides its target needs (the
module, a mount). nginx gets a throwaway config in the run's temp directory.

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


NGINX_CONF = """\
{user}
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    # Close after each response, as uWSGI's HTTP router does for the other targets.
    keepalive_timeout 0;
    upstream django {{ server 127.0.0.1:{django}; }}
    upstream flask {{ server 127.0.0.1:{flask}; }}
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ alias {static}/; expires 1h; }}
        location ~ ^/backend(/.*)$ {{
            {params}
            uwsgi_param SCRIPT_NAME /backend;
            uwsgi_param PATH_INFO $1;
            uwsgi_pass flask;
        }}
        location / {{
            {params}
            uwsgi_param SCRIPT_NAME "";
            uwsgi_param PATH_INFO $uri;
            uwsgi_pass django;
        }}
    }}
}}
"""
# nginx's stock uwsgi_params, minus PATH_INFO, which each location sets itself.
_PARAMS = (
    "QUERY_STRING $query_string",
    "REQUEST_METHOD $request_method",
    "CONTENT_TYPE $content_type",
    "CONTENT_LENGTH $content_length",
    "REQUEST_URI $request_uri",
    "DOCUMENT_ROOT $document_root",
    "SERVER_PROTOCOL $server_protocol",
    "REQUEST_SCHEME $scheme",
    "HTTPS $https if_not_empty",
    "REMOTE_ADDR $remote_addr",
    "REMOTE_PORT $remote_port",
    "SERVER_PORT $server_port",
    "SERVER_NAME $server_name",
)


def start_nginx(django_port: int, flask_port: int, static_dir: Path, tmp: Path) -> Process:
    """nginx routing ``/backend/`` to one uWSGI and everything else to another."""
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            tmp=tmp,
            django=django_port,
            flask=flask_port,
            port=port,
            static=static_dir,
            params="\n            ".join(f"uwsgi_param {p};" for p in _PARAMS),
        )
    )
    log = tmp / "nginx-error.log"
    popen = subprocess.Popen(
        ["nginx", "-p", str(tmp), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    return Process("nginx", port, popen, log)


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

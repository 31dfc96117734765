"""Real processes for the scale suite: the nodes, nginx, wrk and a private PostgreSQL.

Every process is started in its own session and stopped by its process group in
``stop()``; the fixtures call ``stop()`` in a ``finally``. The nginx site is
``deploy/nginx/site.conf`` itself, with only the node addresses, the listen port
and the static path replaced (``render_site``); each node runs ``deploy/uwsgi.ini``
with the shipped application plus the test-only app (``APP_MODULE``,
``tests/testapp/wsgi.py``), so the suites need no feature of the project: they run
in every one ``combined new`` makes.

``SCALE_SERVER=gunicorn`` or ``granian`` runs the nodes on that server instead
(``tests/wsgi_servers.py``: its config in deploy/, listening on HTTP), behind
``deploy/nginx/site-http.conf`` (``proxy_pass``) with ``PROXY_COUNT=1``; the default,
``uwsgi``, is what CI runs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.servers import TEST_APP, TEST_SETTINGS, free_port
from tests.servers import stop as stop_group
from tests.wsgi_servers import DEFAULT, SERVERS, command

ROOT = Path(__file__).resolve().parents[2]
UWSGI = Path(sys.executable).with_name("uwsgi")
# The nodes' server: uWSGI (the default) speaks the uwsgi protocol to nginx, the others HTTP.
SERVER = os.environ.get("SCALE_SERVER", DEFAULT)
if SERVER not in SERVERS:
    raise RuntimeError(f"SCALE_SERVER={SERVER!r}: one of {', '.join(SERVERS)}")
UWSGI_NODES = SERVER == "uwsgi"
SITE_CONF = ROOT / "deploy" / "nginx" / ("site.conf" if UWSGI_NODES else "site-http.conf")
UWSGI_INI = ROOT / "deploy" / "uwsgi.ini"
HOST = "example.com"  # the server_name in deploy/nginx/site.conf, kept as it is
# Given after --ini, it replaces the ini's module; every other option stays the ini's.
APP_MODULE = TEST_APP
# What each node and management command runs Django on: the site's plus tests.testapp.
SETTINGS_MODULE = TEST_SETTINGS


def wait_until(predicate, timeout: float, what: str, interval: float = 0.2) -> float:
    """Poll ``predicate`` until true; return the seconds it took, or raise."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if predicate():
                return time.monotonic() - start
        except (requests.RequestException, OSError):
            pass
        time.sleep(interval)
    raise TimeoutError(f"{what} not within {timeout} s")


@dataclass
class Node:
    """One uWSGI node: a uwsgi socket for nginx and an HTTP router for direct access."""

    name: str
    env: dict[str, str]
    workdir: Path
    socket_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def fifo(self) -> Path:
        return self.workdir / f"{self.name}.fifo"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def upstream_port(self) -> int:
        """Where nginx sends requests: the uwsgi socket, or an HTTP node's one port."""
        return self.socket_port if UWSGI_NODES else self.http_port

    def start(self, timeout: float = 90) -> None:
        env = {**self.env, "COMBINED_HTTP": f"127.0.0.1:{self.http_port}"}
        if UWSGI_NODES:
            env["COMBINED_SOCKET"] = f"127.0.0.1:{self.socket_port}"
            env["COMBINED_FIFO"] = str(self.fifo)
            args = [str(UWSGI), "--ini", str(UWSGI_INI), "--module", APP_MODULE]
        else:
            args = command(SERVER, APP_MODULE)
        with (self.workdir / f"{self.name}.log").open("ab") as log:
            self.proc = subprocess.Popen(
                args,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(self.ready, timeout, f"node {self.name} ready")

    def ready(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            raise RuntimeError(f"node {self.name} exited; see {self.workdir}/{self.name}.log")
        return requests.get(f"{self.url}/readyz", timeout=5).status_code == 200

    def workers(self) -> list[int]:
        """PIDs of the worker processes: the master's children except the HTTP router.

        Under pyuwsgi every process is named ``python .../uwsgi``, so the router is
        told apart by the PID uWSGI logs when it spawns it.
        """
        log = (self.workdir / f"{self.name}.log").read_text(errors="replace")
        routers = set(re.findall(r"spawned uWSGI http \d+ \(pid: (\d+)\)", log))
        children = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True
        ).stdout.split()
        return [int(pid) for pid in children if pid not in routers]

    def chain_reload(self) -> None:
        """uWSGI: the master FIFO's chain reload; gunicorn and Granian: SIGHUP."""
        if UWSGI_NODES:
            self.fifo.write_text("c")
        else:
            os.kill(self.proc.pid, signal.SIGHUP)

    def kill(self) -> None:
        """kill -9 the whole node: master, workers and router at once."""
        stop_group(self.proc, signal.SIGKILL)

    def stop(self) -> None:
        stop_group(self.proc)


def render_site(nodes: list[Node], listen_port: int, static_root: Path) -> str:
    """deploy/nginx/site.conf with the test's node ports, listen port and static path."""
    text = SITE_CONF.read_text()
    upstream = re.findall(r"server 127\.0\.0\.1:800\d", text)
    assert len(upstream) == len(nodes), "site.conf names a different number of nodes"
    for old, node in zip(upstream, nodes, strict=True):
        text = text.replace(old, f"server 127.0.0.1:{node.upstream_port}", 1)
    replacements = {
        "listen 80 default_server;": f"listen 127.0.0.1:{listen_port} default_server;",
        "listen 80;": f"listen 127.0.0.1:{listen_port};",
        "alias /srv/combined/var/static/;": f"alias {static_root}/;",
    }
    for old, new in replacements.items():
        assert old in text, f"site.conf no longer contains {old!r}"
        text = text.replace(old, new)
    return text


def pass_to(port: int) -> str:
    """nginx's directives that send a location's requests to the node at ``port``."""
    if UWSGI_NODES:
        return f"include uwsgi_params; uwsgi_pass 127.0.0.1:{port};"
    return f"proxy_pass http://127.0.0.1:{port};"  # headers: site-http.conf's, at http level


class Nginx:
    """nginx in the foreground with a prefix in a temp dir, running the rendered site."""

    def __init__(self, nodes: list[Node], workdir: Path, static_root: Path) -> None:
        self.port = free_port()
        # Test-only servers, one per node, for "log in on node A, read on node B". They
        # speak the uwsgi protocol like the site; uWSGI's own HTTP router (COMBINED_HTTP)
        # now and then reset a fresh connection under pytest, which nginx never did.
        self.direct_ports = {node.name: free_port() for node in nodes}
        direct = "\n".join(
            f"server {{ listen 127.0.0.1:{self.direct_ports[node.name]}; location / {{ "
            f"{pass_to(node.upstream_port)} }} }}"
            for node in nodes
        )
        self.dir = workdir / "nginx"
        self.dir.mkdir(exist_ok=True)
        for name in ("uwsgi_params", "mime.types"):
            shutil.copy(f"/etc/nginx/{name}", self.dir / name)
        (self.dir / "site.conf").write_text(render_site(nodes, self.port, static_root))
        (self.dir / "nginx.conf").write_text(
            f"""
            user root;
            worker_processes 2;
            pid {self.dir}/nginx.pid;
            error_log {self.dir}/error.log warn;
            events {{ worker_connections 1024; }}
            http {{
                include mime.types;
                access_log off;
                client_body_temp_path {self.dir}/body;
                proxy_temp_path {self.dir}/proxy;
                uwsgi_temp_path {self.dir}/uwsgi;
                fastcgi_temp_path {self.dir}/fastcgi;
                scgi_temp_path {self.dir}/scgi;
                include site.conf;
                {direct}
            }}
            """
        )
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def direct_url(self, node: Node) -> str:
        """A URL that reaches only ``node`` (no failover)."""
        return f"http://127.0.0.1:{self.direct_ports[node.name]}"

    def start(self) -> None:
        args = ["nginx", "-p", str(self.dir), "-c", str(self.dir / "nginx.conf")]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.proc = subprocess.Popen(
            [*args, "-g", "daemon off;"], start_new_session=True, stderr=subprocess.DEVNULL
        )
        wait_until(
            lambda: requests.get(f"{self.url}/healthz", timeout=2).status_code == 200,
            20,
            "nginx up",
        )

    def stop(self) -> None:
        stop_group(self.proc, signal.SIGQUIT)


class PrivatePostgres:
    """A throwaway PostgreSQL cluster of our own, to stop and start without harm."""

    def __init__(self) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not bins:
            raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
        self.bin = bins[-1].parent
        # Directly under /tmp: the postgres user cannot enter pytest's root-only temp dirs.
        self.dir = Path(tempfile.mkdtemp(prefix="scale-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres?connect_timeout=2"

    def _as_postgres(self, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def init(self) -> None:
        self._as_postgres("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        data, log = str(self.dir / "data"), str(self.dir / "log")
        self._as_postgres("pg_ctl", "-D", data, "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        if (self.dir / "data" / "postmaster.pid").exists():
            self._as_postgres("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PrivatePostgres:
        """Create and start the cluster; it is removed even if that fails half way."""
        try:
            self.init()
            self.start()
        except BaseException:
            self.remove()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.remove()


@dataclass
class WrkResult:
    requests: int
    seconds: float
    socket_errors: int
    statuses: dict[int, int]
    output: str

    @property
    def failed(self) -> int:
        """Requests without a 2xx/3xx answer: socket errors plus error statuses."""
        return self.socket_errors + sum(n for code, n in self.statuses.items() if code >= 400)

    def count(self, status: int) -> int:
        return self.statuses.get(status, 0)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


class Wrk:
    """wrk with tests/scale/mixed.lua: a Django page, a Flask page and a Flask API in turn
    (the test-only ones that read the database, and the backend's home)."""

    SCRIPT = Path(__file__).with_name("mixed.lua")

    def __init__(self, url: str, seconds: int, connections: int = 32, threads: int = 2) -> None:
        self.proc = subprocess.Popen(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
             "--latency", "-H", f"Host: {HOST}", "-s", str(self.SCRIPT), url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )  # fmt: skip
        self.seconds = seconds

    def interrupt(self) -> WrkResult:
        """Stop wrk now; on SIGINT it prints the same report as at the end of its run."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        return self.result()

    def result(self) -> WrkResult:
        try:
            output, _ = self.proc.communicate(timeout=self.seconds + 60)
        finally:
            stop_group(self.proc, signal.SIGKILL)
        done = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", output)
        assert done, f"unexpected wrk output:\n{output}"
        seconds = float(done[2]) * {"ms": 0.001, "s": 1, "m": 60}[done[3]]
        errors = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
        )
        statuses = re.search(r"STATUSES (.*)", output)
        return WrkResult(
            requests=int(done[1]),
            seconds=seconds,
            socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
            statuses={int(k): int(v) for k, v in re.findall(r"(\d+)=(\d+)", statuses[1])},
            output=output,
        )

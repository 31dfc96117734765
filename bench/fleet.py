"""Start all the servers of one run, and wait until each answers 200.

Why apart from bench/servers.py: that module knows how to run one uWSGI or nginx;
this one knows which servers a run needs (bench/targets.py) and in what order.
"""

from __future__ import annotations

from pathlib import Path

from bench import nginx, servers

# tenancy:begin
from bench.targets import DJANGO_STATIC, NGINX_UPSTREAMS, SERVERS, STATIC_FILE, TENANT_HOST

# tenancy:else
# from bench.targets import DJANGO_STATIC, NGINX_UPSTREAMS, SERVERS, STATIC_FILE
# tenancy:end

ROOT = Path(__file__).resolve().parents[1]
READY_PATH = {"django-static": STATIC_FILE.replace("/static/", DJANGO_STATIC)}
READY_HOST: dict[str, str] = {}
# tenancy:begin
READY_HOST["tenant"] = TENANT_HOST
# tenancy:end


def start_servers(
    env: dict[str, str],
    tmp: Path,
    started: list[servers.Process],
    startup: dict[str, float],
    *,
    one_by_one: bool,
) -> dict[str, servers.Process]:
    """Start every server; ``one_by_one`` waits for each before starting the next.

    Waiting keeps start-up times from being inflated by the other servers'
    start-up (recorded in ``startup``); either way, call ``wait_ready`` after.
    """
    running = {}
    for name, overrides in SERVERS.items():
        running[name] = servers.start_uwsgi(name, overrides, env, tmp)
        started.append(running[name])
        if one_by_one:
            wait_ready({name: running[name]}, startup)
    upstreams = {}
    for name, overrides in NGINX_UPSTREAMS.items():
        upstreams[name] = servers.start_uwsgi(name, overrides, env, tmp, uwsgi_socket=True)
        running[name] = upstreams[name]  # no HTTP: wait_ready reaches them through nginx
        started.append(upstreams[name])
    running["nginx"] = nginx.start_nginx(
        upstreams["nginx-django"].port, upstreams["nginx-flask"].port, ROOT / "var" / "static", tmp
    )
    started.append(running["nginx"])
    return running


def wait_ready(running: dict[str, servers.Process], startup: dict[str, float], log=print) -> None:
    """Wait for each server's first 200; record seconds from its start in ``startup``."""
    for name, proc in running.items():
        if name in startup or name in NGINX_UPSTREAMS:
            continue
        if name == "nginx":
            for path in ("/", "/backend/"):
                servers.wait_ok(proc, path)
            continue
        seconds = servers.wait_ok(proc, READY_PATH.get(name, "/"), READY_HOST.get(name))
        startup[name] = round(seconds, 3)
        log(f"  {name}: first 200 after {seconds:.2f} s")

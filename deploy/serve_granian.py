"""Granian for the combined Django + Flask app: an alternative to deploy/uwsgi.ini.

    pip install ".[granian]"                  # once: Granian is an optional extra
    .venv/bin/python deploy/serve_granian.py  # HTTP on 127.0.0.1:8000
    .venv/bin/python deploy/serve_granian.py other.wsgi:application   # another WSGI app

Granian takes its options on the command line or as ``GRANIAN_*`` variables and has no
config file, so this script is its config: it reads the variables deploy/uwsgi.ini
reads, ``COMBINED_HTTP`` (``host:port``), ``COMBINED_PROCESSES`` (workers, 2) and
``MAX_BODY_BYTES`` (the app's body limit, applied with the site's 413 page by
``combined/body_limit.py``; Granian has no body limit of its own), checks the settings
once before any worker starts (``combined.preflight``: a bad value stops start-up with
one line), and runs Granian's WSGI server in this process. SIGTERM or SIGINT stop it.

Granian serves ``/static/`` from ``var/static`` itself (``manage.py collectstatic``
first), in Rust, without a Python worker. Its HTTP/1 parser reads headers in Rust,
with a timeout; how it holds up against slow bodies is not measured here: put nginx
in front for public traffic (``deploy/nginx/site-http.conf``). docs/deploy.md,
"Choosing a server", compares the three servers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from granian import Granian
from granian.constants import Interfaces

ROOT = Path(__file__).resolve().parent.parent


def address(value: str) -> tuple[str, int]:
    """``127.0.0.1:8000`` -> ("127.0.0.1", 8000); ``:8000`` binds every interface."""
    host, _, port = value.rpartition(":")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 (as asked, like uwsgi.ini)


def main() -> None:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    # Django's settings module, unless the environment names another (as manage.py does).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_site.settings")
    # A bad setting or node variable stops here, with one line naming it.
    from combined import preflight  # after the settings module is named

    preflight.check_node_environment(os.environ)
    bind = os.environ.get("COMBINED_HTTP", "127.0.0.1:8000")
    # An absolute path is a UNIX socket (for nginx on the same host), as for uWSGI.
    host, port = address(bind) if not bind.startswith("/") else ("127.0.0.1", 0)
    Granian(
        # The combined app: Django at /, Flask at BACKEND_PREFIX.
        sys.argv[1] if len(sys.argv) > 1 else "combined.wsgi:application",
        address=host,
        port=port,
        uds=Path(bind) if bind.startswith("/") else None,
        interface=Interfaces.WSGI,
        # Worker processes, one request at a time each (as uWSGI's processes).
        workers=int(os.environ.get("COMBINED_PROCESSES", "2")),
        blocking_threads=1,
        backlog=128,
        working_dir=ROOT,
        # A worker that dies is started again (uWSGI's master does the same).
        respawn_failed_workers=True,
        # Recycle workers every 6 hours (Granian counts time, not requests), and give a
        # worker being stopped 30 s to finish its request (worker-reload-mercy).
        workers_lifetime=6 * 3600,
        workers_kill_timeout=30,
        # Collected static files, served by Granian itself, cached an hour by browsers.
        static_path_route=["/static"],
        static_path_mount=[ROOT / "var" / "static"],
        static_path_expires=3600,
        # The app logs through its own config; Granian logs its own events.
        log_access=False,
        websockets=False,
    ).serve()


if __name__ == "__main__":
    main()

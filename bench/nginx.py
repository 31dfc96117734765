"""nginx in front of two uWSGI servers: the "two deployments" targets of a run.

Why apart from bench/servers.py: nginx gets a throwaway config, written here into
the run's temp directory, that routes ``/backend/`` to one uWSGI and everything
else to another, and serves ``/static/`` itself.

When not to use it: as a deployment config (deploy/nginx/site.conf is that one).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bench.servers import Process, free_port

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

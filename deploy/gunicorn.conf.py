"""gunicorn config for the combined Django + Flask app: an alternative to deploy/uwsgi.ini.

    pip install ".[gunicorn]"                       # once: gunicorn is an optional extra
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py   # HTTP on 127.0.0.1:8000

It reads the variables deploy/uwsgi.ini reads: ``COMBINED_HTTP`` (where to listen,
``host:port`` or the absolute path of a UNIX socket), ``COMBINED_PROCESSES`` (workers, 2) and
``MAX_BODY_BYTES`` (the app's body limit, applied with the site's 413 page by
``combined/body_limit.py``; gunicorn has no body limit of its own). The settings are
checked once in the master before any worker starts, as under uWSGI
(``combined.preflight``): a bad value stops start-up with one line.

Put nginx in front for public traffic (``deploy/nginx/site-http.conf``): gunicorn's sync
workers read headers and bodies themselves, so a slow client holds a worker for up to
``timeout``. It serves no static files either: nginx serves ``/static/`` from
``var/static`` (``manage.py collectstatic``), as it does in front of uWSGI. Without nginx
(development, a quick look) static files answer 404. docs/deploy.md, "Choosing a
server", compares the three servers.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run from the project root whatever the caller's cwd, as uwsgi.ini's chdir does.
chdir = str(ROOT)
sys.path.insert(0, str(ROOT))
# Django's settings module, unless the environment names another (as manage.py does).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_site.settings")

# A bad setting or node variable stops the master here, with one line naming it.
from combined import preflight  # noqa: E402

preflight.check_node_environment(os.environ)

# The combined app: Django at /, Flask at BACKEND_PREFIX.
wsgi_app = "combined.wsgi:application"

# --- where to listen ---------------------------------------------------------
_bind = os.environ.get("COMBINED_HTTP", "127.0.0.1:8000")
# An absolute path is a UNIX socket (for nginx on the same host), as for uWSGI.
bind = [f"unix:{_bind}" if _bind.startswith("/") else _bind]
backlog = 128

# --- workers -----------------------------------------------------------------
# Synchronous workers, one request at a time each: what uWSGI's processes are.
worker_class = "sync"
workers = int(os.environ.get("COMBINED_PROCESSES", "2"))
# Import the app in each worker after fork (uwsgi.ini's lazy-apps): no shared DB
# connections, and `kill -HUP` reloads the code.
preload_app = False
# Kill a worker stuck on one request for more than 30 s (uwsgi.ini's harakiri).
timeout = 30
# SIGTERM: workers finish their requests for up to this long (worker-reload-mercy).
graceful_timeout = 30
# Recycle a worker after about 5,000 requests, staggered (max-requests, -delta).
max_requests = 5000
max_requests_jitter = 500

# --- requests ----------------------------------------------------------------
# Header limits above nginx's (large_client_header_buffers 4 8k, at most 1,000 header
# lines, plus the few forwarded headers nginx adds), so a request nginx passes is never
# cut here.
limit_request_line = 8190
limit_request_fields = 1100
limit_request_field_size = 16380

# --- proxies -----------------------------------------------------------------
# SECURITY WARNING: gunicorn by default takes the scheme from X-Forwarded-Proto (and
# X-Forwarded-Ssl) sent from 127.0.0.1, whatever the app's PROXY_COUNT says. The app
# is the one place that trusts forwarded headers (ProxyFix, PROXY_COUNT), so gunicorn
# trusts none.
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}

# --- logging -----------------------------------------------------------------
# The app logs through its own config; gunicorn logs its own errors to stderr.
errorlog = "-"
accesslog = None
proc_name = "combined"
# No control socket (gunicorn 25+ opens one in the home directory by default; two
# nodes on one machine would share it). Signals control the server, as for uWSGI.
control_socket_disable = True

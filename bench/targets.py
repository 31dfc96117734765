"""What a run measures: the servers, and (re-exported) the URLs loaded and the ratios.

Why one table: the report, the JSON and the chart all follow these lists, so a
new target is one line here, in bench/loads.py and in bench/ratios.py.

Every uWSGI server is ``uwsgi --ini deploy/uwsgi.ini`` plus the overrides below
and nothing else (``UWSGI_CHANGES`` says why each override exists).
"""

from __future__ import annotations

from bench.loads import (
    DJANGO_STATIC,
    LOADS,
    SMALL_STATIC_FILE,
    STATIC_FILE,
    # tenancy:begin
    TENANT_HOST,
    # tenancy:end
    Load,
)
from bench.ratios import DISPATCH_LAYERS, RATIOS, Ratio

DJANGO = "django_site.wsgi:application"
FLASK = "flask_backend.wsgi:application"
# The servers of the static loads serve thousands of requests a round: with
# deploy/uwsgi.ini's max-requests a worker would be recycled every round or two, and
# the re-import (lazy-apps: about a second of CPU for the site) would land on the CPU
# time of the few-hundred-microsecond answers measured, or leave a run without answer.
NO_RECYCLING = ["--max-requests", "0"]
# server name -> uWSGI overrides after ``--ini deploy/uwsgi.ini``
SERVERS: dict[str, list[str]] = {
    "hello": ["--module", "bench.apps.hello:application", *NO_RECYCLING],
    "django": ["--module", DJANGO],
    "flask": ["--module", FLASK],
    "combined": [],  # deploy/uwsgi.ini as it is: combined.wsgi:application
    # The same again for the static loads: their thousands of requests would otherwise
    # make max-requests recycle the page workers, and a re-import would cost a page round.
    "combined-static": NO_RECYCLING,
    # uWSGI's own mount: Django is the default app, Flask mounted at /backend.
    "mount": ["--module", DJANGO, "--mount", f"/backend={FLASK}", "--manage-script-name"],
    "django-static": ["--module", "bench.apps.django_static:application", *NO_RECYCLING],
    # tenancy:begin
    "tenant": ["--module", "bench.apps.tenant:application"],
    # tenancy:end
    # example:begin
    # takeover:begin
    # The combined site with the note page also at Django's old view (bench/apps/moved_page.py).
    "moved": ["--module", "bench.apps.moved_page:application"],
    # takeover:end
    # example:end
}
# The two deployments behind nginx: a uwsgi-protocol socket instead of the HTTP router.
NGINX_UPSTREAMS: dict[str, list[str]] = {
    "nginx-django": ["--module", DJANGO],
    "nginx-flask": ["--module", FLASK],
}
UWSGI_CHANGES = [
    "every target: `--set-ph http-bind=127.0.0.1:<free port>` (the HTTP router, as deployed)",
    "every target but `combined` and `combined-static`: `--module` names the target's WSGI "
    "callable",
    "`combined-static` is a second, identical combined server for the static loads, so that "
    "their many requests do not make `max-requests` recycle the workers measured for pages",
    "`hello`, `combined-static` and `django-static` (the static loads and their floor): "
    "`--max-requests 0`, so that no worker is recycled and re-imports its app in the middle "
    "of a load of sub-millisecond answers",
    "`mount`: `--module` is the Django site (the default app) plus "
    f"`--mount /backend={FLASK}` and `--manage-script-name`; `single-interpreter` "
    "is already on in deploy/uwsgi.ini",
    # example:begin
    # takeover:begin
    "`moved`: `--module bench.apps.moved_page:application`, the combined site whose "
    "URLconf also routes the note page to Django's view from before its move, and to the "
    "moved Flask view rendering through `render_django_template`",
    # takeover:end
    # example:end
    "`nginx` targets: the two uWSGI deployments use `--set-ph socket-bind=...` (uwsgi "
    "protocol) instead of the HTTP router, and nginx closes each connection "
    "(`keepalive_timeout 0`) as uWSGI's HTTP router does",
]

__all__ = [
    "DISPATCH_LAYERS",
    "DJANGO_STATIC",
    "LOADS",
    "NGINX_UPSTREAMS",
    "RATIOS",
    "SERVERS",
    "SMALL_STATIC_FILE",
    "STATIC_FILE",
    # tenancy:begin
    "TENANT_HOST",
    # tenancy:end
    "UWSGI_CHANGES",
    "Load",
    "Ratio",
]

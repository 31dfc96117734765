"""The "Notes" of docs/benchmarks.md: what the figures of one run mean, with those figures.

Why apart from report.py: these sentences carry the explanations (why a target is
missed, what is noise), and they are written from the run's own numbers, so they
change with the run, never by hand.
"""

from __future__ import annotations

from typing import Any

# example:begin
# takeover:begin
from bench import moved_profile

# takeover:end
# example:end


def notes(data: dict[str, Any]) -> list[str]:
    """One Markdown bullet per topic, from the figures in ``data``."""
    mem, disp = data["memory_kib"], data["dispatch"]

    def rps(name: str) -> float:
        return data["loads"][name]["median"]["rps"]

    def cpu(name: str) -> float:
        return data["loads"][name]["median"]["cpu_ms"]

    silent = [
        f"{name} (round {n + 1})"
        for name, load in data["loads"].items()
        for n, r in enumerate(load["rounds"])
        if not r["requests"]
    ]
    page_ms = data["loads"]["combined /"]["median"]["cpu_ms"]
    share = disp["combined layers"]["overhead_ns"] / (page_ms * 1e6) * 100

    mib = {name: mem[name]["pss"] / 1024 for name in ("combined", "django", "flask")}
    warmed = "; ".join(
        f"{name}: " + ", ".join(f"{load} ({n})" for load, n in mem[name]["warmed_on"].items())
        for name in ("combined", "django", "flask")
    )
    extra = data["modules_beyond_halves"]
    return [
        f"- Memory: one combined worker holds {mib['combined']:.1f} MiB PSS; a Django worker "
        f"{mib['django']:.1f} MiB and a Flask worker {mib['flask']:.1f} MiB. The Flask backend "
        "loads Django too (ORM, settings, auth through combined/bridge), so two "
        "deployments carry Django twice. Read after the first round, the servers' workers "
        f"together having served (load, requests): {warmed}. Modules a combined worker "
        f"imports beyond both halves on the same pages ({len(extra)}): "
        + (", ".join(f"`{m}`" for m in extra) or "none")
        + ". A worker's first full garbage collection, after a few hundred requests, used "
        "to copy into it every page it shared with the uWSGI master (about 5 MiB), so a "
        "worker loaded longer read heavier; the master now freezes its objects before "
        "forking (combined/prefork.py).",
        f"- Cost per request: the combined layers' "
        f"{disp['combined layers']['overhead_ns']:.0f} ns are "
        f"{share:.3f}% of the {page_ms:.2f} ms of CPU a combined `/` request takes (median), "
        "far below what one round can resolve on this machine; a per-request verdict marked "
        "'within noise' has its goal between the best and the worst round.",
        f"- Runs without a single answer: {', '.join(silent) or 'none'}. uWSGI recycles a "
        "worker after `max-requests` (deploy/uwsgi.ini) and, with `lazy-apps`, the new one "
        "imports the app before it serves anything, static files included; when both workers "
        "of a server recycle together a one-second run can get no answer. Such runs are left "
        "out of the ratios.",
        f"- Dispatch: the combined layers (`combined.app.layers`: last resort, scheme, health "
        "check, host check, DispatcherMiddleware) add "
        f"{disp['combined layers']['overhead_ns']:.0f} ns "
        f"(Django path) and {disp['combined layers /backend/']['overhead_ns']:.0f} ns (backend "
        f"path) per request over calling the inner app. Of that, werkzeug's "
        f"DispatcherMiddleware alone adds {disp['DispatcherMiddleware']['overhead_ns']:.0f} ns "
        f"and HostCheck alone {disp['HostCheck']['overhead_ns']:.0f} ns in the same run. "
        "HostCheck remembers the Host values it allowed, so Django's host validation (several "
        "µs: its host regex sits behind a lazy proxy) runs once per host, not per request; "
        "the rest is mostly DispatcherMiddleware's path walk, third-party code the foundation "
        "issue requires (its whole-segment matching rules are documented and tested), so the "
        "1 µs goal is out of reach while it stays.",
        # tenancy:begin
        f"- Subdomain tenancy: SubdomainDispatcher adds "
        f"{disp['SubdomainDispatcher']['overhead_ns']:.0f} ns in-process (host parsing and a "
        "locked cache lookup); over HTTP that is the `tenant` ratio.",
        # tenancy:end
        f"- Static files: the raw hello reaches {rps('hello'):.0f} req/s through uWSGI's HTTP "
        f"router; the 87 KB file reaches {rps('static uwsgi'):.0f} via `static-map` behind "
        f"that router, {rps('static nginx'):.0f} via nginx and {rps('static django'):.0f} via "
        "Django's static view (also behind the router, at its own prefix "
        "`/django-static/`: deploy/uwsgi.ini's static-map answers every `/static/` path "
        "before Python runs, so earlier runs measured static-map against itself).",
        f"- The 1 KB static-map goal is the floor of uWSGI's HTTP router: a static-map "
        f"answer costs {cpu('small static uwsgi'):.3f} ms of CPU, the raw hello app behind "
        f"the same router {cpu('hello'):.3f} ms (the router's hop and uWSGI's request "
        f"handling, no Python), Django's static view {cpu('small static django'):.3f} ms. So "
        "no answer behind this router can beat Django's view by more than "
        f"{cpu('small static django') / cpu('hello'):.1f}× in this run: the old goal of 3× "
        "over Django's view was out of reach, and static-map is judged against the floor "
        "itself (within 1.3× of the hello's CPU per request); nginx, which serves /static/ "
        "itself, is the row that clears 3× over Django.",
        f"- Static files as a browser fetches them, one kept-alive connection: the 1 KB file "
        f"at {rps('small static uwsgi, 1 connection'):.0f} req/s against "
        f"{rps('combined /, 1 connection'):.0f} for the home page; with a new connection per "
        f"request (8 at a time) {rps('small static uwsgi, new connections'):.0f}, kept alive "
        f"{rps('small static uwsgi'):.0f}. A static-map answer reaches the router in two "
        "pieces (headers, then the body by sendfile) and the router writes each; without "
        "TCP_NODELAY the kernel held the second until the client's delayed ACK, about 40 ms "
        "per file after the first on a connection (24 req/s for this file, with the offload "
        "thread deploy/uwsgi.ini then had). deploy/uwsgi.ini sets TCP_NODELAY on its "
        "listening sockets (combined/nodelay.py), which every accepted connection inherits.",
        # example:begin
        # takeover:begin
        *moved_profile.notes(data),
        # takeover:end
        # example:end
        "- Per-request ratios are the median of per-round ratios; the min–max column shows how "
        "much the rounds disagreed. On a shared or busy machine a ratio near 1.0 can land on "
        "either side of a 0.98 goal: look at the spread, and rerun on a quiet machine.",
    ]

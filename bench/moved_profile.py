"""Where a request for the sample's note page spends its time, before and after the move.

Why: the moved-page ratio says whether the move cost speed; this says where. Each
of the three ways bench/apps/moved_page.py serves the page is asked for 100 times
in-process (werkzeug's test client, logged in) under cProfile, and the time is split
at the boundaries that matter: the combined layers and Django's middleware; the
hand-over to Flask and Flask's own request handling (moved pages only); the view's
query and work; the template render (its context processors included).

When not to use it: for absolute figures. cProfile slows Python code several
times over, so only the shares are worth reading; the wrk rows give the cost.
"""

from __future__ import annotations

import json

from bench import instructions, moved_parts, probe
from bench.probe import ROOT

PATHS = {
    "django": "/before-move/notes/1/",
    "moved": "/notes/1/",
    "django_template": "/django-template/notes/1/",
}
# (file suffix, function) of each boundary: the time inside it, per request.
MARKS = {
    "request": ("combined/last_resort.py", "__call__"),
    "handover": ("combined/handover.py", "served_by_flask"),
    "flask_view": ("flask/app.py", "dispatch_request"),
    "django_view": ("bench/apps/moved_page.py", "note_detail"),
    "render": ("jinja2/environment.py", "render"),
    "django_template": ("combined/bridge/templates.py", "render_django_template"),
}
_PROFILE = """\
import cProfile, json, pstats, sys
sys.path.insert(0, {root!r})
from werkzeug.test import Client
from bench.apps.moved_page import application
cookie_name, cookie_value = sys.argv[1].split("=", 1)
marks = json.loads(sys.argv[2])
client = Client(application)
client.set_cookie(cookie_name, cookie_value, domain="127.0.0.1")
found = {{}}
for name, path in json.loads(sys.argv[3]).items():
    for _ in range(30):
        client.get(path, headers={{"Host": "127.0.0.1"}}).close()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(100):
        client.get(path, headers={{"Host": "127.0.0.1"}}).close()
    profile.disable()
    stats = pstats.Stats(profile).stats
    found[name] = {{
        mark: sum(
            row[3] for (file, _line, func), row in stats.items()
            if file.endswith(suffix) and func == function
        ) * 10  # ms per request: 100 requests
        for mark, (suffix, function) in marks.items()
    }}
print(json.dumps(found))
"""


def profile(env: dict[str, str], cookie: str) -> dict[str, dict[str, float]]:
    """Profiled ms per request at each boundary of ``MARKS``, for each page of ``PATHS``."""
    script = _PROFILE.format(root=str(ROOT))
    args = [cookie, json.dumps(MARKS), json.dumps(PATHS)]
    return probe.run(script, args, env, "profiling the note page")


_ALONE = """\
import json, statistics, sys, time
sys.path.insert(0, {root!r})
from werkzeug.test import Client
from bench.apps.moved_page import application
from combined.bridge import moved
cookie_name, cookie_value = sys.argv[1].split("=", 1)
rounds, paths = int(sys.argv[2]), json.loads(sys.argv[3])
site, alone = Client(application), Client(moved.create_app(inside_django=False))
targets = {{"django": (site, paths["django"]), "moved": (site, paths["moved"]),
            "alone": (alone, paths["moved"])}}
for client, _path in targets.values():
    client.set_cookie(cookie_name, cookie_value, domain="127.0.0.1")
ms = {{name: [] for name in targets}}
for round in range(rounds + 1):  # the first round warms up
    for name, (client, path) in targets.items():
        began = time.process_time()
        for _ in range(100):
            client.get(path, headers={{"Host": "127.0.0.1"}}).close()
        if round:
            ms[name].append((time.process_time() - began) * 10)  # ms per request
print(json.dumps({{name: statistics.median(values) for name, values in ms.items()}}))
"""


def served_alone(env: dict[str, str], cookie: str, rounds: int) -> dict[str, float]:
    """CPU ms per request, in-process, of Django's page, the moved page, and the moved
    page from its Flask app alone: no Django handler or middleware, the bridge loading
    the session and the user itself, as the backend does (``moved.create_app``'s
    ``inside_django=False``). What a route that skipped Django's handler would save."""
    script = _ALONE.format(root=str(ROOT))
    return probe.run(script, [cookie, str(rounds), json.dumps(PATHS)], env, "timing the note page")


def shares(row: dict[str, float], moved: bool) -> dict[str, float]:
    """One page's time split into parts (ms per request, profiled) that add up."""
    view = row["flask_view"] if moved else row["django_view"]
    render = row["render"]
    return {
        "combined layers and Django's middleware": row["request"]
        - (row["handover"] if moved else view),
        "hand-over and Flask's request handling": row["handover"] - view if moved else 0.0,
        "the view: its query, the context processors, finding the template": view - render,
        "Jinja rendering the template": render,
    }


def notes(data: dict) -> list[str]:
    """The report's paragraph on the moved page: its cost, and where the time goes."""

    def cpu(load: str) -> float:
        return data["loads"][load]["median"]["cpu_ms"]

    django, moved, via = (
        cpu("note page, Django"),
        cpu("note page, moved to Flask"),
        cpu("note page, Flask via render_django_template"),
    )
    parts = {name: shares(row, name != "django") for name, row in data["moved_profile"].items()}
    counted = ", ".join(
        f"{load} {n / 1e6:.2f} M instructions" for load, n in data["instructions"].items()
    )

    def split(name: str) -> str:
        total = sum(parts[name].values())
        return ", ".join(
            f"{part} {ms / total * 100:.0f}%" for part, ms in parts[name].items() if ms > 0
        )

    return [
        f"- The note page before and after its move (logged in, the same template and "
        f"query): Django's view costs {django:.2f} ms of CPU per request, the page moved to "
        f"Flask {moved:.2f} ms and the Flask view rendering through `render_django_template` "
        f"{via:.2f} ms (medians over the rounds; the ratios above are per round). Counted "
        f"in-process under callgrind (bench/instructions.py): {counted}. Where the "
        "time goes (bench/moved_profile.py: cProfile, in-process, shares of one request): "
        f"Django's page: {split('django')}. Moved to Flask: {split('moved')}. Through "
        f"`render_django_template`: {split('django_template')}. A moved page still passes "
        "Django's middleware (session, user, messages, CSRF cookie: the hand-over keeps one "
        "path for tests and production), and adds the hand-over (Django's request copied "
        "into a WSGI environ, Flask's answer copied back) and Flask's own request handling "
        "(request context, URL match, the bridge's hooks); what it saves is Django's own "
        "Jinja2 backend and its template response."
        + _alone(data.get("moved_alone"))
        + moved_parts.note(
            data.get("moved_parts"),
            data["instructions"]["note page, Django"],
            data["instructions"]["note page, moved to Flask"],
        ),
    ]


def _alone(ms: dict[str, float] | None) -> str:
    if not ms:
        return ""
    alone = ms["django"] / ms["alone"]
    verdict = (
        "would make up for it"
        if alone >= 1
        else "would not make up for it: without "
        "Django's middleware the bridge loads the session and the user itself (the same "
        "queries), and Flask's own request handling comes on top of the same query and "
        "template, so a move buys a Flask codebase, not speed"
    )
    return (
        " Timed in-process (bench/moved_profile.py, `served_alone`): Django's page "
        f"{ms['django']:.2f} ms of CPU, the moved page {ms['moved']:.2f} ms "
        f"({ms['django'] / ms['moved']:.2f}×), the same Flask app answering alone, with no "
        f"Django handler, {ms['alone']:.2f} ms ({alone:.2f}×). Skipping Django's handler "
        f"{verdict}."
    )


# The loads of bench/loads.py that ask for each path, for the instruction counts.
LOAD_NAMES = {
    "note page, Django": PATHS["django"],
    "note page, moved to Flask": PATHS["moved"],
    "note page, Flask via render_django_template": PATHS["django_template"],
}


def count(env: dict[str, str], cookie: str, requests: int) -> tuple[dict[str, int], dict[str, int]]:
    """Instructions per request (bench/instructions.py) of each load of ``LOAD_NAMES``,
    and of the pages of ``moved_parts.PATHS``, in one run."""
    paths = {**LOAD_NAMES, **moved_parts.PATHS}
    found = instructions.per_request("bench.apps.moved_page", paths, env, cookie, requests)
    return {n: found[n] for n in LOAD_NAMES}, {n: found[n] for n in moved_parts.PATHS}

"""What a page's move to Flask adds, part by part, counted in instructions.

Why: the moved-page rows say whether a move costs speed; these counts say which part
of the move costs what, and how close to Django any Flask page behind Django's route
can come. bench/apps/moved_page.py has four pages that answer two bytes and render
nothing; bench/instructions.py counts them in the same callgrind run as the note
pages (``moved_profile.count``). Each adds one part to the one before:

- ``Django``: Django's handler and middleware, and the combined layers;
- ``hand-over``: Django's route handing the request to a WSGI app that answers at
  once (``combined.inprocess``: the environ built, the answer copied back);
- ``Flask``: the same hand-over to a bare Flask app, with no bridge: Flask's own
  request handling (request and app contexts, URL match, response);
- ``moved``: the app of moved pages (``combined.bridge.moved``): the bridge's hooks.

What is left of the note page's difference is the view and its render.
"""

from __future__ import annotations

PREFIX = "bench-parts/"
# Page name -> path; the names are the keys of the counts in the run's data.
PATHS = {
    "empty, Django": f"/{PREFIX}django/",
    "empty, hand-over": f"/{PREFIX}wsgi/",
    "empty, Flask": f"/{PREFIX}flask/",
    "empty, moved": f"/{PREFIX}moved/",
}


def parts(pages: dict[str, int], django: int, moved: int) -> dict[str, int]:
    """What the moved note page costs beyond Django's (``django`` and ``moved``
    instructions per request), split by part; the parts add up to the difference."""
    base, handover, flask, app = (pages[name] for name in PATHS)
    return {
        "the hand-over": handover - base,
        "Flask's own request handling": flask - handover,
        "the bridge's hooks": app - flask,
        "the view and its render": (moved - app) - (django - base),
    }


def best_ratio(pages: dict[str, int], django: int) -> float:
    """The note page's ratio if Flask's view and render cost what Django's do and the
    bridge cost nothing: the best a page Flask serves behind Django's route can reach."""
    return django / (django + pages["empty, Flask"] - pages["empty, Django"])


def note(pages: dict[str, int] | None, django: int, moved: int) -> str:
    """The report's sentences on the parts (empty when the run counted none)."""
    if not pages:
        return ""
    split = parts(pages, django, moved)
    listed = ", ".join(f"{part} {n / 1e3:+.0f} K" for part, n in split.items())
    best = best_ratio(pages, django)
    flask = (pages["empty, Flask"] - pages["empty, Django"]) / django
    verdict = (
        "so the goal of 1.0 is out of reach for any page Flask serves behind Django's route: "
        "a move buys a Flask codebase, not speed"
        if best < 1
        else "so the parts the bridge adds are what keeps the page from 1.0"
    )
    return (
        f" Part by part (bench/moved_parts.py, pages that answer two bytes, counted in the "
        f"same run): of the moved page's {(moved - django) / 1e3:.0f} K instructions more "
        f"than Django's, {listed}. With no bridge at all and a view and render as cheap as "
        f"Django's, the page would reach {best:.3f}×: the hand-over and Flask's own request "
        f"handling add {flask:.1%} of Django's page, {verdict}."
    )

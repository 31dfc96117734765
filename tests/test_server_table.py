"""The server table's verdict (bench/server_report.py), from figures made up here."""

from __future__ import annotations

from bench.server_report import ROUTES, Cell, report


def table(uwsgi_rate: float) -> dict:
    cells = {"uwsgi": Cell([uwsgi_rate], [100.0], 0), "gunicorn": Cell([95.0], [90.0], 0),
             "granian": Cell([100.0], [100.0], 0)}  # fmt: skip
    made = {path: dict(cells) for path in ROUTES}
    made["/static/layout/site.css"]["gunicorn"] = None  # gunicorn serves no static files
    return made


def test_the_default_within_10_percent_of_the_best_peer_on_every_route():
    text = report(table(uwsgi_rate=91.0), seconds=1, rounds=1)
    assert "not served" in text
    assert "within 10 % of the best peer on every route." in text
    assert "**no**" not in text


def test_a_route_where_the_default_falls_behind_is_named():
    text = report(table(uwsgi_rate=89.0), seconds=1, rounds=1)
    assert "| 0.89, 1.00 | **no** |" in text
    assert "on every route but: Flask JSON route, Django page with a form" in text

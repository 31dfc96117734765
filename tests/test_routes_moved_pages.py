"""``combined routes`` with many moved pages: each Flask rule against its own Django route.

Two test-only apps (``tests/moved_urls.py``): ``shop`` moved two pages, ``blog`` one,
plus a real conflict and a handover that no Flask rule serves. The report must name,
for each handover, exactly the Flask endpoint that took it over.
"""

from __future__ import annotations

import flask
import pytest

from combined.bridge.moved import register
from combined.tools.routes_report import build_report


def page(**kwargs: object) -> str:
    return "flask"


def moved_pages_app() -> flask.Flask:
    app = flask.Flask("moved_pages")
    shop = flask.Blueprint("shop", __name__)
    shop.add_url_rule("/shop/<int:pk>/", "detail", page)
    shop.add_url_rule("/shop/<int:pk>/buy/", "buy", page, methods=["GET", "POST"])
    blog = flask.Blueprint("blog", __name__)
    blog.add_url_rule("/blog/", "index", page)
    blog.add_url_rule("/blog/<int:year>/", "year", page)  # Django still serves blog:year
    register(app, shop)
    register(app, blog)
    return app


@pytest.fixture
def report(db):
    return build_report(migrated=moved_pages_app(), urlconf="tests.moved_urls")


def by(report, path: str, app: str):
    (found,) = [r for r in report.routes if (r.path, r.app) == (path, app)]
    return found


def test_each_handover_names_only_the_rule_that_serves_it(report):
    handover = "django(handover)"
    assert by(report, "/shop/<int:pk>/", handover).note == "served by flask(migrated) shop.detail"
    assert by(report, "/shop/<int:pk>/buy/", handover).note == "served by flask(migrated) shop.buy"
    assert by(report, "/blog/", handover).note == "served by flask(migrated) blog.index"
    moved = "flask(migrated)"
    assert by(report, "/shop/<int:pk>/", moved).note == "took over django shop:detail"
    assert by(report, "/shop/<int:pk>/buy/", moved).note == "took over django shop:buy"
    assert by(report, "/blog/", moved).note == "took over django blog:index"
    assert by(report, "/shop/", "django").note == ""  # not moved, nobody else claims it


def test_the_real_conflict_and_the_dangling_handover_are_the_only_problems(report):
    assert sorted((c.kind, c.path) for c in report.conflicts) == [
        ("both", "/blog/<int:year>/"),
        ("dangling handover", "/blog/archive/"),
    ]
    (both,) = [c for c in report.conflicts if c.kind == "both"]
    assert both.message.startswith("Django blog:year and Flask blog.year (/blog/<int:year>/)")
    assert by(report, "/blog/archive/", "django(handover)").note.startswith("CONFLICT")
    table = report.as_table()
    assert "CONFLICT (dangling handover) /blog/archive/:" in table
    assert table.rstrip().endswith("2 conflict(s).")


def test_the_report_takes_exactly_the_moved_rules_of_every_registered_blueprint():
    from combined.tools.routes_report import moved_rules

    app = moved_pages_app()
    app.add_url_rule("/not-moved/", "not_moved", page)  # the app's own rule: not a moved page
    assert [rule.endpoint for rule in moved_rules(app)] == [
        "shop.detail",
        "shop.buy",
        "blog.index",
        "blog.year",
    ]  # not /not-moved/, nor Flask's static rule

"""``combined routes``: every URL of both apps, and paths claimed twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import flask
import pytest
from click.testing import CliRunner

from combined.bridge.moved import create_app as create_moved_app
from combined.bridge.moved import register
from combined.tools.cli import main
from combined.tools.routes import example_path
from combined.tools.routes_report import build_report
from tests.migration.moved import add_moved_page


def run(*args: str):
    result = CliRunner().invoke(main, ["routes", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def row(table: str, path: str, app: str) -> list[str]:
    for line in table.splitlines():
        cells = line.split()
        if len(cells) >= 4 and cells[1] == path and cells[3] == app:
            return cells
    raise AssertionError(f"no row for {path} ({app}) in:\n{table}")


@pytest.mark.urls("tests.migration.urls")
def test_the_project_lists_both_apps_without_conflicts(db, with_moved_page):
    result = run()
    assert result.exit_code == 0
    table = result.output
    assert table.splitlines()[0].split() == ["METHOD", "PATH", "ENDPOINT", "APP", "NOTE"]
    assert row(table, "/", "django")[:3] == ["ANY", "/", "home"]
    assert row(table, "/accounts/logout/", "django")[0] == "POST"  # from the class-based view
    assert row(table, "/admin/", "django")[2] == "admin:index"
    assert row(table, "/backend/api/me", "flask")[:3] == ["GET", "/backend/api/me", "api_index.me"]
    assert row(table, "/probe/moved/<int:pk>/", "flask(migrated)")[:3] == [
        "GET", "/probe/moved/<int:pk>/", "probes.moved",
    ]  # fmt: skip
    handover = " ".join(row(table, "/probe/moved/<int:pk>/", "django(handover)"))
    assert "served by flask(migrated) probes.moved" in handover
    assert "CONFLICT" not in table
    assert table.rstrip().endswith("routes, no conflicts.")


# example:begin
def test_the_sample_app_lists_its_api_and_its_moved_page(db):
    table = run().output
    api = {tuple(line.split()) for line in table.splitlines() if " /backend/api/notes " in line}
    assert api == {
        ("GET", "/backend/api/notes", "api.list_notes", "flask"),
        ("POST", "/backend/api/notes", "api.create_note", "flask"),
    }
    assert row(table, "/notes/<int:pk>/", "flask(migrated)")[:3] == [
        "GET", "/notes/<int:pk>/", "notes.detail",
    ]  # fmt: skip
    handover = " ".join(row(table, "/notes/<int:pk>/", "django(handover)"))
    assert "served by flask(migrated) notes.detail" in handover
    assert table.rstrip().endswith("routes, no conflicts.")


# example:end


@pytest.mark.urls("tests.migration.urls")
def test_json_lists_the_same_routes(db, with_moved_page):
    result = run("--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["conflicts"] == []
    by_key = {(r["path"], r["app"]): r for r in data["routes"]}
    assert by_key["/probe/moved/<int:pk>/", "flask(migrated)"] == {
        "method": "GET", "methods": ["GET"], "path": "/probe/moved/<int:pk>/",
        "endpoint": "probes.moved", "app": "flask(migrated)",
        "note": "took over django probe-moved",
    }  # fmt: skip
    assert by_key["/", "django"]["methods"] == []
    assert by_key["/backend/", "flask"]["endpoint"] == "pages.index"
    assert len(data["routes"]) == len(run().output.splitlines()) - 3  # header, blank, summary


def test_conflicting_django_routes_are_flagged_in_table_and_json(db, settings, with_moved_page):
    settings.ROOT_URLCONF = "tests.migration.conflicting_urls"
    result = run()
    assert result.exit_code == 1
    table = result.output
    assert "CONFLICT" in " ".join(row(table, "/probe/moved/<int:item_id>/", "django"))
    assert "CONFLICT" in " ".join(row(table, "/backend/legacy/", "django"))
    assert (
        "CONFLICT (both) /probe/moved/<int:item_id>/: Django item-edit and Flask probes.moved"
        in table
    )
    assert "CONFLICT (unreachable) /backend/legacy/:" in table
    assert table.rstrip().endswith("2 conflict(s).")

    result = run("--json")
    assert result.exit_code == 1
    conflicts = json.loads(result.output)["conflicts"]
    assert sorted((c["kind"], c["path"]) for c in conflicts) == [
        ("both", "/probe/moved/<int:item_id>/"),
        ("unreachable", "/backend/legacy/"),
    ]


def migrated_app_with(*rules: str) -> flask.Flask:
    """The project's migrated-pages app plus a moved-page blueprint ``extra`` with ``rules``."""

    app = add_moved_page(create_moved_app())
    extra = flask.Blueprint("extra", __name__)
    for number, rule in enumerate(rules):
        extra.add_url_rule(rule, f"extra{number}", lambda **kwargs: "flask")
    register(app, extra)
    return app


@pytest.mark.parametrize(
    ("rule", "django_path"),
    [
        ("/accounts/login/", "/accounts/login/"),
        ("/", "/"),
        ("/accounts/reset/<a>/<b>/", "/accounts/reset/<uidb64>/<token>/"),
        ("/admin/<path:rest>", "/admin/<url>"),  # Django's regex catch-all, Flask-to-Django
    ],
)
def test_a_migrated_rule_over_a_django_route_is_a_conflict(db, rule, django_path):
    report = build_report(migrated=migrated_app_with(rule))
    assert ("both", django_path) in {(c.kind, c.path) for c in report.conflicts}


def test_a_migrated_rule_over_a_handover_route_is_fine(db):
    migrated = migrated_app_with("/probe/moved/<name>/")
    report = build_report(migrated=migrated, urlconf="tests.migration.urls")
    assert report.conflicts == []
    handover = next(r for r in report.routes if r.endpoint == "probe-moved")
    assert handover.note == "served by flask(migrated) probes.moved, extra.extra0"


def test_a_catch_all_after_the_handover_is_no_conflict(db):
    report = build_report(migrated=migrated_app_with(), urlconf="tests.migration.catch_all_urls")
    assert report.conflicts == []  # /probe/moved/<int:pk>/: its handover comes first
    # Before any handover, the same catch-all takes the page: that is a conflict.
    report = build_report(
        migrated=migrated_app_with("/pages/<name>/"), urlconf="tests.migration.catch_all_urls"
    )
    assert [(c.kind, c.path) for c in report.conflicts] == [("both", "/((?:[\\w\\-]+/)*)")]


def test_migrated_rule_under_the_backend_prefix_is_unreachable(db):
    migrated = migrated_app_with("/backend/old/")
    report = build_report(migrated=migrated, urlconf="tests.migration.urls")
    assert [(c.kind, c.path) for c in report.conflicts] == [("unreachable", "/backend/old/")]


def test_handover_without_a_flask_route_is_flagged(db):
    nothing = flask.Flask("nothing_migrated")
    report = build_report(migrated=nothing, urlconf="tests.migration.urls")
    # Your own apps' handovers are dangling here too: this app serves none of them.
    assert {c.kind for c in report.conflicts} == {"dangling handover"}
    assert "/probe/moved/<int:pk>/" in {c.path for c in report.conflicts}
    assert "no moved rule serves it" in report.as_table()


def test_a_moved_rule_no_django_route_hands_over_is_flagged(db):
    report = build_report(
        migrated=migrated_app_with("/orphan/<int:pk>/"), urlconf="tests.migration.urls"
    )
    assert [(c.kind, c.path) for c in report.conflicts] == [
        ("not handed over", "/orphan/<int:pk>/")
    ]
    assert "point the Django route of this path at" in report.as_table()


@pytest.mark.parametrize(
    ("pattern", "example"),
    [
        ("/items/<int:pk>/", "/items/1/"),
        ("/items/<pk>/", "/items/x/"),
        ("/f/<path:rest>", "/f/x/y"),
        ("/l/<any(en, 'de'):lang>/", "/l/en/"),
        ("/c/<color:value>/", None),  # a converter it does not know: no guess
    ],
)
def test_example_paths(pattern, example):
    assert example_path(pattern) == example


def test_command_runs_from_the_installed_script(tmp_path):
    script = Path(sys.executable).with_name("combined")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    result = subprocess.run(
        [str(script), "routes"], capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "/backend/api/me" in result.stdout
    # example:begin
    assert "notes.detail" in result.stdout
    # example:end
    assert result.stdout.rstrip().endswith("routes, no conflicts.")

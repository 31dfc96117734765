"""Shared fixtures: each half alone, the combined app, the CI skip rule, and the
closing note on the suites a run left out.

Under ``CI=true`` a skipped ``scale``, ``attack``, ``browser``, ``generator`` or
``postgres`` test fails: CI must prove those suites really ran, not that they
politely stepped aside. The default run deselects those markers (pyproject's
``addopts``); the summary names each with why and how to run it.
"""

from __future__ import annotations

import os

import pytest
from werkzeug.test import Client

from core.environment import load_settings
from core.settings import Settings

REQUIRED_IN_CI = {"scale", "attack", "browser", "generator", "postgres", "adopt"}
# Apps used as test data (copied into generated projects), not tests of this project.
collect_ignore = ["fixtures"]
SITE_SETTINGS_MODULE = "django_site.settings"


def pytest_configure(config: pytest.Config) -> None:
    """This process runs Django on ``tests.settings`` (the site's plus ``tests.testapp``),
    loaded by now. Processes the tests start (servers, scripts) run the site as it is
    deployed, so they get the site's own settings module unless a test asks otherwise."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SITE_SETTINGS_MODULE
    # Passwords hashed fast in this process, as Django's testing docs advise: PBKDF2
    # spends about a third of a CPU-second on each login and each user made. Not in
    # tests/settings.py: servers run on it too, and the scale suite's 30 logins in a row
    # must take as long as the site makes them (nginx's login rate limit counts them).
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# How to run each suite the default run leaves out (its reason is the marker's text).
HOW_TO_RUN = {
    "postgres": "bash .ci/services.sh && bash .ci/suites/15-postgres.sh",
    "scale": "bash .ci/services.sh && bash .ci/suites/10-scale.sh",
    "attack": "bash .ci/services.sh && bash .ci/suites/10-scale.sh",
    "browser": "bash .ci/services.sh && bash .ci/suites/20-browser.sh",
}
# template-only:begin
HOW_TO_RUN["generator"] = "bash .ci/suites/40-generator.sh"
HOW_TO_RUN["adopt"] = "bash .ci/services.sh && bash .ci/suites/45-adopt.sh"
# template-only:end
_left_out: dict[str, int] = {}


def pytest_deselected(items: list[pytest.Item]) -> None:
    for item in items:
        for name in sorted(HOW_TO_RUN.keys() & {m.name for m in item.iter_markers()}):
            _left_out[name] = _left_out.get(name, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if not _left_out:
        return
    reasons = dict(line.split(": ", 1) for line in config.getini("markers") if ": " in line)
    terminalreporter.section("suites left out of this run")
    for name, count in sorted(_left_out.items()):
        terminalreporter.write_line(
            f"{name}: {count} tests, {reasons.get(name, 'see pyproject.toml')}; "
            f"run: {HOW_TO_RUN[name]}"
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    if in_ci and report.skipped and REQUIRED_IN_CI & {m.name for m in item.iter_markers()}:
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run this suite: {report.longrepr}"


@pytest.fixture(autouse=True)
def _keep_test_transaction():
    """Stop Django's handler from closing the test's database connection.

    Called as a plain WSGI app (werkzeug's test client), Django runs
    ``close_old_connections`` on ``request_started``/``request_finished``, which
    would end the transaction each test runs in (SQLite's in-memory test database
    ignores the close; PostgreSQL's does not). Django's own test client switches
    it off the same way.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def settings_factory():
    """Build Settings from the test environment plus overrides."""

    def make(**overrides: object) -> Settings:
        return load_settings(**overrides)

    return make


@pytest.fixture
def site_settings(settings):
    """Build Settings from overrides and give Django the values derived from them, as
    a process started with those variables would have them; both halves read Django's.
    """
    from django_site.configure import derived

    def make(**overrides: object) -> Settings:
        built = load_settings(**overrides)
        for name, value in derived(built).items():
            if name != "DATABASES":  # the test database stays
                setattr(settings, name, value)
        return built

    return make


@pytest.fixture
def with_probes(monkeypatch):
    """Every Flask backend built from here on gets the test-only views
    (``tests.testapp.flask_views``), however the combined app builds it."""
    import flask_backend
    from combined import halves
    from tests.testapp.flask_views import with_probes

    monkeypatch.setattr(flask_backend, "create_app", with_probes(flask_backend.create_app))
    halves.forget()  # the process's backend is built again, with them
    yield
    halves.forget()


@pytest.fixture
def combined_app(db, with_probes):
    """The combined app, its backend with the test-only views."""
    from combined.app import create_app

    return create_app()


@pytest.fixture
def wsgi_client(combined_app) -> Client:
    """The combined app through werkzeug's test client, Host ``localhost``.

    For the wiring: raw WSGI answers (``.text``, ``.json``, ``follow_redirects``).
    pytest-django's ``client`` is Django's test client: it reaches the Flask half
    through Django's URLconf (``combined.urls``).
    """
    return Client(combined_app)


@pytest.fixture
def flask_app(db, with_probes):
    """The backend alone, at the root, with the test-only views."""
    import flask_backend

    return flask_backend.create_app(config={"TESTING": True})


@pytest.fixture
def flask_client(flask_app):
    return flask_app.test_client()


@pytest.fixture
def user(db):
    """A user ``alice`` with password ``tests.accounts.PASSWORD`` (fast hasher)."""
    from django.contrib.auth import get_user_model

    from tests.accounts import PASSWORD

    return get_user_model().objects.create_user("alice", "alice@example.test", PASSWORD)

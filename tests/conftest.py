"""Shared fixtures: each half alone, the combined app, and the CI skip rule.

Under ``CI=true`` a skipped ``scale``, ``attack`` or ``browser`` test fails: CI must prove
those suites really ran, not that they politely stepped aside.
"""

from __future__ import annotations

import os

import pytest
from werkzeug.test import Client

from combined.settings import Settings, load_settings

REQUIRED_IN_CI = {"scale", "attack", "browser", "generator"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    if in_ci and report.skipped and REQUIRED_IN_CI & {m.name for m in item.iter_markers()}:
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run this suite: {report.longrepr}"


@pytest.fixture
def settings_factory():
    """Build Settings from the test environment plus overrides."""

    def make(**overrides: object) -> Settings:
        return load_settings(**overrides)

    return make


@pytest.fixture
def combined_app(db):
    from combined.app import create_app

    return create_app(load_settings())


@pytest.fixture
def client(combined_app) -> Client:
    """The combined app through werkzeug's test client, Host ``localhost``."""
    return Client(combined_app)


@pytest.fixture
def flask_app(db):
    import flask_backend

    return flask_backend.create_app(load_settings(), config={"TESTING": True})


@pytest.fixture
def flask_client(flask_app):
    return flask_app.test_client()


@pytest.fixture
def user(db, settings):
    """A user ``alice`` with password ``tests.accounts.PASSWORD`` (fast hasher)."""
    from django.contrib.auth import get_user_model

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from tests.accounts import PASSWORD

    return get_user_model().objects.create_user("alice", "alice@example.test", PASSWORD)

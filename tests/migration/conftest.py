"""Fixtures for the migration tests: the combined site with a test-only moved page."""

from __future__ import annotations

import pytest


@pytest.fixture
def with_moved_page(monkeypatch):
    """Every app of moved pages built from here on has the test-only moved page."""
    from tests.migration.moved import moved_blueprints, probes

    with moved_blueprints(monkeypatch, probes):
        yield


@pytest.fixture
def combined_app(db, with_probes, with_moved_page):
    """The combined app with the test-only views and moved page (tests/conftest.py's,
    plus ``tests.migration.moved``)."""
    from combined.app import create_app

    return create_app()

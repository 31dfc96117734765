"""Fixtures for the migration tests: the combined site with a test-only moved page."""

from __future__ import annotations

import pytest


@pytest.fixture
def with_moved_page(monkeypatch):
    """Every migrated-pages app built from here on has the test-only moved page."""
    import flask_backend
    from tests.migration.moved import with_moved_page

    factory = with_moved_page(flask_backend.create_migrated_app)
    monkeypatch.setattr(flask_backend, "create_migrated_app", factory)


@pytest.fixture
def combined_app(db, with_probes, with_moved_page):
    """The combined app with the test-only views and moved page (tests/conftest.py's,
    plus ``tests.migration.moved``)."""
    from combined.app import create_app
    from core.settings import load_settings

    return create_app(load_settings())

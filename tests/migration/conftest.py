"""Fixtures for the migration tests: the combined site with a test-only moved page,
and the Django reference of the moved pages."""

from __future__ import annotations

import pytest
from werkzeug.test import Client


@pytest.fixture(autouse=True)
def _keep_test_transaction():
    """Stop Django's handler from closing the test's database connection.

    Called as a plain WSGI app, Django runs ``close_old_connections`` on
    ``request_started``/``request_finished``, which would end the transaction
    each test runs in. Django's own test client switches it off the same way.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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


@pytest.fixture
def django_reference(db, settings) -> Client:
    """Django alone, with the original views of the moved pages routed again."""
    from django_site.wsgi import application

    settings.ROOT_URLCONF = "tests.migration.reference.urls"
    return Client(application)


@pytest.fixture
def author(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("alice", password="a-long-password-1")


def login(client: Client, user) -> None:
    """Give ``client`` a Django session cookie for ``user``."""
    from django.test import Client as DjangoClient

    django_client = DjangoClient()
    django_client.force_login(user)
    client.set_cookie("sessionid", django_client.cookies["sessionid"].value, domain="localhost")

"""Fixtures for the migration tests: the Django reference and the combined site."""

from __future__ import annotations

import pytest
from werkzeug.test import Client


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

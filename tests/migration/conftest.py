"""Fixtures for the takeover tests that call Django as a plain WSGI app."""

from __future__ import annotations

import pytest


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

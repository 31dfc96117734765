"""pytest plugin: Django's test clients go through the combined site for the whole run.

Loaded from pyproject's ``addopts`` (``-p combined.pytest_plugin``), so the README's
test command gives every test -- the project's and those of your own apps in
``apps/`` -- :class:`combined.testing.CombinedClient` wherever Django's test client
is used: ``TestCase.client`` (through ``SimpleTestCase.client_class``) and
pytest-django's ``client`` and ``admin_client`` fixtures. A test that wants Django
alone opts out: ``client_class = django.test.Client`` on its class, or its own
``client`` fixture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from combined.testing import CombinedClient


class _Fixtures:
    """Registered after pytest-django, so these fixtures replace its own of the same names."""

    @pytest.fixture
    def client(self) -> CombinedClient:
        """Django's test client, through the combined site."""
        from combined.testing import CombinedClient  # Django is set up by now (see below)

        return CombinedClient()

    @pytest.fixture
    def admin_client(self, db: None, admin_user: Any) -> CombinedClient:
        """The combined-site client, logged in as pytest-django's ``admin_user``."""
        from combined.testing import CombinedClient  # Django is set up by now (see below)

        client = CombinedClient()
        client.force_login(admin_user)
        return client


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    # Imported here, not at the top: combined.testing builds on Django's settings,
    # which pytest-django configures in its own hooks, before this one.
    from django.test import SimpleTestCase

    from combined.testing import CombinedClient

    SimpleTestCase.client_class = CombinedClient
    config.pluginmanager.register(_Fixtures(), "combined-test-client")

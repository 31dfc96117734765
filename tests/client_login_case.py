"""A Django ``TestCase`` run by ``manage.py test`` (Django's own runner), not by pytest.

``tests/test_login_throttle.py`` runs it in a subprocess: ``Client.login()`` must work
under the site's test command whatever the runner, with login throttling on.
"""

from django.contrib.auth.models import User
from django.test import TestCase


class ClientLoginCase(TestCase):
    def test_client_login(self) -> None:
        User.objects.create_user("carol", password="a-long-test-passphrase-42")
        self.assertTrue(self.client.login(username="carol", password="a-long-test-passphrase-42"))
        self.assertEqual(self.client.get("/").context["user"].get_username(), "carol")

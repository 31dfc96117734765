"""Django's test client reaches the Flask backend too (``combined.testing``), in every project.

Plain Django tests, with ``self.client``: the backend's pages and JSON API answer
through the combined site, with the session ``force_login`` made, and Flask's
answers say clearly that they have no Django context.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, TestCase

from combined.testing import CombinedClient, MovedPageError

PREFIX = settings.BACKEND_PREFIX


class BackendThroughDjangosClient(TestCase):
    def test_the_client_is_the_combined_one(self):
        self.assertIsInstance(self.client, CombinedClient)

    def test_the_backend_sees_the_login_django_made(self):
        response = self.client.get(f"{PREFIX}/account")
        self.assertRedirects(
            response,
            f"{settings.LOGIN_URL}?next={PREFIX}/account",
            fetch_redirect_response=False,
        )
        self.client.force_login(User.objects.create_user("alice"))
        page = self.client.get(f"{PREFIX}/account")
        self.assertContains(page, '<strong id="account-username">alice</strong>', html=True)

    def test_a_flask_answer_has_no_django_context_and_says_so(self):
        response = self.client.get(f"{PREFIX}/account", follow=True)
        self.assertEqual(response.status_code, 200)  # Django's login page, after the redirect
        self.assertTemplateUsed(response, "registration/login.html")
        flask_page = self.client.get(f"{PREFIX}/")
        with self.assertRaisesMessage(MovedPageError, f"GET {PREFIX}/ is served by Flask"):
            flask_page.context  # noqa: B018 -- the access is what is tested

    def test_logging_out_on_flask_logs_out_of_django(self):
        self.client.force_login(User.objects.create_user("bob"))
        self.assertEqual(self.client.get("/").context["user"].username, "bob")
        response = self.client.post(f"{PREFIX}/logout")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(self.client.get("/").context["user"].is_authenticated)


class DjangoAloneStillPossible(TestCase):
    client_class = Client

    def test_opting_out_gives_djangos_own_client(self):
        self.assertNotIsInstance(self.client, CombinedClient)
        self.assertEqual(self.client.get(f"{PREFIX}/account").status_code, 404)

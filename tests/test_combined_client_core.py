"""Django's own test client reaches the Flask backend too (``combined.urls``), in every project.

Plain Django tests, with ``self.client`` and nothing patched: the backend's pages and
JSON API answer through Django's URLconf, with the session ``force_login`` made, and
``@override_settings`` reaches the Flask half.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, TestCase, override_settings

PREFIX = settings.BACKEND_PREFIX


class BackendThroughDjangosClient(TestCase):
    def test_the_client_is_djangos_own(self):
        self.assertIs(type(self.client), Client)

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

    def test_a_backend_page_rendered_by_flask_is_seen_as_a_template(self):
        response = self.client.get(f"{PREFIX}/account", follow=True)
        self.assertEqual(response.status_code, 200)  # Django's login page, after the redirect
        self.assertTemplateUsed(response, "registration/login.html")
        self.client.force_login(User.objects.create_user("carol"))
        flask_page = self.client.get(f"{PREFIX}/account")
        self.assertTemplateUsed(flask_page, "backend/account.html")
        self.assertEqual(flask_page.context["user"].username, "carol")

    def test_logging_out_on_flask_logs_out_of_django(self):
        self.client.force_login(User.objects.create_user("bob"))
        self.assertEqual(self.client.get("/").context["user"].username, "bob")
        response = self.client.post(f"{PREFIX}/logout")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(self.client.get("/").context["user"].is_authenticated)

    def test_the_json_api_answers(self):
        response = self.client.get(f"{PREFIX}/api/me")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["Content-Type"], "application/json")
        self.client.force_login(User.objects.create_user("erin"))
        self.assertEqual(self.client.get(f"{PREFIX}/api/me").json()["username"], "erin")

    @override_settings(SITE_NAME="Overridden Name")
    def test_override_settings_reaches_the_flask_half(self):
        self.assertContains(self.client.get(f"{PREFIX}/"), "Overridden Name")

    @override_settings(SESSION_COOKIE_NAME="other_session")
    def test_a_changed_session_cookie_setting_applies_to_flasks_answers(self):
        self.client.force_login(User.objects.create_user("dora"))
        self.assertIn("other_session", self.client.cookies)
        response = self.client.post(f"{PREFIX}/logout")  # Flask's logout flushes the session
        self.assertEqual(response.cookies["other_session"].value, "")

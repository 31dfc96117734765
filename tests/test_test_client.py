"""Django's test client through the combined site (``combined.testing``).

A test-only moved page (blueprint ``moved``) stands for a page moved to Flask; the
login page stands for a page Django still serves. The same Django test code works
on both; only ``context``/``templates`` of the moved page fail, with a clear error.
"""

from __future__ import annotations

import flask
import pytest
from django.contrib.auth.models import User
from django.test import Client, TestCase
from werkzeug.test import Client as WSGIClient

import flask_backend
from combined.testing import CombinedClient, MovedPageError, NotRenderedByDjango
from flask_backend.migrated import register

moved = flask.Blueprint("moved", __name__)


@moved.get("/moved/page/")
def page() -> str:
    who = "{{ user.get_username() if user.is_authenticated else 'anonymous' }}"
    return flask.render_template_string("<h1>Moved page</h1><p id='who'>" + who + "</p>")


@moved.route("/moved/form/", methods=["GET", "POST"])
def form() -> flask.typing.ResponseReturnValue:
    if flask.request.method == "POST" and flask.request.form.get("name"):
        response = flask.redirect("/moved/page/")
        response.set_cookie("seen", flask.request.form["name"])
        return response
    error = "<p class='error'>Name is required.</p>" if flask.request.method == "POST" else ""
    return f"<form method='post'>{error}<input name='name'></form>"


@moved.get("/moved/boom/")
def boom() -> str:
    raise RuntimeError("the moved view broke")


@pytest.fixture(autouse=True)
def moved_page(monkeypatch):
    """The project's migrated-pages app, plus the test-only moved blueprint."""
    build = flask_backend.create_migrated_app

    def with_moved_page(settings):
        app = build(settings)
        register(app, moved)
        return app

    monkeypatch.setattr(flask_backend, "create_migrated_app", with_moved_page)


class DjangoTestsOfBothHalves(TestCase):
    """Plain Django tests: ``self.client`` is the combined client (the pytest plugin)."""

    def test_the_client_class_is_the_combined_one(self):
        assert isinstance(self.client, CombinedClient)

    def test_a_django_page_keeps_context_templates_and_resolver_match(self):
        response = self.client.get("/accounts/login/")
        self.assertTemplateUsed(response, "registration/login.html")
        assert "form" in response.context
        assert response.resolver_match.url_name == "login"

    def test_a_moved_page_answers_with_status_content_and_headers(self):
        response = self.client.get("/moved/page/")
        self.assertContains(response, "<h1>Moved page</h1>")
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert response["X-Frame-Options"] == "DENY"  # Django's headers, from the bridge
        assert isinstance(response, NotRenderedByDjango)

    def test_context_and_templates_of_a_moved_page_fail_naming_the_page(self):
        response = self.client.get("/moved/page/")
        with pytest.raises(MovedPageError, match=r"GET /moved/page/ is served by Flask"):
            response.context["title"]  # noqa: B018
        with pytest.raises(MovedPageError, match=r"endpoint moved\.page"):
            self.assertTemplateUsed(response, "moved/page.html")

    def test_post_redirect_cookie_and_follow_on_a_moved_form(self):
        response = self.client.post("/moved/form/", {"name": "ada"})  # no CSRF token needed
        self.assertRedirects(response, "/moved/page/")
        assert self.client.cookies["seen"].value == "ada"
        followed = self.client.post("/moved/form/", {"name": "bob"}, follow=True)
        assert followed.redirect_chain == [("/moved/page/", 302)]
        self.assertContains(followed, "Moved page")

    def test_a_form_error_is_shown_again(self):
        response = self.client.post("/moved/form/", {"name": ""})
        self.assertContains(response, "Name is required.", status_code=200)

    def test_force_login_is_seen_by_the_moved_page(self):
        self.client.force_login(User.objects.create_user("ada"))
        self.assertContains(self.client.get("/moved/page/"), "<p id='who'>ada</p>", html=False)

    def test_an_exception_in_a_moved_view_is_raised_in_the_test(self):
        with pytest.raises(RuntimeError, match="the moved view broke"):
            self.client.get("/moved/boom/")
        quiet = CombinedClient(raise_request_exception=False)
        response = quiet.get("/moved/boom/")
        assert response.status_code == 500
        assert b"500 Server error" in response.content

    def test_csrf_is_enforced_when_asked(self):
        strict = CombinedClient(enforce_csrf_checks=True)
        response = strict.post("/moved/form/", {"name": "ada"})
        assert response.status_code == 403
        assert b"CSRF verification failed" in response.content

    def test_answers_of_the_outer_layers_come_back_too(self):
        response = self.client.get("/", headers={"Host": "evil.test"})
        assert response.status_code == 400
        with pytest.raises(MovedPageError, match="served by the combined app"):
            response.templates  # noqa: B018


class DjangoAloneOptOut(TestCase):
    client_class = Client

    def test_django_alone_does_not_know_the_moved_page(self):
        assert self.client.get("/moved/page/").status_code == 404


def test_pytest_django_client_fixtures_are_the_combined_client(client, admin_client):
    assert isinstance(client, CombinedClient)
    assert client.get("/moved/page/").status_code == 200
    assert b"<p id='who'>admin</p>" in admin_client.get("/moved/page/").content


def test_no_request_header_turns_the_csrf_check_off(combined_app):
    # Only the test client sets the environ key; a header becomes HTTP_..., never it.
    client = WSGIClient(combined_app)
    response = client.post(
        "/backend/logout", headers={"Combined.Test-Client.Dont-Enforce-Csrf-Checks": "True"}
    )
    assert response.status_code == 403

"""One Jinja environment for both halves: the moved-pages Flask app renders a template
as Django's Jinja2 engine does (combined/bridge/templates.py; Django's side alone is
tests/test_jinja_env.py): the same output, the per-request variables, the clear error
for a method used without parentheses, and Django's messages across both halves.
"""

from __future__ import annotations

import re

import flask
import pytest
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.template import engines
from django.test import RequestFactory, TestCase, override_settings
from django.urls import path

from combined.bridge.moved import create_app as create_moved_app
from combined.bridge.request import django_request
from combined.handover import served_by_flask
from django_site.urls import urlpatterns as site_urlpatterns
from tests.migration.moved import moved_blueprints
from tests.test_jinja_env import CONTEXT, SAMPLE, expected_sample


@pytest.fixture
def flask_app(db):
    return create_moved_app()


def test_flask_renders_the_same_template_the_same(flask_app):
    with flask_app.test_request_context("/"):
        assert flask.render_template_string(SAMPLE, **CONTEXT) == expected_sample()
    django = engines["jinja2"].from_string(SAMPLE).render(CONTEXT)
    assert django == expected_sample()


def test_request_variables_on_both_halves(flask_app, user):
    template = (
        "{{ user.get_username() }}|{{ perms.auth.add_user }}|{{ site_name }}|{{ csrf_input }}"
    )
    request = RequestFactory().get("/")
    request.user = user
    django = engines["jinja2"].from_string(template).render({}, request)
    with flask_app.test_request_context("/"):
        flask_side = flask.render_template_string(template)
    for html in (django, flask_side):
        name, perm, site, csrf = html.split("|")
        assert (name, perm) == ("alice", "False") or (name, perm) == ("", "False")
        assert site and 'name="csrfmiddlewaretoken"' in csrf
    assert django.startswith("alice|")
    assert flask_side.startswith("|")  # anonymous on Flask: no session cookie here


@pytest.mark.parametrize(
    ("source", "method"),
    [
        ("{% for u in users.all %}{% endfor %}", "UserManager.all"),
        ("{{ user.get_username }}", "User.get_username"),
        ("{% if users.all %}x{% endif %}", "UserManager.all"),
        ("{{ form.as_p }}", "AuthenticationForm.as_p"),
    ],
)
def test_an_orm_method_without_parentheses_is_a_clear_error(db, flask_app, source, method):
    context = {"users": User.objects, "user": User(username="ada"), "form": AuthenticationForm()}
    with pytest.raises(TypeError, match=rf"{method} is a method: call it in a Jinja template"):
        engines["jinja2"].from_string(source).render(context)
    with flask_app.test_request_context("/"), pytest.raises(TypeError, match=method):
        flask.render_template_string(source, **context)
    called = re.sub(r"\.(all|get_username|as_p) ", r".\1() ", source)
    assert "Error" not in engines["jinja2"].from_string(called).render(context)


moved = flask.Blueprint("moved_messages", __name__)


@moved.get("/moved/say/")
def say() -> flask.Response:
    # As a Django view does it, before anything renders (the storage is in place).
    messages.success(django_request(), "Saved.")
    return flask.redirect("/moved/show/")


@moved.get("/moved/show/")
def show() -> str:
    return flask.render_template_string("{% for m in messages %}<li>{{ m }}</li>{% endfor %}.")


urlpatterns = [
    path("moved/say/", served_by_flask),
    path("moved/show/", served_by_flask),
    *site_urlpatterns,
]


@override_settings(ROOT_URLCONF=__name__)
class MessagesOnMovedPages(TestCase):
    @pytest.fixture(autouse=True)
    def moved_pages(self, monkeypatch):
        with moved_blueprints(monkeypatch, moved):
            yield

    def test_a_message_is_shown_once_on_the_next_page(self):
        response = self.client.get("/moved/say/", follow=True)
        self.assertContains(response, "<li>Saved.</li>")
        self.assertNotContains(self.client.get("/moved/show/"), "Saved.")

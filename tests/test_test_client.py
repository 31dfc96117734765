"""Every Django test client reaches a page moved to Flask: Django serves it.

A test-only moved blueprint (``moved``) stands for a page moved to Flask: its Django
routes (this module is the URLconf) point at ``served_by_flask``, which calls the
Flask view in-process (``combined.handover``). So Django's own ``Client`` -- plain,
with no plugin -- pytest-django's ``client`` and ``admin_client``,
``LiveServerTestCase`` and Django's WSGI app alone all get the page, Django's
middleware runs for it, and ``context``/``templates`` work: Flask's renders send
Django's ``template_rendered`` signal.
"""

from __future__ import annotations

import urllib.request

import flask
import pytest
from django.contrib.auth.models import User
from django.test import Client, LiveServerTestCase, TestCase, override_settings
from django.test.signals import template_rendered
from django.urls import path
from flask.logging import default_handler
from werkzeug.test import Client as WSGIClient

from combined.bridge.templates import render_django_template
from combined.handover import moved_pages, served_by_flask
from django_site.urls import handler400, handler403, handler404, handler500
from tests.migration.moved import moved_blueprints
from tests.testapp.models import Item
from tests.testapp.urls import urlpatterns as test_urlpatterns

moved = flask.Blueprint("moved", __name__)


@moved.get("/moved/page/")
def page() -> str:
    who = "{{ user.get_username() if user.is_authenticated else 'anonymous' }}"
    return flask.render_template_string("<h1>Moved page</h1><p id='who'>" + who + "</p>")


@moved.get("/moved/items/")
def items() -> str:
    """The Django template the Django view rendered, unchanged."""
    return render_django_template("testapp/items.html", {"items": Item.objects.all()})


@moved.route("/moved/form/", methods=["GET", "POST"])
def form() -> flask.typing.ResponseReturnValue:
    if flask.request.method == "POST" and flask.request.form.get("name"):
        response = flask.redirect("/moved/page/")
        response.set_cookie("seen", flask.request.form["name"])
        return response
    error = "<p class='error'>Name is required.</p>" if flask.request.method == "POST" else ""
    return f"<form method='post'>{error}<input name='name'></form>"


@moved.get("/moved/greeting/")
def greeting() -> str:
    """The Jinja template a Django view renders (/probe/greeting/), rendered by Flask."""
    return flask.render_template("testapp/greeting.html", greeting="Hello from Flask")


@moved.get("/moved/stock/")
def stock() -> str:
    flask.current_app.logger.warning("stock is low: %d left", 3)
    return "ok"


@moved.get("/moved/gone/")
def gone() -> flask.typing.ResponseReturnValue:
    return flask.jsonify(error="gone"), 404  # a status the view sets, not an abort


@moved.get("/moved/taken/")
def taken() -> flask.typing.ResponseReturnValue:
    return flask.jsonify(error="taken"), "409 Name Taken"  # a phrase of the view's own


@moved.get("/moved/boom/")
def boom() -> str:
    raise RuntimeError("the moved view broke")


@moved.get("/moved/missing/")
def missing() -> str:
    flask.abort(404)


urlpatterns = [
    path("moved/page/", served_by_flask, name="moved-page"),
    path("moved/items/", served_by_flask, name="moved-items"),
    path("moved/form/", served_by_flask, name="moved-form"),
    path("moved/greeting/", served_by_flask, name="moved-greeting"),
    path("moved/stock/", served_by_flask, name="moved-stock"),
    path("moved/gone/", served_by_flask, name="moved-gone"),
    path("moved/taken/", served_by_flask, name="moved-taken"),
    path("moved/boom/", served_by_flask, name="moved-boom"),
    path("moved/missing/", served_by_flask, name="moved-missing"),
    *test_urlpatterns,
]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@pytest.fixture(autouse=True)
def moved_page(monkeypatch):
    """The project's app of moved pages, plus the test-only moved blueprint."""
    with moved_blueprints(monkeypatch, moved):
        yield


@override_settings(ROOT_URLCONF=__name__)
class DjangoTestsOfBothHalves(TestCase):
    """Plain Django tests with Django's own ``self.client``: nothing is patched."""

    def test_the_client_is_djangos_own(self):
        assert type(self.client) is Client

    def test_a_django_page_keeps_context_templates_and_resolver_match(self):
        response = self.client.get("/accounts/login/")
        self.assertTemplateUsed(response, "registration/login.html")
        assert "form" in response.context
        assert response.resolver_match.url_name == "login"

    def test_a_moved_page_answers_with_status_content_and_djangos_headers(self):
        response = self.client.get("/moved/page/")
        self.assertContains(response, "<h1>Moved page</h1>")
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert response["X-Frame-Options"] == "DENY"  # Django's middleware ran
        assert response.resolver_match.url_name == "moved-page"  # Django's route

    def test_a_moved_page_rendering_the_django_template_keeps_context_and_templates(self):
        Item.objects.create(title="First")
        response = self.client.get("/moved/items/")
        self.assertTemplateUsed(response, "testapp/items.html")
        self.assertTemplateUsed(response, "site_base.html")  # its {% extends %}
        assert [item.title for item in response.context["items"]] == ["First"]
        self.assertContains(response, "<li>First</li>", html=True)
        self.assertContains(response, 'name="csrfmiddlewaretoken"')  # {% csrf_token %}

    def test_the_django_template_gives_the_html_the_django_view_gave(self):
        Item.objects.create(title="Same")
        self.client.force_login(User.objects.create_user("ada"))
        django = self.client.get("/probe/items/")  # tests.testapp.views.items
        flask_ = self.client.get("/moved/items/")
        token = 'name="csrfmiddlewaretoken" value="'

        def masked(html: bytes) -> str:  # the CSRF token is masked anew on each render
            text = html.decode()
            start = text.index(token) + len(token)
            return text[:start] + text[text.index('"', start) :]

        form = '<form method="post">'
        assert masked(flask_.content).split(form)[0] == masked(django.content).split(form)[0]
        assert "<li>Same</li>" in flask_.content.decode()

    def test_a_jinja_render_is_seen_by_djangos_test_client(self):
        response = self.client.get("/moved/page/")
        assert response.templates  # Flask's template, announced as Django's are
        assert "user" in response.context

    def test_template_rendered_receivers_get_a_django_context(self):
        """django-debug-toolbar's templates panel reads ``context.dicts``: both halves
        send a ``Context``, as Django's own renders do."""
        seen = []

        def record(sender, template, context, **kwargs):
            layers = [layer for layer in context.dicts if "greeting" in layer]  # as the panel
            if "greeting" in context:
                flat = context.flatten()["greeting"]
                seen.append((template.name, layers[-1]["greeting"], context["greeting"], flat))

        template_rendered.connect(record)
        try:
            by_django = self.client.get("/probe/greeting/")
            by_flask = self.client.get("/moved/greeting/")
        finally:
            template_rendered.disconnect(record)
        self.assertContains(by_django, '<p id="greeting">Hello from Django</p>', html=True)
        self.assertContains(by_flask, '<p id="greeting">Hello from Flask</p>', html=True)
        assert seen == [
            ("testapp/greeting.html", *["Hello from Django"] * 3),
            ("testapp/greeting.html", *["Hello from Flask"] * 3),
        ]
        assert by_flask.context["greeting"] == "Hello from Flask"
        self.assertTemplateUsed(by_django, "testapp/greeting.html")
        self.assertTemplateUsed(by_flask, "testapp/greeting.html")

    def test_a_status_flask_sets_has_djangos_reason_phrase(self):
        response = self.client.get("/moved/gone/")
        assert (response.status_code, response.reason_phrase) == (404, "Not Found")
        assert response.json() == {"error": "gone"}

    def test_a_reason_phrase_the_view_chose_is_kept(self):
        response = self.client.get("/moved/taken/")
        assert (response.status_code, response.reason_phrase) == (409, "Name Taken")

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
        quiet = Client(raise_request_exception=False)
        response = quiet.get("/moved/boom/")
        assert response.status_code == 500
        assert b"500 Server error" in response.content  # the site's handler500

    def test_a_flask_404_is_the_sites_django_404_page(self):
        response = self.client.get("/moved/missing/")
        assert response.status_code == 404
        self.assertTemplateUsed(response, "layout/error.html")  # django_site.views

    def test_csrf_is_enforced_when_asked(self):
        strict = Client(enforce_csrf_checks=True)
        response = strict.post("/moved/form/", {"name": "ada"})
        assert response.status_code == 403
        assert b"CSRF verification failed" in response.content

    def test_a_missing_slash_is_djangos_append_slash_redirect(self):
        moved_answer = self.client.get("/moved/page")
        django_answer = self.client.get("/accounts/login")
        assert (moved_answer.status_code, django_answer.status_code) == (301, 301)
        assert moved_answer["Location"] == "/moved/page/"  # relative, as Django's
        assert django_answer["Location"] == "/accounts/login/"

    def test_a_method_the_flask_view_does_not_take_is_flasks_405(self):
        response = self.client.delete("/moved/page/")
        assert response.status_code == 405
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@override_settings(ROOT_URLCONF=__name__)
class LiveServer(LiveServerTestCase):
    def test_the_live_server_serves_the_moved_page(self):
        with urllib.request.urlopen(f"{self.live_server_url}/moved/page/") as answer:  # noqa: S310
            assert answer.status == 200
            assert b"<h1>Moved page</h1>" in answer.read()


@pytest.mark.urls(__name__)
def test_pytest_django_client_fixtures_reach_the_moved_page(client, admin_client):
    assert client.get("/moved/page/").status_code == 200
    assert b"<p id='who'>admin</p>" in admin_client.get("/moved/page/").content


@pytest.mark.urls(__name__)
def test_a_moved_views_log_record_is_printed_under_the_test_client(db, client, capsys, caplog):
    # Flask adds its default handler, which writes to environ["wsgi.errors"], when the
    # site's logging has no handler at the app logger's level (Django's default LOGGING).
    logger = moved_pages().logger
    logger.addHandler(default_handler)
    try:
        assert client.get("/moved/stock/").status_code == 200
    finally:
        logger.removeHandler(default_handler)
    assert "stock is low: 3 left" in [record.getMessage() for record in caplog.records]
    printed = capsys.readouterr().err
    assert "Logging error" not in printed
    assert "WARNING in test_test_client: stock is low: 3 left" in printed  # Flask's handler


@pytest.mark.urls(__name__)
def test_django_alone_serves_the_moved_page_too(db):
    from django_site.wsgi import application

    response = WSGIClient(application).get("/moved/page/")
    assert response.status_code == 200
    assert "<h1>Moved page</h1>" in response.text


@pytest.mark.urls(__name__)
def test_the_combined_app_and_the_test_client_give_the_same_answer(db, combined_app, client):
    """One path: the production app and the test client both go through Django."""
    item = Item.objects.create(title="Both")
    served = WSGIClient(combined_app).get("/moved/items/", headers={"Host": "testserver"})
    tested = client.get("/moved/items/")
    assert served.status_code == tested.status_code == 200
    assert f"<li>{item.title}</li>" in served.text and f"<li>{item.title}</li>" in tested.text
    for name in ("Content-Type", "X-Frame-Options", "Vary", "Referrer-Policy"):
        assert served.headers.get(name) == tested.get(name), name


def test_no_request_header_can_pose_as_djangos_request(combined_app):
    # Only combined.inprocess sets the environ key; a header becomes HTTP_..., never it.
    client = WSGIClient(combined_app)
    response = client.post("/backend/logout", headers={"Combined.Django-Request": "x"})
    assert response.status_code == 403

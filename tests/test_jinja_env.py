"""The Django half's Jinja environment (combined/jinja.py).

Django's filters with Django's output, url() and static(), dates printed as Django
prints them, the per-request variables, and a clear error for a method used without
parentheses. Django-rendered Jinja templates report themselves to the test client,
so assertTemplateUsed works while Django serves them. The same on the moved-pages
Flask app: tests/test_jinja_moved_pages.py.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.template import defaultfilters, engines
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.utils import timezone

WHEN = datetime.datetime(2026, 3, 4, 5, 6, tzinfo=datetime.UTC)
SAMPLE = (
    "{{ when|date('Y-m-d H:i') }}|{{ none|default('anonymous') }}|{{ 2|pluralize }}"
    "|{{ text|truncatewords(2) }}|{{ body|linebreaks }}|{{ url('login') }}"
    "|{{ static('polls/style.css') }}|{{ when }}|{{ 1.5 }}"
)
CONTEXT = {"when": WHEN, "none": None, "text": "one two three", "body": "a & b\n\nc"}


def expected_sample() -> str:
    local = timezone.localtime(WHEN)
    return "|".join([
        defaultfilters.date(local, "Y-m-d H:i"), "anonymous", "s", "one two …",
        "<p>a &amp; b</p>\n\n<p>c</p>", "/accounts/login/", "/static/polls/style.css",
        "March 4, 2026, 5:06 a.m.", "1.5",
    ])  # fmt: skip


def test_django_renders_with_djangos_filters_and_output(settings):
    settings.TIME_ZONE = "Europe/Paris"  # local time, as Django templates show dates
    with timezone.override("Europe/Paris"):
        html = engines["jinja2"].from_string(SAMPLE).render(CONTEXT)
        assert html == expected_sample().replace("5:06", "6:06")


def test_request_variables_on_django(user):
    template = (
        "{{ user.get_username() }}|{{ perms.auth.add_user }}|{{ site_name }}|{{ csrf_input }}"
    )
    request = RequestFactory().get("/")
    request.user = user
    html = engines["jinja2"].from_string(template).render({}, request)
    name, perm, site, csrf = html.split("|")
    assert (name, perm) == ("alice", "False")
    assert site and 'name="csrfmiddlewaretoken"' in csrf


@pytest.mark.parametrize(
    ("source", "method"),
    [
        ("{% for u in users.all %}{% endfor %}", "UserManager.all"),
        ("{{ user.get_username }}", "User.get_username"),
        ("{% if users.all %}x{% endif %}", "UserManager.all"),
        ("{{ form.as_p }}", "AuthenticationForm.as_p"),
        # Any object's method, as the Django language calls them all: a paginator's
        # page in an {% if %} was always true.
        ("{% if page.has_next %}x{% endif %}", "Page.has_next"),
        ("{{ page.next_page_number }}", "Page.next_page_number"),
    ],
)
def test_a_method_without_parentheses_is_a_clear_error(db, source, method):
    page = Paginator(["a", "b", "c"], 2).page(1)
    context = {
        "users": User.objects,
        "user": User(username="ada"),
        "form": AuthenticationForm(),
        "page": page,
    }
    with pytest.raises(TypeError, match=rf"{method} is a method: call it in a Jinja template"):
        engines["jinja2"].from_string(source).render(context)
    called = re.sub(r"\.(all|get_username|as_p|has_next|next_page_number) ", r".\1() ", source)
    assert "Error" not in engines["jinja2"].from_string(called).render(context)


def test_jinjas_own_objects_keep_their_methods():
    source = (
        "{% set ns = namespace(n=0) %}{% macro m() %}M{% endmacro %}"
        "{% for x in 'ab' %}{{ loop.cycle('odd', 'even') }}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ m() }}{{ ns.n }}{{ 'a,b'.split(',')|join('-') }}"
    )
    assert engines["jinja2"].from_string(source).render({}) == "oddevenM2a-b"


def test_django_rendered_jinja_templates_report_themselves_to_the_test_client():
    seen = []

    def record(sender, template, context, **kwargs):
        # A Context, as Django's templates send: django-debug-toolbar reads its .dicts.
        layers = [layer["greeting"] for layer in context.dicts if "greeting" in layer]
        seen.append((template.name, context["greeting"], layers))

    template_rendered.connect(record)
    try:
        engines["jinja2"].get_template("layout/base.html").render({"greeting": "hi"})
    finally:
        template_rendered.disconnect(record)
    assert seen == [("layout/base.html", "hi", ["hi"])]

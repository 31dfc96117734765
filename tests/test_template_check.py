"""``manage.py check`` reports referenced templates no engine finds (template_checks)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from combined.template_checks import missing_templates

# takeover:begin
from combined.tools.routes_report import build_report

# takeover:end


@pytest.fixture
def checkapp(settings):
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tests.checkapp"]
    settings.ROOT_URLCONF = "tests.checkapp.urls"


def test_the_project_itself_has_no_missing_templates():
    assert missing_templates(None) == []


def test_every_kind_of_reference_to_a_missing_template_is_reported(checkapp):
    found = {(e.obj, e.msg.split("'")[1]) for e in missing_templates(None)}
    assert found == {
        ("tests/checkapp/templates/checkapp/here.html:1", "checkapp/gone_base.html"),
        ("tests/checkapp/templates/checkapp/here.html:2", "checkapp/gone_partial.html"),
        ("tests/checkapp/jinja2/checkapp/here.jinja.html:2", "checkapp/gone_jinja.html"),
        (
            "the view of URL /gone/ (tests.checkapp.views.GoneTemplateView)",
            "checkapp/gone_class.html",
        ),
        (
            "the view of URL /gone-kwarg/ (django.views.generic.base.TemplateView)",
            "checkapp/gone_kwarg.html",
        ),
        ("tests/checkapp/views.py:11", "checkapp/gone_render.html"),
        ("tests/checkapp/views.py:20", "checkapp/gone_response.html"),
    }


def test_an_installed_packages_urls_are_its_own_business(checkapp, settings):
    """A site's URLconf that includes a package's URLs passes the check: the package's
    views and their default templates are not the site's code. (ephios includes
    ``django.contrib.auth.urls`` and has no ``registration/login.html``: once adopted,
    ``manage.py check`` and ``migrate`` refused to run.)"""
    settings.ROOT_URLCONF = "tests.checkapp.urls_with_packages"
    found = {(e.obj, e.msg.split("'")[1]) for e in missing_templates(None)}
    assert not [name for _where, name in found if name.startswith("admin_doc/")]
    assert (  # the site's own references are still checked
        "the view of URL /gone/ (tests.checkapp.views.GoneTemplateView)",
        "checkapp/gone_class.html",
    ) in found


def test_installed_packages_are_trusted_wherever_the_environment_is(checkapp, settings):
    """The site's environment inside its folder under any name (``venv/``, ``env/``),
    not only ``.venv``: the packages installed there are not the site's code."""
    settings.ROOT_URLCONF = "tests.checkapp.urls_with_packages"
    settings.BASE_DIR = Path(sys.prefix)  # a site folder holding this environment
    names = [e.msg.split("'")[1] for e in missing_templates(None)]
    assert not [name for name in names if name.startswith("admin_doc/")]


def test_manage_py_check_fails_with_the_error_and_a_hint(checkapp):
    with pytest.raises(SystemCheckError) as failed:
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    message = str(failed.value)
    assert (
        "tests/checkapp/views.py:11: (site.E001) uses the template "
        "'checkapp/gone_render.html', which no template engine finds" in message
    )
    assert "jinja2/ folder" in message  # the hint


# takeover:begin
def test_combined_routes_reports_them_too(checkapp):
    report = build_report()
    missing = [c for c in report.conflicts if c.kind == "missing template"]
    assert len(missing) == 7
    assert "CONFLICT (missing template) tests/checkapp/views.py:11: uses the template" in (
        report.as_table()
    )


# takeover:end

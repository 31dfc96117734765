"""SITE_NAME, SITE_URL, EMAIL_URL and the From addresses: defaults, production rules,
and one clear line per bad value."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from core.environment import load_settings
from core.settings import DEFAULT_SITE_NAME, SettingsError
from django_site.configure import derived
from tests.servers import ROOT

PRODUCTION = {"debug": False, "allowed_hosts": "example.com,.example.org"}


def production(**overrides: object):
    return load_settings(**{**PRODUCTION, "site_url": "https://example.com", **overrides})


# --- SITE_NAME ----------------------------------------------------------------------


def test_site_name_has_a_default_and_can_be_set(monkeypatch):
    monkeypatch.delenv("SITE_NAME", raising=False)
    assert load_settings().site_name == DEFAULT_SITE_NAME
    assert load_settings(site_name="  Acme Site ").site_name == "Acme Site"


@pytest.mark.parametrize("name", ["", "   ", "two\nlines", "x" * 101])
def test_bad_site_name_stops_start_up(name):
    with pytest.raises(SettingsError, match="^configuration error: SITE_NAME: "):
        load_settings(site_name=name)


# --- SITE_URL -----------------------------------------------------------------------


def test_site_url_is_required_in_production():
    with pytest.raises(SettingsError) as excinfo:
        load_settings(**PRODUCTION, site_url="")
    assert str(excinfo.value) == (
        "configuration error: SITE_URL: is required when DEBUG is off: the site's public "
        "address, used for links in emails, e.g. https://example.com"
    )


def test_site_url_defaults_to_the_development_server_in_debug():
    assert load_settings(debug=True, site_url="").site_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("url", "normal"),
    [("https://Example.com/", "https://example.com"), ("http://www.example.org:8443", "http://www.example.org:8443")],
)  # fmt: skip
def test_site_url_is_normalised(url, normal):
    assert production(site_url=url).site_url == normal


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("example.com", "must be http:// or https:// and a host"),
        ("ftp://example.com", "must be http:// or https:// and a host"),
        ("https://example.com/shop", "has a path"),
        ("https://example.com?x=1", "must be only scheme, host and port"),
        ("https://user:pw@example.com", "must be only scheme, host and port"),
        ("https://example.com:http", "is not a URL"),
        ("https://evil.test", "its host evil.test is not in ALLOWED_HOSTS"),
    ],
)
def test_bad_site_url_stops_start_up_naming_it(url, problem):
    with pytest.raises(SettingsError, match="^configuration error: SITE_URL: ") as excinfo:
        production(site_url=url)
    assert problem in str(excinfo.value)


def test_https_site_needs_an_https_site_url():
    with pytest.raises(SettingsError, match="SITE_URL: starts with http:// but HTTPS is on"):
        production(https=True, site_url="http://example.com")
    assert production(https=True).site_url == "https://example.com"


# --- EMAIL_URL ----------------------------------------------------------------------


def test_email_url_is_required_in_production_or_disabled_explicitly():
    with pytest.raises(SettingsError) as excinfo:
        production(email_url="")
    assert str(excinfo.value).startswith(
        "configuration error: EMAIL_URL: is required when DEBUG is off: where mail goes, "
        "e.g. smtp+tls://user:password@smtp.example.com:587, or 'disabled'"
    )
    off = production(email_url="disabled")
    assert off.email_enabled is False
    assert email(off)["EMAIL_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"


def test_debug_prints_email_to_the_console():
    s = load_settings(debug=True, email_url="")
    assert s.email_enabled is True
    assert email(s)["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_smtp_url_becomes_djangos_email_settings():
    s = production(email_url="smtp+tls://site%40example.com:p%3Ass@smtp.example.com:587")
    assert email(s) == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "site@example.com",
        "EMAIL_HOST_PASSWORD": "p:ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_TIMEOUT": 10,
    }
    assert "p:ss" not in repr(s)  # the password is a secret, like SECRET_KEY
    ssl = email(production(email_url="smtp+ssl://smtp.example.com:465?EMAIL_TIMEOUT=3"))
    assert (ssl["EMAIL_USE_SSL"], ssl["EMAIL_TIMEOUT"], ssl.get("EMAIL_USE_TLS")) == (True, 3, None)


def test_filemail_keeps_the_absolute_folder():
    # django-environ made filemail:///var/mail/site the relative var/mail/site.
    s = production(email_url="filemail:///var/mail/site")
    assert email(s)["EMAIL_FILE_PATH"] == "/var/mail/site"
    assert email(s)["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert email(production(email_url="filemail:///srv/my%20mail"))["EMAIL_FILE_PATH"] == (
        "/srv/my mail"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("filemail://var/mail", "filemail needs an absolute folder"),
        ("filemail://", "filemail needs an absolute folder"),
        ("smtpx://mail.example.com", "unknown scheme 'smtpx'"),
        ("mail.example.com", "unknown scheme ''"),
        ("smtp://", "an SMTP URL needs a host"),
        ("smtp://mail.example.com:25x", "not a usable email URL"),
        ("smtp://mail.example.com?tls=yes", "unknown query option"),
        ("smtp://mail.example.com?EMAIL_TIMEOUT=0", "EMAIL_TIMEOUT must be a whole number"),
    ],
)
def test_bad_email_url_stops_start_up_naming_it(url, problem):
    with pytest.raises(SettingsError, match="^configuration error: EMAIL_URL: ") as excinfo:
        production(email_url=url)
    assert problem in str(excinfo.value)


def test_from_addresses_default_to_the_sites_domain():
    s = production()
    assert (s.default_from_email, s.server_email) == ("noreply@example.com", "noreply@example.com")
    s = production(default_from_email="Acme <hi@example.com>", server_email="ops@example.com")
    assert (s.default_from_email, s.server_email) == ("Acme <hi@example.com>", "ops@example.com")
    assert load_settings(debug=True, site_url="").default_from_email == "webmaster@localhost"


@pytest.mark.parametrize("variable", ["default_from_email", "server_email"])
def test_bad_from_address_stops_start_up_naming_it(variable):
    with pytest.raises(SettingsError, match=f"^configuration error: {variable.upper()}: "):
        production(**{variable: "not an address"})


# --- what Django gets ------------------------------------------------------------------


def test_django_gets_the_email_and_site_settings_in_a_fresh_process():
    code = (
        "from django.conf import settings as s; "
        "print(s.SITE_NAME, s.SITE_URL, s.EMAIL_BACKEND, s.EMAIL_HOST, s.DEFAULT_FROM_EMAIL, "
        "s.SERVER_EMAIL, s.EMAIL_ENABLED, sep='|')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "django_site.settings",
        "SITE_NAME": "Acme Site",
        "ALLOWED_HOSTS": "acme.example",
        "SITE_URL": "https://acme.example",
        "EMAIL_URL": "smtp://mail.acme.example",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == [
        "Acme Site", "https://acme.example", "django.core.mail.backends.smtp.EmailBackend",
        "mail.acme.example", "noreply@acme.example", "noreply@acme.example", "True",
    ]  # fmt: skip


def email(settings) -> dict:
    """Django's EMAIL_* settings as the site derives them from EMAIL_URL."""
    return {
        k: v
        for k, v in derived(settings).items()
        if k.startswith("EMAIL_") and k != "EMAIL_ENABLED"
    }

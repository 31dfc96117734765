"""How the site sends email: ``EMAIL_URL``, ``DEFAULT_FROM_EMAIL``, ``SERVER_EMAIL``.

One URL says where mail goes (``smtp+tls://user:password@smtp.example.com:587``).
It is parsed by django-environ's ``Env.email_url_config``, a pure function: only
the parser is used, never django-environ's own environment reading (``core.settings``
reads the environment). Chosen over dj-email-url, whose last release was in 2022:
django-environ is released regularly, is widely used and has no dependencies.

The rules, checked when the settings are read:

* unset with ``DEBUG`` on: the console backend (the development server prints mail);
* unset with ``DEBUG`` off: start-up stops naming ``EMAIL_URL``. A production site
  whose password reset quietly sends nothing is worse than one that does not start;
* ``disabled``: no email, said out loud. The password reset pages answer 404 and
  the login page offers no reset link (``django_site.accounts``).

Not for sending mail: that is Django's ``send_mail`` with the settings derived here.
"""

from __future__ import annotations

from email.utils import parseaddr
from typing import Any
from urllib.parse import unquote, urlsplit

import environ

DISABLED = "disabled"
DEVELOPMENT_URL = "consolemail://"
DEFAULT_TIMEOUT = 10  # seconds; Django's default (None) lets a hung SMTP server hang a worker
SMTP_SCHEMES = {"smtp", "smtps", "smtp+tls", "smtp+ssl"}
SCHEMES = sorted(environ.Env.EMAIL_SCHEMES)
EXAMPLE = "smtp+tls://user:password@smtp.example.com:587"


def check_email_url(value: str | None, debug: bool) -> str:
    """The URL to use (a default in DEBUG), or ValueError saying what is wrong."""
    value = (value or "").strip()
    if not value:
        if debug:
            return DEVELOPMENT_URL
        raise ValueError(
            f"is required when DEBUG is off: where mail goes, e.g. {EXAMPLE}, "
            f"or '{DISABLED}' for a site that sends no email"
        )
    if value == DISABLED:
        return value
    email_settings(value)  # raises ValueError
    return value


def email_settings(url: str) -> dict[str, Any]:
    """Django's ``EMAIL_*`` settings for ``url`` (checked by ``check_email_url``)."""
    if url == DISABLED:
        return {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    scheme = urlsplit(url).scheme
    if scheme not in environ.Env.EMAIL_SCHEMES:
        raise ValueError(
            f"unknown scheme {scheme!r}: use one of {', '.join(SCHEMES)} (e.g. {EXAMPLE}), "
            f"or '{DISABLED}'"
        )
    try:
        parsed = environ.Env.email_url_config(url)
    except ValueError as exc:  # a port that is no number, a malformed IPv6 host
        raise ValueError(f"not a usable email URL ({exc})") from None
    options = parsed.pop("OPTIONS", {})
    timeout = options.pop("EMAIL_TIMEOUT", DEFAULT_TIMEOUT)
    if options or any(isinstance(parsed.get(k), str) for k in ("EMAIL_USE_TLS", "EMAIL_USE_SSL")):
        raise ValueError(
            "unknown query option: only ?EMAIL_TIMEOUT=<seconds> is understood "
            "(TLS: smtp+tls:// or smtp+ssl://)"
        )
    if not isinstance(timeout, int) or timeout <= 0:
        raise ValueError("EMAIL_TIMEOUT must be a whole number of seconds above 0")
    if scheme in SMTP_SCHEMES and not parsed.get("EMAIL_HOST"):
        raise ValueError(f"an SMTP URL needs a host, e.g. {EXAMPLE}")
    if scheme == "filemail":
        parsed.update(EMAIL_HOST=None, EMAIL_FILE_PATH=_mail_folder(url))
    config: dict[str, Any] = {name: v for name, v in parsed.items() if v not in (None, "")}
    config["EMAIL_TIMEOUT"] = timeout
    return config


def _mail_folder(url: str) -> str:
    """The absolute folder of ``filemail:///var/mail/site``, as written: django-environ
    drops the leading slash (a folder relative to wherever the server runs)."""
    parts = urlsplit(url)
    folder = unquote(parts.path)
    if parts.netloc or not folder.startswith("/") or folder == "/":
        raise ValueError("filemail needs an absolute folder: filemail:///var/mail/site")
    return folder


def check_address(value: str, variable: str) -> str:
    """An address for a From header: ``site@example.com`` or ``Site <site@example.com>``.

    Checked with the standard library's header parser; a full RFC 5322 check is
    the mail server's job, this only catches what can never work.
    """
    value = value.strip()
    _name, address = parseaddr(value)
    local, at, domain = address.rpartition("@")
    if not (local and at and domain) or any(c in value for c in "\r\n"):
        raise ValueError(f"{variable}: {value!r} is not an email address (e.g. site@example.com)")
    return value


def default_from(site_host: str) -> str:
    """``noreply@<the site's domain>``; Django's ``webmaster@localhost`` without one."""
    if "." in site_host and not site_host.replace(".", "").isdigit() and ":" not in site_host:
        return f"noreply@{site_host}"
    return "webmaster@localhost"

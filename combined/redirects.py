"""How long an address the site redirects to: at most 2,048 characters, else 414.

Why: redirects copy the request's address into ``Location`` (a slash appended,
``?next=`` to the login page, ``http`` to ``https``), quoting it again on the way,
so a request line of 8 KiB can become a header three or five times that long.
nginx reads a response's headers into ``uwsgi_buffer_size`` (4 or 8 KiB) and
answers 502 when they do not fit; Django refuses only targets over 16,384
characters, and then with ``DisallowedRedirect`` (a 400 on Django, a 500 on
Flask). So both halves answer 414 with the site's page (JSON under the API)
instead of sending a redirect whose ``Location`` is over
:data:`LOCATION_MAX_LENGTH`: the same number as Django's longest accepted URL
(``url_has_allowed_host_and_scheme``, ``URLValidator``), well inside nginx's buffer.

Applied by ``combined.redirect_limit`` and ``combined.bridge.errors``.
"""

from __future__ import annotations

from django.core.exceptions import DisallowedRedirect

LOCATION_MAX_LENGTH = 2048
TOO_LONG = "The address is too long to redirect to. Use a shorter one (a shorter query string)."


def location_too_long(status: int, location: str | None) -> bool:
    """True for a redirect whose target is longer than the site sends."""
    return 300 <= status < 400 and location is not None and len(location) > LOCATION_MAX_LENGTH


def refused_for_length(exc: BaseException) -> bool:
    """Django refused to build a redirect because its target was too long."""
    # DisallowedRedirect is also raised for an unsafe scheme; only its message tells them apart.
    return isinstance(exc, DisallowedRedirect) and "exceeding" in str(exc)

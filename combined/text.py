"""Plain text, as people type it: the rule every text field of the site applies.

Why: a NUL makes PostgreSQL refuse the row (``DataError``, a 500 instead of a
400), a lone surrogate (``"\\ud800"`` in JSON) cannot be encoded as UTF-8 at all
(``UnicodeEncodeError`` in the database driver), and other control characters are
invisible on a page yet change what a title says. Django's forms refuse NUL, and
only in form fields; a JSON API has no check of its own.

So one rule, written once: :func:`text_problem` says, in words for the sender, what
is wrong with a value, and :func:`validate_line` / :func:`validate_lines` are the
same rule as Django validators. Put them on model fields, and Django's
ModelForm, a Flask form and a Flask API all apply them through the field
(``Field.clean``).

Allowed: every character but the C0 and C1 control characters and surrogates;
tab, line feed and carriage return are allowed where line breaks are
(:func:`validate_lines`, for bodies). Not for binary data or identifiers.

The same reasoning holds for the address itself: :func:`url_has_nul` is the rule both
halves apply to a request's path and query before any view runs (see
``combined.url_guard`` and ``combined.bridge.url_guard``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_LINE = re.compile(f"[{_CONTROL}\t\n\r\ud800-\udfff]")
_LINES = re.compile(f"[{_CONTROL}\ud800-\udfff]")


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """What is wrong with ``value`` as plain text, or None if nothing is."""
    found = (_LINES if multiline else _LINE).search(value)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        return "contains a NUL character; remove it."
    if "\ud800" <= char <= "\udfff":
        return "is not valid Unicode text (it contains a lone surrogate)."
    if char in "\t\n\r":
        return "must be one line, without tabs or line breaks."
    return f"contains an invisible control character (U+{ord(char):04X}); remove it."


def validate_line(value: str) -> None:
    """Django validator: one line of plain text (titles, names)."""
    problem = text_problem(value)
    if problem:
        raise ValidationError(f"This field {problem}", code="plain_text")


def validate_lines(value: str) -> None:
    """Django validator: plain text with line breaks and tabs (bodies, descriptions)."""
    problem = text_problem(value, multiline=True)
    if problem:
        raise ValidationError(f"This field {problem}", code="plain_text")


URL_NUL_MESSAGE = "The address contains a NUL character (%00), which no page of this site accepts."


def url_has_nul(path: str, query_string: str) -> bool:
    """True if a request's path or query carries a NUL, raw or percent-encoded.

    Why: views pass URL text to the ORM (a slug from the path, a filter or search
    term from the query, as the admin's changelist and autocomplete do), and on
    PostgreSQL a NUL there is a ``DataError``: a 500 from code the project did not
    write. No address of the site needs one, so it is refused before any view runs.
    ``path`` is the decoded WSGI ``PATH_INFO``; ``query_string`` the raw ``QUERY_STRING``.
    """
    return "\x00" in path or "%00" in query_string or "\x00" in query_string

"""Django's session engines, refusing malformed session keys before any lookup.

Why: Django checks only that a session key is at least 8 characters long, then
looks it up. A ``sessionid`` cookie holding a NUL makes PostgreSQL raise
``DataError`` (a 500 on every page, on both halves: Flask opens the same store),
and other junk costs a query or a cache round trip for nothing. Django's own keys
are 32 characters of ``a-z0-9``; anything else is treated like an unknown key: an
empty session, the visitor logged out, and a fresh key when the session is saved.

``SESSION_ENGINE`` names one of the modules here (``db``, ``cache``,
``cached_db``), each Django's engine of that name with :class:`KeyCheck` mixed in.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import VALID_KEY_CHARS

_KEY_CHARS = frozenset(VALID_KEY_CHARS)
#: Django makes 32-character keys; its session table holds up to 40.
KEY_LENGTHS = range(8, 41)


def valid_session_key(key: object) -> bool:
    """A key Django could have made: 8-40 characters of ``a-z0-9``."""
    return isinstance(key, str) and len(key) in KEY_LENGTHS and _KEY_CHARS.issuperset(key)


class KeyCheck:
    """Mixin for a ``SessionStore``: a malformed key is no key at all."""

    def _validate_session_key(self, key: object) -> bool:
        return valid_session_key(key)

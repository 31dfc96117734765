"""``SECRET_KEY``: required in production, generated once for development.

Why apart: the key is the one setting whose absence must stop production and
whose default, under ``DEBUG``, is a file on disk. Production without a key, or
with the placeholder of ``.env.production.example``, stops with one line naming
the variable; a development checkout gets a random key kept in the git-ignored
``var/`` (so sessions survive restarts) and never shared with another checkout.
Not for generating a production key: print one with
``python3 -c 'import secrets; print(secrets.token_urlsafe(50))'``.
"""

from __future__ import annotations

import secrets
from pathlib import Path

# .env.production.example's SECRET_KEY starts so; production refuses it.
PLACEHOLDER_KEY_PREFIX = "change-me"


def check_secret_key(value: str | None, *, debug: bool, dev_key_file: Path) -> str:
    """The key to use; ValueError (naming SECRET_KEY) when production has none or the
    placeholder. Under ``debug`` an empty value becomes ``dev_key_file``'s key."""
    if not value:
        if not debug:
            raise ValueError("SECRET_KEY is required when DEBUG is off")
        return dev_secret_key(dev_key_file)
    if not debug and value.startswith(PLACEHOLDER_KEY_PREFIX):
        raise ValueError(
            "SECRET_KEY is the placeholder of .env.production.example: replace it with "
            "a new random key: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return value


def dev_secret_key(key_file: Path) -> str:
    """A development key, generated once and kept in ``key_file`` (mode 0600)."""
    if key_file.exists():
        return key_file.read_text().strip()
    key_file.parent.mkdir(exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.touch(mode=0o600)
    key_file.write_text(key)
    return key

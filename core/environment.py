"""Reading the environment into :class:`core.settings.Settings`, once per process.

``get_settings()`` is what ``django_site.settings`` calls: the process environment
plus the ``.env`` file (``COMBINED_ENV_FILE`` names another; set but empty, none),
validated once. ``load_settings(**overrides)`` builds a fresh object (tests). A
validation error becomes one ``SettingsError`` line naming the variable.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from core.settings import BASE_DIR, Settings, SettingsError

ENV_FILE_VARIABLE = "COMBINED_ENV_FILE"


def _first_error(exc: ValidationError) -> SettingsError:
    error = exc.errors()[0]
    loc = error.get("loc") or ()
    variable = str(loc[0]).upper() if loc else "SECRET_KEY"
    message = error["msg"].removeprefix("Value error, ")
    named = re.fullmatch(r"([A-Z][A-Z_]+): (.+)", message)
    if not loc and named:  # a check across fields names its variable first
        return SettingsError(named[1], named[2])
    if variable == "SECRET_KEY" or "SECRET_KEY" in message:
        return SettingsError("SECRET_KEY", message.replace("SECRET_KEY ", ""))
    return SettingsError(variable, message)


def _env_file() -> Path | None:
    """``COMBINED_ENV_FILE`` names another env file; set but empty, no file is read."""
    value = os.environ.get(ENV_FILE_VARIABLE)
    if value is None:
        return BASE_DIR / ".env"
    return Path(value) if value else None


def load_settings(**overrides: Any) -> Settings:
    """Read and validate the settings. ``overrides`` win over the environment (tests)."""
    overrides.setdefault("_env_file", _env_file())
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise _first_error(exc) from None


_current: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings, read once from the environment (plus ``.env``)."""
    global _current
    if _current is None:
        _current = load_settings()
    return _current

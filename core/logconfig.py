"""One logging configuration for both halves.

Django applies this dict through its ``LOGGING`` setting when it starts; Flask's
``app.logger`` and werkzeug's request log propagate to the same root handler, so
every line from either half has one format. Change the format here, not per app.
"""

from __future__ import annotations

from typing import Any

FORMAT = "%(asctime)s %(levelname)s [%(name)s] %(message)s"


def logging_config(level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dict that sends everything to stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"site": {"format": FORMAT}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "site"},
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # Django's own handlers would print a second, differently formatted line.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
        },
    }

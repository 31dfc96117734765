"""What a project's ``manage.py`` says: the settings module it sets by default.

Both the ``combined`` console script (``combined.tools.entry``: it does what
``manage.py`` does before loading a command) and ``combined adopt`` (which settings
module is the site's) read it the way Django's project template writes it.
"""

from __future__ import annotations

import re
from pathlib import Path

# os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x") (Django's template), or
# os.environ["DJANGO_SETTINGS_MODULE"] = "x" (some projects set it outright).
_SETTINGS_DEFAULT = re.compile(
    r"""(?:setdefault\(\s*["']DJANGO_SETTINGS_MODULE["']\s*,|"""
    r"""\[\s*["']DJANGO_SETTINGS_MODULE["']\s*\]\s*=)\s*["'](?P<module>[\w.]+)["']"""
)


def manage_py_settings(manage_py: Path) -> str | None:
    """The settings module ``manage_py`` sets by default, if it says so the usual way."""
    try:
        source = manage_py.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _SETTINGS_DEFAULT.search(source)
    return found["module"] if found else None

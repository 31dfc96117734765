"""The ``combined`` console script: the project's folder first, then the commands.

A console script runs with its own folder on ``sys.path``, not the project's, so the
project's packages (``django_site``, ``flask_backend``, a site's own) would not
import. :func:`main` does first what the project's ``manage.py`` does -- the folder
it runs in on the import path, and the settings module ``manage.py`` names -- and
only then loads the commands (``combined.tools.cli``), which import the project.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path

from combined.tools.manage_py import manage_py_settings


def main() -> None:
    folder = Path.cwd()
    settings_module = manage_py_settings(folder / "manage.py")
    if settings_module:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    # Imported now, by name: the commands import the project, found only from here on.
    import_module("combined.tools.cli").main()


if __name__ == "__main__":
    main()

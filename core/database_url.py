"""``DATABASE_URL`` checked at start-up, so a database the site cannot open is one line.

Why: dj-database-url parses any URL it knows the scheme of, and Django only opens
the database at the first query. A SQLite file in a folder that does not exist, or
a MySQL URL without the MySQL driver, then fails later with a traceback (``unable
to open database file``, ``Did you install mysqlclient?``) instead of naming the
setting. The project installs the drivers for SQLite and PostgreSQL (psycopg 3).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import dj_database_url

# Django backends whose driver is not installed with the project: (module, package).
_DRIVERS = {
    "django.db.backends.mysql": ("MySQLdb", "mysqlclient"),
    "django.db.backends.oracle": ("oracledb", "oracledb"),
}


def check_database_url(value: str, *, created: Path) -> str:
    """``value`` if the site can open it; ValueError saying what is wrong otherwise.

    ``created`` is the folder the site makes itself (the default SQLite file's).
    """
    try:
        config = dj_database_url.parse(value)
    except Exception as exc:  # dj-database-url raises several types
        raise ValueError(f"not a usable database URL ({exc})") from exc
    engine = config.get("ENGINE", "")
    if engine in _DRIVERS:
        module, package = _DRIVERS[engine]
        if importlib.util.find_spec(module) is None:
            raise ValueError(
                f"{engine.rsplit('.', 1)[-1]} needs the {package} package (pip install "
                f"{package}); the project installs the drivers for SQLite and PostgreSQL"
            )
    name = str(config.get("NAME") or "")
    if engine == "django.db.backends.sqlite3" and name and name != ":memory:":
        folder = Path(name).parent
        if not folder.is_dir() and folder.resolve() != created.resolve():
            raise ValueError(f"the folder of the SQLite file, {folder}, does not exist")
    return value

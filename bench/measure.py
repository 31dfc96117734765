"""Everything a run measures besides load: the prepared site, memory, import time, machine.

Why here: these need the project's environment (a migrated SQLite database in a
temp dir, collected static files) but no load generator, so they stay apart
from the wrk rounds.

When not to use it: PSS is read from /proc (Linux only); the import timings are
cold-process figures for comparing modules, not a profile.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PREPARE = """\
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
user = get_user_model().objects.create_user("bench", password="bench-not-a-secret")
# A session of that user, for the loads made logged in: its cookie is the last line.
from django.conf import settings
from django.test import Client
client = Client()
client.force_login(user)
print(f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
"""
# example:begin
PREPARE += """\
from django_site.notes.models import Note
Note.objects.bulk_create(Note(title=f"Note {n}", body="x" * 200, author=user) for n in range(25))
"""
# example:end
# Settings every target runs with; anything else from the caller's environment is dropped.
SITE_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    # tenancy:begin
    # ".localhost" lets the tenant target's alice.localhost through, on every target alike.
    # tenancy:end
    "ALLOWED_HOSTS": "127.0.0.1,localhost,.localhost",
    "SITE_URL": "http://127.0.0.1",
    "EMAIL_URL": "disabled",
    "BACKEND_PREFIX": "/backend",
    "REDIS_URL": "",
    "PROXY_COUNT": "0",
    "LOG_LEVEL": "WARNING",
    "TIME_ZONE": "UTC",
}
SETTINGS_MODULE = "django_site.settings"
_DROP = {"COMBINED_HTTP", "COMBINED_SOCKET", "COMBINED_PROCESSES", "DJANGO_SETTINGS_MODULE"}


def site_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROP}
    env.update(SITE_ENV, DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}", PYTHONHASHSEED="0")
    # What deploy/uwsgi.ini sets for every server; the import timings need it too.
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    return env


def _python(args: list[str], env: dict[str, str], what: str) -> str:
    """Run the project's Python with ``args``; its stdout, or an error naming ``what``."""
    done = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"{what} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare_site(env: dict[str, str]) -> str:
    """Migrate and seed the temp database; collect static files for uWSGI and nginx.
    Returns a logged-in session's cookie (``name=value``)."""
    out = _python(["manage.py", "shell", "-c", PREPARE], env, "preparing the site")
    return out.strip().splitlines()[-1]


def pss_kib(pid: int) -> dict[str, int]:
    """Pss and Rss of one process, in KiB, from /proc/PID/smaps_rollup."""
    text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return {
        key.lower(): int(re.search(rf"^{key}:\s+(\d+) kB", text, re.M).group(1))
        for key in ("Pss", "Rss")
    }


_IMPORT = """\
import importlib, sys, time
start = time.process_time()
importlib.import_module(sys.argv[1])
print(time.process_time() - start)
"""


def import_seconds(modules: dict[str, str], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median CPU seconds to import each module in a fresh interpreter.

    The modules take turns (a, b, c, a, b, c, ...) so that a busy spell on the
    machine does not land on one of them only; CPU time leaves out waiting for a core.
    """
    times: dict[str, list[float]] = {name: [] for name in modules}
    for _ in range(runs):
        for name, module in modules.items():
            out = _python(["-c", _IMPORT, module], env, f"importing {module}")
            times[name].append(float(out.split()[-1]))
    return {name: round(statistics.median(values), 4) for name, values in times.items()}


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "not installed"
    text = (done.stdout + done.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    versions = {
        name: metadata.version(name)
        for name in ("django", "flask", "werkzeug", "pyuwsgi", "matplotlib")
    }
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
        "kernel": platform.release(),
        "python": platform.python_version(),
        **versions,
        "wrk": _version(["wrk", "-v"]),
        "nginx": _version(["nginx", "-v"]),
    }

"""One log format for both halves, and a uWSGI config that explains itself."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.servers import ROOT

REQUIRED_OPTIONS = [
    "master", "strict", "need-app", "die-on-term", "vacuum", "single-interpreter",
    "enable-threads", "harakiri", "max-requests", "buffer-size", "post-buffering",
    "static-map", "module",
]  # fmt: skip


def test_both_halves_log_in_one_format():
    code = (
        "import logging, flask_backend;"
        "app = flask_backend.create_app();"
        "app.logger.warning('from-flask');"
        "logging.getLogger('django.request').warning('from-django')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    pattern = r"^\d{4}-\d\d-\d\d [\d:,]+ WARNING \[(?P<name>[\w.]+)\] (?P<msg>from-\w+)$"
    lines = [m.groupdict() for m in map(re.compile(pattern).match, result.stderr.splitlines()) if m]
    assert {"name": "flask_backend", "msg": "from-flask"} in lines
    assert {"name": "django.request", "msg": "from-django"} in lines


def _ini_options() -> dict[str, list[str]]:
    options: dict[str, list[str]] = {}
    previous_is_comment = False
    structural = ("if-env", "if-not-env", "if-opt", "if-not-opt", "endif", "set-ph")
    for raw in (ROOT / "deploy" / "uwsgi.ini").read_text().splitlines():
        line = raw.strip()
        if line.startswith(";"):
            previous_is_comment = True
            continue
        if "=" in line and not line.startswith("["):
            key = line.split("=", 1)[0].strip()
            if key in structural:
                continue  # a comment above an if-block explains the option inside it
            options.setdefault(key, []).append("commented" if previous_is_comment else "bare")
        previous_is_comment = False
    return options


@pytest.mark.parametrize("option", REQUIRED_OPTIONS)
def test_uwsgi_ini_has_production_options(option):
    assert option in _ini_options()


def test_every_uwsgi_option_has_a_comment():
    structural = {"if-env", "if-not-env", "if-opt", "if-not-opt", "endif", "set-ph"}
    bare = [k for k, marks in _ini_options().items() if k not in structural and "bare" in marks]
    assert bare == []

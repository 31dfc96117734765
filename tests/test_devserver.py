"""The development servers: ``combined run`` and ``manage.py runserver``."""

from __future__ import annotations

import sys

import pytest
import requests
from click.testing import CliRunner

from combined.tools import cli
from tests.servers import BIN, free_port, get, running, site_env


def test_combined_run_defaults_and_debugger_follow_debug(monkeypatch):
    calls = []
    monkeypatch.setattr(cli, "run_simple", lambda *a, **kw: calls.append((a, kw)))
    monkeypatch.setenv("DEBUG", "false")
    result = CliRunner().invoke(cli.main, ["run"])
    assert result.exit_code == 0, result.output
    ((args, kwargs),) = calls
    assert args[:2] == ("127.0.0.1", 8000)
    assert kwargs["use_reloader"] is True
    assert kwargs["use_debugger"] is False and kwargs["use_evalex"] is False


@pytest.mark.parametrize("mode", ["reloader", "no-reload"])
def test_combined_run_serves_both_halves_and_static(tmp_path, mode):
    port = free_port()
    env = site_env(tmp_path, DEBUG="true")
    args = [str(BIN / "combined"), "run", "--port", str(port)]
    if mode == "no-reload":
        args.append("--no-reload")
    base = f"http://127.0.0.1:{port}"
    with running(args, env, base + "/", tmp_path / "run.log"):
        assert b"Django" in get(base + "/")[2]
        assert b"Flask" in get(base + "/backend/")[2]
        status, headers, _ = get(base + "/static/layout/site.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert get(base + "/backend/static/backend.css")[0] == 200


def test_runserver_serves_the_combined_app(tmp_path):
    port = free_port()
    env = site_env(tmp_path, DEBUG="true")
    args = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    base = f"http://127.0.0.1:{port}"
    with running(args, env, base + "/", tmp_path / "runserver.log"):
        status, _, body = get(base + "/backend/")
        assert status == 200 and b"served by <strong>Flask</strong>" in body
        assert get(base + "/static/layout/site.css")[0] == 200
        assert get(base + "/backend/static/backend.css")[0] == 200


@pytest.mark.parametrize("server", ["combined run", "runserver"])
def test_a_body_over_the_limit_gets_413_from_the_development_servers(tmp_path, server):
    # Their input is the socket itself: a read past the body waited for bytes the
    # client never sends, and the 413 never came (an 11 MB upload to `dev.py serve`).
    port = free_port()
    env = site_env(tmp_path, DEBUG="true", MAX_BODY_BYTES="100000")
    if server == "runserver":
        args = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    else:
        args = [str(BIN / "combined"), "run", "--port", str(port), "--no-reload"]
    base = f"http://127.0.0.1:{port}"
    with running(args, env, base + "/", tmp_path / "dev.log"):
        for path in ("/backend/logout", "/accounts/login/"):
            answer = requests.post(base + path, files={"f": b"x" * 150_000}, timeout=10)
            assert answer.status_code == 413, path

"""The one settings source: defaults, parsing, and one clear line per bad value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import settings as settings_module
from core.environment import load_settings
from core.settings import SettingsError
from django_site.configure import derived

ROOT = Path(__file__).resolve().parent.parent


def test_defaults(monkeypatch):
    for name in ("DEBUG", "DATABASE_URL", "BACKEND_PREFIX", "TIME_ZONE", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings(_env_file=None)
    assert s.debug is False
    assert s.backend_prefix == "/backend"
    assert s.time_zone == "UTC"
    assert s.log_level == "INFO"
    assert s.proxy_count == 0
    db = derived(s)["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == ROOT / "var" / "db.sqlite3"


@pytest.mark.parametrize("word", ["true", "True", "1", "yes", "on", "t"])
def test_debug_true_words(monkeypatch, word):
    monkeypatch.setenv("DEBUG", word)
    assert load_settings().debug is True


@pytest.mark.parametrize("word", ["false", "FALSE", "0", "no", "off", "f"])
def test_debug_false_words(monkeypatch, word):
    monkeypatch.setenv("DEBUG", word)
    assert load_settings().debug is False


def test_allowed_hosts_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " example.com, .example.org ,,[::1] ")
    monkeypatch.setenv("SITE_URL", "http://example.com")
    assert load_settings().allowed_hosts == ["example.com", ".example.org", "[::1]"]


def test_debug_defaults_to_local_hosts(monkeypatch):
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    assert load_settings(_env_file=None).allowed_hosts == ["localhost", "127.0.0.1", "[::1]"]


def test_production_has_no_default_hosts(monkeypatch):
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    # No host is allowed, so not even the site's own address (SITE_URL=http://localhost).
    with pytest.raises(SettingsError, match="SITE_URL: its host localhost is not in ALLOWED_HOSTS"):
        load_settings(_env_file=None)


def test_postgres_url_parses(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app:pw@db.internal:5433/site")
    monkeypatch.setenv("CONN_MAX_AGE", "60")
    monkeypatch.setenv("CONN_HEALTH_CHECKS", "true")
    db = derived(load_settings())["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.internal", 5433, "site", "app")
    assert db["CONN_MAX_AGE"] == 60
    assert db["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("api/", "/api"), ("/api/", "/api"), ("api", "/api"), ("//v1//api//", "/v1/api")],
)
def test_backend_prefix_is_normalized(monkeypatch, raw, expected):
    monkeypatch.setenv("BACKEND_PREFIX", raw)
    assert load_settings().backend_prefix == expected


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("BACKEND_PREFIX", "/"),
        ("BACKEND_PREFIX", ""),
        ("BACKEND_PREFIX", "/a/../b"),
        ("BACKEND_PREFIX", "/a b"),
        # The site's own paths: the backend there would hide them.
        ("BACKEND_PREFIX", "/static"),
        ("BACKEND_PREFIX", "/admin"),
        ("BACKEND_PREFIX", "/accounts/backend"),
        ("BACKEND_PREFIX", "/healthz"),
        ("BACKEND_PREFIX", "/readyz"),
        # Entries Django would take and never match: every request a 400.
        ("ALLOWED_HOSTS", "https://example.com"),
        ("ALLOWED_HOSTS", "example.com,*.example.com"),
        ("ALLOWED_HOSTS", "example.com:8000"),
        ("ALLOWED_HOSTS", "exa mple.com"),
        ("DATABASE_URL", "nonsense://"),
        # Django would open these at the first query only, with a traceback.
        ("DATABASE_URL", "sqlite:////nonexistent-folder/db.sqlite3"),
        ("DATABASE_URL", "mysql://user@db.example.com/site"),
        ("TIME_ZONE", "Mars/Olympus"),
        ("LOG_LEVEL", "LOUD"),
        ("PROXY_COUNT", "-1"),
        ("CONN_MAX_AGE", "soon"),
        ("REDIS_URL", "http://localhost:6379"),
    ],
)
def test_bad_value_names_the_variable(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as excinfo:
        load_settings()
    message = str(excinfo.value)
    assert excinfo.value.variable == variable
    assert message.startswith(f"configuration error: {variable}: ")
    assert "\n" not in message


def test_secret_key_required_without_debug(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DEBUG", "false")
    with pytest.raises(SettingsError) as excinfo:
        load_settings(_env_file=None)
    assert excinfo.value.variable == "SECRET_KEY"
    assert "DEBUG" in str(excinfo.value)


def test_debug_generates_a_dev_key_once(monkeypatch, tmp_path):
    key_file = tmp_path / "var" / "dev-secret-key"
    monkeypatch.setattr(settings_module, "VAR_DIR", key_file.parent)
    monkeypatch.setattr(settings_module, "DEV_SECRET_KEY_FILE", key_file)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DEBUG", "true")
    first = load_settings(_env_file=None).secret_key.get_secret_value()
    second = load_settings(_env_file=None).secret_key.get_secret_value()
    assert first == second == key_file.read_text()
    assert len(first) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_dotenv_is_read_and_environment_wins(monkeypatch, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("BACKEND_PREFIX=/from-dotenv\nTIME_ZONE=Europe/Paris\n")
    monkeypatch.delenv("BACKEND_PREFIX", raising=False)
    monkeypatch.setenv("TIME_ZONE", "Asia/Tokyo")
    s = load_settings(_env_file=env_file)
    assert s.backend_prefix == "/from-dotenv"
    assert s.time_zone == "Asia/Tokyo"


def test_dev_key_file_and_database_live_in_ignored_var():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "var/" in ignored and ".env" in ignored


def _one_line_failure(args: list[str], env_update: dict[str, str]) -> str:
    import os

    env = {**os.environ, **env_update}
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "manage.py", "check"],
        [sys.executable, "-c", "import combined.wsgi"],
        [str(Path(sys.executable).parent / "combined"), "run", "--no-reload", "--port", "1"],
    ],
    ids=["manage.py", "import combined.wsgi", "combined run"],
)
@pytest.mark.parametrize(
    ("variable", "value"),
    [("DEBUG", "maybe"), ("BACKEND_PREFIX", "/"), ("DATABASE_URL", "nonsense://")],
)
def test_entry_points_stop_with_one_line(command, variable, value):
    line = _one_line_failure(command, {variable: value})
    assert line.startswith(f"configuration error: {variable}: ")


def test_missing_secret_key_stops_manage_py():
    import os

    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "DEBUG": "false"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().startswith("configuration error: SECRET_KEY: ")
    assert "Traceback" not in result.stderr


def test_allowed_hosts_are_written_as_they_are_matched(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "Example.COM,.Example.org.,*,[0:0::1],localhost.")
    assert load_settings().allowed_hosts == [
        "example.com",
        ".example.org",
        "*",
        "[::1]",
        "localhost",
    ]


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("*.example.com", "write .example.com for a domain and all its subdomains"),
        ("example.com:8000", "Django matches the name only; write example.com"),
        ("http://example.com/", "write it alone"),
    ],
)
def test_a_misread_host_pattern_says_how_to_write_it(monkeypatch, value, hint):
    monkeypatch.setenv("ALLOWED_HOSTS", value)
    with pytest.raises(SettingsError, match="ALLOWED_HOSTS: ") as excinfo:
        load_settings()
    assert hint in str(excinfo.value)

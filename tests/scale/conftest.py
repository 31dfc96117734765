"""Fixtures of the scale suite: a throwaway database, two uWSGI nodes, nginx, figures.

The database is ``SCALE_DATABASE_URL`` when the CI script made one, otherwise a
``scale_<random>`` database on the shared PostgreSQL that this session creates and
drops. Redis keys live under a ``scale_<random>`` prefix and are deleted at the end.
Every figure a test measures goes to ``record`` and is printed in the summary, one
section per suite ("scale figures", "attack figures").
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis

from tests.scale.cluster import HOST, ROOT, SETTINGS_MODULE, UWSGI_NODES, Nginx, Node
from tests.servers import manage

SHARED_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"
USER, PASSWORD = "alice", "correct-horse-battery-staple"
OTHER_USER = "bob"  # same password
LOGIN_COOL_OFF = 4  # seconds
FIGURES: dict[str, dict[str, str]] = {}  # suite -> figure name -> value


def pytest_terminal_summary(terminalreporter) -> None:
    for suite, figures in FIGURES.items():
        terminalreporter.section(f"{suite} figures")
        for name, value in figures.items():
            terminalreporter.write_line(f"{name}: {value}")


def record(name: str, value: str, suite: str = "scale") -> None:
    FIGURES.setdefault(suite, {})[name] = value
    print(f"\n[{suite}] {name}: {value}", flush=True)


def node_env(database_url: str, key_prefix: str) -> dict[str, str]:
    """The production-like environment every node and management command gets."""
    env = {k: v for k, v in os.environ.items() if k != "MAX_BODY_BYTES"}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"http://{HOST}",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        CONN_HEALTH_CHECKS="true",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=key_prefix,
        SESSION_STORE="cached_db",
        # uWSGI nodes get the client's address from nginx's uwsgi_params; HTTP nodes from
        # the X-Forwarded-For that deploy/nginx/site-http.conf sets (one hop).
        PROXY_COUNT="0" if UWSGI_NODES else "1",
        HTTPS="false",
        LOG_LEVEL="WARNING",
        COMBINED_PROCESSES="2",
        # Login throttling: the shipped limit, a cool-off short enough to wait for.
        LOGIN_FAILURE_LIMIT="5",
        LOGIN_COOLOFF_SECONDS=str(LOGIN_COOL_OFF),
        # The nodes serve tests.testapp too (cluster.APP_MODULE): migrate creates its table.
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
    )
    return env


def prepare_database(env: dict[str, str]) -> None:
    """Migrate and create the test user (the static files are collected once)."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(
        env,
        "shell",
        "-c",
        f"from django.contrib.auth.models import User; "
        f"User.objects.create_user({USER!r}, password={PASSWORD!r}); "
        f"User.objects.create_user({OTHER_USER!r}, password={PASSWORD!r})",
    )


@pytest.fixture(scope="session")
def key_prefix() -> Iterator[str]:
    prefix = f"scale_{secrets.token_hex(4)}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(scope="session")
def static_root() -> Path:
    env = node_env("sqlite://:memory:", "unused")
    manage(env, "collectstatic", "--noinput", "-v0")
    return ROOT / "var" / "static"


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    given = os.environ.get("SCALE_DATABASE_URL")
    if given:
        yield given
        return
    name = f"scale_{secrets.token_hex(4)}"
    with psycopg.connect(SHARED_POSTGRES, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}?connect_timeout=5"
    finally:
        with psycopg.connect(SHARED_POSTGRES, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Cluster:
    """Two nodes and nginx; ``stop()`` stops all of them."""

    def __init__(self, env: dict[str, str], static_root: Path) -> None:
        self.env = env
        self.dir = Path(tempfile.mkdtemp(prefix="scale-cluster-"))
        self.nodes = [Node("a", env, self.dir), Node("b", env, self.dir)]
        self.nginx = Nginx(self.nodes, self.dir, static_root)

    def start(self) -> None:
        for node in self.nodes:
            node.start()
        self.nginx.start()

    def stop(self) -> None:
        try:
            self.nginx.stop()
        finally:
            for node in self.nodes:
                node.stop()
        # Keep the node and nginx logs for a look after a failure (var/ is git-ignored).
        logs = ROOT / "var" / "scale-logs" / self.dir.name
        shutil.copytree(self.dir, logs, ignore=shutil.ignore_patterns("*.fifo", "*_temp", "body",
                        "proxy", "uwsgi", "fastcgi", "scgi"), dirs_exist_ok=True)  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def running_cluster(database_url: str, key_prefix: str, static_root: Path) -> Iterator[Cluster]:
    """Migrate ``database_url``, start two nodes and nginx on it; stop them all after."""
    env = node_env(database_url, key_prefix)
    prepare_database(env)
    cluster = Cluster(env, static_root)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def cluster(database_url, key_prefix, static_root) -> Iterator[Cluster]:
    with running_cluster(database_url, key_prefix, static_root) as cluster:
        yield cluster

"""Flask requests close old database connections the way Django requests do.

Django's ``close_old_connections`` runs on signals only Django's handler sends;
``combined.bridge`` runs it before and after every Flask request.
Each test adds its own database alias (a temporary SQLite file, or a throwaway
PostgreSQL database) so it can watch real connections open and close, outside
the test case's transaction.
"""

from __future__ import annotations

import contextlib
import secrets
import time

import pytest
from django.db import connections, transaction
from flask import jsonify

import flask_backend

ALIAS = "hygiene"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def database_alias(django_db_blocker, **settings_dict):
    """Register ``ALIAS`` with these settings; close and forget it afterwards."""
    configured = connections.configure_settings({"default": {}, ALIAS: settings_dict})
    connections.settings[ALIAS] = configured[ALIAS]
    try:
        with django_db_blocker.unblock():
            yield connections[ALIAS]
    finally:
        with django_db_blocker.unblock():
            connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


@pytest.fixture
def backend():
    app = flask_backend.create_app(config={"TESTING": True})

    @app.get("/probe/db")
    def probe():
        conn = connections[ALIAS]
        with conn.cursor() as cursor:
            if conn.vendor == "postgresql":
                cursor.execute("SELECT pg_backend_pid()")
                return jsonify(connection=cursor.fetchone()[0])
            cursor.execute("SELECT 1")
        return jsonify(connection=None)

    return app.test_client()


@pytest.fixture
def sqlite_settings(tmp_path):
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "hygiene.sqlite3")}


def test_conn_max_age_0_closes_the_connection_after_each_request(
    backend, sqlite_settings, django_db_blocker
):
    with database_alias(django_db_blocker, **sqlite_settings, CONN_MAX_AGE=0) as conn:
        assert backend.get("/probe/db").status_code == 200
        assert conn.connection is None


def test_conn_max_age_keeps_and_reuses_the_connection(backend, sqlite_settings, django_db_blocker):
    with database_alias(django_db_blocker, **sqlite_settings, CONN_MAX_AGE=600) as conn:
        backend.get("/probe/db")
        first = conn.connection  # held here, so its id cannot be reused
        backend.get("/probe/db")
        assert first is not None and conn.connection is first


def test_connection_past_conn_max_age_is_replaced(backend, sqlite_settings, django_db_blocker):
    with database_alias(django_db_blocker, **sqlite_settings, CONN_MAX_AGE=600) as conn:
        backend.get("/probe/db")
        first = conn.connection
        conn.close_at = time.monotonic() - 1  # as if CONN_MAX_AGE had run out
        assert backend.get("/probe/db").status_code == 200
        assert conn.connection is not None and conn.connection is not first


def test_connection_inside_an_atomic_block_is_left_open(
    backend, sqlite_settings, django_db_blocker
):
    with database_alias(django_db_blocker, **sqlite_settings, CONN_MAX_AGE=0) as conn:
        with transaction.atomic(using=ALIAS):
            assert backend.get("/probe/db").status_code == 200
            assert conn.connection is not None and conn.in_atomic_block
        conn.close()


# --- PostgreSQL: a connection killed between requests ---------------------------


@pytest.fixture
def pg_database():
    """A throwaway PostgreSQL database, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    name = f"hygiene_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432 ({exc})")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield {"ENGINE": "django.db.backends.postgresql", "NAME": name, "USER": "postgres",
                   "HOST": "127.0.0.1", "PORT": "5432"}  # fmt: skip
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def kill_backend(pid: int) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_killed_connection_is_replaced_before_the_next_request_with_health_checks(
    backend, pg_database, django_db_blocker
):
    with database_alias(
        django_db_blocker, **pg_database, CONN_MAX_AGE=600, CONN_HEALTH_CHECKS=True
    ):
        first = backend.get("/probe/db").json["connection"]
        assert backend.get("/probe/db").json["connection"] == first  # kept between requests
        kill_backend(first)
        response = backend.get("/probe/db")
        assert response.status_code == 200
        assert response.json["connection"] != first


def test_broken_connection_is_dropped_after_the_failing_request(
    backend, pg_database, django_db_blocker
):
    with database_alias(django_db_blocker, **pg_database, CONN_MAX_AGE=600) as conn:
        first = backend.get("/probe/db").json["connection"]
        kill_backend(first)
        # Without health checks the next query meets the dead connection ...
        assert backend.get("/probe/db").status_code == 503  # the outage page, not a 500
        # ... and teardown drops it, so the request after that gets a new one.
        assert conn.connection is None
        response = backend.get("/probe/db")
        assert response.status_code == 200
        assert response.json["connection"] != first

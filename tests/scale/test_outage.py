"""A database outage under load: 503s from both halves, then recovery without a restart.

The shared PostgreSQL must never be stopped, so this test starts a private
cluster (initdb into a temp dir, its own port), runs two nodes and nginx on it,
stops it with ``pg_ctl stop -m fast`` for a few seconds under wrk, and starts it
again. Nothing restarts the nodes: ``CONN_HEALTH_CHECKS`` and
``close_old_connections`` replace the broken connections.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import requests

from tests.scale.cluster import HOST, PrivatePostgres, Wrk, wait_until
from tests.scale.conftest import Cluster, record, running_cluster

pytestmark = pytest.mark.scale
OUTAGE_SECONDS = 4
# Pages that read the database, one per half (the test-only ones), and the API.
DJANGO_PAGE, FLASK_PAGE, API = "/probe/items/", "/backend/probe/items", "/backend/api/probe/items"


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivatePostgres]:
    with PrivatePostgres() as postgres:
        yield postgres


@pytest.fixture(scope="module")
def outage_cluster(private_postgres, key_prefix, static_root) -> Iterator[Cluster]:
    with running_cluster(private_postgres.url, key_prefix + "_outage", static_root) as cluster:
        yield cluster


def test_database_outage_gives_503_then_recovers(outage_cluster, private_postgres):
    url = outage_cluster.nginx.url
    wrk = Wrk(url, 12)
    down = {}
    try:
        time.sleep(3)
        private_postgres.stop()
        time.sleep(1)
        for path in (DJANGO_PAGE, FLASK_PAGE, API, "/readyz"):
            response = requests.get(url + path, headers={"Host": HOST}, timeout=10)
            down[path] = (response.status_code, response.headers.get("Content-Type", ""),
                          response.text)  # fmt: skip
        time.sleep(OUTAGE_SECONDS - 1)
        private_postgres.start()
        restarted = time.monotonic()
        recovery = wait_until(
            lambda: all(
                requests.get(url + path, headers={"Host": HOST}, timeout=10).status_code == 200
                for path in (DJANGO_PAGE, API)
            ),
            30,
            "both halves answer 200 again",
            interval=0.05,
        )
    finally:
        result = wrk.result()
    other_errors = result.failed - result.count(503)
    record(
        f"fault: PostgreSQL stopped for {OUTAGE_SECONDS} s under load",
        f"{result.count(503)} answers 503, {other_errors} other failures of "
        f"{result.requests} requests; recovery {recovery:.2f} s after PostgreSQL was back "
        f"(statuses {result.statuses})",
    )
    assert time.monotonic() - restarted < 60
    # While it was down: the site's 503 page on both halves, JSON under the API.
    for path in (DJANGO_PAGE, FLASK_PAGE):
        status, content_type, body = down[path]
        assert status == 503 and content_type.startswith("text/html"), path
        assert 'data-status="503"' in body and "Traceback" not in body
    status, content_type, body = down[API]
    assert (status, content_type) == (503, "application/json")
    status, _type, body = down["/readyz"]
    assert status == 503
    assert json.loads(body)["checks"]["database"]["ok"] is False
    # Under load: only 200 and 503, never a 500 or a dropped connection.
    assert result.count(503) > 0
    assert other_errors == 0, result.output
    assert set(result.statuses) <= {200, 503}

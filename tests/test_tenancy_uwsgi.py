"""TENANCY under a real uWSGI (deploy/uwsgi.ini) with two worker processes.

The in-process tests cannot show the one thing that needs several processes: a
tenant created by another process (the admin's worker, a management command)
reaches every worker's cache through ``TENANCY_TTL`` alone, without a restart.
The server listens on a free loopback port and is stopped in a ``finally``.
"""

from __future__ import annotations

import sys
import time

import pytest
import requests

from tests.servers import BIN, free_port, manage, running, site_env

UWSGI = BIN / "uwsgi"
TTL = 1.0


def get(port: int, host: str, path: str = "/backend/") -> requests.Response:
    return requests.get(f"http://127.0.0.1:{port}{path}", headers={"Host": host}, timeout=10)


@pytest.mark.skipif(not UWSGI.exists(), reason=f"no uwsgi next to {sys.executable} (pyuwsgi)")
def test_tenant_created_by_another_process_reaches_every_worker_within_ttl(tmp_path):
    port = free_port()
    env = site_env(
        tmp_path,
        ALLOWED_HOSTS="127.0.0.1,.example.test",
        SITE_URL="http://127.0.0.1",
        TENANCY="subdomain",
        TENANCY_DOMAIN="example.test",
        TENANCY_TTL=str(TTL),
        COMBINED_HTTP=f"127.0.0.1:{port}",
        COMBINED_PROCESSES="2",
    )
    manage(env, "shell", "-c", "from django_site.tenants.models import Tenant as T; "
           "T.objects.create(slug='acme', name='Acme Corp')")  # fmt: skip
    args = [str(UWSGI), "--ini", "deploy/uwsgi.ini"]
    with running(args, env, f"http://127.0.0.1:{port}/backend/", tmp_path / "uwsgi.log"):
        # Enough requests to reach both workers; each builds or reuses its own app.
        acme = [get(port, "acme.example.test") for _ in range(6)]
        assert {(r.status_code, "Acme Corp" in r.text) for r in acme} == {(200, True)}
        # One Host rule (combined.hosts): any case and a trailing dot are the tenant, on every
        # worker; a malformed port is the site's 400 page, never an empty reply.
        assert {get(port, "ACME.Example.Test.").status_code for _ in range(6)} == {200}
        for host in ("acme.example.test:0", "acme.example.test:99999"):
            refused = get(port, host)
            assert refused.status_code == 400 and 'data-status="400"' in refused.text
        assert {get(port, "newco.example.test").status_code for _ in range(6)} == {404}

        manage(env, "shell", "-c", "from django_site.tenants.models import Tenant as T; "
               "T.objects.create(slug='newco', name='New Co')")  # fmt: skip
        deadline = time.monotonic() + TTL + 10  # slack for a loaded machine
        while time.monotonic() < deadline:
            answers = [get(port, "newco.example.test") for _ in range(6)]
            if all(r.status_code == 200 and "New Co" in r.text for r in answers):
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"not on every worker: {[r.status_code for r in answers]}")
        assert get(port, "example.test").status_code == 200  # the default backend still

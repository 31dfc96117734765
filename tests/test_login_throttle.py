"""Login throttling (django-axes) on the site's login pages, in process.

Failures count per user name and client address together: after the limit that
pair gets the lockout page (429) even with the right password, while the same user
from another address and other users from the same address still log in. The real
servers: tests/test_uwsgi_router.py (the router) and tests/scale/test_throttling.py
(nginx, with its own per-address limit in front).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F

from tests.servers import ROOT

PASSWORD = "a-long-test-passphrase-42"
pytestmark = pytest.mark.django_db


@pytest.fixture
def users(django_user_model):
    django_user_model.objects.create_user("alice", password=PASSWORD)
    django_user_model.objects.create_user("bob", password=PASSWORD)
    django_user_model.objects.create_superuser("root", "root@example.test", PASSWORD)


def attempt(client, username: str, password: str, address: str, path: str = "/accounts/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_client_login_keeps_working_in_tests(client, users):
    # Django's Client.login() calls authenticate() without a request, which axes
    # refuses; the site's backend lets it through unthrottled (login_throttle).
    assert client.login(username="alice", password=PASSWORD)
    assert client.get("/").context["user"].get_username() == "alice"
    assert not client.login(username="alice", password="wrong")


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_the_limit_locks_one_user_at_one_address_only(client, users, path):
    limit = settings.AXES_FAILURE_LIMIT
    answers = [attempt(client, "alice", "wrong", "10.0.0.1", path) for _ in range(limit)]
    # The form again, with its error; the failure that reaches the limit gets the lockout.
    assert [a.status_code for a in answers] == [200] * (limit - 1) + [429]
    locked = attempt(client, "alice", PASSWORD, "10.0.0.1", path)  # even the right password
    assert locked.status_code == 429
    assert 'data-status="429"' in locked.text
    assert "Too many failed logins" in locked.text
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    # Another user behind the same address, and the same user from elsewhere: not locked.
    other = "root" if path.startswith("/admin/") else "bob"
    assert attempt(client, other, PASSWORD, "10.0.0.1", path).status_code == 302
    client.logout()
    assert attempt(client, "alice" if other == "bob" else "root", PASSWORD, "10.0.0.2", path)


def test_the_right_password_works_again_after_the_cool_off(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "alice", "wrong", "10.0.0.1")
    assert attempt(client, "alice", PASSWORD, "10.0.0.1").status_code == 429
    # The cool-off passes (the attempts are made older than it).
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert attempt(client, "alice", PASSWORD, "10.0.0.1").status_code == 302


def test_the_counts_live_in_redis_when_the_site_has_it(site_settings):
    from django_site.configure import derived

    with_redis = derived(site_settings(redis_url="redis://127.0.0.1:6379/0"))
    assert with_redis["AXES_HANDLER"] == "axes.handlers.cache.AxesCacheHandler"
    # Without Redis the cache is per worker: the database holds the counts instead.
    alone = derived(site_settings())
    assert alone["AXES_HANDLER"] == "axes.handlers.database.AxesDatabaseHandler"
    assert alone["AXES_FAILURE_LIMIT"] == 5 and alone["AXES_COOLOFF_TIME"].seconds == 900


def test_client_login_keeps_working_under_manage_py_test():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "django_site.settings"}
    out = subprocess.run(
        [sys.executable, "manage.py", "test", "tests.client_login_case", "-v", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "test_client_login (tests.client_login_case.ClientLoginCase" in out.stderr
    assert "OK" in out.stderr

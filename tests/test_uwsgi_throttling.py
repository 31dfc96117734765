"""Login throttling through uWSGI's router, as deploy/uwsgi.ini runs it (2 workers).

Without Redis the failures are counted in the database, so the lockout holds across
workers. 200 wrong passwords for one user used to get 200 answers of 200. Each
client below leaves from its own loopback address (``tests/logins.py``).
"""

from __future__ import annotations

import time

import pytest

from tests.logins import attempt, outcome
from tests.servers import BIN, free_port, manage, running, site_env

UWSGI = str(BIN / "uwsgi")
PASSWORD = "a-long-test-passphrase-42"
COOL_OFF = 3


@pytest.fixture(scope="module")
def router(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("router-throttle")
    port = free_port()
    env = site_env(
        tmp,
        COMBINED_HTTP=f"127.0.0.1:{port}",
        LOGIN_FAILURE_LIMIT="5",
        LOGIN_COOLOFF_SECONDS=str(COOL_OFF),
    )
    manage(
        env, "shell", "-c",
        "from django.contrib.auth.models import User; "
        f"[User.objects.create_superuser(n, n + '@example.test', {PASSWORD!r}) "
        "for n in ('alice', 'bob', 'root')]",
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with running([UWSGI, "--ini", "deploy/uwsgi.ini"], env, base + "/healthz", tmp / "uwsgi.log"):
        yield base


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_wrong_passwords_lock_one_user_at_one_address_until_the_cool_off(router, path):
    user = "alice" if path == "/accounts/login/" else "root"
    here = "127.0.0.2" if path == "/accounts/login/" else "127.0.0.4"
    tries = 30 if path == "/accounts/login/" else 8
    wrong = [outcome(attempt(router, here, user, "wrong", path)) for _ in range(tries)]
    assert wrong == ["wrong"] * 4 + ["locked"] * (tries - 4)
    assert outcome(attempt(router, here, user, PASSWORD, path)) == "locked"
    # Another user behind the same address, and the same user elsewhere, log in.
    assert outcome(attempt(router, here, "bob", PASSWORD, path)) == "in"
    assert outcome(attempt(router, "127.0.0.3", user, PASSWORD, path)) == "in"
    time.sleep(COOL_OFF + 0.5)  # the cool-off itself, not a timing goal
    assert outcome(attempt(router, here, user, PASSWORD, path)) == "in"

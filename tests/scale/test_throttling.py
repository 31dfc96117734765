"""Login throttling through nginx in front of two nodes sharing Redis.

The app (django-axes, counts in Redis) locks one user name at one address after 5
failures, on whichever node each attempt lands, until the cool-off; nginx's
``limit_req`` caps login POSTs per address (30 at once, then 30 a minute) whatever
the names. 200 wrong passwords for one user used to get 200 answers of 200. Each
client leaves from its own loopback address (``tests/logins.py``); none of them is
127.0.0.1, which the other tests use.
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.logins import attempt, client, outcome
from tests.scale.cluster import HOST
from tests.scale.conftest import LOGIN_COOL_OFF, OTHER_USER, PASSWORD, USER, record

pytestmark = pytest.mark.scale


def test_wrong_passwords_for_one_user_are_locked_out_and_others_log_in(cluster):
    url = cluster.nginx.url
    here, elsewhere = "127.0.0.12", "127.0.0.13"
    wrong = [outcome(attempt(url, here, USER, "wrong", host=HOST)) for _ in range(30)]
    record("login throttling: 30 wrong passwords for one user via nginx", str(wrong))
    assert wrong[:4] == ["wrong"] * 4
    assert set(wrong[4:]) == {"locked"}  # the site's lockout page, from the 5th on
    # Meanwhile: the right password at this address is refused, other users log in.
    assert outcome(attempt(url, here, USER, PASSWORD, host=HOST)) == "locked"
    assert outcome(attempt(url, elsewhere, OTHER_USER, PASSWORD, host=HOST)) == "in"
    assert outcome(attempt(url, elsewhere, USER, PASSWORD, host=HOST)) == "in"
    # The admin's login counts the same failures: the pair is locked there too. (This is
    # the address's 32nd login POST: nginx's burst of 30 lets it through because the
    # nodes hash with the site's PBKDF2, so the 31 before it took well over the 2 s that
    # frees a place. No sleep here: the 4 s cool-off runs from the last failure.)
    assert outcome(attempt(url, here, USER, PASSWORD, "/admin/login/", host=HOST)) == "locked"
    time.sleep(LOGIN_COOL_OFF + 0.5)  # the cool-off itself, not a timing goal
    assert outcome(attempt(url, here, USER, PASSWORD, host=HOST)) == "in"


def test_nginx_limits_login_posts_per_address_whatever_the_names(cluster):
    # 60 posts at once over 8 connections, each a name of its own (so the app locks
    # none), without a password (the form refuses it without hashing one, so they come
    # fast): nginx lets a burst of 30 through, then answers its own 429.
    url, token = cluster.nginx.url, "t" * 32
    session = client(url, "127.0.0.14", HOST)
    session.cookies.set("csrftoken", token)

    def guess(n: int) -> str:
        data = {"username": f"guess{n}", "password": "", "csrfmiddlewaretoken": token}
        return outcome(session.post(f"{url}/accounts/login/", data=data, timeout=30))

    with ThreadPoolExecutor(8) as pool:
        tries = Counter(pool.map(guess, range(60)))
    record("login throttling: 60 names at once from one address via nginx", str(tries))
    assert set(tries) == {"wrong", "limited"}, tries
    assert 30 <= tries["wrong"] <= 45  # the burst, and the few the rate refilled meanwhile
    # Other addresses are not limited by it.
    assert outcome(attempt(url, "127.0.0.15", OTHER_USER, PASSWORD, host=HOST)) == "in"

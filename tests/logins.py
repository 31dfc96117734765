"""Login attempts against a real server, each from a loopback address of its choice.

Shared by the router's throttling test (``tests/test_uwsgi_throttling.py``) and the
scale suite's (nginx, ``tests/scale/test_throttling.py``). Loopback is all of
127.0.0.0/8, so binding a client to 127.0.0.2, 127.0.0.3... makes distinct clients:
the servers see each as its own ``REMOTE_ADDR``.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

LOCKED_OUT = "Too many failed logins"


class FromAddress(HTTPAdapter):
    """A requests adapter whose connections leave from ``address``."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client(base: str, address: str, host: str | None = None) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(address))
    if host:
        session.headers["Host"] = host
    return session


def attempt(
    base: str,
    address: str,
    username: str,
    password: str,
    path: str = "/accounts/login/",
    host: str | None = None,
) -> requests.Response:
    """One login as a browser makes it: the form (CSRF cookie), then the POST."""
    session = client(base, address, host)
    form = session.get(base + path, timeout=10)
    assert form.status_code == 200, form.text[:300]
    return session.post(
        base + path,
        data={"username": username, "password": password,
              "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=10,
    )  # fmt: skip


def outcome(response: requests.Response) -> str:
    """``in`` (302), ``wrong`` (the form again), ``locked`` (the site's lockout page),
    ``limited`` (nginx's own 429) or the status."""
    if response.status_code == 302:
        return "in"
    if response.status_code == 200:
        return "wrong"
    if response.status_code == 429:
        return "locked" if LOCKED_OUT in response.text else "limited"
    return str(response.status_code)

"""Request bodies through uWSGI's HTTP router, as deploy/uwsgi.ini runs it: real processes.

With the router's former ``http-buffer-size = 65536``, a form of 70 KB or more sent in
one write (headers and body together, as ``requests`` sends it) got a reset
connection, and no worker saw it. Each body kind of ``tests/bodies.py`` goes to
both halves: up to the limit it arrives whole, over it the answer is the site's 413;
a chunked body, which the router cannot pass on, gets the site's 411. nginx in front
(chunked bodies arrive whole there): ``tests/scale/test_bodies.py``.
"""

from __future__ import annotations

import pytest

from tests import bodies
from tests.servers import BIN, TEST_APP, TEST_SETTINGS, free_port, running, site_env

UWSGI = str(BIN / "uwsgi")


@pytest.fixture(scope="module")
def router(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("router-bodies")
    port = free_port()
    env = site_env(tmp, COMBINED_HTTP=f"127.0.0.1:{port}", DJANGO_SETTINGS_MODULE=TEST_SETTINGS)
    env.pop("MAX_BODY_BYTES", None)
    base = f"http://127.0.0.1:{port}"
    args = [UWSGI, "--ini", "deploy/uwsgi.ini", "--module", TEST_APP]
    with running(args, env, base + "/healthz", tmp / "uwsgi.log"):
        yield base


CASES = [*bodies.WITH_A_LENGTH, bodies.chunked_gets_411_from_a_server_that_cannot_read_it]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_each_body_through_the_router(router, case):
    case(bodies.Site(router))

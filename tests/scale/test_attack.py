"""The attack suite: hostile input against two nodes behind the shipped nginx, under load.

One run (the ``attack`` fixture) logs in, starts wrk over ordinary pages, and sends
every class of tests/scale/attack_payloads.py through nginx, a few header-count
variants straight to a node's uWSGI router, and slow clients; then it stops wrk and
keeps nginx's and the nodes' new log lines. The tests then judge the answers, class
by class, as a user and an operator would:

- no 5xx and no empty reply (only nginx's deliberate 444 for hosts it does not serve);
- nothing leaked: no traceback, settings or SQL in any body;
- the load meanwhile got only 200s, and nginx never took a node out;
- slow clients hold no worker; forged forwarding headers change nothing.

The counts per class are printed as "attack figures". CI: .ci/suites/10-scale.sh
(with the scale suite, on the same cluster).
"""

from __future__ import annotations

import re
import select
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.scale.attack_payloads import API, CLASSES, HOST, ROUTER_CLASSES, Auth, Variant, http
from tests.scale.cluster import Nginx, Node, Wrk, WrkResult
from tests.scale.conftest import Cluster, node_env, record
from tests.scale.test_cluster import log_in as log_in_on
from tests.scale.test_cluster import raw

pytestmark = pytest.mark.attack
# Text that must never reach a client: tracebacks, settings, SQL, server paths.
LEAKS = re.compile(
    rb"Traceback|File \"/|SECRET_KEY|DATABASE_URL|postgres(?:ql)?://|psycopg|"
    rb"django\.db\.|IntegrityError|DataError|OperationalError|SELECT .* FROM|"
    rb"Exception Value|werkzeug\.exceptions|/srv/combined|" + re.escape(str(Path.cwd())).encode()
)
# nginx's own words for a node failure (ngx_http_upstream.c, round robin).
NODE_FAILURES = (
    "upstream server temporarily disabled",
    "no live upstreams",
    "upstream prematurely closed",
    "upstream sent too big header",
    "upstream sent invalid",
    "uwsgi request is too big",
    "connect() failed",
)


@dataclass
class Answer:
    variant: Variant
    status: int | None  # None: closed without an answer
    reply: bytes

    @property
    def outcome(self) -> str:
        return str(self.status) if self.status else "closed"


@dataclass
class SlowClients:
    """Slow bodies and slow headers against nginx, and the wait of ordinary requests."""

    port: int
    bodies: int = 8
    headers: int = 4
    seconds: int = 12
    body_answers: list[int | None] = field(default_factory=list)
    header_closed_after: list[float] = field(default_factory=list)
    ordinary_waits: list[float] = field(default_factory=list)
    ordinary_statuses: list[int] = field(default_factory=list)

    def slow_body(self) -> None:
        head = http(
            "POST", API, {"Content-Type": "application/json", "Content-Length": str(self.seconds)}
        )
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
            sock.sendall(head)
            for _ in range(self.seconds):  # one byte a second
                time.sleep(1)
                sock.sendall(b" ")
            reply = sock.recv(65536)
        match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
        self.body_answers.append(int(match[1]) if match else None)

    def slow_header(self) -> None:
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
            sock.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}\r\n".encode())
            for _ in range(self.seconds * 3):  # one byte of an endless header line a second
                if select.select([sock], [], [], 1.0)[0]:
                    break  # nginx answered or closed the connection
                try:
                    sock.sendall(b"X")
                except OSError:
                    break
        self.header_closed_after.append(time.monotonic() - started)

    def run(self) -> None:
        threads = [threading.Thread(target=self.slow_body) for _ in range(self.bodies)]
        threads += [threading.Thread(target=self.slow_header) for _ in range(self.headers)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + self.seconds - 2
        while time.monotonic() < deadline:  # ordinary requests while the slow ones trickle
            started = time.monotonic()
            response = requests.get(
                f"http://127.0.0.1:{self.port}{API}", headers={"Host": HOST}, timeout=30
            )
            self.ordinary_statuses.append(response.status_code)
            self.ordinary_waits.append(time.monotonic() - started)
            time.sleep(0.5)
        for thread in threads:
            thread.join(timeout=60)


class SilentBody(threading.Thread):
    """A POST that sends one byte of its body and then nothing: nginx gives up on it.

    ``status`` stays None when the connection is closed without an answer.
    """

    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port
        self.status: int | None = None
        self.after = 0.0

    def run(self) -> None:
        started = time.monotonic()
        head = http("POST", API, {"Content-Length": "10"})
        with socket.create_connection(("127.0.0.1", self.port), timeout=90) as sock:
            sock.sendall(head + b"{")
            reply = sock.recv(65536)
        self.after = time.monotonic() - started
        match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
        self.status = int(match[1]) if match else None


@dataclass
class AttackRun:
    answers: dict[str, list[Answer]]
    load: WrkResult
    slow: SlowClients
    silent: SilentBody
    nginx_log: str
    node_logs: str


def log_in(url: str) -> Auth:
    with requests.Session() as session:
        session.headers["Host"] = HOST
        log_in_on(session, url)
        return Auth(session=session.cookies["sessionid"], csrf=session.cookies["csrftoken"])


def new_text(path: Path, offset: int) -> str:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read().decode(errors="replace")


@pytest.fixture(scope="module")
def attack(cluster: Cluster) -> AttackRun:
    port = cluster.nginx.port
    auth = log_in(cluster.nginx.url)
    logs = [
        cluster.nginx.dir / "error.log",
        *(cluster.dir / f"{n.name}.log" for n in cluster.nodes),
    ]
    offsets = {log: log.stat().st_size if log.exists() else 0 for log in logs}
    wrk = Wrk(cluster.nginx.url, seconds=600)  # interrupted below, when the attack is over
    answers: dict[str, list[Answer]] = {}
    started = time.monotonic()
    silent = SilentBody(port)  # client_body_timeout is 30 s: it runs beside the classes
    silent.start()
    try:
        time.sleep(1)
        for name, make in CLASSES.items():
            answers[name] = [Answer(v, *raw(port, v.request)) for v in make(auth)]
        router = cluster.nodes[0].http_port
        for name, make in ROUTER_CLASSES.items():
            answers[name] = [Answer(v, *raw(router, v.request)) for v in make(auth)]
        slow = SlowClients(port)
        slow.run()
        silent.join(timeout=90)
    finally:
        load = wrk.interrupt()
    for name, found in answers.items():
        counts = Counter(answer.outcome for answer in found)
        record(name, f"{len(found)} requests: {dict(sorted(counts.items()))}", suite="attack")
    record(
        "load meanwhile (wrk, 32 connections, through nginx)",
        f"{load.requests} requests in {load.seconds:.0f} s, {load.socket_errors} socket errors, "
        f"statuses {load.statuses}; attack took {time.monotonic() - started:.0f} s",
        suite="attack",
    )
    return AttackRun(
        answers,
        load,
        slow,
        silent,
        new_text(logs[0], offsets[logs[0]]),
        "".join(new_text(log, offsets[log]) for log in logs[1:]),
    )


def describe(bad: list[Answer]) -> str:
    return "\n".join(f"  {a.variant.label[:90]}: {a.outcome} {a.reply[:120]!r}" for a in bad)


@pytest.mark.parametrize("name", [*CLASSES, *ROUTER_CLASSES])
def test_no_5xx_and_no_empty_reply(attack, name):
    bad = [
        a
        for a in attack.answers[name]
        if (a.status is None and not a.variant.closed_by_design)
        or (a.status is not None and a.status >= 500 and a.status != a.variant.expect)
    ]
    assert not bad, f"{len(bad)} of {len(attack.answers[name])}:\n{describe(bad)}"


@pytest.mark.parametrize("name", [*CLASSES, *ROUTER_CLASSES])
def test_nothing_leaks(attack, name):
    bad = [a for a in attack.answers[name] if LEAKS.search(a.reply)]
    assert not bad, describe(bad)


# Each limit of docs/deploy.md's table, just under and just over: (class, label) -> status.
LIMIT_EDGES = {
    ("too many headers", "990 headers"): 200,
    ("too many headers", "1000 headers"): 400,  # nginx: more than 1,000 header lines
    ("huge header values", "one 8000 B header"): 200,
    ("huge header values", "one 8300 B header"): 400,  # a header line over 8k
    ("huge header values", "4 x 7000 B headers"): 200,
    ("huge header values", "5 x 7000 B headers"): 400,  # over 4 x 8k of headers
    ("over-long URIs and queries", "query 2000"): 200,
    ("over-long URIs and queries", "path 8200"): 414,  # a request line over 8k
    ("over-long URIs and queries", "query 8200"): 414,
    ("oversized and malformed bodies", f"{API} declares 20971521"): 413,  # nginx's backstop
    ("oversized and malformed bodies", f"{API} sends MAX_BODY_BYTES + 1"): 413,  # the app
    # The app read it all, and says what the empty JSON object lacks.
    ("oversized and malformed bodies", f"exactly MAX_BODY_BYTES {API}"): 400,
    ("too many headers, straight to a node's router", "3000 headers"): 200,  # max-vars
}
# example:begin
# The sample's API: the same limits in front of its parser.
LIMIT_EDGES["oversized and malformed bodies", "/backend/api/notes declares 20971521"] = 413
LIMIT_EDGES["oversized and malformed bodies", "/backend/api/notes sends MAX_BODY_BYTES + 1"] = 413
LIMIT_EDGES["oversized and malformed bodies", "exactly MAX_BODY_BYTES /backend/api/notes"] = 400
# example:end


@pytest.mark.parametrize(
    ("name", "label"), list(LIMIT_EDGES), ids=[f"{n}: {v}" for n, v in LIMIT_EDGES]
)
def test_each_limit_is_answered_by_the_first_layer_that_sees_it(attack, name, label):
    found = [a for a in attack.answers[name] if a.variant.label == label]
    assert len(found) == 1, f"no variant {label!r} in {name!r}"
    assert found[0].status == LIMIT_EDGES[name, label], found[0].reply[:300]


def test_a_body_that_stops_coming_is_cut_off_after_client_body_timeout(attack):
    # nginx closes the connection (it logs a 408 but sends nothing to a timed-out client).
    assert attack.silent.status is None
    assert 29 <= attack.silent.after < 45, attack.silent.after


def test_the_load_meanwhile_got_only_200s(attack):
    assert attack.load.requests > 0
    assert attack.load.socket_errors == 0, attack.load.output
    assert set(attack.load.statuses) == {200}, attack.load.statuses


def test_nginx_never_saw_a_node_fail(attack):
    failures = [
        line for line in attack.nginx_log.splitlines() if any(f in line for f in NODE_FAILURES)
    ]
    assert not failures, "\n".join(failures[:20])
    assert "max vec size" not in attack.node_logs


def test_forged_forwarding_headers_change_no_host_and_no_scheme(attack):
    for answer in attack.answers["X-Forwarded-* spoofing"]:
        assert b"evil.test" not in answer.reply, answer.variant.label
        location = re.search(rb"(?im)^location: (\S+)", answer.reply)
        if location and location[1].startswith(b"http"):
            assert location[1].startswith(b"http://example.com/"), answer.variant.label


def test_a_long_redirect_is_answered_whole(attack):
    # The longest: 8,100 quotes, which Flask's 308 would escape to %22 (a 24 KB Location).
    # The app refuses to build a redirect that long (combined/redirects.py): the site's 414
    # page, answered whole by the node and passed on by nginx, never a 502.
    longest = [
        a
        for a in attack.answers["redirects that repeat a long URI"]
        if a.variant.label == "/backend?q= + 8100 quotes"
    ]
    assert longest[0].status == 414
    assert b"414" in longest[0].reply and b"too long to redirect" in longest[0].reply
    assert not re.search(rb"(?im)^location:", longest[0].reply)


def test_slow_clients_hold_no_worker(attack):
    slow = attack.slow
    # nginx buffers each body and passes it on whole: the 8 slow bodies (4 workers in
    # all) never kept an ordinary request waiting, and each still got its answer.
    assert set(slow.ordinary_statuses) == {200}, slow.ordinary_statuses
    assert slow.ordinary_waits and max(slow.ordinary_waits) < 5, slow.ordinary_waits
    assert len(slow.body_answers) == slow.bodies
    assert all(status is not None and status < 500 for status in slow.body_answers)
    # A header sent a byte a second is cut off (client_header_timeout 10s).
    assert len(slow.header_closed_after) == slow.headers
    assert all(9 <= seconds < 20 for seconds in slow.header_closed_after), slow.header_closed_after


# --- the scheme behind nginx, for a site with HTTPS=true ------------------------


@pytest.fixture(scope="module")
def https_nginx(
    cluster: Cluster, database_url: str, key_prefix: str, static_root: Path, tmp_path_factory
) -> Iterator[Nginx]:
    """One node of an HTTPS=true site (its database migrated by ``cluster``) behind nginx."""
    env = {
        **node_env(database_url, key_prefix + "_https"),
        "HTTPS": "true",
        "SITE_URL": "https://example.com",
        "SECURE_HSTS_SECONDS": "3600",
    }
    workdir = tmp_path_factory.mktemp("https-site")
    node = Node("https", env, workdir)
    nginx = Nginx([node, node], workdir, static_root)  # site.conf names two nodes
    try:
        node.start()
        nginx.start()
        yield nginx
    finally:
        nginx.stop()
        node.stop()


@pytest.mark.parametrize("spoof", ["X-Forwarded-Proto: https", "X-Forwarded-Ssl: on", None])
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/backend/", API])
def test_plain_http_through_nginx_is_redirected_whatever_the_headers_say(https_nginx, spoof, path):
    headers = dict([spoof.split(": ")]) if spoof else {}
    status, reply = raw(https_nginx.port, http("GET", path, headers))
    assert status == 301, reply[:300]
    assert re.search(
        rb"(?im)^location: https://example\.com" + re.escape(path.encode()) + rb"\r$", reply
    )
    assert b"strict-transport-security" not in reply.lower()

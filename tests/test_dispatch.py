"""Tests for combined/dispatch.py: tenant dispatch by subdomain and by path.

The module is loaded by file path: combined/__init__.py may import Django,
and these tests must run without it.
"""

from __future__ import annotations

import ast
import importlib.util
import random
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import werkzeug.wsgi
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import NotFound
from werkzeug.test import EnvironBuilder, run_wsgi_app

DISPATCH_PY = Path(__file__).resolve().parents[1] / "combined" / "dispatch.py"


def _load_dispatch():
    spec = importlib.util.spec_from_file_location("combined_dispatch_under_test", DISPATCH_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


dispatch = _load_dispatch()
HYPOTHESIS = settings(database=None, deadline=None, max_examples=150)
DOMAIN = "example.com"


def echo_app(name):
    """A tiny tenant app whose body is 'name|SCRIPT_NAME|PATH_INFO'."""

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        body = f"{name}|{environ.get('SCRIPT_NAME', '')}|{environ['PATH_INFO']}"
        return [body.encode("utf-8", "surrogatepass")]

    return app


class Factory:
    """create_app stand-in: an app for known names, NotFound() for others; records calls."""

    def __init__(self, *known, delay=0.0):
        self.known, self.delay, self.calls = set(known), delay, []

    def __call__(self, name):
        self.calls.append(name)
        time.sleep(self.delay)
        return echo_app(name or "root") if name in self.known else NotFound()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


BASE_ENVIRON = EnvironBuilder(path="/").get_environ()
del BASE_ENVIRON["HTTP_HOST"]


def request(app, host=None, path="/", script_name=""):
    """Run one GET through ``app``; return (status code, body text)."""
    environ = dict(BASE_ENVIRON)
    if host is not None:
        environ["HTTP_HOST"] = host
    environ["PATH_INFO"], environ["SCRIPT_NAME"] = path, script_name
    app_iter, status, _headers = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0]), b"".join(app_iter).decode("utf-8", "surrogatepass")


def request_in_thread(app, host=None, path="/", timeout=5.0):
    """Like request(), but a dispatcher that hangs fails the test instead of the run."""
    results = []
    thread = threading.Thread(target=lambda: results.append(request(app, host, path)), daemon=True)
    thread.start()
    thread.join(timeout)
    assert results, f"request for {host} {path} still running after {timeout} s"
    return results[0]


def subdomains(factory, **options):
    return dispatch.SubdomainDispatcher(DOMAIN, factory, **options)


# --- hosts -----------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["alice.example.com", "ALICE.Example.COM", "alice.example.com:8000", "alice.example.com."],
)
def test_host_case_port_and_trailing_dot_are_normalised(host):
    factory = Factory("alice")
    assert request(subdomains(factory), host) == (200, "alice||/")
    assert factory.calls == ["alice"]


def test_ipv6_literal_port_is_stripped_and_the_literal_is_foreign():
    assert dispatch.parse_host("[::1]:8000") == "[::1]"
    assert dispatch.parse_host("[0:0:0::1]") == "[::1]"
    factory = Factory("alice")
    assert request(subdomains(factory), "[::1]:8000")[0] == 404
    assert factory.calls == []


def test_bare_domain_is_subdomain_empty_string():
    factory = Factory("")
    assert request(subdomains(factory), "Example.com.:443") == (200, "root||/")
    assert factory.calls == [""]
    assert request(subdomains(Factory()), "example.com")[0] == 404


@pytest.mark.parametrize(
    "host",
    ["evilexample.com", "alice.evilexample.com", "example.com.evil.net", "example.org",
     "localhost", "127.0.0.1:8000", "com", "a.b.example.com"],
)  # fmt: skip
def test_foreign_or_nested_host_gets_404_without_factory_call(host):
    factory = Factory("alice", "evil", "a", "b", "a.b", "")
    status, body = request(subdomains(factory), host)
    assert (status, factory.calls) == (404, [])
    assert "No site is served at this host name." in body


@pytest.mark.parametrize(
    "host",
    [None, "", " ", "alice example.com", "alice_x.example.com", "-alice.example.com",
     "alice-.example.com", "a..example.com", ".example.com", "a" * 64 + ".example.com",
     "alice.example.com..", "alice.example.com:", "alice.example.com:99999",
     "alice.example.com:80:80", "alice.example.com:8o", "alice.example.com:-1",
     "b\u00fccher.example.com", "\u212a.example.com", "\udcff.example.com", "[::1", "[::1]x",
     "[::1]:", "[fe80::1%eth0]", "[alice.example.com]", "alice.example.com\r\nX-A: b",
     "alice.example.com, bob.example.com", "user@alice.example.com", "x" * 10_000],
)  # fmt: skip
def test_missing_or_malformed_host_gets_400_without_factory_call(host):
    factory = Factory("alice", "bob")
    status, body = request(subdomains(factory), host)
    assert (status, factory.calls) == (400, [])
    assert "Missing or malformed Host header." in body and len(body) < 300


def test_server_name_is_not_used_when_host_header_is_missing():
    factory = Factory("alice")
    environ = EnvironBuilder(path="/").get_environ()
    del environ["HTTP_HOST"]
    environ["SERVER_NAME"] = "alice.example.com"
    assert run_wsgi_app(subdomains(factory), environ, buffered=True)[1].startswith("400")
    assert factory.calls == []


@pytest.mark.parametrize("domain", ["", "example.com:5000", "[::1]", "exa mple.com", "a..b"])
def test_bad_domain_is_refused_at_construction(domain):
    with pytest.raises(ValueError, match="domain"):
        dispatch.SubdomainDispatcher(domain, Factory())


def test_factory_returning_none_is_a_404():
    assert request(subdomains(lambda name: None), "nobody.example.com")[0] == 404


# --- caches ------------------------------------------------------------------


def test_apps_are_kept_in_an_lru_of_max_apps():
    factory = Factory("a", "b", "c")
    app = subdomains(factory, max_apps=2)
    for name in ["a", "b", "a", "c", "a", "b"]:
        assert request(app, f"{name}.example.com")[0] == 200
    assert factory.calls == ["a", "b", "c", "b"]  # "b" was least recently used when "c" came
    assert len(app) == 2


def test_unknown_tenant_is_remembered_until_ttl_then_a_new_tenant_appears():
    factory, clock = Factory(), Clock()
    app = subdomains(factory, negative_ttl=10, clock=clock)
    assert request(app, "carol.example.com")[0] == 404
    factory.known.add("carol")  # an admin creates the tenant
    clock.now += 9.9
    assert request(app, "carol.example.com")[0] == 404
    assert factory.calls == ["carol"]
    clock.now += 0.2
    assert request(app, "carol.example.com") == (200, "carol||/")
    assert factory.calls == ["carol", "carol"]


def test_built_app_is_rebuilt_after_max_age_so_a_changed_tenant_is_picked_up():
    clock, names = Clock(), {"alice": "Alice Ltd"}
    app = subdomains(lambda label: echo_app(names[label]), max_age=60, clock=clock)
    assert request(app, "alice.example.com") == (200, "Alice Ltd||/")
    names["alice"] = "Alice Inc"  # an admin renames the tenant
    clock.now += 59.9
    assert request(app, "alice.example.com") == (200, "Alice Ltd||/")
    clock.now += 0.2
    assert request(app, "alice.example.com") == (200, "Alice Inc||/")


def test_without_max_age_a_built_app_is_kept():
    clock, factory = Clock(), Factory("alice")
    app = subdomains(factory, clock=clock)
    request(app, "alice.example.com")
    clock.now += 10**9
    request(app, "alice.example.com")
    assert factory.calls == ["alice"]


def test_subdomain_dispatcher_answers_with_the_given_error_apps():
    def page(text):
        def app(environ, start_response):
            start_response("418 I'm a teapot", [("Content-Type", "text/html")])
            return [text.encode()]

        return app

    factory = Factory("alice")
    app = subdomains(factory, bad_host=page("bad"), unknown_host=page("unknown"))
    assert request(app, "bad host") == (418, "bad")
    assert request(app, "evilexample.com") == (418, "unknown")
    assert request(subdomains(lambda label: None, unknown_host=page("u")), "x.example.com") == (
        418,
        "u",
    )
    assert request(app, "alice.example.com") == (200, "alice||/")


def test_negative_cache_is_capped_and_can_be_disabled():
    capped, uncached = subdomains(Factory(), max_negative=3), subdomains(Factory(), negative_ttl=0)
    for name in "abcde":
        request(capped, f"{name}.example.com")
        request(uncached, f"{name}.example.com")
    assert (capped.cache.negative_count, uncached.cache.negative_count) == (3, 0)
    request(uncached, "a.example.com")
    assert uncached.cache._factory.calls.count("a") == 2


def test_evict_and_clear_make_the_next_request_rebuild():
    factory = Factory("alice", "bob")
    app = subdomains(factory)
    for host in ["alice.example.com", "bob.example.com", "nobody.example.com"]:
        request(app, host)
    app.cache.evict("alice")
    request(app, "alice.example.com")
    request(app, "bob.example.com")
    assert factory.calls == ["alice", "bob", "nobody", "alice"]
    app.cache.clear()
    assert (len(app), app.cache.negative_count) == (0, 0)
    request(app, "nobody.example.com")
    assert factory.calls[-1] == "nobody"


def test_evict_during_a_build_serves_that_build_but_does_not_keep_it():
    release, calls = threading.Event(), []

    def factory(name):
        calls.append(name)
        release.wait(timeout=5)
        return echo_app(f"{name}{len(calls)}")

    app = subdomains(factory)
    first = threading.Thread(target=request, args=(app, "alice.example.com"), daemon=True)
    first.start()
    while not calls:
        time.sleep(0.005)
    app.cache.evict("alice")  # the tenant changed while its old config was being read
    release.set()
    first.join(timeout=5)
    assert request_in_thread(app, "alice.example.com") == (200, "alice2||/")
    assert request_in_thread(app, "alice.example.com") == (200, "alice2||/")


@pytest.mark.parametrize(
    "options", [{"max_apps": 0}, {"max_negative": -1}, {"negative_ttl": -1}, {"max_age": -1}]
)
def test_bad_cache_options_are_refused(options):
    with pytest.raises(ValueError):
        subdomains(Factory(), **options)


def test_memory_stays_bounded_over_10000_random_hosts():
    rng = random.Random(1234)
    factory = Factory()
    factory.known = {f"t{i}" for i in range(0, 10_000, 10)}  # one tenant in ten exists
    app = subdomains(factory, max_apps=32, max_negative=64)
    peak_apps = peak_negative = 0
    statuses = []
    for _ in range(10_000):
        environ = dict(BASE_ENVIRON, HTTP_HOST=f"t{rng.randrange(10_000)}.example.com")
        app(environ, lambda status, headers: statuses.append(status[:3]))
        peak_apps, peak_negative = (
            max(peak_apps, len(app)),
            max(peak_negative, app.cache.negative_count),
        )
    assert (peak_apps, len(app)) == (32, 32)
    assert (peak_negative, app.cache.negative_count) == (64, 64)
    assert {"200", "404"} == set(statuses)


# --- concurrency -------------------------------------------------------------


def test_sixteen_simultaneous_first_requests_build_the_app_once():
    factory = Factory("alice", delay=0.2)
    app, barrier, statuses = subdomains(factory), threading.Barrier(16), []

    def hit():
        barrier.wait(timeout=5)
        statuses.append(request(app, "alice.example.com")[0])

    threads = [threading.Thread(target=hit, daemon=True) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert factory.calls == ["alice"]
    assert statuses == [200] * 16


def test_cached_tenant_is_fast_while_another_tenant_builds_slowly():
    factory = Factory("alice", "slow")
    app = subdomains(factory)
    request(app, "alice.example.com")
    factory.delay = 0.6
    builder = threading.Thread(target=request, args=(app, "slow.example.com"), daemon=True)
    builder.start()
    while "slow" not in factory.calls:
        time.sleep(0.005)
    for _ in range(5):
        started = time.perf_counter()
        assert request(app, "alice.example.com")[0] == 200
        assert time.perf_counter() - started < 0.2
    assert builder.is_alive()  # the requests above really overlapped the build
    builder.join(timeout=5)


def test_failed_build_is_not_cached_and_its_waiters_get_an_error():
    release, calls = threading.Event(), []

    def flaky(name):
        calls.append(name)
        if len(calls) == 1:
            release.wait(timeout=5)
            raise ConnectionError("tenant database is down")
        return echo_app(name)

    app, errors = subdomains(flaky), {}

    def hit(who):
        try:
            request(app, "alice.example.com")
        except Exception as exc:
            errors[who] = exc

    owner = threading.Thread(target=hit, args=("owner",), daemon=True)
    owner.start()
    while not calls:
        time.sleep(0.005)
    waiter = threading.Thread(target=hit, args=("waiter",), daemon=True)
    waiter.start()
    time.sleep(0.1)  # let the waiter block on the running build
    release.set()
    owner.join(timeout=5)
    waiter.join(timeout=5)
    assert not owner.is_alive() and not waiter.is_alive()
    assert isinstance(errors["owner"], ConnectionError)
    assert isinstance(errors["waiter"], dispatch.AppBuildError)
    assert isinstance(errors["waiter"].__cause__, ConnectionError)
    assert (len(app), app.cache.negative_count) == (0, 0)
    assert request_in_thread(app, "alice.example.com") == (200, "alice||/")
    assert calls == ["alice", "alice"]


# --- paths -------------------------------------------------------------------


def paths(factory, **options):
    return dispatch.PathDispatcher(echo_app("default"), factory, **options)


@pytest.mark.parametrize(
    ("path", "script_name", "expected"),
    [
        ("/alice/x/y", "", "alice|/alice|/x/y"),
        ("/alice", "", "alice|/alice|"),
        ("/alice/", "", "alice|/alice|/"),
        ("/alice/x", "/mount", "alice|/mount/alice|/x"),
        ("/alice/x", "/", "alice|/alice|/x"),
    ],
)
def test_path_segment_moves_to_script_name(path, script_name, expected):
    factory = Factory("alice")
    assert request(paths(factory), path=path, script_name=script_name) == (200, expected)
    assert factory.calls == ["alice"]


def test_unknown_segment_falls_back_to_default_app_untouched():
    calls = []
    app = paths(calls.append)  # create_app returns None
    assert request(app, path="/nobody/x", script_name="/m") == (200, "default|/m|/nobody/x")
    assert request(app, path="/nobody/y") == (200, "default||/nobody/y")
    assert calls == ["nobody"]  # remembered as unknown for negative_ttl


def test_segment_lookup_is_case_sensitive_and_matches_the_moved_segment():
    calls = []
    app = paths(lambda name: calls.append(name) or (echo_app(name) if name == "Alice" else None))
    assert request(app, path="/Alice/x") == (200, "Alice|/Alice|/x")
    assert request(app, path="/alice/x") == (200, "default||/alice/x")
    assert calls == ["Alice", "alice"]


@pytest.mark.parametrize(
    "path",
    ["", "/", "//alice/x", "/./alice/x", "/../alice", "/.", "/..", "/.alice", "/-alice",
     "/al ice/x", "/al%ice", "/caf\u00c3\u00a9/x", "/a;b/x", "/a\x00b", "/" + "a" * 64,
     "alice/x"],
)  # fmt: skip
def test_unsafe_or_empty_segment_goes_to_default_app_without_factory_call(path):
    factory = Factory("alice", "a", "", ".", "..", "a;b")
    assert request(paths(factory), path=path) == (200, f"default||{path}")
    assert factory.calls == []


def test_path_factory_error_propagates_and_is_retried():
    outcomes = iter([RuntimeError("boom"), echo_app("alice")])

    def flaky(name):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    app = paths(flaky)
    with pytest.raises(RuntimeError, match="boom"):
        request(app, path="/alice/x")
    assert request_in_thread(app, path="/alice/x") == (200, "alice|/alice|/x")


@HYPOTHESIS
@given(path=st.text(), script_name=st.sampled_from(["", "/m", "/m/n"]))
def test_property_looked_up_segment_is_the_moved_segment(path, script_name):
    seen = []
    app = paths(lambda name: seen.append(name) or echo_app(name))
    status, body = request(app, path=path, script_name=script_name)
    if seen:
        assert body == f"{seen[0]}|{script_name}/{seen[0]}|{path[len(seen[0]) + 1 :]}"
        assert path.startswith(f"/{seen[0]}")
    else:
        assert body == f"default|{script_name}|{path}"


# --- host properties ---------------------------------------------------------

labels = st.from_regex(r"[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?", fullmatch=True)


@HYPOTHESIS
@given(
    label=labels,
    domain=st.sampled_from(["example.com", "EXAMPLE.com", "example.com.", "localhost"]),
    port=st.none() | st.integers(1, 65535),  # port 0 is malformed (tests/test_host_rule.py)
    dot=st.booleans(),
)
def test_property_label_under_domain_is_found_whatever_case_port_or_dot(label, domain, port, dot):
    host = f"{label}.{domain.rstrip('.')}{'.' if dot else ''}{'' if port is None else f':{port}'}"
    assert dispatch.subdomain_of(host, domain) == label.lower()
    assert dispatch.subdomain_of(host.upper(), domain) == label.lower()


near_misses = st.from_regex(r"[a-z0-9.-]{0,12}example\.com(\.[a-z0-9-]{0,8})?", fullmatch=True)


@HYPOTHESIS
@given(host=near_misses | st.text())
def test_property_only_exact_label_boundaries_count(host):
    result = dispatch.subdomain_of(host, DOMAIN)
    plain = host == host.lower() and ":" not in host and not host.endswith(".")  # no normalising
    if plain and host != DOMAIN and not host.endswith("." + DOMAIN):
        assert result is None
    if result is not None:
        assert dispatch.parse_host(host) == (f"{result}." if result else "") + DOMAIN
        assert "." not in result and dispatch.parse_host(result or DOMAIN) == (result or DOMAIN)


@HYPOTHESIS
@given(host=st.text() | st.binary().map(lambda b: b.decode("latin-1")))
def test_property_parse_never_raises_and_is_idempotent(host):
    parsed = dispatch.parse_host(host)
    if parsed is None:
        assert dispatch.subdomain_of(host, DOMAIN) is None
    else:
        assert dispatch.parse_host(parsed) == parsed and parsed == parsed.lower()


@HYPOTHESIS
@given(ip=st.ip_addresses(v=6), port=st.none() | st.integers(1, 65535))
def test_property_ipv6_literals_parse_and_are_never_subdomains(ip, port):
    host = f"[{ip}]" + ("" if port is None else f":{port}")
    assert dispatch.parse_host(host) == f"[{ip.compressed}]"
    assert dispatch.subdomain_of(host, DOMAIN) is None


# --- regressions of the published "Application Dispatching" code -------------


def test_regression_host_suffix_match():
    factory = Factory("evil", "alice")
    assert request(subdomains(factory), "evilexample.com")[0] == 404
    assert request(subdomains(factory), "alice.evilexample.com")[0] == 404
    assert factory.calls == []


def test_regression_assert_under_python_O():
    script = textwrap.dedent(f"""
        import importlib.util, sys
        from werkzeug.test import EnvironBuilder, run_wsgi_app
        assert False, "asserts must be off"
        spec = importlib.util.spec_from_file_location("d", {str(DISPATCH_PY)!r})
        d = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(d)
        calls = []
        app = d.SubdomainDispatcher("example.com", calls.append)
        for host in ["evilexample.com", "a.b.example.com", "bad host", None]:
            environ = EnvironBuilder().get_environ()
            environ.pop("HTTP_HOST")
            if host:
                environ["HTTP_HOST"] = host
            print(run_wsgi_app(app, environ, buffered=True)[1].split()[0])
        print(sys.flags.optimize, calls)
    """)
    result = subprocess.run(
        [sys.executable, "-B", "-O", "-c", script], capture_output=True, text=True, timeout=10
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n") == ["404", "404", "400", "400", "1 []", ""]


def test_regression_unbounded_cache():
    clock, rng = Clock(), random.Random(99)
    app = subdomains(Factory(), max_negative=100, negative_ttl=60, clock=clock)
    hosts = [f"u{rng.getrandbits(64):x}.example.com" for _ in range(1000)]
    for host in hosts:
        assert request(app, host)[0] == 404
    assert (len(app), app.cache.negative_count) == (0, 100)  # the published code kept 1,004
    clock.now += 61
    request(app, hosts[-1])
    assert app.cache._factory.calls.count(hosts[-1].split(".")[0]) == 2


def test_regression_lock_held_during_build():
    release = threading.Event()

    def factory(name):
        if name == "slow":
            release.wait(timeout=10)
        return echo_app(name)

    app = subdomains(factory)
    request(app, "alice.example.com")
    builder = threading.Thread(target=request, args=(app, "slow.example.com"), daemon=True)
    builder.start()
    results = []
    reader = threading.Thread(
        target=lambda: results.append(request(app, "alice.example.com")), daemon=True
    )
    reader.start()
    reader.join(timeout=5)  # with the published global lock this waits for the build
    finished_during_build = not reader.is_alive() and not release.is_set()
    release.set()
    builder.join(timeout=5)
    assert finished_during_build and results == [(200, "alice||/")]


def test_regression_removed_werkzeug_helpers():
    import flask

    assert not hasattr(werkzeug.wsgi, "pop_path_info")
    assert not hasattr(werkzeug.wsgi, "peek_path_info")
    imported = {
        alias.name
        for node in ast.walk(ast.parse(DISPATCH_PY.read_text()))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert not imported & {"pop_path_info", "peek_path_info"}

    def create_app(name):
        tenant = flask.Flask(__name__)
        tenant.add_url_rule(
            "/page", "page", lambda: f"{flask.request.path} {flask.url_for('page')}"
        )
        return tenant

    app = dispatch.PathDispatcher(echo_app("default"), create_app)
    assert request(app, "localhost", path="/acme/page") == (200, "/page /acme/page")
    assert request(app, "localhost", path="/") == (200, "default||/")

"""``dev.py``: the README's commands set up from the lock file and say where the site is.

``python3 dev.py serve --port N`` must print and serve port N, and links in emails
(``SITE_URL``) must point at that server. The lock files must match
``pyproject.toml`` (``python3 dev.py lock`` refreshes them) and pin every package
with hashes, or a fresh clone installs something nobody tested.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
import tomllib

import pytest

import dev
from tests.servers import (
    ROOT,
    alive,
    descendants,
    free_port,
    get,
    running,
    site_env,
    wait_until_free,
)

NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(lock) -> dict[str, str]:
    """{name: version} of a lock file; every pin must carry hashes."""
    text = lock.read_text()
    pins = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", text, flags=re.MULTILINE))
    blocks = re.split(r"\n(?=[a-z0-9])", text.split("\n", 3)[-1])
    unhashed = [b.split()[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
    assert unhashed == [], f"pins without hashes in {lock.name}: {unhashed}"
    return {normal(name): version for name, version in pins.items()}


def test_serve_prints_and_serves_the_port_it_was_given(tmp_path):
    port = free_port()
    env = site_env(tmp_path)
    for name in ("DEBUG", "SITE_URL", "EMAIL_URL"):  # as in a developer's shell
        env.pop(name, None)
    log = tmp_path / "serve.log"
    args = [sys.executable, "dev.py", "serve", "--port", str(port), "--no-reload"]
    with running(args, env, f"http://127.0.0.1:{port}/", log):
        status, _, body = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"Welcome" in body
    output = log.read_text()
    assert f"The site is at http://127.0.0.1:{port}/ (Ctrl+C stops it)." in output
    assert "127.0.0.1:8000" not in output


# dev.py started as a script's background job (`python3 dev.py serve &`): SIGINT
# ignored from the start. Its child used to inherit that and ignore the SIGINT passed on.
AS_BACKGROUND_JOB = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
AS_BACKGROUND_JOB += "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"


@pytest.mark.parametrize(
    ("sig", "background"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGINT", "SIGINT-background-job"],
)
def test_a_stop_signal_to_serve_stops_its_server_and_reloader(tmp_path, sig, background):
    # `kill PID` of dev.py used to end dev.py alone: the reloader and the server it
    # started kept answering on the port.
    port = free_port()
    env = site_env(tmp_path)
    args = [sys.executable, "dev.py", "serve", "--port", str(port)]  # with the reloader
    if background:
        args[1:1] = ["-c", AS_BACKGROUND_JOB]
    with running(args, env, f"http://127.0.0.1:{port}/", tmp_path / "serve.log") as proc:
        children = descendants(proc.pid)
        assert len(children) >= 2, children  # `combined run` and the reloader's server
        os.kill(proc.pid, sig)  # that PID alone, as `kill PID` does
        assert wait_until_free(port, timeout=5), f"port {port} still taken 5 s after {sig!r}"
        deadline = time.monotonic() + 5
        while alive(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive(children) == set(), "children of dev.py survived it"
        assert proc.wait(timeout=5) in (0, 128 + sig)


def test_site_url_follows_the_serve_arguments():
    assert dev.site_url([]) == "http://127.0.0.1:8000"
    assert dev.site_url(["--port=9000"]) == "http://127.0.0.1:9000"
    everywhere = "0.0.0.0"  # noqa: S104 (only parsed, never bound)
    assert dev.site_url(["--host", everywhere, "--port", "81"]) == "http://127.0.0.1:81"
    assert dev.site_url(["--host", "localhost"]) == "http://localhost:8000"
    assert dev.site_url(["--host", "::1"]) == "http://[::1]:8000"


def test_the_lock_files_match_pyproject():
    assert dev.lock_is_current(dev.LOCK), "requirements/dev.txt is stale: python3 dev.py lock"
    assert dev.lock_is_current(dev.PRODUCTION_LOCK), "requirements/production.txt is stale"
    for lock in dev.SERVER_LOCKS.values():
        assert dev.lock_is_current(lock), f"requirements/{lock.name} is stale"


def test_the_lock_files_pin_every_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    dev_pins, production_pins = pinned(dev.LOCK), pinned(dev.PRODUCTION_LOCK)
    extras = project["optional-dependencies"]
    wanted = {normal(NAME.match(d)[1]) for d in [*project["dependencies"], *extras[dev.SITE]]}
    tools = {normal(NAME.match(d)[1]) for d in project["optional-dependencies"]["dev"]}
    assert wanted <= set(production_pins) and wanted | tools <= set(dev_pins)
    assert not tools & set(production_pins), "the production lock carries dev tools"
    # One version of each package, whichever file a machine installs from.
    assert {n: v for n, v in dev_pins.items() if n in production_pins} == production_pins
    # Each alternative server's file: the production set plus that server, nothing else.
    for extra, lock in dev.SERVER_LOCKS.items():
        server_pins = pinned(lock)
        added = {normal(NAME.match(d)[1]) for d in project["optional-dependencies"][extra]}
        assert set(server_pins) - set(production_pins) == added, lock.name
        assert {n: v for n, v in dev_pins.items() if n in server_pins} == server_pins

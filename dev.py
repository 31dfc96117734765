#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+.

    python3 dev.py serve   # venv + install + migrate + development server (SQLite)
    python3 dev.py test    # venv + install + the test suite (no extra services)
    python3 dev.py lock    # refresh requirements/*.txt from pyproject.toml (needs PyPI)

It creates ``.venv`` next to this file and installs the pinned, hash-checked
versions of ``requirements/dev.txt`` into it (again only when that file or
``pyproject.toml`` changed), then runs the command inside it. Extra arguments go to
the server (``--port 9000``) or to pytest (``-k settings``). ``lock`` resolves the
dependencies in ``pyproject.toml`` with uv, for every platform, and writes
``requirements/dev.txt`` (what ``serve`` and ``test`` install),
``requirements/production.txt`` (the same versions, without the dev tools) and one
file for each alternative server (``requirements/gunicorn.txt``, ``granian.txt``: the
production set plus that server).
This file is stdlib only on purpose: it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".installed"
EXTRAS = "dev"
SITE = "site"  # the template's own project beyond the layer (pyproject.toml): every lock
LOCK = ROOT / "requirements" / "dev.txt"
PRODUCTION_LOCK = ROOT / "requirements" / "production.txt"
SERVER_EXTRAS = ("gunicorn", "granian")  # each: production plus that server
SERVER_LOCKS = {extra: ROOT / "requirements" / f"{extra}.txt" for extra in SERVER_EXTRAS}
UV = "uv==0.13.9"  # the resolver `lock` uses; a pinned version gives the same files
LOCK_COMMAND = "python3 dev.py lock"
DEPENDENCIES_LINE = "# pyproject.toml dependencies: sha256 "
PIP = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]


def dependencies_digest() -> str:
    """A digest of what ``pyproject.toml`` asks for; the lock files record it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    asked = [project["dependencies"], *(extras[e] for e in (SITE, EXTRAS, *SERVER_EXTRAS))]
    return hashlib.sha256(json.dumps(asked).encode()).hexdigest()


def lock_is_current(lock: Path = LOCK) -> bool:
    return lock.exists() and f"{DEPENDENCIES_LINE}{dependencies_digest()}" in lock.read_text()


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)


def ensure_env() -> None:
    ensure_venv()
    if not lock_is_current():
        sys.exit(
            f"{LOCK.relative_to(ROOT)} does not match the dependencies in pyproject.toml: "
            f"run `{LOCK_COMMAND}`"
        )
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    print(f"installing the project and {LOCK.relative_to(ROOT)} ...", flush=True)
    subprocess.run([str(PYTHON), *PIP, "--require-hashes", "-r", str(LOCK)], check=True)
    subprocess.run([str(PYTHON), *PIP, "--no-deps", "-e", "."], check=True, cwd=ROOT)
    STAMP.write_text(want)


def lock() -> None:
    """Resolve pyproject.toml's dependencies into the hash-pinned lock files."""
    ensure_venv()
    subprocess.run([str(PYTHON), *PIP, UV], check=True)
    compile_ = [str(BIN / "uv"), "pip", "compile", "pyproject.toml", "--quiet",
                "--generate-hashes", "--universal", "--python-version", "3.11",
                "--custom-compile-command", LOCK_COMMAND, "--extra", SITE]  # fmt: skip
    header = f"{DEPENDENCIES_LINE}{dependencies_digest()}\n"
    targets = [(LOCK, ["--extra", EXTRAS]), (PRODUCTION_LOCK, ["-c", str(LOCK)])]
    targets += [(lock, ["--extra", e, "-c", str(LOCK)]) for e, lock in SERVER_LOCKS.items()]
    for target, extra in targets:
        target.parent.mkdir(exist_ok=True)
        subprocess.run([*compile_, *extra, "-o", str(target)], check=True, cwd=ROOT)
        target.write_text(header + target.read_text())
        print(f"wrote {target.relative_to(ROOT)}")


# What stops dev.py stops what it runs: without passing these on, `kill PID` ended
# dev.py alone, and the server it started (with werkzeug's reloader) kept the port.
STOP_SIGNALS = [signal.SIGTERM, signal.SIGINT]
if hasattr(signal, "SIGHUP"):  # not on Windows
    STOP_SIGNALS.append(signal.SIGHUP)


def _terminal_sent_it_too() -> bool:
    """True when we are the terminal's foreground group: Ctrl+C reached the child as well."""
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (AttributeError, OSError, ValueError):  # no terminal, or not POSIX
        return False


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> None:
    """Run ``args`` and wait; a stop signal sent to dev.py goes on to it."""
    started: list[subprocess.Popen[bytes]] = []
    early: list[int] = []  # a signal that came before the child started

    def forward(signum: int, _frame: object) -> None:
        if signum == signal.SIGINT and _terminal_sent_it_too():
            return  # a second Ctrl+C would cut the child's own clean-up short
        for proc in started:
            proc.send_signal(signum)
        if not started:
            early.append(signum)

    # Handled before the child starts, so it starts with their default action: a
    # script's background job (`python3 dev.py serve &`) begins with SIGINT ignored,
    # and a child inheriting that would ignore the SIGINT dev.py passes on.
    previous = {sig: signal.signal(sig, forward) for sig in STOP_SIGNALS}
    try:
        proc = subprocess.Popen(args, cwd=cwd, env=env)
        started.append(proc)
        for signum in early:
            proc.send_signal(signum)
        returncode = proc.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if returncode:  # a child ended by a signal: the shell's 128 + its number
        sys.exit(128 - returncode if returncode < 0 else returncode)


def site_url(args: list[str]) -> str:
    """Where ``combined run ARGS`` listens, as a URL (what ``SITE_URL`` defaults to)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    known, _ = parser.parse_known_args(args)
    host = "127.0.0.1" if known.host in ("", "0.0.0.0", "::") else known.host  # noqa: S104
    return f"http://{f'[{host}]' if ':' in host else host}:{known.port}"


def _env_file_sets(name: str) -> bool:
    path = os.environ.get("COMBINED_ENV_FILE", str(ROOT / ".env"))
    file = Path(path) if path else None
    if file is None or not file.is_file():
        return False
    return re.search(rf"^\s*{name}\s*=", file.read_text(), flags=re.MULTILINE) is not None


COMMANDS = {"serve", "test", "lock"}
USAGE = __doc__
# template-only:begin
# The template's own commands: set .venv/ up (no test run), then `combined new DEST ...`
# or `combined adopt PATH ...`.
COMMANDS |= {"new", "adopt"}
USAGE += "\nIn the template: python3 dev.py new DEST [options] sets .venv/ up (no test run)\n"
USAGE += "and makes a new project there (see README.md, or .venv/bin/combined new --help);\n"
USAGE += "python3 dev.py adopt PATH [options] adds the layer to your Django project at PATH.\n"
# template-only:end


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(USAGE)
    command, rest = argv[0], argv[1:]
    if command == "lock":
        lock()
        return
    ensure_env()
    # template-only:begin
    if command in {"new", "adopt"}:  # DEST/PATH is relative to where you are
        run(str(BIN / "combined"), command, *rest, cwd=Path.cwd())
        return
    # template-only:end
    if command == "serve":
        env = dict(os.environ)
        env.setdefault("DEBUG", "true")  # a local development server
        if "SITE_URL" not in env and not _env_file_sets("SITE_URL"):
            env["SITE_URL"] = site_url(rest)  # links in emails point at this server
        run(str(PYTHON), "manage.py", "migrate", "--noinput", env=env)
        print(f"\nThe site is at {site_url(rest)}/ (Ctrl+C stops it).\n", flush=True)
        run(str(BIN / "combined"), "run", *rest, env=env)
    else:
        run(str(PYTHON), "-m", "pytest", *rest)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl+C on the server: stop quietly
        sys.exit(130)

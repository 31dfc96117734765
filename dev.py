#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+: ``python3 dev.py COMMAND``.

It creates ``.venv`` next to this file, installs the project into it (again only
when ``pyproject.toml`` changed), then runs the command inside it. Extra
arguments go to the server (``--port 9000``) or to pytest (``-k settings``).
This file is stdlib only on purpose: it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".installed"
EXTRAS = "dev"
COMMANDS = {
    "serve": "venv + install + migrate + development server (SQLite)",
    "test": "venv + install + the test suite (no extra services)",
}
# template-only:begin
COMMANDS["new"] = "venv + install, then `combined new DEST ...`: a new project (no tests run)"
# template-only:end


def ensure_env() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    print("installing the project and its dependencies ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f".[{EXTRAS}]"], check=True, cwd=ROOT)
    STAMP.write_text(want)


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> None:
    result = subprocess.run(args, cwd=cwd, env=env)
    if result.returncode:
        sys.exit(result.returncode)


def usage() -> str:
    lines = [f"    python3 dev.py {name:<6}# {what}" for name, what in COMMANDS.items()]
    return "\n".join([__doc__.splitlines()[0], "", *lines])


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(usage())
    command, rest = argv[0], argv[1:]
    ensure_env()
    # template-only:begin
    if command == "new":  # DEST is relative to where you are, not to this file
        run(str(BIN / "combined"), "new", *rest, cwd=Path.cwd())
        return
    # template-only:end
    if command == "serve":
        env = dict(os.environ)
        env.setdefault("DEBUG", "true")  # a local development server
        run(str(PYTHON), "manage.py", "migrate", "--noinput", env=env)
        print("\nThe site is at http://127.0.0.1:8000/ (Ctrl+C stops it).\n", flush=True)
        run(str(BIN / "combined"), "run", *rest, env=env)
    else:
        run(str(PYTHON), "-m", "pytest", *rest)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl+C on the server: stop quietly
        sys.exit(130)

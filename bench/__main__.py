"""``python3 -m bench``: set up .venv with the ``bench`` extra, then run bench/run.py in it.

Why: the benchmarks need the project, uWSGI and matplotlib installed; this makes
one command work from a fresh clone, with nothing but Python 3.11+ (plus wrk and
nginx from the system). Stdlib only until it re-runs itself inside .venv.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
# Finding (not importing) the packages is enough to know the install is there, and fast.
PROBE = (
    "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in "
    "('matplotlib', 'django', 'flask', 'combined', 'pyuwsgi')))"
)


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv() -> None:
    if not PYTHON.exists():
        print("creating .venv/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    probe = subprocess.run([str(PYTHON), "-c", PROBE], cwd=ROOT, capture_output=True, check=False)
    if probe.returncode:
        print("installing the project with the bench extra into .venv/ ...", flush=True)
        subprocess.run(
            [
                str(PYTHON),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-e",
                ".[bench]",
            ],
            cwd=ROOT,
            check=True,
        )


if __name__ == "__main__":
    if sys.version_info < (3, 11):  # noqa: UP036 -- runs under any system python3
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not in_venv():
        ensure_venv()
        os.chdir(ROOT)
        os.execv(PYTHON, [str(PYTHON), "-m", "bench", *sys.argv[1:]])  # noqa: S606
    from bench.run import main

    sys.exit(main(sys.argv[1:]))

"""Run a short script in a fresh interpreter and read the JSON it prints last.

Why: the benchmark's in-process probes (the modules a worker imports, where a page
spends its time) each need an interpreter that has imported nothing yet, as a uWSGI
worker starts, so they run as ``python -c SCRIPT ARGS`` from the project root and
answer with one line of JSON. This is that one call and its failure message, in one
place.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run(script: str, args: list[str], env: dict[str, str], what: str) -> Any:
    """The JSON of the last line ``script`` prints; RuntimeError naming ``what`` if it fails."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{what} failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])

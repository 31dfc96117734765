"""Instructions per request under callgrind: per-request cost counted, not timed.

Why: on a shared machine wrk's CPU figures move by several per cent from round to
round, too much to tell whether one way of serving a page costs 3 % more than
another. Instructions counted by valgrind's callgrind repeat to about 0.001 %.
The app runs in one process under callgrind with instrumentation off (so Python
starts at a few times its speed); for each path it is warmed up, then counting is
turned on and zeroed, ``REQUESTS`` requests are made through werkzeug's test client,
and the counters are dumped (``callgrind_control``), so each dump holds exactly
those requests. A full garbage collection before each count starts every path from
the same state (one falling inside a count would add about 3 % to it).

When not to use it: for anything that happens outside the Python process (the
server, the router, the kernel); the wrk rounds measure that. Needs valgrind
(``apt-get install valgrind``); without it the figures are left out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 30
_CLIENT = """\
import gc, json, sys
sys.path.insert(0, {root!r})
from werkzeug.test import Client
from {module} import application
cookie_name, cookie_value = sys.argv[1].split("=", 1)
paths, warm_up, requests = json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
client = Client(application)
client.set_cookie(cookie_name, cookie_value, domain="127.0.0.1")
def get(path):
    response = client.get(path, headers={{"Host": "127.0.0.1"}})
    status = response.status_code
    response.close()
    if status != 200:
        sys.exit(f"{{path}} answered {{status}}")
for path in paths:
    for _ in range(warm_up):
        get(path)
    gc.collect()  # each count starts from the same collector state
    print("warm", flush=True)
    sys.stdin.readline()
    for _ in range(requests):
        get(path)
    print("done", flush=True)
    sys.stdin.readline()
"""
_TOTAL = re.compile(r"^summary:\s+(\d+)", re.M)


def available() -> bool:
    return shutil.which("valgrind") is not None and shutil.which("callgrind_control") is not None


def per_request(
    module: str, paths: dict[str, str], env: dict[str, str], cookie: str, requests: int
) -> dict[str, int]:
    """Instructions per request of ``module``'s ``application`` for each of ``paths``
    (name -> path), logged in with ``cookie``, after ``WARM_UP`` requests each."""
    found: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="bench-callgrind-") as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            _CLIENT.format(root=str(ROOT), module=module),
            cookie,
            json.dumps(list(paths.values())),
            str(WARM_UP),
            str(requests),
        ]
        env = {**env, "PYTHONHASHSEED": "0"}
        with subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        ) as valgrind:
            try:
                for number, name in enumerate(paths, start=1):
                    _expect(valgrind, "warm")
                    _control(valgrind.pid, "-i", "on")
                    _control(valgrind.pid, "-z")
                    _go_on(valgrind)
                    _expect(valgrind, "done")
                    _control(valgrind.pid, "-d")
                    _control(valgrind.pid, "-i", "off")
                    total = _TOTAL.search(Path(f"{out}.{number}").read_text())
                    found[name] = round(int(total.group(1)) / requests)
                    _go_on(valgrind)
            finally:
                if valgrind.poll() is None:
                    valgrind.kill()
    return found


def _expect(process: subprocess.Popen, word: str) -> None:
    line = process.stdout.readline().strip()
    if line != word:
        raise RuntimeError(f"callgrind run: expected {word!r}, got {line!r}")


def _go_on(process: subprocess.Popen) -> None:
    process.stdin.write("\n")
    process.stdin.flush()


def _control(pid: int, *args: str) -> None:
    subprocess.run(["callgrind_control", *args, str(pid)], capture_output=True, check=True)

"""The modules a combined worker imports beyond a Django worker and a Flask worker.

Why: the memory ratio compares one combined worker with one worker of each half, and
a module only the combined app loads is weight neither half carries. Each app is
imported in a fresh interpreter, as a uWSGI worker imports it (``lazy-apps``), and
asked for the pages its server is loaded with in the benchmark; then its
``sys.modules`` is read.

When not to use it: as a memory profile. It names modules, not bytes, and the
in-process client is not uWSGI (a worker's pages shared with its master are a
matter of /proc, see bench/measure.py).
"""

from __future__ import annotations

from bench import probe
from bench.probe import ROOT

_PROBE = """\
import importlib, json, sys
sys.path.insert(0, {root!r})
from werkzeug.test import Client
client = Client(importlib.import_module(sys.argv[1]).application)
for path in sys.argv[2:]:
    response = client.get(path, headers={{"Host": "127.0.0.1"}})
    response.close()
    if response.status_code != 200:
        sys.exit(f"{{sys.argv[1]}} answered {{response.status_code}} for {{path}}")
print(json.dumps(sorted(sys.modules)))
"""


def imported(module: str, paths: list[str], env: dict[str, str]) -> set[str]:
    """``sys.modules`` after importing ``module`` and getting each of ``paths``."""
    script = _PROBE.format(root=str(ROOT))
    return set(probe.run(script, [module, *paths], env, f"importing {module}"))


def beyond_halves(
    modules: dict[str, str], pages: dict[str, list[str]], env: dict[str, str]
) -> list[str]:
    """Modules of the ``combined`` app that neither ``django`` nor ``flask`` imports."""
    found = {name: imported(modules[name], pages[name], env) for name in modules}
    return sorted(found["combined"] - found["django"] - found["flask"])

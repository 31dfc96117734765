#!/usr/bin/env bash
# combined new: generate projects, install each into its own venv, run their tests.
# Exit code 5 (no tests collected) counts as a failure: the suite must really run.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m pytest -m generator -q

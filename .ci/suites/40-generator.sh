#!/usr/bin/env bash
# combined new: generate projects, install each into its own venv, run their tests;
# tests/test_polls_migration.py moves the tutorial's polls app to Flask by docs/migration.md.
# Exit code 5 (no tests collected) counts as a failure: the suite must really run.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m pytest -m generator -q

#!/usr/bin/env bash
# Generated projects pass their own README commands (tests/test_generator_ci.py): from a
# fresh clone, `python3 dev.py new` makes a project with every feature; it and one project
# per feature alone, plus one with none, each run `python3 dev.py test` (own venv) and
# `ruff check`; the full one serves its site. One after another, sharing pip's cache.
# tests/test_polls_migration.py moves the tutorial's polls app to Flask by docs/migration.md.
# Exit code 5 (no tests collected) counts as a failure: the suite must really run.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m pytest -m generator -q -rA -p no:cacheprovider

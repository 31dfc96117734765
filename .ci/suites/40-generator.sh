#!/usr/bin/env bash
# ci: beside -- long and mostly waiting on pip and subprocesses: in the background
# Generated projects pass their own README commands (tests/test_generator_ci.py, whose
# docstring says which projects run their own suite and why): from a fresh clone,
# `python3 dev.py new` makes a project with every feature, which collects its tests,
# passes ruff and serves its site (its tests are the template's own run's); core-only
# and each feature left out (that without the example on PostgreSQL, with path tenancy)
# each run `python3 dev.py test` (own venv) and `ruff check`, two at a time.
# tests/test_polls_migration.py moves the tutorial's polls app to Flask by
# docs/migration.md, and every combination of features passes `manage.py check`
# (tests/test_generator_slices.py), in a second pytest beside the first. The virtualenvs install from .ci/run's wheelhouse with pip's index off.
# Exit code 5 (no tests collected) counts as a failure: the suite must really run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${CI_WHEELHOUSE:-}" ]; then export PIP_NO_INDEX=1; fi
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
pytest=(.venv/bin/python -m pytest -m generator -q -rA -p no:cacheprovider)
"${pytest[@]}" --basetemp "$logs/tmp-projects" tests/test_generator_ci.py >"$logs/projects.log" 2>&1 &
projects=$!
"${pytest[@]}" --basetemp "$logs/tmp-polls" tests/test_polls_migration.py tests/test_generator_slices.py \
    >"$logs/polls.log" 2>&1 &
polls=$!
status=0
for job in "projects $projects" "polls $polls"; do
    set -- $job
    code=0
    wait "$2" || code=$?
    echo "== generator, $1 part: exit status $code"
    cat "$logs/$1.log"
    [ "$code" -eq 0 ] || status=1
done
exit "$status"

#!/usr/bin/env bash
# ci: beside -- long and mostly waiting on pip and subprocesses: in the background
# combined adopt on real open-source Django projects (tests/test_adopt_real.py, marker
# `adopt`): each in a fresh copy and virtualenv, installed from PyPI the way it installs,
# its own suite run before adoption, after it, after three pages moved to Flask, and
# with a moved view made wrong. .ci/services.sh has installed librrd-dev (Modoboa builds
# rrdtool's bindings) and libcurl4-openssl-dev (Healthchecks builds pycurl), and started
# Redis (Modoboa's cache). The projects run side by side: ephios in one pytest, the rest
# (Modoboa, Healthchecks) in another (-k 'not ephios', so a project added later runs
# too), each with its own folders and virtualenvs. Each pytest may take 45 minutes:
# beside the generator suite on a loaded 2-core machine, one project's two installs and
# four suite runs took over 25 (1500 s, the old limit for both in a row).
# Exit code 5 (no tests collected) fails the run: the suite must really run.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CI="${CI:-true}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
parts=("ephios" "not ephios")
pids=()
for i in "${!parts[@]}"; do
    timeout 2700 .venv/bin/python -m pytest -m adopt tests/test_adopt_real.py -k "${parts[$i]}" \
        -q -rA -p no:cacheprovider --basetemp "$work/tmp$i" >"$work/$i.log" 2>&1 &
    pids+=("$!")
done
status=0
for i in "${!parts[@]}"; do
    code=0
    wait "${pids[$i]}" || code=$?
    echo "== adopt, -k '${parts[$i]}': exit status $code"
    cat "$work/$i.log"
    [ "$code" -eq 0 ] || status=1
done
exit "$status"

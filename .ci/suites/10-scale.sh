#!/usr/bin/env bash
# ci: alone -- load: one at a time, with no other suite running beside it
# The scale and attack suites: nginx + two uWSGI nodes on PostgreSQL and Redis, load,
# faults, bad input (tests/scale/, marker `scale`), and hostile input under wrk load
# (tests/scale/test_attack.py, marker `attack`), in one pytest: the cluster is a session
# fixture, so both suites share one start of it (until 2026-12 the attack suite had a
# suite script of its own and started a second cluster, 17 s of a quiet machine).
# .ci/services.sh has installed nginx and wrk and started PostgreSQL and Redis. A
# throwaway database is created here and dropped at the end, even when the tests fail.
# The figures are printed in the "scale figures" and "attack figures" summaries.
# The nodes run uWSGI, the shipped default. SCALE_SERVER=gunicorn|granian runs the same
# suite on the alternatives; CI leaves them out for its time budget (docs/deploy.md, "What
# the scale suite measures"): tests/test_servers.py checks them on every run.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CI="${CI:-true}"

db="scale_$(date +%s)_$$"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE \"$db\""
trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"' EXIT
export SCALE_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db?connect_timeout=5"

timeout 900 .venv/bin/python -m pytest -m "scale or attack" tests/scale -s -rA -q

#!/usr/bin/env bash
# ci: alone -- load: one at a time, with no other suite running beside it
# The attack suite: hostile input through the shipped nginx to two uWSGI nodes on
# PostgreSQL and Redis, under wrk load (tests/scale/test_attack.py, marker `attack`).
# .ci/services.sh has installed nginx and wrk and started PostgreSQL and Redis. A
# throwaway database is created here and dropped at the end, even when the tests fail.
# The counts per class are printed in the "attack figures" summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CI="${CI:-true}"

db="attack_$(date +%s)_$$"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE \"$db\""
trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"' EXIT
export SCALE_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db?connect_timeout=5"

timeout 600 .venv/bin/python -m pytest -m attack tests/scale -s -rA -q

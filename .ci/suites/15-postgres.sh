#!/usr/bin/env bash
# The bad-input, host and production tests again, in process, on PostgreSQL: it
# refuses input SQLite takes (a NUL in text), so a 500 can hide from the SQLite run.
# .ci/services.sh has started PostgreSQL. pytest-django creates test_<db> from
# DATABASE_URL and drops it; the trap drops both databases, even when tests fail.
# The `postgres`-marked test proves the run was on PostgreSQL (a skip fails under CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CI="${CI:-true}"

db="hardening_$(date +%s)_$$"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE \"$db\""
drop() {
    for name in "$db" "test_$db"; do
        PGOPTIONS="-c client_min_messages=warning" psql -q -h 127.0.0.1 -U postgres -d postgres \
            -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)"
    done
}
trap drop EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db?connect_timeout=5"

files=(tests/test_bad_input.py tests/test_host_rule.py tests/test_production.py
       tests/test_combined.py tests/test_csrf.py)
# example:begin
files+=(tests/test_notes_input.py tests/test_notes_rules.py)
# example:end
timeout 600 .venv/bin/python -m pytest -q -p no:cacheprovider \
    -m "postgres or not (scale or browser or generator)" "${files[@]}"

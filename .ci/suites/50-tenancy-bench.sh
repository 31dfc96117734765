#!/usr/bin/env bash
# Smoke run of the tenancy benchmarks (short): both must still run and reach the
# tenant's backend. The figures in README "Multi-tenant backends" come from full runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python bench/dispatch_bench.py --quick
.venv/bin/python bench/tenancy_bench.py --quick

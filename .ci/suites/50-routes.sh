#!/usr/bin/env bash
# `combined routes` as a gate: exit status 1 when Django and the migrated Flask
# pages claim the same path, a route hides under BACKEND_PREFIX, or a handed-over
# Django URL has no Flask route (docs/migration.md). Runs after `dev.py test`,
# which created .venv. DEBUG as in the README's command: nothing is served or signed.
set -euo pipefail
cd "$(dirname "$0")/../.."
DEBUG=true .venv/bin/combined routes

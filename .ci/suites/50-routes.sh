#!/usr/bin/env bash
# `combined routes` as a gate: exit status 1 when Django and the migrated Flask
# pages claim the same path, a route hides under BACKEND_PREFIX, or a handed-over
# Django URL has no Flask route (docs/migration.md). Runs after `dev.py test`,
# which created .venv. The key only satisfies the settings check; nothing is signed.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECRET_KEY="${SECRET_KEY:-ci-routes-check-only}" .venv/bin/combined routes

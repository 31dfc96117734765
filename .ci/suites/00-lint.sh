#!/usr/bin/env bash
# Lint: ruff check and ruff format --check with the pinned ruff in .venv (dev.py test
# installed it), and the pre-commit hooks developers run, on every file.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
PRE_COMMIT_HOME="$(mktemp -d)"
export PRE_COMMIT_HOME
trap 'rm -rf "$PRE_COMMIT_HOME"' EXIT
.venv/bin/pre-commit validate-config .pre-commit-config.yaml
.venv/bin/pre-commit run --all-files --show-diff-on-failure

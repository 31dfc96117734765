#!/usr/bin/env bash
# combined adopt on real open-source Django projects (tests/test_adopt_real.py, marker
# `adopt`): each in a fresh copy and virtualenv, installed from PyPI the way it installs,
# its own suite run before adoption, after it, after three pages moved to Flask, and
# with a moved view made wrong. .ci/services.sh has installed librrd-dev (Modoboa builds
# rrdtool's bindings) and libcurl4-openssl-dev (Healthchecks builds pycurl), and started
# Redis (Modoboa's cache). Exit code 5 (no tests collected) fails the run: the suite
# must really run.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CI="${CI:-true}"
timeout 1500 .venv/bin/python -m pytest -m adopt tests/test_adopt_real.py -q -rA -p no:cacheprovider

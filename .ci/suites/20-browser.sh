#!/usr/bin/env bash
# The real-browser suite: headless Chromium against uWSGI (tests marked `browser`).
# `python3 dev.py test` has created .venv; Selenium lives in the `browser` extra.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,browser]'
status=0
.venv/bin/python -m pytest -m browser -p no:cacheprovider || status=$?
if [ "$status" -eq 5 ]; then
    echo "20-browser: no browser tests were collected" >&2
fi
exit "$status"

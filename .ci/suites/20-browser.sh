#!/usr/bin/env bash
# The real-browser suite: headless Chromium against uWSGI (tests marked `browser`).
# `python3 dev.py test` has created .venv; Selenium lives in the `browser` extra. Only
# the extra's requirements are installed, not the project again: suites running beside
# this one (.ci/run) use .venv, and reinstalling the editable project would pull it away
# from under them for a moment.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t extra < <(python3 -c 'import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["browser"]))')
.venv/bin/python -m pip install --quiet --disable-pip-version-check "${extra[@]}"
status=0
.venv/bin/python -m pytest -m browser -p no:cacheprovider || status=$?
if [ "$status" -eq 5 ]; then
    echo "20-browser: no browser tests were collected" >&2
fi
exit "$status"

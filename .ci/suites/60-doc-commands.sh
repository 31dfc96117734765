#!/usr/bin/env bash
# ci: early -- needs no .venv (stdlib only), so it runs beside the README's test command
# Every shell block of README.md and docs/*.md, verbatim, in a fresh copy of the
# tracked files (tests/doc_commands.py): a command that fails on a fresh clone fails
# CI. Skipped blocks are listed with their reason at the end of the output; under
# .ci/run that includes `python3 dev.py test`, .ci/run's own first part
# (DOC_COMMANDS_ALREADY_RUN). The virtualenvs the blocks make install from .ci/run's
# wheelhouse (PIP_FIND_LINKS), with pip's index off; the one block that needs PyPI
# (`python3 dev.py lock`) resolves with uv, which does not read pip's settings.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${CI_WHEELHOUSE:-}" ]; then export PIP_NO_INDEX=1; fi
timeout 2400 python3 -m tests.doc_commands

#!/usr/bin/env bash
# Every shell block of README.md and docs/*.md, verbatim, in a fresh copy of the
# tracked files (tests/doc_commands.py): a command that fails on a fresh clone fails
# CI. Skipped blocks are listed with their reason at the end of the output.
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout 2400 .venv/bin/python -m tests.doc_commands

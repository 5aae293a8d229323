#!/usr/bin/env bash
# One command from a fresh machine to a full test run (unit, CLI, AppTest, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest -q "$@"

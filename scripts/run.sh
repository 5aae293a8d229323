#!/usr/bin/env bash
# One command from a fresh machine to the dashboard on the bundled seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
ZHIBIAO_SKIP_APT=1 bash scripts/setup.sh
exec .venv/bin/python -m streamlit run app.py --server.headless true --browser.gatherUsageStats false "$@"

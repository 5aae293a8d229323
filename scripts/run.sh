#!/usr/bin/env bash
# One command from a fresh machine to the dashboard on the bundled seed corpus.
# Listens on loopback only (http://localhost:8501); ZHIBIAO_ADDRESS=0.0.0.0 offers it
# to the network, ZHIBIAO_PORT changes the port, ZHIBIAO_DATA_DIR the corpus shown.
set -euo pipefail
cd "$(dirname "$0")/.."
ZHIBIAO_SKIP_APT=1 bash scripts/setup.sh
exec .venv/bin/python -m streamlit run app.py --server.headless true --browser.gatherUsageStats false \
  --server.address "${ZHIBIAO_ADDRESS:-127.0.0.1}" --server.port "${ZHIBIAO_PORT:-8501}" \
  --client.toolbarMode viewer "$@"

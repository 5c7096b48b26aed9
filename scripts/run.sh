#!/usr/bin/env bash
# Install what the app needs, prepare the demo database if there is none, start the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/tracker demo --if-missing
exec .venv/bin/streamlit run streamlit_app.py --server.port "${PORT:-8501}" "$@"

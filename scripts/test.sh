#!/usr/bin/env bash
# Install the test dependencies (Python packages and Debian's chromium) and run
# every test: lint, unit, page (AppTest) and browser (Playwright) tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
fi
if [ ! -x /usr/sbin/nginx ]; then  # tests/test_serve.py runs two app processes behind it
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
fi
bash scripts/setup.sh test
# axe-core (npm) for the accessibility browser test; the lock file pins it
if [ ! -f tests/node/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/node --no-audit --no-fund --silent
fi
.venv/bin/ruff check .
export TRACKER_REQUIRE_BROWSER=1
exec .venv/bin/python -m pytest -n 2 -q -p no:cacheprovider "$@"

#!/usr/bin/env bash
# Mutation testing of the core domain (rollup, league, validation, permissions) with
# mutmut. Slow-ish and not part of scripts/test.sh. Usage:
#   bash scripts/mutate.sh                 # every mutant of the four modules
#   bash scripts/mutate.sh league          # one module (rollup|league|validation|permissions)
#   .venv/bin/mutmut results               # the survivors; mutmut show NAME shows one
# mutmut works in mutants/ (a mutated copy of tracker/ and tests/, git-ignored); the
# modules and the tests it runs are set in pyproject.toml [tool.mutmut].
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/mutmut ] || bash scripts/setup.sh test
export TRACKER_ARGON2_TEST=1
if [ $# -gt 0 ]; then
  .venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-1}" "tracker.domain.$1.*"
else
  .venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-1}"
fi
# per module: killed / survived (the survivors are listed by `mutmut results`)
.venv/bin/mutmut results --all true 2>/dev/null | awk -F: '
  { split($1, a, "."); st = $2; gsub(/ /, "", st); n[a[3] " " st]++ }
  END { for (k in n) print k, n[k] }' | sort
.venv/bin/mutmut results 2>/dev/null | grep -v "not checked" || true

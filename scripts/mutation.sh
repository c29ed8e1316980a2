#!/usr/bin/env bash
# Mutation testing, one module per run (see docs/mutation.md).
#
#   scripts/mutation.sh catalogue/safety      # run the mutants of src/trd_cli/catalogue/safety.py
#   scripts/mutation.sh render/csv 1          # ... with one worker instead of two
#   scripts/mutation.sh catalogue/checks 2 'xǁChecksǁcheck_*'   # only some functions
#   scripts/mutation.sh --results             # list every surviving mutant so far
#
# The modules it may mutate are listed under [tool.mutmut] only_mutate in pyproject.toml.
# Results are kept in mutants/ (not committed); delete it to start afresh. The first run also
# runs the whole suite once, serially, to learn which tests reach which function.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
MUTMUT="$(dirname "$PY")/mutmut"

if [ "${1:-}" = "--results" ]; then
  exec "$MUTMUT" results
fi
if [ $# -lt 1 ]; then
  echo "usage: scripts/mutation.sh MODULE [WORKERS [FUNCTIONS]]   (MODULE like catalogue/checks)" >&2
  exit 2
fi
module="${1%.py}"
module="${module#src/trd_cli/}"
workers="${2:-2}"
if [ ! -f "src/trd_cli/$module.py" ]; then
  echo "scripts/mutation.sh: no module src/trd_cli/$module.py" >&2
  exit 2
fi
pattern="trd_cli.${module//\//.}.${3:-*}"

# mutmut redraws a progress line many times a second: keep only its last state.
"$MUTMUT" run --max-children "$workers" "$pattern" | tr '\r' '\n' | grep -v '^ *$' | tail -n 3 >&2 || true
# The score: killed / (all - those judged equivalent in docs/mutation.md), counted from mutmut's
# own results for this module.
"$MUTMUT" results --all true 2>/dev/null | "$PY" -c '
import fnmatch, sys
pattern = sys.argv[1]
counts = {}
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if fnmatch.fnmatchcase(name, pattern):
        counts[status] = counts.get(status, 0) + 1
total = sum(counts.values())
print(f"{pattern}: {total} mutants: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
' "$pattern"

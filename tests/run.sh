#!/usr/bin/env bash
# The README's test command: every test on SQLite and on a real PostgreSQL server.
# Uses $LEDGER_TEST_PG when set; otherwise starts a throwaway server and stops it afterwards.
# Fails when any PostgreSQL test was skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
started=""
if [ -z "${LEDGER_TEST_PG:-}" ]; then
  dir=$(mktemp -d /tmp/ledger-pg.XXXXXX)
  port=$((20000 + RANDOM % 20000))
  LEDGER_TEST_PG=$(bash tests/pg.sh start "$dir" "$port") || { echo "could not start PostgreSQL"; exit 1; }
  export LEDGER_TEST_PG
  started="$dir"
  trap 'bash tests/pg.sh stop "$started"; rm -rf "$started"' EXIT
fi
# The dashboard is tested in a real headless Chromium (Debian's chromium and chromium-driver).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium not found; installing chromium and chromium-driver with apt" >&2
    (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
      apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 || echo "Chromium install failed" >&2
  fi
fi
# PDF: WeasyPrint's system libraries (pango) and pdftotext, installed with apt when missing.
bash tests/system-deps.sh
export LEDGER_REQUIRE_PG=1 LEDGER_REQUIRE_BROWSER=1
# The type checker first (its settings: [tool.mypy] in pyproject.toml); a type error fails the run.
"$BIN/mypy" || { echo "FAIL: mypy found type errors"; exit 1; }
# Tests write only inside their temporary directories: the working tree (files changed, new or
# ignored, ./ledger-demo and ./ledger.db included, by content) must be the same after the run.
tree_state() {
  git status --porcelain --ignored --untracked-files=all -- . ':!.venv' 2>/dev/null \
    | grep -vE '(__pycache__/|\.pyc$|^!! \.pytest_cache/|^!! \.hypothesis/|^!! \.ruff_cache/|\.egg-info/)' \
    | while IFS= read -r line; do
        path=${line:3}
        if [ -f "$path" ]; then echo "$line $(sha256sum < "$path" | cut -c1-64)"; else echo "$line"; fi
      done
}
# The Dutch catalog compiled (ledger/locale/nl/LC_MESSAGES/ledger.mo) before the tree is looked at.
"$BIN/python" -c "from ledger.i18n import catalog; catalog('nl')"
before_tree=$(mktemp); after_tree=$(mktemp)
tree_state > "$before_tree"
log=$(mktemp)
"$BIN/pytest" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
tree_state > "$after_tree"
if ! diff -u "$before_tree" "$after_tree" > /dev/null; then
  echo "FAIL: the tests changed the working tree (they must write only in their temporary directories):"
  diff -u "$before_tree" "$after_tree" | grep -E '^[-+][^-+]'
  status=1
fi
rm -f "$before_tree" "$after_tree"
summary=$(grep -E '^PostgreSQL tests: ' "$log" | tail -n 1)
rm -f "$log"
if [ -z "$summary" ]; then echo "no PostgreSQL summary line"; exit 1; fi
pg_passed=$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
pg_skipped=$(echo "$summary" | sed -E 's/.*, ([0-9]+) skipped.*/\1/')
if [ "$pg_skipped" != "0" ]; then echo "FAIL: $pg_skipped PostgreSQL tests were skipped"; exit 1; fi
if [ "$pg_passed" = "0" ] && [ "$status" = 0 ]; then echo "FAIL: no PostgreSQL test ran"; exit 1; fi
exit "$status"

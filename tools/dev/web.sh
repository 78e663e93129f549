# shellcheck shell=bash
# The web app (web/): its npm packages (npm ci, again whenever package-lock.json changes), its build
# (web/dist, which the Api serves at / through Web__Root) and its unit tests (Vitest), counted in
# the test summary like the .NET tests.

WEB="$ROOT/web"

web_install() {
  # Vite 8 needs Node.js 20.19 or later (Debian 12's own nodejs package is 18).
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' || {
    warn "the web app needs Node.js 20.19 or later; this is $(node --version) (install it from nodejs.org or NodeSource)"
    return 1
  }
  local lock_sum stamp="$WEB/node_modules/.platform-lock.sha256"
  lock_sum=$(sha256sum "$WEB/package-lock.json" | cut -d' ' -f1)
  if [[ ! -d "$WEB/node_modules" || ! -f "$stamp" || "$(<"$stamp")" != "$lock_sum" ]]; then
    say "Installing the web app's packages (npm ci in web/)…"
    (cd "$WEB" && npm ci --no-audit --no-fund --no-progress --loglevel=error) || return 1
    printf '%s\n' "$lock_sum" >"$stamp"
  fi
}

web_build() {
  say "Building the web app (web/dist)…"
  (cd "$WEB" && npm run --silent build >"$LOGS/web-build.log" 2>&1) || {
    tail -n 30 "$LOGS/web-build.log" >&2
    return 1
  }
}

# web_unit_tests RESULTS_DIR: Vitest with a JSON report, its counts added to the totals.
web_unit_tests() {
  local report="$1/web-unit.json" rc=0 counts p f s
  say ""
  say "=== web (Vitest)"
  (cd "$WEB" && npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report") || rc=$?
  if [[ ! -f "$report" ]]; then
    test_problem "web: no Vitest results (exit code $rc)"
    return 0
  fi
  counts=$(node -e 'const r = require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + (r.numTodoTests || 0))' "$report")
  read -r p f s <<<"$counts"
  T_PASSED=$((T_PASSED + p)) T_FAILED=$((T_FAILED + f)) T_SKIPPED=$((T_SKIPPED + s)) T_RAN=$((T_RAN + p + f))
  say "web: $p passed, $f failed, $s skipped"
  if ((rc != 0 && f == 0)); then test_problem "web: Vitest exited with $rc"; fi
}

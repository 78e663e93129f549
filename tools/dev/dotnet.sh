# shellcheck shell=bash disable=SC2153  # SILO_DLL, API_DLL: from common.sh
# .NET: the Release build, the silo and the Api of `./dev.sh up`, and the test run with its
# accounting (trx files → "N passed, N failed, N skipped", always the last line).

SILO_URL=http://127.0.0.1:8081
API_URL=http://127.0.0.1:5000
# The Api's management port (/metrics), as in Api/appsettings.Development.json.
API_METRICS_URL=http://127.0.0.1:9464

# build_solution: the solution, then any tests/*/*.csproj the solution does not list (so a new
# test project runs even before it is added to the solution).
build_solution() {
  [[ -f "$ROOT/$SOLUTION" ]] || { warn "$SOLUTION not found in $ROOT"; return 1; }
  local extra=()
  # Persistent build servers would outlive a CI run (and may hold its output open).
  [[ -z "${CI:-}" ]] || extra+=(--disable-build-servers)
  (cd "$ROOT" && dotnet build "$SOLUTION" -c Release "${extra[@]}") || return 1
  local proj
  for proj in $(test_csprojs); do
    if ! grep -qF "${proj//\//\\}" "$ROOT/$SOLUTION"; then
      warn "$proj is not in $SOLUTION; building it on its own"
      (cd "$ROOT" && dotnet build "$proj" -c Release "${extra[@]}") || return 1
    fi
  done
}

# test_csprojs: every tests/*/*.csproj, relative to ROOT (paths without spaces).
test_csprojs() {
  local p
  for p in "$ROOT"/tests/*/*.csproj; do
    if [[ -f "$p" ]]; then printf '%s\n' "${p#"$ROOT"/}"; fi
  done
}

# test_projects: the test projects among them: all but those that say
# <IsTestProject>false</IsTestProject> (shared test code, e.g. tests/Testing).
test_projects() {
  local p
  for p in $(test_csprojs); do
    if ! grep -qiE '<IsTestProject>[[:space:]]*false[[:space:]]*</IsTestProject>' "$ROOT/$p"; then printf '%s\n' "$p"; fi
  done
}

# ---------------------------------------------------------------------------------------
# Silo and Api (profile up). Each reads its settings beside its binaries (appsettings*.json);
# they run in their project folders so relative paths in their logs make sense.
# ---------------------------------------------------------------------------------------
# Silo and Api talk mutual TLS with the dev certificates (cluster_certs).
cluster_tls_env() {
  printf '%s\n' Orleans__Tls__Enabled=true "Orleans__Tls__CertificatePath=$CERTS/node.crt" \
    "Orleans__Tls__KeyPath=$CERTS/node.key" "Orleans__Tls__CaPath=$CERTS/ca.crt"
}
cluster_certs() {
  command -v openssl >/dev/null || die "openssl not found (apt-get install openssl)"
  "$ROOT/docker/cluster-certs.sh" "$CERTS" "$CERTS/ca-key" >/dev/null || die "could not make the dev certificates in $CERTS"
}

silo_spawn() {
  local tls
  mapfile -t tls < <(cluster_tls_env)
  spawn silo "$LOGS/silo.log" env -C "$ROOT/Silo" DOTNET_ENVIRONMENT=Development "${tls[@]}" \
    dotnet "$SILO_DLL" --urls "$SILO_URL"
}
silo_kill() { kill_stuck silo "$RUN/silo.pid" 30; }
api_spawn() {
  local tls
  mapfile -t tls < <(cluster_tls_env)
  spawn api "$LOGS/api.log" env -C "$ROOT/Api" DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS="$API_URL;$API_METRICS_URL" Web__Root="$ROOT/web/dist" \
    "${tls[@]}" dotnet "$API_DLL"
}
api_kill() { kill_stuck api "$RUN/api.pid" 30; }

apps_start() {
  [[ -f "$SILO_DLL" ]] || die "$SILO_DLL not found (did the build succeed?)"
  [[ -f "$API_DLL" ]] || die "$API_DLL not found (did the build succeed?)"
  cluster_certs
  if service_running silo; then
    say "silo: already running (pid $(<"$RUN/silo.pid"))"
  else
    require_free_port "${SILO_URL##*:}" silo
    start_with_retry silo "$START_TIMEOUT_APP" "$LOGS/silo.log" "$RUN/silo.pid" silo_spawn silo_kill \
      http_ok "$SILO_URL/health/live"
    say "silo: running, $SILO_URL (pid $(<"$RUN/silo.pid"))"
  fi
  if service_running api; then
    say "api: already running (pid $(<"$RUN/api.pid"))"
    wait_until api "$START_TIMEOUT_APP" "$LOGS/api.log" "$RUN/api.pid" http_ok "$API_URL/health/ready" ||
      die "the running Api is not ready; ./dev.sh down stops it"
    http_ok "$API_METRICS_URL/metrics" ||
      warn "the running Api serves no metrics at $API_METRICS_URL (started by an older version?); ./dev.sh down, then up"
  else
    require_free_port "${API_URL##*:}" api
    require_free_port "${API_METRICS_URL##*:}" api
    start_with_retry api "$START_TIMEOUT_APP" "$LOGS/api.log" "$RUN/api.pid" api_spawn api_kill \
      http_ok "$API_URL/health/ready"
    say "api: ready, $API_URL (pid $(<"$RUN/api.pid"))"
  fi
}

# ---------------------------------------------------------------------------------------
# Test run (profile test)
# ---------------------------------------------------------------------------------------
T_PASSED=0 T_FAILED=0 T_SKIPPED=0 T_SUMMARY_DONE=0 T_RAN=0
T_PROBLEMS=()

# A problem that no trx file counts (a service that did not start, a failed build, a project
# without results…) counts as one failed test, so a failing run never reads "0 failed".
test_problem() {
  warn "$*"
  T_PROBLEMS+=("$*")
  T_FAILED=$((T_FAILED + 1))
}

# trx_counter FILE NAME: a ResultSummary/Counters attribute of a trx file (0 when absent).
trx_counter() {
  local v
  v=$(grep -o '<Counters [^>]*>' "$1" 2>/dev/null | head -n1 | grep -o " $2=\"[0-9]*\"" | tr -dc '0-9' || true)
  printf '%s\n' "${v:-0}"
}

# count_trx FILE: adds a trx file's counts to the totals; prints the file's own line.
count_trx() {
  local trx=$1 name=$2 t x ne p f=0 c
  t=$(trx_counter "$trx" total)
  x=$(trx_counter "$trx" executed)
  ne=$(trx_counter "$trx" notExecuted)
  p=$(trx_counter "$trx" passed)
  for c in failed error timeout aborted; do f=$((f + $(trx_counter "$trx" "$c"))); done
  # xunit's skipped tests count in total but not in executed (notExecuted stays 0).
  if ((t - x > ne)); then ne=$((t - x)); fi
  T_PASSED=$((T_PASSED + p)) T_FAILED=$((T_FAILED + f)) T_SKIPPED=$((T_SKIPPED + ne)) T_RAN=$((T_RAN + p + f))
  say "$name: $p passed, $f failed, $ne skipped"
  LAST_TRX_FAILED=$f
}

test_summary() {
  T_SUMMARY_DONE=1
  say "$T_PASSED passed, $T_FAILED failed, $T_SKIPPED skipped"
}

# On any exit of `./dev.sh test`: stop the services it started; when the run ended before its
# summary (a service that did not start, a failed build, Ctrl-C…), count that as a failure and
# print the summary anyway.
test_on_exit() {
  local rc=$?
  trap - EXIT
  (stop_test_services) >&2 || warn "stopping the test services failed"
  if ((!T_SUMMARY_DONE)); then
    ((rc != 0)) || rc=1
    test_problem "the test run stopped early (exit code $rc)"
    test_summary
  fi
  exit "$rc"
}

TEST_STARTED=()
stop_test_services() {
  local i
  for ((i = ${#TEST_STARTED[@]} - 1; i >= 0; i--)); do stop_service "${TEST_STARTED[$i]}" || true; done
  TEST_STARTED=()
}

# run_tests [dotnet test args…]
run_tests() {
  trap test_on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  load_profile test
  ensure_deps test
  prepare_dirs

  # Services already running for this profile (./dev.sh services test) are reused and left
  # running; the rest start on fresh data and are stopped on exit, also on failure or ctrl-c.
  local s fresh=1
  for s in "${SERVICES[@]}"; do if service_running "$s"; then fresh=0; fi; done
  if ((fresh)); then
    rm -rf "$SVC_ROOT/postgres" "$SVC_ROOT/rabbitmq" "$STATE/s3" "$STATE/maildev"
  fi
  for s in "${SERVICES[@]}"; do
    if service_running "$s"; then
      say "$s: already running, reused"
      [[ "$s" != oidc ]] || oidc_warn_if_stale
    else
      TEST_STARTED+=("$s")
      start_service "$s"
    fi
  done

  local results="$STATE/results"
  rm -rf "$results"
  mkdir -p "$results"
  eval "$(test_env)"

  build_solution || die "build failed"
  if web_install && web_build; then
    export PLATFORM_TEST_WEB_ROOT="$ROOT/web/dist"
    # A filtered run (./dev.sh test --filter X) is about .NET tests only.
    if (($# == 0)); then web_unit_tests "$results"; fi
  else
    test_problem "the web app did not install or build (see $LOGS/web-build.log)"
  fi

  say ""
  say "=== docker-compose.yml"
  REQUIRE_COMPOSE=1 "$ROOT/docker/validate-compose.sh" || test_problem "docker-compose.yml does not validate"

  local projects=() proj name rc
  mapfile -t projects < <(test_projects)
  ((${#projects[@]})) || test_problem "no test projects under tests/*/"
  for proj in "${projects[@]}"; do
    name=$(basename "$proj" .csproj)
    say ""
    say "=== $name"
    rc=0
    (cd "$ROOT" && dotnet test "$proj" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
      --results-directory "$results" "$@") || rc=$?
    if [[ ! -f "$results/$name.trx" ]]; then
      test_problem "$name: no test results (exit code $rc)"
      continue
    fi
    count_trx "$results/$name.trx" "$name"
    if ((rc != 0 && LAST_TRX_FAILED == 0)); then test_problem "$name: dotnet test exited with $rc"; fi
  done
  if ((T_RAN == 0)); then test_problem "no test ran"; fi

  stop_test_services
  local p
  if ((${#T_PROBLEMS[@]})); then
    warn "counted as failed besides the failed tests:"
    for p in "${T_PROBLEMS[@]}"; do warn "  $p"; done
  fi
  say ""
  say "Test results (trx): $results"
  test_summary
  trap - EXIT
  if ((T_FAILED)); then exit 1; fi
  exit 0
}

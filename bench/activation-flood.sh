#!/usr/bin/env bash
# Activation-flood benchmark for Platform (issue 6, item 3): what 100,000 session checks with
# random, well-formed bearer tokens (each naming a user that does not exist) leave behind in the
# silo, against 100,000 checks with one valid token in the same run.
#
#   bench/activation-flood.sh     (from anywhere; see bench/README.md)
#
# Starts the dev services of profile "up" when they are not running (and stops them again at
# the end), builds Release, creates the database platform_flood (drop + create) and starts its
# own silo (:8390, silo port 11410, gateway 30410) and Api (:5310) with the per-IP limits lifted,
# so that every request reaches the grains. For each run it records, before and after: the silo's
# RSS (/proc/PID/status), its managed heap after a forced full GC (dotnet-gcdump, installed
# under .dev/tools when missing), the grain activations (orleans_catalog_activations on the silo's
# /metrics), activations created/destroyed, database transactions, and the Api's RSS; during the
# run it samples the activations for their peak; after it, it waits until they settle. Everything
# it started is stopped on exit. Tunables (environment):
#
#   BENCH_REQUESTS=100000          requests per run (valid token, then random tokens)
#   BENCH_THREADS=2 BENCH_CONNECTIONS=32
#   BENCH_SETTLE_TIMEOUT=180       seconds to wait for the activations to settle after a run
#   BENCH_SETTLE_SLACK=5           "settled" = back within this many activations of the run's start,
#   BENCH_SETTLE_QUIET=15          or unchanged for this many seconds
#   BENCH_FORCE_GC=1               0: no forced GC (heap = the last natural GC's figure)
#   BENCH_EXTRA_ENV="K=V …"        more environment for both processes (no spaces inside values)
#   BENCH_SKIP_BUILD=1             use the existing Release build
#   BENCH_RESULT_TAG=              appended to the results file name
#   DEV_START_TIMEOUT=120          seconds the silo and the Api may take to start (as in dev.sh)
# shellcheck source-path=SCRIPTDIR/..
set -euo pipefail
umask 022

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
cd "$ROOT"

SCRIPT_NAME=activation-flood.sh
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"          # the dev tools, the "up" profile, and the steps the benchmarks share

REQUESTS=${BENCH_REQUESTS:-100000}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
SETTLE_TIMEOUT=${BENCH_SETTLE_TIMEOUT:-180}
SETTLE_SLACK=${BENCH_SETTLE_SLACK:-5}
SETTLE_QUIET=${BENCH_SETTLE_QUIET:-15}
FORCE_GC=${BENCH_FORCE_GC:-1}
EXTRA_ENV=${BENCH_EXTRA_ENV:-}
RESULT_TAG=${BENCH_RESULT_TAG:-}

# Ports and names of its own, apart from bench/auth.sh's (5300, 8380, 11400, 30400, platform_bench).
DB=platform_flood
API_PORT=5310 SILO_HTTP_PORT=8390 SILO_PORT=11410 GATEWAY_PORT=30410
API="http://127.0.0.1:$API_PORT"
SILO_METRICS="http://127.0.0.1:$SILO_HTTP_PORT/metrics"

WORK="$ROOT/.dev/bench-flood"    # logs, pid files and scratch files (git-ignored with .dev/)
LOGS="$WORK/logs"
RUN="$WORK/run"
RESULTS="$BENCH/results"
LUA="$BENCH/wrk-flood.lua"
TOOLS="$ROOT/.dev/tools"
GCDUMP_VERSION=10.0.750501
CLK_TCK=$(getconf CLK_TCK)
RUN_ID=$(date +%Y%m%d%H%M%S)-$$
PASSWORD="bench-Passw0rd-$RUN_ID"

# ---------------------------------------------------------------------------------------
# Clean-up: only what this script started, by pid.
# ---------------------------------------------------------------------------------------
SILO_PID="" API_PID="" SAMPLER_PID="" WRK_PID="" STARTED_SERVICES=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_sampler
  if [[ -n "$WRK_PID" ]]; then kill_pid wrk "$WRK_PID" 5; fi
  stop_pid api "$RUN/api.pid" 30
  stop_pid silo "$RUN/silo.pid" 30
  rm -f "$WORK"/*.gcdump
  bench_stop_started_services
  exit "$rc"
}
stop_sampler() {
  if [[ -n "$SAMPLER_PID" ]]; then kill_pid sampler "$SAMPLER_PID" 5; SAMPLER_PID=""; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------
# 1. Tools, services, build, database, silo and Api
# ---------------------------------------------------------------------------------------
bench_require_tools wrk
mkdir -p "$LOGS" "$RUN" "$RESULTS"
rm -f "$RUN/silo.pid" "$RUN/api.pid"   # left by a run that was killed; its ports are checked below

# dotnet-gcdump forces a full, blocking GC in the silo (it asks the runtime for a heap snapshot
# over the diagnostics port), so the heap figure afterwards holds live objects only.
GCDUMP=""
if [[ "$FORCE_GC" == 1 ]]; then
  if [[ ! -x "$TOOLS/dotnet-gcdump" ]]; then
    say "installing dotnet-gcdump $GCDUMP_VERSION into ${TOOLS#"$ROOT"/}…"
    dotnet tool install dotnet-gcdump --version "$GCDUMP_VERSION" --tool-path "$TOOLS" >"$LOGS/gcdump-install.log" 2>&1 ||
      say "WARNING: could not install dotnet-gcdump (see $LOGS/gcdump-install.log): heap figures without a forced GC"
  fi
  [[ -x "$TOOLS/dotnet-gcdump" ]] && GCDUMP="$TOOLS/dotnet-gcdump"
fi

bench_services_up

bench_require_free_ports "$API_PORT" "$SILO_HTTP_PORT" "$SILO_PORT" "$GATEWAY_PORT"

bench_build

bench_recreate_db "$DB"

bench_common_env flood bench-flood

SILO_ENV=(
  "${COMMON_ENV[@]}"
  Orleans__AdvertisedIP=127.0.0.1 "Orleans__SiloPort=$SILO_PORT" "Orleans__GatewayPort=$GATEWAY_PORT"
  Smtp__Host=127.0.0.1 "Smtp__Port=$SMTP_PORT" Smtp__UseTls=false
  "Auth__Rules__EmailLinkBaseUrl=$API"
  "Auth__Rules__CodeHashKey=$(head -c 32 /dev/urandom | base64)"
)
# Every per-IP limit lifted (names from Api/Infrastructure/RateLimiting/RateLimitOptions.cs): all
# requests come from 127.0.0.1, and the point is what reaches the silo. With the shipped
# UnverifiedSessionsPerIp (60 a minute) all but 60 of the random tokens would be answered 429.
API_ENV=(
  "${COMMON_ENV[@]}"
  # Required since the video routes (unused here): it signs playback URLs.
  "Videos__Urls__SigningKey=$(openssl rand -base64 32)"
  RateLimits__AuthPerIp=100000000 RateLimits__AuthPerNetwork=100000000 RateLimits__CodeSendsPerIp=100000000 RateLimits__UnverifiedSessionsPerIp=100000000
)

bench_start_stack

# ---------------------------------------------------------------------------------------
# 2. One verified account: the valid token of the comparison run
# ---------------------------------------------------------------------------------------
USER_EMAIL="flood-$RUN_ID@bench.test"
TOKEN=$(verified_account "$USER_EMAIL")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$API/api/auth/session")
[[ "$status" == 200 ]] || die "GET /api/auth/session with the new token: HTTP $status"
bench_delete_mails "$RUN_ID"
say "verified account $USER_EMAIL, session token ok"

# ---------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------
# metric NAME: the sum of every series of NAME on the silo's /metrics (empty when absent).
metric() {
  curl -s --max-time 10 "$SILO_METRICS" | awk -v n="$1" '
    index($0, n) == 1 && (substr($0, length(n) + 1, 1) == "{" || substr($0, length(n) + 1, 1) == " ") { s += $NF; found = 1 }
    END { if (found) printf "%.0f\n", s }'
}
activations() { local v; v=$(metric orleans_catalog_activations); printf '%s\n' "${v:-0}"; }
rss_kb() { awk -v k="${2:-VmRSS}:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
db_xacts() { psql_bench -d postgres -At -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'" 2>/dev/null || echo 0; }

# forced_gc PID TAG: a full, blocking GC in PID (dotnet-gcdump asks the runtime for a heap
# snapshot); prints the live managed bytes it found and keeps its per-type report in
# $LOGS/gcdump-TAG.txt (the heap-growth lines of the summary come from there).
forced_gc() {
  local pid=$1 tag=$2 file="$WORK/$2.gcdump"
  [[ -n "$GCDUMP" ]] || return 0
  if "$GCDUMP" collect -p "$pid" -o "$file" >"$LOGS/gcdump-$tag.log" 2>&1 &&
    "$GCDUMP" report "$file" >"$LOGS/gcdump-$tag.txt" 2>/dev/null; then
    awk '/GC Heap bytes/ {gsub(/,/, "", $1); print $1; exit}' "$LOGS/gcdump-$tag.txt"
  else
    say "WARNING: dotnet-gcdump failed on pid $pid (see $LOGS/gcdump-$tag.log)"
  fi
  rm -f "$file"
}

# heap_growth TAG_BEFORE TAG_AFTER [N]: the N types whose live bytes grew most (by 50 KB or more)
# between two reports. A hint, not an account: on a heap this size the runtime's event stream
# drops part of the object graph (dotnet-gcdump warns of "lossy buffering" before .NET 11), so
# the per-type lines do not add up to the total.
heap_growth() {
  local a="$LOGS/gcdump-$1.txt" b="$LOGS/gcdump-$2.txt"
  [[ -s "$a" && -s "$b" ]] || return 0
  awk '
    function key() { t = $0; sub(/^ *[0-9,]+ +[0-9,]+ +/, "", t); sub(/ +\[[^]]*\] *$/, "", t); return t }
    /^ *[0-9,]+ +[0-9,]+ +[^ ]/ && !/GC Heap/ {
      bytes = $1; gsub(/,/, "", bytes); count = $2; gsub(/,/, "", count); k = key()
      if (FNR == NR) { b0[k] += bytes; c0[k] += count } else { b1[k] += bytes; c1[k] += count; seen[k] = 1 }
    }
    END { for (k in seen) if (b1[k] - b0[k] >= 51200) printf "%d\t%d\t%s\n", b1[k] - b0[k], c1[k] - c0[k], k }' "$a" "$b" |
    sort -rn | head -n "${3:-4}" |
    awk -F'\t' '{ printf "      %+9.2f MB %+9d  %s\n", $1 / 1048576, $2, $3 } END { if (NR == 0) print "      (no type grew by 50 KB or more)" }'
}

# snapshot PREFIX: the silo's heap after a forced full GC, its RSS, activations, the Api's RSS and
# live heap, into variables PREFIX_heap (bytes, the runtime's figure after that GC), PREFIX_live
# (bytes, gcdump's), PREFIX_rss (kB), PREFIX_act, PREFIX_created, PREFIX_destroyed,
# PREFIX_api_rss (kB), PREFIX_api_live (bytes), PREFIX_xacts.
snapshot() {
  local p=$1 heap="" live="" api_live=""
  if [[ -n "$GCDUMP" ]]; then
    live=$(forced_gc "$SILO_PID" "silo-$p")
    api_live=$(forced_gc "$API_PID" "api-$p")
    sleep 1 # the runtime's gauges describe the last GC: the forced one
  fi
  heap=$(metric dotnet_gc_last_collection_heap_size_bytes)
  printf -v "${p}_heap" '%s' "${heap:-0}"
  printf -v "${p}_live" '%s' "${live:-}"
  printf -v "${p}_api_live" '%s' "${api_live:-}"
  printf -v "${p}_rss" '%s' "$(rss_kb "$SILO_PID")"
  printf -v "${p}_act" '%s' "$(activations)"
  printf -v "${p}_created" '%s' "$(metric orleans_catalog_activation_created_total)"
  printf -v "${p}_destroyed" '%s' "$(metric orleans_catalog_activation_destroyed_total)"
  printf -v "${p}_api_rss" '%s' "$(rss_kb "$API_PID")"
  printf -v "${p}_xacts" '%s' "$(db_xacts)"
  local h=${p}_heap r=${p}_rss a=${p}_act
  say "$(printf '%-14s silo RSS %s MB, heap after GC %s MB, activations %s' "$p" \
    "$(mb_k "${!r}")" "$(mb_b "${!h}")" "${!a}")"
}
mb_k() { awk -v k="$1" 'BEGIN{printf "%.1f", k / 1024}'; }
mb_b() { awk -v b="$1" 'BEGIN{printf "%.1f", b / 1048576}'; }

# start_sampler FILE: one "seconds activations" line about every quarter second, until stopped.
start_sampler() {
  local file=$1
  : >"$file"
  (
    start=$(date +%s.%N)
    while true; do
      v=$(curl -s --max-time 5 "$SILO_METRICS" | awk '/^orleans_catalog_activations[{ ]/ {s += $NF; f = 1} END {if (f) printf "%.0f", s}')
      [[ -z "$v" ]] || printf '%s %s\n' "$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN{printf "%.1f", n - s}')" "$v" >>"$file"
      sleep 0.25
    done
  ) </dev/null >/dev/null 2>&1 &
  SAMPLER_PID=$!
}

# settle BASE: wait until the activations are back within SETTLE_SLACK of BASE, or unchanged for
# SETTLE_QUIET seconds, or SETTLE_TIMEOUT passes. Sets SETTLE_S and SETTLE_HOW.
settle() {
  local base=$1 start=$SECONDS last="" since=$SECONDS v
  while true; do
    v=$(activations)
    if ((v <= base + SETTLE_SLACK)); then SETTLE_HOW="back to the start level"; break; fi
    if [[ "$v" != "$last" ]]; then last=$v since=$SECONDS; fi
    if ((SECONDS - since >= SETTLE_QUIET)); then SETTLE_HOW="steady at $v for ${SETTLE_QUIET}s (not back to the start level)"; break; fi
    if ((SECONDS - start >= SETTLE_TIMEOUT)); then SETTLE_HOW="NOT settled after ${SETTLE_TIMEOUT}s (still $v)"; break; fi
    sleep 1
  done
  SETTLE_S=$((SECONDS - start))
  say "activations: $SETTLE_HOW, after ${SETTLE_S}s"
}

# run_wrk_n TOTAL TOKEN OUT: TOTAL session checks (with TOKEN, or a random token each when it is
# empty) through wrk-flood.lua, wrk's output into OUT. wrk sleeps out its -d duration whatever its
# threads do, so each thread leaves a file when it has its share, and wrk gets SIGINT (it then
# reports as usual) once all have. Sets WRK_SECONDS: the wall time until the last thread was done.
WRK_SECONDS=0
run_wrk_n() {
  local total=$1 token=$2 out=$3 done_dir="$WORK/wrk-done" t0 deadline rc=0
  rm -rf "$done_dir"
  mkdir -p "$done_dir"
  t0=$(date +%s.%N)
  WRK_TOTAL=$total WRK_THREADS=$THREADS WRK_AUTH=$token WRK_DONE_DIR=$done_dir \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d3600s --timeout 30s --latency -s "$LUA" "$API/api/auth/session" >"$out" 2>&1 &
  WRK_PID=$!
  deadline=$((SECONDS + 1800))
  while proc_alive "$WRK_PID"; do
    if (($(find "$done_dir" -type f | wc -l) >= THREADS)); then break; fi
    if ((SECONDS >= deadline)); then say "WARNING: wrk did not finish its $total requests in 1800 s; stopped it"; break; fi
    sleep 0.1
  done
  WRK_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b - a}')
  kill -INT "$WRK_PID" 2>/dev/null || true
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  rm -rf "$done_dir"
  return "$rc"
}

# flood NAME [TOKEN]: BENCH_REQUESTS session checks, with TOKEN or with a random token each;
# snapshots NAME_before / NAME_after, and sets NAME_* results.
flood() {
  local name=$1 token=${2:-} out line kv k v api0 silo0 api1 silo1
  snapshot "${name}_before"
  local base_var=${name}_before_act
  start_sampler "$WORK/activations-$name.txt"
  api0=$(proc_ticks "$API_PID") silo0=$(proc_ticks "$SILO_PID")
  run_wrk_n "$REQUESTS" "$token" "$WORK/wrk-out" || { cat "$WORK/wrk-out" >&2; die "wrk failed ($name)"; }
  out=$(<"$WORK/wrk-out")
  api1=$(proc_ticks "$API_PID") silo1=$(proc_ticks "$SILO_PID")
  printf '=== %s\n%s\n\n' "$name" "$out" >>"$WORK/wrk-$RUN_ID.log"
  line=$(grep '^RESULT ' <<<"$out") || { say "$out"; die "no RESULT line from wrk ($name)"; }
  for kv in ${line#RESULT }; do k=${kv%%=*} v=${kv#*=}; printf -v "${name}_$k" '%s' "$v"; done
  local n_var=${name}_requests
  # wrk's own duration includes the moment until it got SIGINT: the rate is taken from the wall
  # time until the last thread had its share.
  printf -v "${name}_duration_s" '%s' "$WRK_SECONDS"
  printf -v "${name}_rps" '%s' "$(awk -v n="${!n_var}" -v s="$WRK_SECONDS" 'BEGIN{printf "%.0f", (s > 0 ? n / s : 0)}')"
  printf -v "${name}_api_cpu" '%s' "$(awk -v a="$api0" -v b="$api1" -v n="${!n_var}" -v t="$CLK_TCK" 'BEGIN{printf "%.3f", n ? (b-a)*1000/t/n : 0}')"
  printf -v "${name}_silo_cpu" '%s' "$(awk -v a="$silo0" -v b="$silo1" -v n="${!n_var}" -v t="$CLK_TCK" 'BEGIN{printf "%.3f", n ? (b-a)*1000/t/n : 0}')"
  printf -v "${name}_rss_peak_run" '%s' "$(rss_kb "$SILO_PID" VmHWM)"
  local s_var=${name}_statuses r_var=${name}_rps
  say "$name: ${!n_var} requests, ${!r_var} req/s, statuses ${!s_var}"
  settle "${!base_var}"
  stop_sampler
  printf -v "${name}_peak" '%s' "$(awk 'BEGIN{m = 0} $2 > m {m = $2} END{print m}' "$WORK/activations-$name.txt")"
  printf -v "${name}_settle_s" '%s' "$SETTLE_S"
  printf -v "${name}_settle_how" '%s' "$SETTLE_HOW"
  snapshot "${name}_after"
}

# ---------------------------------------------------------------------------------------
# 3. Warm-up, then the valid token (the comparison), then random tokens
# ---------------------------------------------------------------------------------------
say "warm-up: 2,000 checks with the valid token, 2,000 with random ones"
act0=$(activations)
run_wrk_n 2000 "$TOKEN" "$WORK/wrk-out" || true
run_wrk_n 2000 "" "$WORK/wrk-out" || true
settle "$act0" # wait out the warm-up's activations, if any linger

say "run 1: $REQUESTS session checks with one valid token"
flood valid "$TOKEN"
say "run 2: $REQUESTS session checks with random well-formed tokens (a new, nonexistent user each)"
flood random ""

# ---------------------------------------------------------------------------------------
# 4. Summary
# ---------------------------------------------------------------------------------------
count_of() { tr ',' '\n' <<<"$1" | awk -F: -v c="$2" '$1 == c {print $2; f = 1} END {if (!f) print 0}'; }
others_of() { tr ',' '\n' <<<"$1" | awk -F: -v a="$2" '$1 != a && $1 != "" && $1 != "-" {n += $2} END {print n + 0}'; }
delta() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%+.1f", (b - a) / 1024}'; }              # kB → MB
delta_b() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%+.1f", (b - a) / 1048576}'; }        # bytes → MB
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (a > 0) printf "%.2f", b / a; else print "-"}'; }

row() { # NAME: one block per run
  local n=$1 v
  local req=${n}_requests rps=${n}_rps dur=${n}_duration_s p50=${n}_p50_ms p99=${n}_p99_ms st=${n}_statuses
  local b_rss=${n}_before_rss a_rss=${n}_after_rss b_heap=${n}_before_heap a_heap=${n}_after_heap
  local b_live=${n}_before_live a_live=${n}_after_live b_alive=${n}_before_api_live a_alive=${n}_after_api_live
  local b_act=${n}_before_act a_act=${n}_after_act peak=${n}_peak hwm=${n}_rss_peak_run
  local b_cr=${n}_before_created a_cr=${n}_after_created b_de=${n}_before_destroyed a_de=${n}_after_destroyed
  local b_x=${n}_before_xacts a_x=${n}_after_xacts b_api=${n}_before_api_rss a_api=${n}_after_api_rss
  local ac=${n}_api_cpu sc=${n}_silo_cpu ss=${n}_settle_s sh=${n}_settle_how
  local expect=200
  [[ "$n" == valid ]] || expect=401
  printf '  %s\n' "$2"
  printf '    requests %s in %ss (%s req/s, p50 %s ms, p99 %s ms); %s: %s, other statuses: %s  [%s]\n' \
    "${!req}" "${!dur}" "${!rps}" "${!p50}" "${!p99}" \
    "$expect" "$(count_of "${!st}" "$expect")" "$(others_of "${!st}" "$expect")" "${!st}"
  printf '    CPU per request: Api %s ms, silo %s ms\n' "${!ac}" "${!sc}"
  printf '    activations: before %s, peak %s, after %s (%s after %ss); created %s, destroyed %s during the run\n' \
    "${!b_act}" "${!peak}" "${!a_act}" "${!sh}" "${!ss}" "$((${!a_cr:-0} - ${!b_cr:-0}))" "$((${!a_de:-0} - ${!b_de:-0}))"
  printf '    silo RSS: before %s MB, after %s MB (%s MB, x%s); highest RSS of the process so far %s MB\n' \
    "$(mb_k "${!b_rss}")" "$(mb_k "${!a_rss}")" "$(delta "${!b_rss}" "${!a_rss}")" "$(ratio "${!b_rss}" "${!a_rss}")" "$(mb_k "${!hwm}")"
  printf '    silo managed heap after a forced GC: before %s MB, after %s MB (%s MB, x%s)' \
    "$(mb_b "${!b_heap}")" "$(mb_b "${!a_heap}")" "$(delta_b "${!b_heap}" "${!a_heap}")" "$(ratio "${!b_heap}" "${!a_heap}")"
  if [[ -n "${!b_live}" && -n "${!a_live}" ]]; then
    printf '; live objects (gcdump) %s -> %s MB' "$(mb_b "${!b_live}")" "$(mb_b "${!a_live}")"
  fi
  printf '\n'
  if [[ -n "$GCDUMP" ]]; then
    printf '    silo types that grew most (live bytes, objects; from gcdump, which sees only part of the graph):\n'
    heap_growth "silo-${n}_before" "silo-${n}_after"
  fi
  printf '    Api RSS: before %s MB, after %s MB (%s MB)' "$(mb_k "${!b_api}")" "$(mb_k "${!a_api}")" "$(delta "${!b_api}" "${!a_api}")"
  if [[ -n "${!b_alive}" && -n "${!a_alive}" ]]; then
    printf '; live objects (gcdump) %s -> %s MB' "$(mb_b "${!b_alive}")" "$(mb_b "${!a_alive}")"
  fi
  printf '\n'
  if [[ -n "$GCDUMP" ]]; then
    printf '    Api types that grew most:\n'
    heap_growth "api-${n}_before" "api-${n}_after"
  fi
  printf '    database transactions: %s (%s per request)\n' "$((${!a_x:-0} - ${!b_x:-0}))" \
    "$(awk -v x="$((${!a_x:-0} - ${!b_x:-0}))" -v n="${!req}" 'BEGIN{printf "%.2f", n ? x / n : 0}')"
}

cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
if git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q .; then dirty=" (uncommitted changes)"; fi
if [[ -n "$GCDUMP" ]]; then gc_mode="forced full GC (dotnet-gcdump) before each reading"; else gc_mode="no forced GC: heap of the last natural GC"; fi
# shellcheck disable=SC2154 # valid_* and random_* are set by flood and snapshot (printf -v)
{
  printf 'Platform activation-flood benchmark  %s\n' "$(date -Is)"
  printf 'commit %s%s, %s x %s, %s GiB RAM, dotnet %s, load %s\n' "$commit" "$dirty" "$(nproc)" "$cpu_model" \
    "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" "$(dotnet --version)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'GET /api/auth/session, wrk -t%s -c%s, %s requests per run, per-IP limits lifted; %s\n' \
    "$THREADS" "$CONNECTIONS" "$REQUESTS" "$gc_mode"
  printf 'settled = activations back within %s of the run'\''s start, or unchanged for %ss (timeout %ss)\n\n' \
    "$SETTLE_SLACK" "$SETTLE_QUIET" "$SETTLE_TIMEOUT"
  row valid "1. one valid token (the comparison: API -> existing user grain -> 200)"
  printf '\n'
  row random "2. random well-formed tokens (API -> a new, nonexistent user grain each -> 401)"
  printf '\n  random / valid, same run:\n'
  printf '    silo CPU per request x%s, Api CPU per request x%s, req/s x%s\n' \
    "$(ratio "$valid_silo_cpu" "$random_silo_cpu")" "$(ratio "$valid_api_cpu" "$random_api_cpu")" "$(ratio "$valid_rps" "$random_rps")"
  printf '    silo RSS after / before: valid x%s, random x%s; heap after / before: valid x%s, random x%s\n' \
    "$(ratio "$valid_before_rss" "$valid_after_rss")" "$(ratio "$random_before_rss" "$random_after_rss")" \
    "$(ratio "$valid_before_heap" "$valid_after_heap")" "$(ratio "$random_before_heap" "$random_after_heap")"
  printf '    activations left after settling: valid %+d, random %+d (peak during the run: valid %s, random %s)\n' \
    "$((valid_after_act - valid_before_act))" "$((random_after_act - random_before_act))" "$valid_peak" "$random_peak"
  printf '\nscript time %ss\n' "$SECONDS"
} >"$WORK/summary-$RUN_ID.txt"

result_file="$RESULTS/activation-flood-$(date +%Y-%m-%d-%H%M)${RESULT_TAG:+-$RESULT_TAG}.txt"
cp "$WORK/summary-$RUN_ID.txt" "$result_file"
cp "$WORK/activations-valid.txt" "$WORK/activations-random.txt" "$LOGS/" 2>/dev/null || true
printf '\n'
cat "$result_file"
printf '\n(written to %s; wrk output in %s; activation samples in %s)\n' "${result_file#"$ROOT"/}" \
  "${WORK#"$ROOT"/}/wrk-$RUN_ID.log" "${WORK#"$ROOT"/}/activations-{valid,random}.txt"

#!/usr/bin/env bash
# Auth benchmark for Platform: session-check throughput against a trivial endpoint, sign-ins
# per second, and whether the auth endpoints answer alike for existing and unknown accounts.
#
#   bench/auth.sh            (from anywhere; see bench/README.md)
#
# Starts the dev services of profile "up" when they are not running (and stops them again at
# the end), builds Release, creates the database platform_bench (drop + create) and starts its
# own silo (:8380, silo port 11400, gateway 30400) and Api (:5300) with the rate limits lifted.
# Everything it started is stopped on exit. Tunables (environment):
#
#   BENCH_THREADS=2 BENCH_CONNECTIONS=32 BENCH_DURATION=15 BENCH_WARMUP=5 BENCH_ROUNDS=2
#   BENCH_LOGIN_CONNECTIONS=8      connections of the sign-in runs (each request costs a KDF)
#   BENCH_LOGIN_ACCOUNTS=8         accounts of the second sign-in run (0 or 1: skip it)
#   BENCH_ENUM_N=40                requests per side of each enumeration pair
#   BENCH_FLOOD_CONNECTIONS=64     concurrent wrong-password sign-ins of the hashing-pool run
#   BENCH_PROBE_CONNECTIONS=4      connections of the session checks measured alone and during that flood
#   BENCH_BREAKDOWN=1              0: skip the three "x" runs that show where the session check's time goes
#   BENCH_LOG_ALL_REQUESTS=1       log every request (RequestLogging__LogAll=true for the Api) to measure
#                                  what that costs; by default both processes run with the shipped
#                                  logging settings (only failed and slow requests are logged)
#   BENCH_EXTRA_ENV="K=V …"        more environment for both processes (no spaces inside values)
#   BENCH_SKIP_BUILD=1             use the existing Release build
#   BENCH_RESULT_TAG=              appended to the results file name ("logall" with BENCH_LOG_ALL_REQUESTS=1)
#   DEV_START_TIMEOUT=120          seconds the silo and the Api may take to start before the start is
#                                  killed and tried once more (as in dev.sh)
# shellcheck source-path=SCRIPTDIR/..
set -euo pipefail
umask 022

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
cd "$ROOT"

SCRIPT_NAME=auth.sh
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"          # the dev tools, the "up" profile, and the steps the benchmarks share

THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-5}
ROUNDS=${BENCH_ROUNDS:-2}
LOGIN_CONNECTIONS=${BENCH_LOGIN_CONNECTIONS:-8}
LOGIN_ACCOUNTS=${BENCH_LOGIN_ACCOUNTS:-8}
ENUM_N=${BENCH_ENUM_N:-40}
FLOOD_CONNECTIONS=${BENCH_FLOOD_CONNECTIONS:-64}
PROBE_CONNECTIONS=${BENCH_PROBE_CONNECTIONS:-4}
BREAKDOWN=${BENCH_BREAKDOWN:-1}
LOG_ALL=${BENCH_LOG_ALL_REQUESTS:-0}
EXTRA_ENV=${BENCH_EXTRA_ENV:-}
RESULT_TAG=${BENCH_RESULT_TAG:-}
if [[ "$LOG_ALL" == 1 && -z "$RESULT_TAG" ]]; then RESULT_TAG=logall; fi
if [[ -n "${BENCH_HOSTING_LOG_LEVEL:-}" ]]; then
  warn "BENCH_HOSTING_LOG_LEVEL is no longer read: the run uses the shipped logging settings" \
    "(BENCH_LOG_ALL_REQUESTS=1 logs every request; BENCH_EXTRA_ENV can set Logging__LogLevel__…)"
fi

DB=platform_bench
API_PORT=5300 SILO_HTTP_PORT=8380 SILO_PORT=11400 GATEWAY_PORT=30400
API="http://127.0.0.1:$API_PORT"

WORK="$ROOT/.dev/bench"          # logs, pid files and scratch files (git-ignored with .dev/)
LOGS="$WORK/logs"
RUN="$WORK/run"
RESULTS="$BENCH/results"
LUA="$BENCH/wrk-report.lua"
CLK_TCK=$(getconf CLK_TCK)
RUN_ID=$(date +%Y%m%d%H%M%S)-$$
PASSWORD="bench-Passw0rd-$RUN_ID"

# ---------------------------------------------------------------------------------------
# Clean-up: only what this script started, by pid.
# ---------------------------------------------------------------------------------------
SILO_PID="" API_PID="" STARTED_SERVICES=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid api "$RUN/api.pid" 30
  stop_pid silo "$RUN/silo.pid" 30
  # With BENCH_LOG_ALL_REQUESTS=1 the Api logs every request: gigabytes per run. Keep the end.
  local log
  for log in "$LOGS/api.log" "$LOGS/silo.log"; do
    if [[ -f "$log" ]] && (($(stat -c %s "$log") > 50000000)); then
      tail -n 20000 "$log" >"$log.tail" && mv "$log.tail" "$log"
    fi
  done
  rm -f "$WORK"/procs-[01] "$WORK"/times-[01]
  bench_stop_started_services
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------
# 1. Services, build, database, silo and Api
# ---------------------------------------------------------------------------------------
bench_require_tools wrk
mkdir -p "$LOGS" "$RUN" "$RESULTS"
rm -f "$RUN/silo.pid" "$RUN/api.pid"   # left by a run that was killed; its ports are checked below

bench_services_up

bench_require_free_ports "$API_PORT" "$SILO_HTTP_PORT" "$SILO_PORT" "$GATEWAY_PORT"

bench_build

bench_recreate_db "$DB"

# No Logging__ overrides: the headline figures are for the logging settings that ship.
bench_common_env bench bench

SILO_ENV=(
  "${COMMON_ENV[@]}"
  Orleans__AdvertisedIP=127.0.0.1 "Orleans__SiloPort=$SILO_PORT" "Orleans__GatewayPort=$GATEWAY_PORT"
  Smtp__Host=127.0.0.1 "Smtp__Port=$SMTP_PORT" Smtp__UseTls=false
  # Limits lifted: the benchmark signs in thousands of times and asks for many codes.
  Auth__Rules__LoginFailureLimit=100000000 Auth__Rules__LoginFailureCeiling=100000000
  Auth__Rules__CodeSendInterval=00:00:00
  Auth__Rules__CodeSendsPerHour=100000000 Auth__Rules__CodeSendCeilingPerHour=100000000
  Auth__Rules__CodeMaxAttempts=1000 Auth__Rules__CodeFailuresPerNetworkPerHour=1000 Auth__Rules__CodeFailureCeilingPerHour=10000
  Auth__Rules__RegistrationsPerNetwork=1000 Auth__Rules__MaxPendingRegistrations=1000
  "Auth__Rules__EmailLinkBaseUrl=$API"
  # A fresh code-hashing key per run (the silo runs as in production, where one is required).
  "Auth__Rules__CodeHashKey=$(head -c 32 /dev/urandom | base64)"
)
API_ENV=(
  "${COMMON_ENV[@]}"
  # Required since the video routes (unused here): it signs playback URLs.
  "Videos__Urls__SigningKey=$(openssl rand -base64 32)"
  RateLimits__AuthPerIp=100000000 RateLimits__AuthPerNetwork=100000000 RateLimits__CodeSendsPerIp=100000000 RateLimits__UnverifiedSessionsPerIp=100000000
)
[[ "$LOG_ALL" != 1 ]] || API_ENV+=(RequestLogging__LogAll=true)

bench_start_stack

# ---------------------------------------------------------------------------------------
# 2. Verified accounts
# ---------------------------------------------------------------------------------------

USER_EMAIL="bench-$RUN_ID-1@bench.test"
TOKEN=$(verified_account "$USER_EMAIL")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$API/api/auth/session")
[[ "$status" == 200 ]] || die "GET /api/auth/session with the new token: HTTP $status"
say "verified account $USER_EMAIL, session token ok"

LOGIN_EMAILS=("$USER_EMAIL")
if ((LOGIN_ACCOUNTS > 1)); then
  for ((i = 2; i <= LOGIN_ACCOUNTS; i++)); do
    LOGIN_EMAILS+=("bench-$RUN_ID-$i@bench.test")
    verified_account "bench-$RUN_ID-$i@bench.test" >/dev/null
  done
  say "verified $LOGIN_ACCOUNTS accounts for the multi-account sign-in run"
fi

# ---------------------------------------------------------------------------------------
# wrk runs, with the CPU the Api, the silo and the whole machine spent meanwhile
# ---------------------------------------------------------------------------------------
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# busy, total, irq+softirq, steal (ticks, all CPUs)
machine_ticks() { awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6, $7 + $8, $9}' /proc/stat; }
# proc_snapshot FILE: "pid ticks comm" of every process
proc_snapshot() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } |
    awk '{ if (!match($0, /\(.*\)/)) next; comm = substr($0, RSTART + 1, RLENGTH - 2); n = split(substr($0, RSTART + RLENGTH + 1), f, " ");
           if (n >= 13) print $1, f[12] + f[13], comm }' >"$1"
}
# top_others BEFORE AFTER SECONDS: the three busiest processes other than the Api and the silo, in cores
top_others() {
  awk -v d="$3" -v t="$CLK_TCK" -v api="$API_PID" -v silo="$SILO_PID" '
    FNR == NR { before[$1] = $2; next }
    $1 != api && $1 != silo { delta = $2 - ($1 in before ? before[$1] : 0); if (delta > 0) print delta / t / d, $3 "(" $1 ")" }' "$1" "$2" |
    sort -rn | head -n3 | awk '{ printf "%s%s %.2f", (NR > 1 ? ", " : ""), $2, $1 }'
}
NCPU=$(nproc)

# run_wrk LABEL CONNECTIONS URL [VAR=VALUE…]: a warm-up, then the measured run. Sets R_* globals
# and appends a row to ROWS.
ROWS=() NOISE=()
R_requests=0 R_duration_s=0 R_rps=0 R_p50_ms=0 R_p99_ms=0 R_statuses=-
R_err_connect=0 R_err_read=0 R_err_write=0 R_err_timeout=0 R_err_status=0
run_wrk() {
  local label=$1 conns=$2 url=$3
  shift 3
  local wrk_env=("$@")
  if ((WARMUP > 0)); then
    env "${wrk_env[@]}" wrk -t"$THREADS" -c"$conns" -d"${WARMUP}s" --timeout 30s -s "$LUA" "$url" >/dev/null 2>&1 || true
  fi
  local api0 silo0 m0 api1 silo1 m1 out line
  api0=$(proc_ticks "$API_PID") silo0=$(proc_ticks "$SILO_PID") m0=$(machine_ticks)
  proc_snapshot "$WORK/procs-0"
  times >"$WORK/times-0"   # CPU of this shell's finished children (wrk among them); a builtin, no fork
  out=$(env "${wrk_env[@]}" wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --timeout 30s --latency -s "$LUA" "$url" 2>&1) ||
    { say "$out"; die "wrk failed ($label)"; }
  api1=$(proc_ticks "$API_PID") silo1=$(proc_ticks "$SILO_PID") m1=$(machine_ticks)
  times >"$WORK/times-1"
  proc_snapshot "$WORK/procs-1"
  printf '=== %s\n%s\n\n' "$label" "$out" >>"$WORK/wrk-$RUN_ID.log"
  line=$(grep '^RESULT ' <<<"$out") || { say "$out"; die "no RESULT line from wrk ($label)"; }
  local k v
  for kv in ${line#RESULT }; do k=${kv%%=*} v=${kv#*=}; printf -v "R_$k" '%s' "$v"; done
  # CPU: milliseconds per request for the Api and the silo; machine busy share.
  local mb0 mt0 mi0 ms0 mb1 mt1 mi1 ms1
  read -r mb0 mt0 mi0 ms0 <<<"$m0"
  read -r mb1 mt1 mi1 ms1 <<<"$m1"
  R_api_cpu=$(awk -v a="$api0" -v b="$api1" -v n="$R_requests" -v t="$CLK_TCK" 'BEGIN{printf "%.3f", n ? (b-a)*1000/t/n : 0}')
  R_silo_cpu=$(awk -v a="$silo0" -v b="$silo1" -v n="$R_requests" -v t="$CLK_TCK" 'BEGIN{printf "%.3f", n ? (b-a)*1000/t/n : 0}')
  R_api_cores=$(awk -v a="$api0" -v b="$api1" -v d="$R_duration_s" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/t/d}')
  R_silo_cores=$(awk -v a="$silo0" -v b="$silo1" -v d="$R_duration_s" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/t/d}')
  R_busy=$(awk -v b0="$mb0" -v t0="$mt0" -v b1="$mb1" -v t1="$mt1" 'BEGIN{printf "%.0f", (t1 > t0 ? (b1 - b0) * 100 / (t1 - t0) : 0)}')
  # Cores in use over the run: the Api, the silo, wrk, and everything else (other processes on the machine).
  local wrk_s
  wrk_s=$(awk 'FNR == 2 {for (i = 1; i <= 2; i++) {split($i, p, /[ms]/); t[FILENAME] += p[1] * 60 + p[2]}} END {printf "%.3f", t[ARGV[2]] - t[ARGV[1]]}' \
    "$WORK/times-0" "$WORK/times-1")
  R_wrk_cores=$(awk -v s="$wrk_s" -v d="$R_duration_s" 'BEGIN{printf "%.2f", s / d}')
  # CPU of one request, Api + silo + wrk: what bounds throughput while the machine is saturated,
  # and far less sensitive than req/s to whatever else runs meanwhile.
  R_total_cpu=$(awk -v a="$R_api_cpu" -v s="$R_silo_cpu" -v w="$wrk_s" -v n="$R_requests" \
    'BEGIN{printf "%.4f", a + s + (n ? w * 1000 / n : 0)}')
  R_other_cores=$(awk -v busy="$R_busy" -v n="$NCPU" -v a="$R_api_cores" -v s="$R_silo_cores" -v w="$R_wrk_cores" \
    'BEGIN{o = busy * n / 100 - a - s - w; printf "%.2f", (o < 0 ? 0 : o)}')
  # What "other" was: interrupts (the loopback network stack largely runs there), steal, busiest other processes.
  R_noise="$(awk -v i0="$mi0" -v i1="$mi1" -v s0="$ms0" -v s1="$ms1" -v d="$R_duration_s" -v t="$CLK_TCK" \
    'BEGIN{printf "irq+softirq %.2f, steal %.2f", (i1 - i0) / t / d, (s1 - s0) / t / d}'), processes: $(top_others "$WORK/procs-0" "$WORK/procs-1" "$R_duration_s")"
  NOISE+=("$(printf '  %-36s %s' "$label" "$R_noise")")
  local errors=$((R_err_connect + R_err_read + R_err_write + R_err_timeout))
  ROWS+=("$(printf '  %-36s %8s %8s %8s %8s %15s  %-19s %s' "$label" "$R_rps" "$R_p50_ms" "$R_p99_ms" \
    "$R_err_status/$errors" "$R_api_cpu/$R_silo_cpu" "$R_api_cores/$R_silo_cores/$R_wrk_cores/$R_other_cores" "${R_statuses}")")
  say "$(printf '%-36s %9s req/s  p50 %s ms  p99 %s ms  status-errors %s  socket-errors %s  cpu ms/req api %s silo %s  cores api %s silo %s wrk %s other %s (of %s; other: %s)' \
    "$label" "$R_rps" "$R_p50_ms" "$R_p99_ms" "$R_err_status" "$errors" "$R_api_cpu" "$R_silo_cpu" "$R_api_cores" "$R_silo_cores" "$R_wrk_cores" "$R_other_cores" "$NCPU" "$R_noise")"
}

# ---------------------------------------------------------------------------------------
# 3. Baseline vs session check, alternately
# ---------------------------------------------------------------------------------------
declare -a RATIOS=() CPU_RATIOS=()
for ((round = 1; round <= ROUNDS; round++)); do
  run_wrk "r$round baseline GET /health/live" "$CONNECTIONS" "$API/health/live"
  base_rps=$R_rps base_cpu=$R_total_cpu
  run_wrk "r$round session GET /api/auth/session" "$CONNECTIONS" "$API/api/auth/session" "WRK_AUTH=$TOKEN"
  ((R_err_status == 0)) || say "WARNING: $R_err_status session checks were refused (token no longer valid?)"
  RATIOS+=("$(awk -v s="$R_rps" -v b="$base_rps" 'BEGIN{printf "%.2f", (b > 0 ? s / b : 0)}')")
  CPU_RATIOS+=("$(awk -v s="$R_total_cpu" -v b="$base_cpu" 'BEGIN{printf "%.2f", (s > 0 ? b / s : 0)}')")
  say "round $round: session/baseline = ${RATIOS[-1]} (by CPU per request: ${CPU_RATIOS[-1]})"
done

# Where the session check's time goes: the same pipeline without the grain call, and the grain
# call without the success path.
if [[ "$BREAKDOWN" == 1 ]]; then
  # Same user and session id, one character of the secret part changed: the grain is asked and says no.
  c=${TOKEN:60:1}
  if [[ "$c" == A ]]; then c=B; else c=A; fi
  WRONG_TOKEN="${TOKEN:0:60}$c${TOKEN:61}"
  run_wrk "x GET /api/auth/providers" "$CONNECTIONS" "$API/api/auth/providers"
  run_wrk "x session, malformed token (401)" "$CONNECTIONS" "$API/api/auth/session" "WRK_AUTH=not-a-token"
  run_wrk "x session, wrong secret (grain, 401)" "$CONNECTIONS" "$API/api/auth/session" "WRK_AUTH=$WRONG_TOKEN"
fi

# ---------------------------------------------------------------------------------------
# 4. Sign-ins per second (each one a PBKDF2 verification and a session write)
# ---------------------------------------------------------------------------------------
# not_200: responses of the last run that were not 200 (the Lua script counted them per status).
not_200() { tr ',' '\n' <<<"$R_statuses" | awk -F: -v n="$R_requests" '$1 == 200 {ok = $2} END {print n - ok}'; }
login_body() { jq -nc --arg e "$1" --arg p "$PASSWORD" '{email:$e,password:$p}'; }
run_wrk "sign-in 1 account, c$LOGIN_CONNECTIONS" "$LOGIN_CONNECTIONS" "$API/api/auth/login" \
  WRK_METHOD=POST "WRK_BODIES=$(login_body "$USER_EMAIL")" WRK_COUNT_STATUS=1
LOGIN1_NON200=$(not_200)
LOGIN1_STATUSES=$R_statuses
if ((LOGIN_ACCOUNTS > 1)); then
  bodies=""
  for e in "${LOGIN_EMAILS[@]}"; do bodies+="$(login_body "$e")"$'\n'; done
  run_wrk "sign-in $LOGIN_ACCOUNTS accounts, c$LOGIN_CONNECTIONS" "$LOGIN_CONNECTIONS" "$API/api/auth/login" \
    WRK_METHOD=POST "WRK_BODIES=$bodies" WRK_COUNT_STATUS=1
  LOGINN_NON200=$(not_200)
fi

# ---------------------------------------------------------------------------------------
# 4b. Session checks while wrong-password sign-ins flood the hashing pool (issue 6, item 4)
# ---------------------------------------------------------------------------------------
# The same session probe alone, then while FLOOD_CONNECTIONS clients send wrong passwords for
# as many addresses (each a full KDF in the silo's bounded pool; the excess is refused with 503).
# A fresh session first: the sign-in runs above pushed the first one out (50 sessions per user).
post_json /api/auth/login "$(login_body "$USER_EMAIL")"
[[ "$RESP_STATUS" == 200 ]] || die "login $USER_EMAIL: HTTP $RESP_STATUS $RESP_BODY"
TOKEN=$(jq -r '.token' <<<"$RESP_BODY")
run_wrk "probe: session alone, c$PROBE_CONNECTIONS" "$PROBE_CONNECTIONS" "$API/api/auth/session" "WRK_AUTH=$TOKEN"
PROBE_ALONE_P50=$R_p50_ms PROBE_ALONE_P99=$R_p99_ms
flood_bodies=""
for ((i = 1; i <= FLOOD_CONNECTIONS; i++)); do
  flood_bodies+="$(jq -nc --arg e "flood-$RUN_ID-$i@bench.test" '{email:$e,password:"wrong-Passw0rd-x"}')"$'\n'
done
env WRK_METHOD=POST "WRK_BODIES=$flood_bodies" WRK_COUNT_STATUS=1 \
  wrk -t1 -c"$FLOOD_CONNECTIONS" -d"$((WARMUP + DURATION + 3))s" --timeout 30s -s "$LUA" "$API/api/auth/login" >"$WORK/flood-$RUN_ID.out" 2>&1 &
FLOOD_PID=$!
run_wrk "probe: session during the flood" "$PROBE_CONNECTIONS" "$API/api/auth/session" "WRK_AUTH=$TOKEN"
PROBE_FLOOD_P50=$R_p50_ms PROBE_FLOOD_P99=$R_p99_ms PROBE_FLOOD_ERRORS=$R_err_status
wait "$FLOOD_PID" || die "the sign-in flood's wrk failed: $(cat "$WORK/flood-$RUN_ID.out")"
FLOOD_LINE=$(grep '^RESULT ' "$WORK/flood-$RUN_ID.out") || die "no RESULT line from the flood's wrk"
FLOOD_RPS=$(sed -n 's/.* rps=\([^ ]*\).*/\1/p' <<<"$FLOOD_LINE")
FLOOD_STATUSES=$(sed -n 's/.* statuses=\([^ ]*\).*/\1/p' <<<"$FLOOD_LINE")
PROBE_P99_RATIO=$(awk -v f="$PROBE_FLOOD_P99" -v a="$PROBE_ALONE_P99" 'BEGIN{printf "%.2f", (a > 0 ? f / a : 0)}')
say "session p99 alone $PROBE_ALONE_P99 ms, during $FLOOD_CONNECTIONS wrong-password sign-ins $PROBE_FLOOD_P99 ms (x$PROBE_P99_RATIO); flood $FLOOD_RPS req/s [$FLOOD_STATUSES]"

# ---------------------------------------------------------------------------------------
# 5. Enumeration timing: pairs of requests, interleaved (order alternating), one at a time
# ---------------------------------------------------------------------------------------
timed_post() { # PATH BODY → "status seconds"
  curl -s -o /dev/null --max-time 30 -w '%{http_code} %{time_total}\n' -X POST -H 'Content-Type: application/json' --data "$2" "$API$1"
}
median() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
statuses_of() { cut -d' ' -f1 | sort | uniq -c | awk '{printf "%s%s:%s", (NR > 1 ? "," : ""), $2, $1}'; }

# enum_pair NAME LABEL_A LABEL_B FN_A FN_B: FN_x I prints the JSON body of request I for side x.
ENUM_ROWS=()
enum_pair() {
  local name=$1 label_a=$2 label_b=$3 path=$4 fn_a=$5 fn_b=$6 i
  local fa="$WORK/enum-$RUN_ID-a" fb="$WORK/enum-$RUN_ID-b"
  : >"$fa"
  : >"$fb"
  for i in 1 2 3; do # warm-up, not counted
    timed_post "$path" "$($fn_a "w$i")" >/dev/null || true
    timed_post "$path" "$($fn_b "w$i")" >/dev/null || true
  done
  for ((i = 1; i <= ENUM_N; i++)); do
    if ((i % 2)); then
      timed_post "$path" "$($fn_a "$i")" >>"$fa"
      timed_post "$path" "$($fn_b "$i")" >>"$fb"
    else
      timed_post "$path" "$($fn_b "$i")" >>"$fb"
      timed_post "$path" "$($fn_a "$i")" >>"$fa"
    fi
  done
  local ma mb sa sb ratio
  ma=$(cut -d' ' -f2 "$fa" | median | awk '{printf "%.1f", $1 * 1000}')
  mb=$(cut -d' ' -f2 "$fb" | median | awk '{printf "%.1f", $1 * 1000}')
  sa=$(statuses_of <"$fa")
  sb=$(statuses_of <"$fb")
  ratio=$(awk -v a="$ma" -v b="$mb" 'BEGIN{printf "%.2f", (a > 0 ? b / a : 0)}')
  ENUM_ROWS+=("$(printf '  %-10s %-26s %8s ms  [%s]\n  %-10s %-26s %8s ms  [%s]   ratio %s' \
    "$name" "$label_a" "$ma" "$sa" "" "$label_b" "$mb" "$sb" "$ratio")")
  say "$name: $label_a $ma ms [$sa] vs $label_b $mb ms [$sb], ratio $ratio"
  rm -f "$fa" "$fb"
}

unknown_login() { jq -nc --arg e "nobody-$RUN_ID-login-$1@bench.test" '{email:$e,password:"wrong-Passw0rd-x"}'; }
existing_login() { jq -nc --arg e "$USER_EMAIL" '{email:$e,password:"wrong-Passw0rd-x"}'; }
unknown_otp() { jq -nc --arg e "nobody-$RUN_ID-otp-$1@bench.test" '{email:$e,purpose:"sign-in"}'; }
existing_otp() { jq -nc --arg e "$USER_EMAIL" '{email:$e,purpose:"sign-in"}'; }
# One unknown address, warm after the warm-up like the existing account's grains: the first probe
# of either costs the same two activations (address grain and user or nobody grain).
unknown_verify() { jq -nc --arg e "nobody-$RUN_ID-verify@bench.test" '{email:$e,code:"000000"}'; }
existing_verify() { jq -nc --arg e "$USER_EMAIL" '{email:$e,code:"000000"}'; }
unknown_forgot() { jq -nc --arg e "nobody-$RUN_ID-forgot-$1@bench.test" '{email:$e}'; }
existing_forgot() { jq -nc --arg e "$USER_EMAIL" '{email:$e}'; }
unknown_reset() { jq -nc --arg e "nobody-$RUN_ID-reset@bench.test" '{email:$e,code:"000000",newPassword:"another-Passw0rd-9"}'; }
existing_reset() { jq -nc --arg e "$USER_EMAIL" '{email:$e,code:"000000",newPassword:"another-Passw0rd-9"}'; }
existing_register() { jq -nc --arg e "$USER_EMAIL" '{email:$e,password:"another-Passw0rd-9",name:"Bench"}'; }
new_register() { jq -nc --arg e "new-$RUN_ID-$1@bench.test" '{email:$e,password:"another-Passw0rd-9",name:"Bench"}'; }

say "enumeration timing, N=$ENUM_N per side…"
enum_pair login "unknown address" "existing, wrong password" /api/auth/login unknown_login existing_login
enum_pair otp/send "unknown address" "existing account" /api/auth/otp/send unknown_otp existing_otp
# The sends above left a live code for the account (and for each unknown address a code's worth
# of nothing): a wrong guess against each.
enum_pair otp/verify "unknown address" "existing, wrong code" /api/auth/otp/verify unknown_verify existing_verify
enum_pair pw/forgot "unknown address" "existing account" /api/auth/password/forgot unknown_forgot existing_forgot
enum_pair pw/reset "unknown address" "existing, wrong code" /api/auth/password/reset unknown_reset existing_reset
enum_pair register "new address" "existing verified" /api/auth/register new_register existing_register

# Delete this run's mails from the capture (it may be shared with others).
bench_delete_mails "$RUN_ID"

# ---------------------------------------------------------------------------------------
# 6. Summary
# ---------------------------------------------------------------------------------------
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
load=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
if git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q .; then dirty=" (uncommitted changes)"; fi
{
  printf 'Platform auth benchmark  %s\n' "$(date -Is)"
  printf 'commit %s%s, %s x %s, %s GiB RAM, dotnet %s, %s, load %s\n' "$commit" "$dirty" "$NCPU" "$cpu_model" \
    "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" "$(dotnet --version)" "$(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)" "$load"
  printf 'wrk -t%s -c%s -d%ss --timeout 30s (after a %ss warm-up each); sign-ins -c%s; wrk runs on the same machine\n' \
    "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$LOGIN_CONNECTIONS"
  if [[ "$LOG_ALL" == 1 ]]; then log_mode="every request (RequestLogging__LogAll=true)"; else log_mode="shipped settings (no overrides)"; fi
  printf 'request logging: %s%s\n' "$log_mode" "${EXTRA_ENV:+; extra env: $EXTRA_ENV}"
  printf '\n  %-36s %8s %8s %8s %8s %15s  %-19s %s\n' "run" "req/s" "p50 ms" "p99 ms" "errors" "CPU ms/request" "cores in use" "statuses"
  printf '  %-36s %8s %8s %8s %8s %15s  %-19s\n' "" "" "" "" "st/sock" "api/silo" "api/silo/wrk/other"
  printf '%s\n' "${ROWS[@]}"
  printf '\n  session/baseline throughput:'
  for ((round = 1; round <= ROUNDS; round++)); do printf '  round %s %s' "$round" "${RATIOS[$((round - 1))]}"; done
  printf '   (target >= 0.50)\n'
  printf '  same, from CPU per request (Api+silo+wrk):'
  for ((round = 1; round <= ROUNDS; round++)); do printf '  round %s %s' "$round" "${CPU_RATIOS[$((round - 1))]}"; done
  printf '\n'
  printf '  sign-ins not 200: %s of the 1-account run (%s)' "$LOGIN1_NON200" "$LOGIN1_STATUSES"
  if ((LOGIN_ACCOUNTS > 1)); then printf ', %s of the %s-account run' "$LOGINN_NON200" "$LOGIN_ACCOUNTS"; fi
  printf '\n  session checks while %s wrong-password sign-ins flood the hashing pool (c%s probe): p50 %s -> %s ms, p99 %s -> %s ms (x%s; target p99 < 50 ms); refused checks %s\n' \
    "$FLOOD_CONNECTIONS" "$PROBE_CONNECTIONS" "$PROBE_ALONE_P50" "$PROBE_FLOOD_P50" "$PROBE_ALONE_P99" "$PROBE_FLOOD_P99" "$PROBE_P99_RATIO" "$PROBE_FLOOD_ERRORS"
  printf '  the flood: %s req/s [%s] (401 = hashed and refused, 503 = the pool was full)\n' "$FLOOD_RPS" "$FLOOD_STATUSES"
  printf '\n\nWhat else ran, in cores: interrupt time (already counted in the processes), steal, the busiest processes besides Api and silo\n'
  printf '%s\n' "${NOISE[@]}"
  printf '\nEnumeration timing: medians of N=%s sequential requests per side, interleaved; ratio = second/first\n' "$ENUM_N"
  printf '%s\n' "${ENUM_ROWS[@]}"
  printf '\nscript time %ss\n' "$SECONDS"
} >"$WORK/summary-$RUN_ID.txt"

result_file="$RESULTS/auth-$(date +%Y-%m-%d-%H%M)${RESULT_TAG:+-$RESULT_TAG}.txt"
cp "$WORK/summary-$RUN_ID.txt" "$result_file"
printf '\n'
cat "$result_file"
printf '\n(written to %s; wrk output in %s)\n' "${result_file#"$ROOT"/}" "${WORK#"$ROOT"/}/wrk-$RUN_ID.log"

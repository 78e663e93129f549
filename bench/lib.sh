# shellcheck shell=bash
# What the benchmarks share. Sourced with ROOT and SCRIPT_NAME set, it brings in the dev tools
# (tools/dev/common.sh: say/warn/die, profiles, credentials, timeouts; tools/dev/process.sh:
# spawn, wait_until, start_with_retry, stop_pid, kill_pid, port_in_use, http_ok), loads the "up"
# profile (SERVICE_PORTS, MAILDEV) and sends progress to stderr (stdout carries the summary).
# The caller then sets LOGS, RUN, PASSWORD, API, SILO_ENV, API_ENV, SILO_DLL, API_DLL,
# SILO_HTTP_PORT, SOLUTION and START_TIMEOUT_APP; STARTED_SERVICES tells its clean-up whether
# to stop the services.
# shellcheck source=tools/dev/common.sh
source "$ROOT/tools/dev/common.sh"
# shellcheck source=tools/dev/process.sh
source "$ROOT/tools/dev/process.sh"
say() { printf '%s\n' "$*" >&2; }
load_profile up
# shellcheck disable=SC2034 # read by the scripts that source this
SERVICE_PORTS=("$PG_PORT" "$AMQP_PORT" "$S3_PORT" "$SMTP_PORT" "$MAIL_WEB_PORT" "$OIDC_PORT")
# shellcheck disable=SC2034
MAILDEV="http://127.0.0.1:$MAIL_WEB_PORT"

# The dev services of profile "up": reused when they all run (and left running), else started.
bench_services_up() {
  local up_before=0 p
  for p in "${SERVICE_PORTS[@]}"; do if port_in_use "$p"; then up_before=$((up_before + 1)); fi; done
  if ((up_before == ${#SERVICE_PORTS[@]})); then
    say "dev services (profile up) already running: reused, left running"
    return 0
  fi
  ((up_before == 0)) && STARTED_SERVICES=1
  ((up_before == 0)) || say "some dev services (profile up) already run: starting the rest; none will be stopped at the end"
  "$ROOT/dev.sh" services up >"$LOGS/services.log" 2>&1 || { tail -n 30 "$LOGS/services.log" >&2; die "./dev.sh services up failed"; }
  say "dev services (profile up) started"
}

bench_require_free_ports() {
  local p
  for p in "$@"; do
    if port_in_use "$p"; then die "port $p on 127.0.0.1 is taken (another benchmark still running?)"; fi
  done
}

# Release build, unless BENCH_SKIP_BUILD=1. No build servers: nothing of the build outlives the script.
bench_build() {
  if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    say "building Release…"
    dotnet build "$SOLUTION" -c Release --disable-build-servers >"$LOGS/build.log" 2>&1 ||
      { tail -n 30 "$LOGS/build.log" >&2; die "build failed (see $LOGS/build.log)"; }
  fi
  [[ -f "$SILO_DLL" && -f "$API_DLL" ]] || die "Release binaries not found; build first"
}

psql_bench() { PGPASSWORD=$PG_PASSWORD PGOPTIONS='-c client_min_messages=warning' psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$@"; }

bench_recreate_db() {
  say "database $1: drop + create"
  psql_bench -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null || die "could not recreate database $1"
}

# The silo and the Api stay in this script's session, unlike dev.sh's `spawn` (setsid): with the
# kernel's autogroup scheduling (sched_autogroup_enabled=1 here) every session is a CPU group of
# its own, which changes how the 2 cores are shared between Api, silo and wrk — measured: the
# silo's CPU per session check doubled and the ratio fell from ~0.6 to ~0.4 with the same binaries.
bench_spawn() {
  local name=$1 log=$2
  shift 2
  printf '\n=== %s: starting %s\n' "$(date -Is)" "$name" >>"$log"
  "$@" >>"$log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$RUN/$name.pid"
}
bench_silo_spawn() { bench_spawn silo "$LOGS/silo.log" env "${SILO_ENV[@]}" dotnet "$SILO_DLL" --urls "http://127.0.0.1:$SILO_HTTP_PORT"; }
bench_silo_kill() { kill_stuck silo "$RUN/silo.pid" 30; }
bench_api_spawn() { bench_spawn api "$LOGS/api.log" env "${API_ENV[@]}" dotnet "$API_DLL" --urls "$API"; }
bench_api_kill() { kill_stuck api "$RUN/api.pid" 30; }

# Starts the silo (ready when /health/live answers), then the Api (/health/ready); sets SILO_PID and API_PID.
bench_start_stack() {
  : >"$LOGS/silo.log"
  : >"$LOGS/api.log"
  start_with_retry silo "$START_TIMEOUT_APP" "$LOGS/silo.log" "$RUN/silo.pid" bench_silo_spawn bench_silo_kill \
    http_ok "http://127.0.0.1:$SILO_HTTP_PORT/health/live"
  SILO_PID=$(pid_of "$RUN/silo.pid")
  say "silo ready (pid $SILO_PID, log $LOGS/silo.log)"
  start_with_retry api "$START_TIMEOUT_APP" "$LOGS/api.log" "$RUN/api.pid" bench_api_spawn bench_api_kill \
    http_ok "$API/health/ready"
  API_PID=$(pid_of "$RUN/api.pid")
  say "api ready (pid $API_PID, log $LOGS/api.log): $(curl -s "$API/health/ready")"
}

# post_json PATH BODY: sets RESP_STATUS and RESP_BODY (call it directly, not in $(…)).
RESP_STATUS="" RESP_BODY=""
post_json() {
  local out
  out=$(curl -s --max-time 30 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' --data "$2" "$API$1") || true
  RESP_STATUS=${out##*$'\n'}
  RESP_BODY=${out%$'\n'*}
}

# mail_code ADDRESS: the 6-digit code of the latest mail to ADDRESS (waits up to 20 s).
mail_code() {
  local address=$1 deadline=$((SECONDS + 20)) text
  while ((SECONDS < deadline)); do
    text=$(curl -s --max-time 10 "$MAILDEV/api/email" |
      jq -r --arg a "$address" '[.[] | select(any(.to[]?; (.address // "" | ascii_downcase) == $a))] | last | .text // empty')
    if [[ "$text" =~ (^|[^0-9])([0-9]{6})([^0-9]|$) ]]; then printf '%s' "${BASH_REMATCH[2]}"; return 0; fi
    sleep 0.2
  done
  return 1
}

# verified_account ADDRESS → prints the bearer token of a fresh session.
verified_account() {
  local address=$1 code token registration
  post_json /api/auth/register "$(jq -nc --arg e "$address" --arg p "$PASSWORD" '{email:$e,password:$p,name:"Bench"}')"
  [[ "$RESP_STATUS" == 202 ]] || die "register $address: HTTP $RESP_STATUS $RESP_BODY"
  registration=$(jq -r '.registration // empty' <<<"$RESP_BODY")
  code=$(mail_code "$address") || die "no verification mail for $address in maildev"
  # With the registration's handle, so that its password becomes the account's.
  post_json /api/auth/verify-email "$(jq -nc --arg e "$address" --arg c "$code" --arg r "$registration" '{email:$e,code:$c,registration:$r}')"
  [[ "$RESP_STATUS" == 200 ]] || die "verify-email $address: HTTP $RESP_STATUS $RESP_BODY"
  token=$(jq -r '.token // empty' <<<"$RESP_BODY")
  [[ -n "$token" ]] || die "verify-email $address: no token in $RESP_BODY"
  printf '%s' "$token"
}

# Deletes this run's mails (addresses containing RUN_ID) from the capture, which others may share.
bench_delete_mails() {
  local ids id
  ids=$(curl -s --max-time 30 "$MAILDEV/api/email" | jq -r --arg r "$1" '.[] | select(any(.to[]?; (.address // "") | contains($r))) | .id' || true)
  for id in $ids; do curl -s -o /dev/null --max-time 5 -X DELETE "$MAILDEV/api/email/$id" || true; done
}

# ---------------------------------------------------------------------------------------
# Videos through the Api (callers set API, TOKEN, LOGS and READY_TIMEOUT; VIDEO_IDS collects
# the videos made, for the caller's clean-up)
# ---------------------------------------------------------------------------------------
now() { printf '%s' "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b - a}'; }

# api METHOD PATH [BODY]: sets RESP_STATUS and RESP_BODY (bearer TOKEN).
api() {
  local out body=()
  [[ -z "${3:-}" ]] || body=(-H 'Content-Type: application/json' --data "$3")
  out=$(curl -s --max-time 60 -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" "${body[@]}" "$API$2") || true
  RESP_STATUS=${out##*$'\n'}
  RESP_BODY=${out%$'\n'*}
}

# upload_video FILE BYTES TITLE: creates a video, PUTs the file to its upload URL; sets VIDEO_ID
# (and adds it to VIDEO_IDS, which the clean-up deletes).
VIDEO_ID=""
upload_video() {
  local file=$1 bytes=$2 title=$3 id url headers=() h
  api POST /api/videos "$(jq -nc --arg t "$title" --arg f "$(basename "$file")" --argjson s "$bytes" \
    '{title:$t, fileName:$f, contentType:"video/mp4", sizeBytes:$s}')"
  [[ "$RESP_STATUS" == 201 ]] || die "POST /api/videos: HTTP $RESP_STATUS $RESP_BODY"
  id=$(jq -r '.video.id' <<<"$RESP_BODY")
  VIDEO_IDS+=("$id")
  url=$(jq -r '.upload.url' <<<"$RESP_BODY")
  while IFS= read -r h; do [[ -z "$h" ]] || headers+=(-H "$h"); done < <(jq -r '.upload.headers // {} | to_entries[] | "\(.key): \(.value)"' <<<"$RESP_BODY")
  local status
  status=$(curl -s -o "$LOGS/upload.out" -w '%{http_code}' --max-time 600 -X PUT "${headers[@]}" --data-binary "@$file" "$url") || true
  [[ "$status" == 200 ]] || die "upload of $file to the signed URL: HTTP $status $(head -c 300 "$LOGS/upload.out")"
  # shellcheck disable=SC2034 # read by the callers
  VIDEO_ID=$id
}

complete_video() {
  api POST "/api/videos/$1/complete"
  [[ "$RESP_STATUS" == 202 ]] || die "POST /api/videos/$1/complete: HTTP $RESP_STATUS $RESP_BODY"
}

# wait_ready T0 ID…: polls every video about every 0.2 s until all are ready (dies on "failed"
# or after READY_TIMEOUT). Sets READY_AT[ID] (seconds after T0) and READY_S (the last of them).
declare -A READY_AT=()
wait_ready() {
  local t0=$1 id status left deadline=$((SECONDS + READY_TIMEOUT))
  shift
  left=("$@")
  while ((${#left[@]})); do
    local still=()
    for id in "${left[@]}"; do
      api GET "/api/videos/$id"
      status=$(jq -r '.status // empty' <<<"$RESP_BODY" 2>/dev/null || true)
      case "$status" in
        ready) READY_AT[$id]=$(elapsed "$t0" "$(now)") ;;
        failed) die "video $id failed: $(jq -c '.error' <<<"$RESP_BODY")" ;;
        *) still+=("$id") ;;
      esac
    done
    left=("${still[@]}")
    ((${#left[@]})) || break
    ((SECONDS < deadline)) || die "videos ${left[*]} not ready after ${READY_TIMEOUT} s (last: HTTP $RESP_STATUS $RESP_BODY)"
    sleep 0.2
  done
  READY_S=0
  for id in "$@"; do READY_S=$(awk -v a="$READY_S" -v b="${READY_AT[$id]}" 'BEGIN{print (b > a ? b : a)}'); done
}


# ---------------------------------------------------------------------------------------
# Tools and clean-up
# ---------------------------------------------------------------------------------------
# bench_require_tools [EXTRA…]: curl, jq and psql, and each EXTRA: wrk (installed with apt when
# missing), ffmpeg, ffprobe, time (/usr/bin/time).
bench_require_tools() {
  command -v curl >/dev/null || die "curl is required"
  command -v jq >/dev/null || die "jq is required (apt-get install jq)"
  command -v psql >/dev/null || die "psql is required (apt-get install postgresql-client)"
  local tool
  for tool in "$@"; do
    case $tool in
      wrk)
        if ! command -v wrk >/dev/null; then
          say "installing wrk (apt)…"
          apt-get -o DPkg::Lock::Timeout=600 update -qq || die "apt-get update failed"
          apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends wrk >/dev/null || die "could not install wrk"
        fi
        ;;
      ffmpeg | ffprobe) command -v "$tool" >/dev/null || die "$tool is required (apt-get install ffmpeg)" ;;
      time) [[ -x /usr/bin/time ]] || die "/usr/bin/time is required (apt-get install time)" ;;
      *) die "bench_require_tools: unknown tool $tool" ;;
    esac
  done
}

# For clean-ups: the videos of VIDEO_IDS (and their objects in the bucket) go while the Api
# (API_PID) still runs.
bench_delete_videos() {
  if [[ -n "$TOKEN" && -n "$API_PID" ]] && proc_alive "$API_PID"; then
    local id
    for id in "${VIDEO_IDS[@]}"; do
      curl -s -o /dev/null --max-time 30 -X DELETE -H "Authorization: Bearer $TOKEN" "$API/api/videos/$id" || true
    done
    ((${#VIDEO_IDS[@]} == 0)) || say "deleted this run's ${#VIDEO_IDS[@]} videos (and their objects)"
  fi
}

# For clean-ups: stops the dev services when bench_services_up started them (STARTED_SERVICES).
bench_stop_started_services() {
  if ((STARTED_SERVICES)); then
    say "stopping the dev services this script started (./dev.sh down up)"
    "$ROOT/dev.sh" down up >&2 || say "dev.sh down up failed"
  fi
}

# bench_common_env NAME BUCKET: sets COMMON_ENV, what the silo and the Api share: the Production
# environment, the database DB, the broker, Platform__PublicBaseUrl=API, cluster and service id
# NAME, the S3 bucket BUCKET; then the caller's EXTRA_ENV (BENCH_EXTRA_ENV, "K=V …").
bench_common_env() {
  COMMON_ENV=(
    DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
    "ConnectionStrings__Postgres=$(pg_connection_string "$DB")"
    "ConnectionStrings__RabbitMq=amqp://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$AMQP_PORT/"
    "Platform__PublicBaseUrl=$API"
    "Orleans__ClusterId=$1" "Orleans__ServiceId=$1"
    "S3__Endpoint=http://127.0.0.1:$S3_PORT" "S3__AccessKey=$S3_ACCESS_KEY" "S3__SecretKey=$S3_SECRET_KEY" "S3__Bucket=$2"
  )
  # shellcheck disable=SC2206 # word splitting intended: K=V pairs
  [[ -z "${EXTRA_ENV:-}" ]] || COMMON_ENV+=($EXTRA_ENV)
}

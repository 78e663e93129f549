#!/usr/bin/env bash
# Local environment for Platform: starts PostgreSQL, RabbitMQ, S3 (s3rver), mail capture
# (maildev) and a dev OpenID Connect provider on 127.0.0.1, then the silo and the Api.
#
#   ./dev.sh up                 services + build + silo + Api (profile "up")
#   ./dev.sh down [profile]     stop everything of a profile (default up)
#   ./dev.sh status [profile]   one line per component
#   ./dev.sh services [profile] start only the services (default up)
#   ./dev.sh test [--filter X] [dotnet test args…]
#                               services of profile "test" + build + every tests/*/*.csproj
#   ./dev.sh env                print the PLATFORM_TEST_* variables (for running tests from an IDE
#                               against `./dev.sh services test`)
#
# Two profiles that differ only in ports and data folder, so they run side by side.
# Data, logs and pid files live under .dev/<profile>/. PostgreSQL and RabbitMQ data must be
# reachable by the postgres/rabbitmq users; when the repository sits under a folder they
# cannot enter, that data goes to /var/tmp/platform-<hash of repo path>/<profile>/ instead
# (written to .dev/<profile>/service-data-location).
set -euo pipefail
umask 022

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

DEV_SERVICES="$ROOT/tools/dev-services"
SOLUTION="Platform.sln"
RABBIT_USER=guest RABBIT_PASS=guest
S3_ACCESS_KEY=platform S3_SECRET_KEY=platform-secret
OIDC_CLIENT_ID=platform-local OIDC_CLIENT_SECRET=platform-local-secret
PG_USER=platform PG_PASSWORD=platform PG_DB=platform

say() { printf '%s\n' "$*"; }
warn() { printf 'dev.sh: %s\n' "$*" >&2; }
die() { warn "$*"; exit 1; }

# ---------------------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------------------
load_profile() {
  PROFILE=$1
  case "$PROFILE" in
    up)
      PG_PORT=5433 AMQP_PORT=5672 RABBIT_DIST_PORT=25672 RABBIT_MGMT_PORT=15672
      S3_PORT=9000 SMTP_PORT=1025 MAIL_WEB_PORT=1080 OIDC_PORT=9400
      API_BASE=http://127.0.0.1:5000
      ;;
    test)
      PG_PORT=5443 AMQP_PORT=5682 RABBIT_DIST_PORT=25682 RABBIT_MGMT_PORT=
      S3_PORT=9010 SMTP_PORT=1035 MAIL_WEB_PORT=1090 OIDC_PORT=9410
      API_BASE=http://127.0.0.1:5180
      ;;
    *) die "unknown profile '$PROFILE' (up or test)" ;;
  esac
  # The dev OIDC provider's client accepts these (comma list): the provider "local" (OpenID
  # Connect) and "github" (the same provider standing in for GitHub, see OIDC-FLOW.md).
  OIDC_REDIRECT_URIS="$API_BASE/api/auth/callback/local,$API_BASE/api/auth/callback/github"
  RABBIT_NODE="rabbit-platform-$PROFILE@localhost"
  STATE="$ROOT/.dev/$PROFILE"
  LOGS="$STATE/logs"
  RUN="$STATE/run"
  SVC_ROOT=""   # set by prepare_dirs
}

# PostgreSQL and RabbitMQ run as their own users: their folders must be reachable by them.
prepare_dirs() {
  mkdir -p "$LOGS" "$RUN"
  if runuser -u postgres -- test -x "$STATE" 2>/dev/null && runuser -u rabbitmq -- test -x "$STATE" 2>/dev/null; then
    SVC_ROOT="$STATE"
  else
    local hash
    hash=$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
    SVC_ROOT="/var/tmp/platform-$hash/$PROFILE"
    mkdir -p "$SVC_ROOT"
    chmod 755 "/var/tmp/platform-$hash" "$SVC_ROOT"
  fi
  printf '%s\n' "$SVC_ROOT" >"$STATE/service-data-location"
  PGDATA="$SVC_ROOT/postgres/data"
  PG_LOG="$SVC_ROOT/postgres/postgres.log"
  RABBIT_DIR="$SVC_ROOT/rabbitmq"
  RABBIT_PID_FILE="$RABBIT_DIR/rabbit.pid"
}

# Reads paths without creating anything (status/down).
locate_dirs() {
  if [[ -f "$STATE/service-data-location" ]]; then SVC_ROOT=$(<"$STATE/service-data-location"); else SVC_ROOT="$STATE"; fi
  PGDATA="$SVC_ROOT/postgres/data"
  PG_LOG="$SVC_ROOT/postgres/postgres.log"
  RABBIT_DIR="$SVC_ROOT/rabbitmq"
  RABBIT_PID_FILE="$RABBIT_DIR/rabbit.pid"
}

pg_connection_string() { printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s' "$PG_PORT" "$PG_USER" "$PG_PASSWORD" "$PG_DB"; }

# ---------------------------------------------------------------------------------------
# Dependencies
# ---------------------------------------------------------------------------------------
pg_bin() {
  local d
  for d in /usr/lib/postgresql/15 /usr/lib/postgresql/*; do
    [[ -x "$d/bin/initdb" ]] && { printf '%s/bin' "$d"; return 0; }
  done
  return 1
}

ensure_deps() {
  local mode=$1 missing=() # mode: up | test | services
  pg_bin >/dev/null || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v ffmpeg >/dev/null || missing+=(ffmpeg)
  command -v curl >/dev/null || missing+=(curl)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  # .NET uses ICU for Unicode normalisation of passwords and names.
  ldconfig -p | grep -q 'libicuuc\.so' || missing+=(libicu-dev)
  if [[ "$mode" == up ]]; then command -v wrk >/dev/null || missing+=(wrk); fi
  # The test run also checks docker-compose.yml without a Docker engine.
  if [[ "$mode" == test ]]; then command -v docker-compose >/dev/null || missing+=(docker-compose); fi
  if ((${#missing[@]})); then
    say "Installing ${missing[*]} (apt)…"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [[ "$mode" != services ]]; then command -v dotnet >/dev/null || die "dotnet SDK not found on PATH"; fi

  local lock_sum stamp="$DEV_SERVICES/node_modules/.platform-lock.sha256"
  lock_sum=$(sha256sum "$DEV_SERVICES/package-lock.json" | cut -d' ' -f1)
  if [[ ! -d "$DEV_SERVICES/node_modules" || ! -f "$stamp" || "$(<"$stamp")" != "$lock_sum" ]]; then
    say "Installing tools/dev-services packages (npm ci)…"
    (cd "$DEV_SERVICES" && npm ci --no-audit --no-fund --no-progress --loglevel=error) ||
      die "npm ci failed in tools/dev-services"
    printf '%s\n' "$lock_sum" >"$stamp"
  fi
}

# ---------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------
# pid_alive PIDFILE [PATTERN]: the recorded process lives (and its command line has PATTERN).
pid_alive() {
  local file=$1 pattern=${2:-} pid
  [[ -s "$file" ]] || return 1
  pid=$(head -n1 "$file" | tr -dc '0-9')
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$pattern" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern" || return 1
  fi
  return 0
}
pid_of() {
  local pid
  pid=$(head -n1 "$1" 2>/dev/null | tr -dc '0-9')
  printf '%s\n' "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
require_free_port() {
  local port=$1 what=$2
  if port_in_use "$port"; then
    die "$what: port $port on 127.0.0.1 is already taken by another process (not one recorded in $RUN)"
  fi
}

# spawn NAME LOG CMD… — one backgrounded command in its own session; its pid is recorded.
spawn() {
  local name=$1 log=$2
  shift 2
  printf '\n=== %s: starting %s\n' "$(date -Is)" "$name" >>"$log"
  setsid "$@" >>"$log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$RUN/$name.pid"
}

# wait_until WHAT TIMEOUT LOG PIDFILE CHECK… — poll CHECK until it succeeds, the process dies,
# or TIMEOUT seconds pass.
wait_until() {
  local what=$1 timeout=$2 log=$3 pidfile=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile"; then
      warn "$what exited while starting; see $log"
      tail -n 30 "$log" >&2 2>/dev/null || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      warn "$what not ready after ${timeout}s; see $log"
      tail -n 30 "$log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.2
  done
}

# stop_pid NAME PIDFILE [TIMEOUT]: SIGTERM, wait, SIGKILL as a last resort.
stop_pid() {
  local name=$1 pidfile=$2 timeout=${3:-20} pid
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(pid_of "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      warn "$name (pid $pid) did not stop in ${timeout}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  say "stopped $name (pid $pid)"
}

http_ok() { [[ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$1")" == 200 ]]; }
http_answers() { [[ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$1")" != 000 ]]; }

# ---------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------
pg_running() { [[ -f "$PGDATA/postmaster.pid" ]] && pid_alive "$PGDATA/postmaster.pid" postgres; }

pg_start() {
  local bin
  bin=$(pg_bin) || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  if pg_running; then
    pid_of "$PGDATA/postmaster.pid" >"$RUN/postgres.pid"
    say "postgres: already running (pid $(<"$RUN/postgres.pid"))"
    return 0
  fi
  require_free_port "$PG_PORT" postgres
  install -d -o postgres -g postgres -m 700 "$SVC_ROOT/postgres"
  if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    rm -rf "$PGDATA"
    local pwfile
    pwfile=$(mktemp)
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    chown postgres "$pwfile"
    if ! (cd / && runuser -u postgres -- "$bin/initdb" -D "$PGDATA" -U "$PG_USER" --pwfile="$pwfile" \
      --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8) >>"$LOGS/postgres-initdb.log" 2>&1; then
      rm -f "$pwfile"
      die "initdb failed; see $LOGS/postgres-initdb.log"
    fi
    rm -f "$pwfile"
    {
      printf '\n# written by dev.sh (profile %s)\n' "$PROFILE"
      printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" "$PG_PORT"
      printf 'max_connections = 200\n'
      if [[ "$PROFILE" == test ]]; then
        printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
      fi
    } >>"$PGDATA/postgresql.conf"
  fi
  touch "$PG_LOG" && chown postgres:postgres "$PG_LOG"
  ln -sfn "$PG_LOG" "$LOGS/postgres.log"
  if ! (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t 60 start) >/dev/null 2>&1; then
    warn "postgres did not start; see $PG_LOG"
    tail -n 20 "$PG_LOG" >&2 || true
    exit 1
  fi
  pid_of "$PGDATA/postmaster.pid" >"$RUN/postgres.pid"
  wait_until postgres 60 "$PG_LOG" "$RUN/postgres.pid" pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || exit 1
  local exists
  exists=$(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") || die "cannot connect to postgres; see $PG_LOG"
  if [[ "$exists" != 1 ]]; then
    PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -c "CREATE DATABASE $PG_DB" ||
      die "could not create database $PG_DB"
  fi
  say "postgres: running on 127.0.0.1:$PG_PORT (pid $(<"$RUN/postgres.pid"))"
}

pg_stop() {
  local bin
  if pg_running; then
    bin=$(pg_bin)
    local pid
    pid=$(pid_of "$PGDATA/postmaster.pid")
    (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop) >/dev/null || warn "pg_ctl stop failed; see $PG_LOG"
    say "stopped postgres (pid $pid)"
  fi
  rm -f "$RUN/postgres.pid"
}

# ---------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------
rabbit_running() { pid_alive "$RABBIT_PID_FILE" beam; }
rabbit_ready() { rabbitmq-diagnostics -n "$RABBIT_NODE" -q check_running; }

rabbit_start() {
  if rabbit_running; then
    pid_of "$RABBIT_PID_FILE" >"$RUN/rabbitmq.pid"
    say "rabbitmq: already running (pid $(<"$RUN/rabbitmq.pid"))"
    return 0
  fi
  require_free_port "$AMQP_PORT" rabbitmq
  require_free_port "$RABBIT_DIST_PORT" "rabbitmq distribution"
  [[ -z "$RABBIT_MGMT_PORT" ]] || require_free_port "$RABBIT_MGMT_PORT" "rabbitmq management"
  install -d -o rabbitmq -g rabbitmq -m 755 "$RABBIT_DIR" "$RABBIT_DIR/mnesia" "$RABBIT_DIR/log"
  {
    printf '# written by dev.sh (profile %s)\n' "$PROFILE"
    printf 'listeners.tcp.default = 127.0.0.1:%s\n' "$AMQP_PORT"
    printf 'loopback_users.guest = true\n'
    if [[ -n "$RABBIT_MGMT_PORT" ]]; then
      printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\n' "$RABBIT_MGMT_PORT"
    fi
  } >"$RABBIT_DIR/rabbitmq.conf"
  if [[ -n "$RABBIT_MGMT_PORT" ]]; then
    printf '[rabbitmq_management].\n' >"$RABBIT_DIR/enabled_plugins"
  else
    printf '[].\n' >"$RABBIT_DIR/enabled_plugins"
  fi
  chown rabbitmq:rabbitmq "$RABBIT_DIR/rabbitmq.conf" "$RABBIT_DIR/enabled_plugins"
  rm -f "$RABBIT_PID_FILE"
  ln -sfn "$RABBIT_DIR/log" "$LOGS/rabbitmq"
  # The Debian wrapper switches to the rabbitmq user (su keeps these variables).
  spawn rabbitmq-launcher "$LOGS/rabbitmq.out" env \
    RABBITMQ_NODENAME="$RABBIT_NODE" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$AMQP_PORT" \
    RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" \
    RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBIT_DIR/log" \
    RABBITMQ_PID_FILE="$RABBIT_PID_FILE" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    rabbitmq-server
  wait_until rabbitmq 120 "$LOGS/rabbitmq.out" "$RUN/rabbitmq-launcher.pid" rabbit_ready || exit 1
  pid_of "$RABBIT_PID_FILE" >"$RUN/rabbitmq.pid"
  if [[ -n "$RABBIT_MGMT_PORT" ]]; then
    wait_until "rabbitmq management" 60 "$LOGS/rabbitmq.out" "$RUN/rabbitmq.pid" \
      http_ok "http://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$RABBIT_MGMT_PORT/api/overview" || exit 1
  fi
  say "rabbitmq: running on 127.0.0.1:$AMQP_PORT, node $RABBIT_NODE (pid $(<"$RUN/rabbitmq.pid"))"
}

rabbit_stop() {
  if rabbit_running; then
    local pid
    pid=$(pid_of "$RABBIT_PID_FILE")
    if ! rabbitmqctl -n "$RABBIT_NODE" -q stop "$RABBIT_PID_FILE" >/dev/null 2>&1; then
      warn "rabbitmqctl stop failed; terminating pid $pid"
      printf '%s\n' "$pid" >"$RUN/rabbitmq.pid"
      stop_pid rabbitmq "$RUN/rabbitmq.pid" 30 >/dev/null
    fi
    say "stopped rabbitmq (pid $pid)"
  fi
  stop_pid rabbitmq-launcher "$RUN/rabbitmq-launcher.pid" 10 >/dev/null
  rm -f "$RUN/rabbitmq.pid"
  # epmd refuses to die while another node (e.g. the other profile) is registered.
  if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then
    epmd -kill >/dev/null 2>&1 || true
  fi
}

# ---------------------------------------------------------------------------------------
# Node services (S3, mail capture, OIDC)
# ---------------------------------------------------------------------------------------
s3_start() {
  if pid_alive "$RUN/s3.pid" s3.mjs; then say "s3: already running (pid $(<"$RUN/s3.pid"))"; return 0; fi
  require_free_port "$S3_PORT" s3
  mkdir -p "$STATE/s3"
  spawn s3 "$LOGS/s3.log" env S3_PORT="$S3_PORT" S3_DIR="$STATE/s3" \
    S3_ACCESS_KEY="$S3_ACCESS_KEY" S3_SECRET_KEY="$S3_SECRET_KEY" node "$DEV_SERVICES/s3.mjs"
  wait_until s3 30 "$LOGS/s3.log" "$RUN/s3.pid" http_answers "http://127.0.0.1:$S3_PORT/" || exit 1
  say "s3: running on http://127.0.0.1:$S3_PORT (pid $(<"$RUN/s3.pid"))"
}

smtp_open() { port_in_use "$SMTP_PORT"; }
mail_start() {
  if pid_alive "$RUN/maildev.pid" maildev; then say "maildev: already running (pid $(<"$RUN/maildev.pid"))"; return 0; fi
  require_free_port "$SMTP_PORT" "maildev smtp"
  require_free_port "$MAIL_WEB_PORT" "maildev web"
  mkdir -p "$STATE/maildev"
  spawn maildev "$LOGS/maildev.log" node "$DEV_SERVICES/node_modules/maildev/dist/bin/maildev.js" \
    --smtp "$SMTP_PORT" --ip 127.0.0.1 --web "$MAIL_WEB_PORT" --web-ip 127.0.0.1 \
    --mail-directory "$STATE/maildev"
  wait_until maildev 30 "$LOGS/maildev.log" "$RUN/maildev.pid" http_ok "http://127.0.0.1:$MAIL_WEB_PORT/api/healthz" || exit 1
  wait_until "maildev smtp" 30 "$LOGS/maildev.log" "$RUN/maildev.pid" smtp_open || exit 1
  say "maildev: smtp 127.0.0.1:$SMTP_PORT, web http://127.0.0.1:$MAIL_WEB_PORT (pid $(<"$RUN/maildev.pid"))"
}

# What an oidc service is started with; kept in $RUN/oidc.stamp to notice a reused one that
# predates a change of oidc.mjs or of the redirect URIs.
oidc_stamp() { printf '%s %s\n' "$(sha256sum "$DEV_SERVICES/oidc.mjs" | cut -c1-16)" "$OIDC_REDIRECT_URIS"; }
oidc_warn_if_stale() {
  [[ "$(cat "$RUN/oidc.stamp" 2>/dev/null)" == "$(oidc_stamp)" ]] && return 0
  warn "oidc (pid $(pid_of "$RUN/oidc.pid")) was started from another oidc.mjs or with other redirect URIs" \
    "than this checkout has; restart it to pick them up (./dev.sh down $PROFILE, then start again)"
}

oidc_start() {
  if pid_alive "$RUN/oidc.pid" oidc.mjs; then
    say "oidc: already running (pid $(<"$RUN/oidc.pid"))"
    oidc_warn_if_stale
    return 0
  fi
  require_free_port "$OIDC_PORT" oidc
  oidc_stamp >"$RUN/oidc.stamp"
  spawn oidc "$LOGS/oidc.log" env OIDC_PORT="$OIDC_PORT" OIDC_CLIENT_ID="$OIDC_CLIENT_ID" \
    OIDC_CLIENT_SECRET="$OIDC_CLIENT_SECRET" OIDC_REDIRECT_URIS="$OIDC_REDIRECT_URIS" node "$DEV_SERVICES/oidc.mjs"
  wait_until oidc 30 "$LOGS/oidc.log" "$RUN/oidc.pid" http_ok "http://127.0.0.1:$OIDC_PORT/.well-known/openid-configuration" || exit 1
  say "oidc: issuer http://127.0.0.1:$OIDC_PORT (pid $(<"$RUN/oidc.pid"))"
}

SERVICES=(postgres rabbitmq s3 maildev oidc)
service_running() {
  case "$1" in
    postgres) pg_running ;;
    rabbitmq) rabbit_running ;;
    s3) pid_alive "$RUN/s3.pid" s3.mjs ;;
    maildev) pid_alive "$RUN/maildev.pid" maildev ;;
    oidc) pid_alive "$RUN/oidc.pid" oidc.mjs ;;
    silo) pid_alive "$RUN/silo.pid" Platform.Silo.dll ;;
    api) pid_alive "$RUN/api.pid" Platform.Api.dll ;;
  esac
}
service_pid() {
  case "$1" in
    postgres) pid_of "$PGDATA/postmaster.pid" ;;
    rabbitmq) pid_of "$RABBIT_PID_FILE" ;;
    *) pid_of "$RUN/$1.pid" ;;
  esac
}
start_service() {
  case "$1" in
    postgres) pg_start ;;
    rabbitmq) rabbit_start ;;
    s3) s3_start ;;
    maildev) mail_start ;;
    oidc) oidc_start ;;
  esac
}
stop_service() {
  case "$1" in
    postgres) pg_stop ;;
    rabbitmq) rabbit_stop ;;
    s3) stop_pid s3 "$RUN/s3.pid" ;;
    maildev) stop_pid maildev "$RUN/maildev.pid" ;;
    oidc) stop_pid oidc "$RUN/oidc.pid"; rm -f "$RUN/oidc.stamp" ;;
    silo) stop_pid silo "$RUN/silo.pid" 30 ;;
    api) stop_pid api "$RUN/api.pid" 30 ;;
  esac
}

start_services() {
  prepare_dirs
  local s
  for s in "${SERVICES[@]}"; do start_service "$s"; done
}

# ---------------------------------------------------------------------------------------
# .NET
# ---------------------------------------------------------------------------------------
build_solution() {
  [[ -f "$SOLUTION" ]] || { warn "$SOLUTION not found in $ROOT"; return 1; }
  local args=(build "$SOLUTION" -c Release)
  # Persistent build servers would outlive a CI run (and may hold its output open).
  [[ -n "${CI:-}" ]] && args+=(--disable-build-servers)
  dotnet "${args[@]}"
}

apps_start() {
  local silo_dll="$ROOT/Silo/bin/Release/net10.0/Platform.Silo.dll"
  local api_dll="$ROOT/Api/bin/Release/net10.0/Platform.Api.dll"
  [[ -f "$silo_dll" ]] || die "$silo_dll not found (did the build succeed?)"
  [[ -f "$api_dll" ]] || die "$api_dll not found (did the build succeed?)"
  # The content root is the working folder, so each app runs from its project folder.
  if service_running silo; then
    say "silo: already running (pid $(<"$RUN/silo.pid"))"
  else
    spawn silo "$LOGS/silo.log" env -C "$ROOT/Silo" DOTNET_ENVIRONMENT=Development dotnet "$silo_dll"
    say "silo: started (pid $(<"$RUN/silo.pid"))"
  fi
  if service_running api; then
    say "api: already running (pid $(<"$RUN/api.pid"))"
  else
    require_free_port 5000 api
    spawn api "$LOGS/api.log" env -C "$ROOT/Api" DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:5000 dotnet "$api_dll"
    say "api: started (pid $(<"$RUN/api.pid"))"
  fi
  local deadline=$((SECONDS + 120))
  until http_ok http://127.0.0.1:5000/health/ready; do
    local failed=""
    service_running silo || failed="the silo exited"
    service_running api || failed="the Api exited"
    ((SECONDS < deadline)) || failed="http://127.0.0.1:5000/health/ready did not answer 200 within 120 s"
    if [[ -n "$failed" ]]; then
      warn "$failed (the services and anything still running stay up: ./dev.sh down stops them)"
      warn "--- last lines of $LOGS/api.log"
      tail -n 40 "$LOGS/api.log" >&2 || true
      warn "--- last lines of $LOGS/silo.log"
      tail -n 40 "$LOGS/silo.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------
print_services() {
  cat <<EOF

Services (profile $PROFILE):
  PostgreSQL         $(pg_connection_string)
  RabbitMQ           amqp://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$AMQP_PORT/  (node $RABBIT_NODE)
EOF
  [[ -z "$RABBIT_MGMT_PORT" ]] || say "  RabbitMQ mgmt      http://127.0.0.1:$RABBIT_MGMT_PORT  (guest/guest)"
  cat <<EOF
  S3                 http://127.0.0.1:$S3_PORT  (access key $S3_ACCESS_KEY, secret key $S3_SECRET_KEY, path-style)
  Mail capture       smtp 127.0.0.1:$SMTP_PORT, web + API http://127.0.0.1:$MAIL_WEB_PORT  (GET /api/email)
  OIDC provider      http://127.0.0.1:$OIDC_PORT  (any login works; client $OIDC_CLIENT_ID / $OIDC_CLIENT_SECRET)
                     redirect uris ${OIDC_REDIRECT_URIS//,/ }
                     GitHub stand-in http://127.0.0.1:$OIDC_PORT/github/user and /github/user/emails
  Logs               $LOGS
  Service data       $SVC_ROOT
EOF
}

cmd_services() {
  load_profile "${1:-up}"
  ensure_deps services
  start_services
  print_services
}

cmd_up() {
  load_profile up
  ensure_deps up
  start_services
  build_solution || die "build failed"
  apps_start
  cat <<EOF

Platform is up.
  Api                http://127.0.0.1:5000  (API docs /scalar, OpenAPI /openapi/v1.json)
  Orleans dashboard  http://127.0.0.1:8081/dashboard
  Mail capture       http://127.0.0.1:$MAIL_WEB_PORT
  S3                 http://127.0.0.1:$S3_PORT  (access key $S3_ACCESS_KEY, secret key $S3_SECRET_KEY)
  RabbitMQ mgmt      http://127.0.0.1:$RABBIT_MGMT_PORT  (guest/guest)
  OIDC provider      http://127.0.0.1:$OIDC_PORT  (any login works)
  PostgreSQL         $(pg_connection_string)
  Logs               $LOGS
Stop with ./dev.sh down
EOF
}

stop_all() {
  local s
  stop_service api
  stop_service silo
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_service "${SERVICES[$i]}"; done
}

cmd_down() {
  load_profile "${1:-up}"
  [[ -d "$STATE" ]] || { say "nothing to stop (profile $PROFILE)"; return 0; }
  locate_dirs
  stop_all
}

cmd_status() {
  load_profile "${1:-up}"
  locate_dirs
  local c
  for c in "${SERVICES[@]}" silo api; do
    if service_running "$c"; then
      printf '%-9s running (pid %s)\n' "$c" "$(service_pid "$c")"
    else
      printf '%-9s stopped\n' "$c"
    fi
  done
}

test_env() {
  cat <<EOF
export PLATFORM_TEST_POSTGRES="$(pg_connection_string)"
export PLATFORM_TEST_RABBITMQ="amqp://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$AMQP_PORT/"
export PLATFORM_TEST_S3="http://127.0.0.1:$S3_PORT"
export PLATFORM_TEST_S3_ACCESS_KEY="$S3_ACCESS_KEY"
export PLATFORM_TEST_S3_SECRET_KEY="$S3_SECRET_KEY"
export PLATFORM_TEST_SMTP="127.0.0.1:$SMTP_PORT"
export PLATFORM_TEST_MAILDEV="http://127.0.0.1:$MAIL_WEB_PORT"
export PLATFORM_TEST_OIDC="http://127.0.0.1:$OIDC_PORT"
export PLATFORM_TEST_OIDC_CLIENT_ID="$OIDC_CLIENT_ID"
export PLATFORM_TEST_OIDC_CLIENT_SECRET="$OIDC_CLIENT_SECRET"
EOF
}

cmd_env() {
  load_profile test
  test_env
}

TEST_STARTED=()
stop_test_services() {
  local i
  for ((i = ${#TEST_STARTED[@]} - 1; i >= 0; i--)); do stop_service "${TEST_STARTED[$i]}" || true; done
  TEST_STARTED=()
}

# trx_counter FILE NAME: a ResultSummary/Counters attribute of a trx file (0 when absent).
trx_counter() {
  local v
  v=$(grep -o '<Counters [^>]*>' "$1" 2>/dev/null | head -n1 | grep -o " $2=\"[0-9]*\"" | tr -dc '0-9' || true)
  printf '%s\n' "${v:-0}"
}

cmd_test() {
  local dotnet_args=()
  while (($#)); do
    case "$1" in
      --filter) [[ $# -ge 2 ]] || die "--filter needs a value"; dotnet_args+=(--filter "$2"); shift 2 ;;
      --filter=*) dotnet_args+=(--filter "${1#--filter=}"); shift ;;
      *) dotnet_args+=("$1"); shift ;;
    esac
  done

  load_profile test
  ensure_deps test
  prepare_dirs

  # Services already running for this profile (./dev.sh services test) are reused and left
  # running; the rest start on fresh data and are stopped on exit, also on failure or ctrl-c.
  local s fresh=1
  for s in "${SERVICES[@]}"; do service_running "$s" && fresh=0; done
  if ((fresh)); then
    rm -rf "$SVC_ROOT/postgres" "$SVC_ROOT/rabbitmq" "$STATE/s3" "$STATE/maildev"
  fi
  trap 'stop_test_services >&2' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
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

  if ! build_solution; then
    stop_test_services
    trap - EXIT
    warn "build failed"
    say "0 passed, 0 failed, 0 skipped"
    exit 1
  fi

  local projects=() proj name rc problems=()
  say ""
  say "=== docker-compose.yml"
  REQUIRE_COMPOSE=1 "$ROOT/docker/validate-compose.sh" || problems+=("docker-compose.yml does not validate")

  shopt -s nullglob
  projects=(tests/*/*.csproj)
  shopt -u nullglob
  ((${#projects[@]})) || problems+=("no test projects under tests/*/")

  for proj in "${projects[@]}"; do
    name=$(basename "$proj" .csproj)
    say ""
    say "=== $name"
    rc=0
    dotnet test "$proj" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
      --results-directory "$results" "${dotnet_args[@]}" || rc=$?
    if [[ ! -f "$results/$name.trx" ]]; then
      problems+=("$name: no test results (exit code $rc)")
    elif ((rc != 0)); then
      problems+=("$name: dotnet test exited with $rc")
    fi
  done

  local total=0 passed=0 failed=0 skipped=0 trx c t x ne
  for proj in "${projects[@]}"; do
    trx="$results/$(basename "$proj" .csproj).trx"
    [[ -f "$trx" ]] || continue
    t=$(trx_counter "$trx" total)
    x=$(trx_counter "$trx" executed)
    ne=$(trx_counter "$trx" notExecuted)
    total=$((total + t))
    passed=$((passed + $(trx_counter "$trx" passed)))
    for c in failed error timeout aborted; do failed=$((failed + $(trx_counter "$trx" "$c"))); done
    # xunit's skipped tests count in total but not in executed (notExecuted stays 0).
    ((t - x > ne)) && ne=$((t - x))
    skipped=$((skipped + ne))
  done

  stop_test_services
  trap - EXIT

  local status=0
  if ((${#problems[@]})); then
    for p in "${problems[@]}"; do warn "$p"; done
    status=1
  fi
  ((failed == 0)) || status=1
  if ((passed + failed == 0)); then
    warn "no test ran"
    status=1
  fi
  say ""
  say "Test results (trx): $results"
  say "$passed passed, $failed failed, $skipped skipped"
  exit "$status"
}

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    services) cmd_services "$@" ;;
    test) cmd_test "$@" ;;
    env) cmd_env "$@" ;;
    -h | --help | help | "") usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"

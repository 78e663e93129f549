# shellcheck shell=bash disable=SC2034  # the variables here are used by the other modules
# Shared by dev.sh and bench/auth.sh: messages, profiles, folders, credentials of the local
# services. Sourced, not run. Sets ROOT (the repository) unless the caller already did.

DEV_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${ROOT:-$(cd "$DEV_LIB/../.." && pwd)}

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

DEV_SERVICES="$ROOT/tools/dev-services"
SOLUTION="Platform.sln"
SILO_DLL="$ROOT/Silo/bin/Release/net10.0/Platform.Silo.dll"
API_DLL="$ROOT/Api/bin/Release/net10.0/Platform.Api.dll"
RABBIT_USER=guest RABBIT_PASS=guest
# The Api's own broker user: it may connect (the readiness check) and touch nothing.
RABBIT_API_USER=platform-api RABBIT_API_PASS=platform-api
S3_ACCESS_KEY=platform S3_SECRET_KEY=platform-secret
OIDC_CLIENT_ID=platform-local OIDC_CLIENT_SECRET=platform-local-secret
PG_USER=platform PG_PASSWORD=platform PG_DB=platform
# The Api's own role: it reads the gateway list only (grants: Silo/Database/Migrations/0002_api_role.sql).
PG_API_USER=platform_api PG_API_PASSWORD=platform-api
# Mutual TLS between silo and Api (Orleans:Tls): a dev CA and one node certificate, made by
# docker/cluster-certs.sh on the first `up`; the CA key sits apart in ca-key/.
CERTS="$ROOT/.dev/certs"

# How long a start may take before it counts as stuck: it is then killed and tried once more
# (so a service gets twice this in all). Generous, for a loaded 2-core machine; the Node
# services start in about a second when the machine is quiet. DEV_START_TIMEOUT=N sets all.
START_TIMEOUT_NODE=${DEV_START_TIMEOUT:-60}     # s3rver, maildev, oidc provider
START_TIMEOUT_POSTGRES=${DEV_START_TIMEOUT:-90}
START_TIMEOUT_RABBITMQ=${DEV_START_TIMEOUT:-120}
START_TIMEOUT_APP=${DEV_START_TIMEOUT:-120}      # silo, Api

# Messages: say → stdout; warn/die → stderr, prefixed with SCRIPT_NAME.
SCRIPT_NAME=${SCRIPT_NAME:-dev.sh}
say() { printf '%s\n' "$*"; }
warn() { printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() { warn "$*"; exit 1; }

# log_tail LOG [LINES]: the end of a log on stderr, framed, for a failure message: at most
# LINES lines, and only those since the last "=== … starting" line that spawn writes.
log_tail() {
  local log=$1 lines=${2:-30}
  if [[ -s "$log" ]]; then
    warn "--- end of $log"
    tail -n 5000 "$log" | awk -v n="$lines" '
      /^=== .*: (starting |pg_ctl start)/ { first = NR }
      { line[NR] = $0 }
      END { from = first ? first : 1; if (NR - from >= n) from = NR - n + 1; for (i = from; i <= NR; i++) print line[i] }' >&2 || true
    warn "---"
  else
    warn "($log is empty or missing)"
  fi
}

# ---------------------------------------------------------------------------------------
# Profiles: "up" (development) and "test" differ only in ports and data folder, so they run
# side by side. State, logs and pid files live under .dev/<profile>/.
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
  # The browser tests' Api (tests/Browser.Tests/BrowserStack.cs) signs in through it too.
  if [[ "$PROFILE" == test ]]; then OIDC_REDIRECT_URIS+=",http://127.0.0.1:5182/api/auth/callback/local"; fi
  RABBIT_NODE="rabbit-platform-$PROFILE@localhost"
  STATE="$ROOT/.dev/$PROFILE"
  LOGS="$STATE/logs"
  RUN="$STATE/run"
  SVC_ROOT=""   # set by prepare_dirs / locate_dirs
}

# PostgreSQL and RabbitMQ run as their own users: their folders must be reachable by them.
# When the repository sits under a folder they cannot enter, their data goes to
# /var/tmp/platform-<hash of the repository path>/<profile>/ (noted in service-data-location).
prepare_dirs() {
  mkdir -p "$LOGS" "$RUN"
  if runuser -u postgres -- test -x "$STATE" 2>/dev/null && runuser -u rabbitmq -- test -x "$STATE" 2>/dev/null; then
    SVC_ROOT="$STATE"
  else
    local hash base
    hash=$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
    base="/var/tmp/platform-$hash"
    SVC_ROOT="$base/$PROFILE"
    # A shared folder with a predictable name: use it only when it is ours (not a link, not
    # made by another user), since we chown into it and kill the pids recorded there. Made
    # first, checked after, so nobody can slip one in between.
    local d
    for d in "$base" "$SVC_ROOT"; do
      mkdir -m 755 "$d" 2>/dev/null || true
      require_own_dir "$d"
      chmod 755 "$d"
    done
  fi
  printf '%s\n' "$SVC_ROOT" >"$STATE/service-data-location"
  set_service_paths
}

# Reads the paths without creating anything (status, down).
locate_dirs() {
  if [[ -f "$STATE/service-data-location" ]]; then SVC_ROOT=$(<"$STATE/service-data-location"); else SVC_ROOT="$STATE"; fi
  # A folder outside the checkout may have been cleaned up and made again by someone else.
  if [[ "$SVC_ROOT" != "$STATE" && -e "$SVC_ROOT" ]]; then require_own_dir "$SVC_ROOT"; fi
  set_service_paths
}

# require_own_dir DIR: DIR is a real folder (not a link) owned by the user running this.
require_own_dir() {
  if [[ -L "$1" || ! -d "$1" || ! -O "$1" ]]; then
    die "$1 is not a folder owned by $(id -un) (a link, or made by another user); remove it and try again"
  fi
}

set_service_paths() {
  PGDATA="$SVC_ROOT/postgres/data"
  PG_LOG="$SVC_ROOT/postgres/postgres.log"
  RABBIT_DIR="$SVC_ROOT/rabbitmq"
  RABBIT_PID_FILE="$RABBIT_DIR/rabbit.pid"
}

# pg_connection_string [DATABASE]
# shellcheck disable=SC2120
pg_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s' "$PG_PORT" "$PG_USER" "$PG_PASSWORD" "${1:-$PG_DB}"
}

# The Api's connection: its own role.
pg_api_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s' "$PG_PORT" "$PG_API_USER" "$PG_API_PASSWORD" "$PG_DB"
}

# The environment the test projects read (./dev.sh env prints it for the test profile).
test_env() {
  cat <<ENV
export PLATFORM_TEST_POSTGRES="$(pg_connection_string)"
export PLATFORM_TEST_POSTGRES_API="$(pg_api_connection_string)"
export PLATFORM_TEST_RABBITMQ="amqp://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$AMQP_PORT/"
export PLATFORM_TEST_RABBITMQ_API="amqp://$RABBIT_API_USER:$RABBIT_API_PASS@127.0.0.1:$AMQP_PORT/"
export PLATFORM_TEST_S3="http://127.0.0.1:$S3_PORT"
export PLATFORM_TEST_S3_ACCESS_KEY="$S3_ACCESS_KEY"
export PLATFORM_TEST_S3_SECRET_KEY="$S3_SECRET_KEY"
export PLATFORM_TEST_SMTP="127.0.0.1:$SMTP_PORT"
export PLATFORM_TEST_MAILDEV="http://127.0.0.1:$MAIL_WEB_PORT"
export PLATFORM_TEST_OIDC="http://127.0.0.1:$OIDC_PORT"
export PLATFORM_TEST_OIDC_CLIENT_ID="$OIDC_CLIENT_ID"
export PLATFORM_TEST_OIDC_CLIENT_SECRET="$OIDC_CLIENT_SECRET"
ENV
}

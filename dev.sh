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
#                               (but those with <IsTestProject>false</IsTestProject>); the last
#                               line is "N passed, N failed, N skipped", also when a service or
#                               the build fails (each such problem counts as one failed)
#   ./dev.sh env                print the PLATFORM_TEST_* variables (for running tests from an IDE
#                               against `./dev.sh services test`)
#
# Two profiles that differ only in ports and data folder, so they run side by side.
# Data, logs and pid files live under .dev/<profile>/. PostgreSQL and RabbitMQ data must be
# reachable by the postgres/rabbitmq users; when the repository sits under a folder they
# cannot enter, that data goes to /var/tmp/platform-<hash of repo path>/<profile>/ instead
# (written to .dev/<profile>/service-data-location).
#
# A service start that does not answer in time (60 s for the Node services, 90 s PostgreSQL,
# 120 s RabbitMQ and the silo/Api; DEV_START_TIMEOUT=N sets them all) is killed and tried once
# more; a failure shows the end of its log. The work is done by tools/dev/*.sh.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
umask 022

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

# shellcheck source=tools/dev/common.sh
source "$ROOT/tools/dev/common.sh"        # say/warn/die, profiles, folders, credentials
# shellcheck source=tools/dev/process.sh
source "$ROOT/tools/dev/process.sh"       # pid files, spawn, waits, stop, retry, ports, HTTP
# shellcheck source=tools/dev/deps.sh
source "$ROOT/tools/dev/deps.sh"          # apt and npm installs
# shellcheck source=tools/dev/postgres.sh
source "$ROOT/tools/dev/postgres.sh"
# shellcheck source=tools/dev/rabbitmq.sh
source "$ROOT/tools/dev/rabbitmq.sh"
# shellcheck source=tools/dev/node-services.sh
source "$ROOT/tools/dev/node-services.sh" # s3rver, maildev, oidc provider
# shellcheck source=tools/dev/dotnet.sh
source "$ROOT/tools/dev/dotnet.sh"        # build, silo + Api, test run and its summary
# shellcheck source=tools/dev/web.sh
source "$ROOT/tools/dev/web.sh"           # the web app: npm ci, build, unit tests
# shellcheck source=tools/dev/services.sh
source "$ROOT/tools/dev/services.sh"      # start/stop/status across services; the commands

usage() {
  sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
  run_tests "${dotnet_args[@]}"
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

# shellcheck shell=bash
# Start, stop and status across the services of a profile, and the commands built on them.

SERVICES=(postgres rabbitmq s3 maildev oidc)   # in start order; stopped in reverse

service_running() {
  case "$1" in
    postgres) pg_running ;;
    rabbitmq) rabbit_running ;;
    s3) pid_alive "$RUN/s3.pid" s3.mjs ;;
    maildev) pid_alive "$RUN/maildev.pid" maildev ;;
    oidc) pid_alive "$RUN/oidc.pid" oidc.mjs ;;
    silo) pid_alive "$RUN/silo.pid" Platform.Silo.dll ;;
    api) pid_alive "$RUN/api.pid" Platform.Api.dll ;;
    *) return 1 ;;
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
    *) die "unknown service $1" ;;
  esac
}

stop_service() {
  case "$1" in
    postgres) pg_stop ;;
    rabbitmq) rabbit_stop ;;
    s3) stop_pid s3 "$RUN/s3.pid" 20 s3.mjs ;;
    maildev) stop_pid maildev "$RUN/maildev.pid" 20 maildev ;;
    oidc) stop_pid oidc "$RUN/oidc.pid" 20 oidc.mjs; rm -f "$RUN/oidc.stamp" ;;
    silo) stop_pid silo "$RUN/silo.pid" 30 Platform.Silo.dll ;;
    api) stop_pid api "$RUN/api.pid" 30 Platform.Api.dll ;;
  esac
}

start_services() {
  prepare_dirs
  local s
  for s in "${SERVICES[@]}"; do start_service "$s"; done
}

stop_all() {
  local i
  stop_service api
  stop_service silo
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_service "${SERVICES[$i]}"; done
}

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

# ---------------------------------------------------------------------------------------
# Commands (the test command is run_tests in dotnet.sh)
# ---------------------------------------------------------------------------------------
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
  web_install || die "npm ci failed in web/"
  web_build || die "the web app did not build"
  apps_start
  cat <<EOF

Platform is up.
  Web app            $API_URL  (open it in a browser)
  Api                $API_URL/api  (API docs /scalar, OpenAPI /openapi/v1.json)
  Metrics            $API_METRICS_URL/metrics (Api), $SILO_URL/metrics (silo)
  Orleans dashboard  $SILO_URL/dashboard
  Mail capture       http://127.0.0.1:$MAIL_WEB_PORT
  S3                 http://127.0.0.1:$S3_PORT  (access key $S3_ACCESS_KEY, secret key $S3_SECRET_KEY)
  RabbitMQ mgmt      http://127.0.0.1:$RABBIT_MGMT_PORT  (guest/guest)
  OIDC provider      http://127.0.0.1:$OIDC_PORT  (any login works)
  PostgreSQL         $(pg_connection_string)
  Logs               $LOGS
Stop with ./dev.sh down
EOF
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

cmd_env() {
  load_profile test
  test_env
}

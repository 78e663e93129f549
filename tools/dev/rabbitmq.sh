# shellcheck shell=bash
# RabbitMQ of a profile: its own node ($RABBIT_NODE) on 127.0.0.1:$AMQP_PORT, data under
# $SVC_ROOT/rabbitmq. Root starts it; the Debian wrapper switches to the rabbitmq user.

rabbit_running() { pid_alive "$RABBIT_PID_FILE" beam; }

# Ready: the AMQP port is open (a cheap probe first: every rabbitmq-diagnostics call starts an
# Erlang VM, which a busy machine feels), the node says it runs, and the management API
# answers when the profile has one.
rabbit_ready() {
  port_in_use "$AMQP_PORT" || return 1
  timeout 60 rabbitmq-diagnostics -n "$RABBIT_NODE" -q check_running >/dev/null 2>&1 || return 1
  [[ -z "$RABBIT_MGMT_PORT" ]] || http_ok "http://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$RABBIT_MGMT_PORT/api/overview"
}

rabbit_spawn() {
  rm -f "$RABBIT_PID_FILE"
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
}

# Clears a failed attempt: the launcher and everything below it (su, the start script, the
# Erlang VM), and the VM of the pid file should it have left that tree.
rabbit_kill() {
  log_tail "$RABBIT_DIR/log/$RABBIT_NODE.log" 20
  if rabbit_running; then
    pid_of "$RABBIT_PID_FILE" >"$RUN/rabbitmq.pid"
    kill_stuck rabbitmq "$RUN/rabbitmq.pid" 15
  fi
  kill_stuck rabbitmq-launcher "$RUN/rabbitmq-launcher.pid" 15
  rm -f "$RUN/rabbitmq.pid" "$RABBIT_PID_FILE"
}

# The Api's user: access to the vhost (a connection), no resource at all (configure, write
# and read match nothing). Made on every start, also when the broker already ran.
rabbit_api_user() {
  local ctl=(timeout 60 rabbitmqctl -n "$RABBIT_NODE" -q)
  if ! "${ctl[@]}" list_users 2>/dev/null | awk '{print $1}' | grep -qx "$RABBIT_API_USER"; then
    "${ctl[@]}" add_user "$RABBIT_API_USER" "$RABBIT_API_PASS" >/dev/null 2>&1 ||
      "${ctl[@]}" list_users 2>/dev/null | awk '{print $1}' | grep -qx "$RABBIT_API_USER" ||
      die "rabbitmq: could not create the user $RABBIT_API_USER"
  fi
  "${ctl[@]}" set_permissions -p / "$RABBIT_API_USER" '^$' '^$' '^$' >/dev/null 2>&1 ||
    die "rabbitmq: could not set the permissions of $RABBIT_API_USER"
}

rabbit_start() {
  if rabbit_running; then
    pid_of "$RABBIT_PID_FILE" >"$RUN/rabbitmq.pid"
    say "rabbitmq: already running (pid $(<"$RUN/rabbitmq.pid"))"
    rabbit_api_user
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
  ln -sfn "$RABBIT_DIR/log" "$LOGS/rabbitmq"
  start_with_retry rabbitmq "$START_TIMEOUT_RABBITMQ" "$LOGS/rabbitmq.out" "$RUN/rabbitmq-launcher.pid" \
    rabbit_spawn rabbit_kill rabbit_ready
  pid_of "$RABBIT_PID_FILE" >"$RUN/rabbitmq.pid"
  rabbit_api_user
  say "rabbitmq: running on 127.0.0.1:$AMQP_PORT, node $RABBIT_NODE (pid $(<"$RUN/rabbitmq.pid")); the Api's user $RABBIT_API_USER may only connect"
}

rabbit_stop() {
  if rabbit_running; then
    local pid
    pid=$(pid_of "$RABBIT_PID_FILE")
    if ! timeout 90 rabbitmqctl -n "$RABBIT_NODE" -q stop "$RABBIT_PID_FILE" >/dev/null 2>&1; then
      warn "rabbitmqctl stop failed; terminating pid $pid"
      printf '%s\n' "$pid" >"$RUN/rabbitmq.pid"
      stop_pid rabbitmq "$RUN/rabbitmq.pid" 30 >/dev/null
    fi
    say "stopped rabbitmq (pid $pid)"
  fi
  stop_pid rabbitmq-launcher "$RUN/rabbitmq-launcher.pid" 10 rabbitmq >/dev/null
  rm -f "$RUN/rabbitmq.pid"
  # epmd refuses to die while another node (e.g. the other profile) is registered.
  if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then
    epmd -kill >/dev/null 2>&1 || true
  fi
}

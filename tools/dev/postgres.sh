# shellcheck shell=bash
# PostgreSQL of a profile: its own cluster (initdb on first start) as the postgres user, on
# 127.0.0.1:$PG_PORT, data under $SVC_ROOT/postgres. The test profile runs without fsync.

pg_running() { [[ -f "$PGDATA/postmaster.pid" ]] && pid_alive "$PGDATA/postmaster.pid" postgres; }

pg_initdb() {
  local bin=$1 pwfile
  rm -rf "$PGDATA"
  pwfile=$(mktemp)
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  if ! (cd / && runuser -u postgres -- "$bin/initdb" -D "$PGDATA" -U "$PG_USER" --pwfile="$pwfile" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8) >>"$LOGS/postgres-initdb.log" 2>&1; then
    rm -f "$pwfile"
    log_tail "$LOGS/postgres-initdb.log"
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
}

# One start attempt: pg_ctl waits up to the start timeout. $RUN/postgres.pid gets the
# postmaster's pid, or stays empty when pg_ctl gave up (start_with_retry then clears up).
pg_spawn() {
  local bin
  bin=$(pg_bin) || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  : >"$RUN/postgres.pid"
  printf '\n=== %s: pg_ctl start\n' "$(date -Is)" >>"$PG_LOG"
  if (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t "$START_TIMEOUT_POSTGRES" start) \
    >>"$LOGS/postgres-ctl.log" 2>&1; then
    pid_of "$PGDATA/postmaster.pid" >"$RUN/postgres.pid"
  else
    warn "pg_ctl start failed or timed out (${START_TIMEOUT_POSTGRES} s); see $LOGS/postgres-ctl.log"
  fi
}

# Clears a failed attempt: an immediate shutdown, then the postmaster and its children by pid.
pg_kill() {
  local bin pid
  bin=$(pg_bin) || return 0
  pid=$(pid_of "$PGDATA/postmaster.pid")
  (cd / && timeout 30 runuser -u postgres -- "$bin/pg_ctl" -D "$PGDATA" -m immediate -w -t 10 stop) \
    >>"$LOGS/postgres-ctl.log" 2>&1 || true
  if [[ -n "$pid" ]] && proc_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF postgres; then
    printf '%s\n' "$pid" >"$RUN/postgres.pid"
    kill_stuck postgres "$RUN/postgres.pid"
  fi
  rm -f "$RUN/postgres.pid"
}

pg_start() {
  local bin
  bin=$(pg_bin) || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  if pg_running; then
    pid_of "$PGDATA/postmaster.pid" >"$RUN/postgres.pid"
    pg_ensure_api_role
    say "postgres: already running (pid $(<"$RUN/postgres.pid"))"
    return 0
  fi
  require_free_port "$PG_PORT" postgres
  install -d -o postgres -g postgres -m 700 "$SVC_ROOT/postgres"
  [[ -s "$PGDATA/PG_VERSION" ]] || pg_initdb "$bin"
  touch "$PG_LOG" && chown postgres:postgres "$PG_LOG"
  ln -sfn "$PG_LOG" "$LOGS/postgres.log"
  start_with_retry postgres "$START_TIMEOUT_POSTGRES" "$PG_LOG" "$RUN/postgres.pid" pg_spawn pg_kill \
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT"
  local exists
  exists=$(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") || die "cannot connect to postgres; see $PG_LOG"
  if [[ "$exists" != 1 ]]; then
    PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -c "CREATE DATABASE $PG_DB" ||
      die "could not create database $PG_DB"
  fi
  pg_ensure_api_role
  say "postgres: running on 127.0.0.1:$PG_PORT (pid $(<"$RUN/postgres.pid"))"
}

# The Api's login role, before any silo migrates (the migration grants it what the Api reads).
pg_ensure_api_role() {
  PGPASSWORD=$PG_PASSWORD psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -v user="$PG_API_USER" -v password="$PG_API_PASSWORD" >/dev/null <<'SQL' || die "could not create the role $PG_API_USER"
SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'user', :'password') \gexec
SQL
}

pg_stop() {
  local bin pid
  if pg_running; then
    bin=$(pg_bin)
    pid=$(pid_of "$PGDATA/postmaster.pid")
    (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop) >/dev/null ||
      warn "pg_ctl stop failed; see $PG_LOG"
    say "stopped postgres (pid $pid)"
  fi
  rm -f "$RUN/postgres.pid"
}

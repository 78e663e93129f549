# shellcheck shell=bash
# Processes, pid files, ports and HTTP checks. Sourced after common.sh. Pid files live in
# $RUN (set by load_profile, or by the caller).

# proc_alive PID: the process exists and is not a zombie.
proc_alive() {
  local pid=$1 stat
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ "${stat%% *}" != Z ]]
}

# pid_of PIDFILE: the pid recorded in it (empty when none).
pid_of() {
  local pid
  pid=$(head -n1 "$1" 2>/dev/null | tr -dc '0-9' || true)
  printf '%s\n' "$pid"
}

# pid_alive PIDFILE [PATTERN]: the recorded process lives (and its command line has PATTERN).
pid_alive() {
  local file=$1 pattern=${2:-} pid
  [[ -s "$file" ]] || return 1
  pid=$(pid_of "$file")
  proc_alive "$pid" || return 1
  if [[ -n "$pattern" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern" || return 1
  fi
  return 0
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
require_free_port() {
  local port=$1 what=$2
  if port_in_use "$port"; then
    die "$what: port $port on 127.0.0.1 is already taken by another process (not one recorded in $RUN)"
  fi
}

http_code() { curl -s -o /dev/null --max-time "${2:-5}" -w '%{http_code}' "$1" || true; }
http_ok() { [[ "$(http_code "$1" 5)" == 200 ]]; }
http_answers() { [[ "$(http_code "$1" 5)" != 000 ]]; }

# spawn NAME LOG CMD…: one backgrounded command in its own session (so its pid is also its
# process group); the pid goes to $RUN/NAME.pid, output to LOG.
spawn() {
  local name=$1 log=$2
  shift 2
  printf '\n=== %s: starting %s\n' "$(date -Is)" "$name" >>"$log"
  setsid "$@" >>"$log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$RUN/$name.pid"
}

# wait_until WHAT TIMEOUT LOG PIDFILE CHECK…: poll CHECK until it succeeds (0), the process of
# PIDFILE dies (1; no liveness check when PIDFILE is empty), or TIMEOUT seconds pass (1). On
# failure the end of LOG goes to stderr.
wait_until() {
  local what=$1 timeout=$2 log=$3 pidfile=$4
  shift 4
  local start=$SECONDS deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile"; then
      if [[ -n "$(pid_of "$pidfile")" ]]; then
        warn "$what exited while starting (after $((SECONDS - start)) s)"
      else
        warn "$what did not start"
      fi
      log_tail "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      warn "$what not ready after ${timeout} s"
      log_tail "$log"
      return 1
    fi
    sleep 0.25
  done
}

# kill_pid NAME PID [TIMEOUT]: SIGTERM (and SIGCONT, in case it was stopped), wait, SIGKILL as
# a last resort.
kill_pid() {
  local name=$1 pid=$2 timeout=${3:-20}
  proc_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  kill -CONT "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout)) killed=0
  while proc_alive "$pid"; do
    if ((SECONDS >= deadline)); then
      kill -KILL "$pid" 2>/dev/null || true
      killed=1
      sleep 0.2
      break
    fi
    sleep 0.2
  done 2>/dev/null   # no job report from bash for a child that died of a signal
  wait "$pid" 2>/dev/null || true   # reaps it when it is this shell's child
  if ((killed)); then warn "$name (pid $pid) did not stop in ${timeout} s; killed it"; fi
}

# stop_pid NAME PIDFILE [TIMEOUT] [PATTERN]: kill_pid on the recorded process (when its command
# line has PATTERN), then remove PIDFILE.
stop_pid() {
  local name=$1 pidfile=$2 timeout=${3:-20} pattern=${4:-} pid
  # With PATTERN, a stale pid file (after a reboot) that now names an unrelated process is left alone.
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(pid_of "$pidfile")
  kill_pid "$name" "$pid" "$timeout"
  rm -f "$pidfile"
  say "stopped $name (pid $pid)"
}

# descendants PID: PID and every process below it (following parent links, so also across
# the new session that su or setsid makes), parents first.
descendants() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$1" '
    { rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " "); parent[$1] = f[2] }
    END {
      if (!(root in parent)) exit
      n = 1; list[1] = root
      for (i = 1; i <= n; i++) for (p in parent) if (parent[p] == list[i]) list[++n] = p
      for (i = 1; i <= n; i++) print list[i]
    }'
}

# kill_stuck NAME PIDFILE [TIMEOUT]: end a start that hangs: the recorded process and all its
# descendants get SIGTERM + SIGCONT, and SIGKILL after TIMEOUT (default 10) seconds.
kill_stuck() {
  local name=$1 pidfile=$2 timeout=${3:-10} root pids=() pid
  root=$(pid_of "$pidfile")
  if [[ -n "$root" ]] && proc_alive "$root"; then
    mapfile -t pids < <(descendants "$root")
    warn "stopping the failed start of $name (pid ${pids[*]})"
    # stderr off: bash would report the killed job ("… Killed setsid …") on its own.
    {
      for pid in "${pids[@]}"; do kill -TERM "$pid" || true; kill -CONT "$pid" || true; done
      local deadline=$((SECONDS + timeout)) left=1
      while ((left)); do
        left=0
        for pid in "${pids[@]}"; do proc_alive "$pid" && left=1; done
        ((left)) || break
        if ((SECONDS >= deadline)); then
          for pid in "${pids[@]}"; do kill -KILL "$pid" || true; done
          sleep 0.5
          break
        fi
        sleep 0.2
      done
      wait "$root" || true
    } 2>/dev/null
  fi
  rm -f "$pidfile"
}

# start_with_retry WHAT TIMEOUT LOG PIDFILE SPAWN_FN KILL_FN CHECK…
#   SPAWN_FN starts one attempt and records PIDFILE; the start is done when CHECK succeeds.
#   When the process exits first or TIMEOUT seconds pass, the end of LOG is printed, KILL_FN
#   clears what the attempt left behind, and one more attempt follows. A second failure dies.
start_with_retry() {
  local what=$1 timeout=$2 log=$3 pidfile=$4 spawn_fn=$5 kill_fn=$6 attempt
  shift 6
  for attempt in 1 2; do
    "$spawn_fn"
    if wait_until "$what" "$timeout" "$log" "$pidfile" "$@"; then
      ((attempt == 1)) || say "$what: started at the second attempt"
      return 0
    fi
    "$kill_fn"
    ((attempt == 2)) || warn "$what: trying once more"
  done
  die "$what did not start in two attempts; see $log"
}

#!/usr/bin/env bash
# Transcode benchmark for Platform (issue 7): for a generated 60 s 1080p clip, the pipeline's wall
# time from POST /api/videos/{id}/complete to status "ready", against the same FFmpeg ladder
# command run bare on the same file in the same run (target: pipeline / bare <= 1.10), and against
# one FFmpeg process per rendition run one after another (target: per-rendition / pipeline >=
# 1.25); then 4 videos on 1 silo against 4 videos on 2 silos. Reports x-realtime, the ratios and
# peak memory. Ratios come from one run of this script (the machine is noisy); nothing is asserted
# on time.
#
#   bench/transcode.sh     (from anywhere; see bench/README.md)
#
# Starts the dev services of profile "up" when they are not running (and stops them again at the
# end), builds Release, creates the database platform_transcode (drop + create) and starts its own
# silo (:8392, silo port 11420, gateway 30420) and Api (:5320), S3 bucket bench-transcode, cluster
# and service id "transcode" (so the RabbitMQ queues transcode.transcode.* are its own),
# Transcoding__MaxConcurrentJobs=1. The second silo of the scaling run: :8393, 11421, 30421.
# The bare FFmpeg arguments come from the silo's own code (bench/ladder-args/ladder-args.cs, a
# .NET file-based app: MediaProbe → LadderPlan → FfmpegLadderArguments). Everything it started is
# stopped on exit, its videos are deleted (objects too) and its scratch folder removed.
# Tunables (environment):
#
#   BENCH_CLIP_SECONDS=60          length of the 1080p clip of the single-video comparison
#   BENCH_SCALE_SECONDS=20         length of the 1080p clip of the scaling run
#   BENCH_SCALE_VIDEOS=4           videos in the scaling run (uploaded first, then completed together)
#   BENCH_READY_TIMEOUT=1200       seconds a video (or the scaling batch) may take to become ready
#   BENCH_EXTRA_ENV="K=V …"        more environment for the silos and the Api (no spaces inside values)
#   BENCH_SKIP_BUILD=1             use the existing Release build
#   BENCH_RESULT_TAG=              appended to the results file name
#   DEV_START_TIMEOUT=120          seconds the silo and the Api may take to start (as in dev.sh)
# shellcheck source-path=SCRIPTDIR/..
set -euo pipefail
umask 022

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
cd "$ROOT"

SCRIPT_NAME=transcode.sh
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"          # the dev tools, the "up" profile, and the steps the benchmarks share

CLIP_SECONDS=${BENCH_CLIP_SECONDS:-60}
SCALE_SECONDS=${BENCH_SCALE_SECONDS:-20}
SCALE_VIDEOS=${BENCH_SCALE_VIDEOS:-4}
READY_TIMEOUT=${BENCH_READY_TIMEOUT:-1200}
EXTRA_ENV=${BENCH_EXTRA_ENV:-}
RESULT_TAG=${BENCH_RESULT_TAG:-}

# Ports and names of its own, apart from bench/auth.sh's (5300, 8380, 11400, 30400) and
# bench/activation-flood.sh's (5310, 8390, 11410, 30410).
DB=platform_transcode
BUCKET=bench-transcode
API_PORT=5320 SILO_HTTP_PORT=8392 SILO_PORT=11420 GATEWAY_PORT=30420
SILO2_HTTP_PORT=8393 SILO2_PORT=11421 GATEWAY2_PORT=30421
API="http://127.0.0.1:$API_PORT"

WORK="$ROOT/.dev/bench-transcode"   # logs and pid files (git-ignored with .dev/)
LOGS="$WORK/logs"
RUN="$WORK/run"
SCRATCH="$WORK/scratch"              # clips, argument lists, FFmpeg outputs: removed on exit
RESULTS="$BENCH/results"
LADDER_ARGS_APP="$BENCH/ladder-args/ladder-args.cs"
CLK_TCK=$(getconf CLK_TCK)
RUN_ID=$(date +%Y%m%d%H%M%S)-$$
PASSWORD="bench-Passw0rd-$RUN_ID"

# ---------------------------------------------------------------------------------------
# Clean-up: only what this script started, by pid.
# ---------------------------------------------------------------------------------------
SILO_PID="" SILO2_PID="" API_PID="" SAMPLER_PID="" STARTED_SERVICES=0 TOKEN="" MAILS_SENT=0
VIDEO_IDS=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_sampler
  bench_delete_videos
  if ((MAILS_SENT)); then bench_delete_mails "$RUN_ID"; fi
  stop_pid api "$RUN/api.pid" 30
  stop_pid silo2 "$RUN/silo2.pid" 30
  stop_pid silo "$RUN/silo.pid" 30
  rm -rf "$SCRATCH"
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
bench_require_tools ffmpeg ffprobe time
mkdir -p "$LOGS" "$RUN" "$RESULTS"
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
rm -f "$RUN/silo.pid" "$RUN/silo2.pid" "$RUN/api.pid"   # left by a run that was killed; its ports are checked below

bench_services_up

bench_require_free_ports "$API_PORT" "$SILO_HTTP_PORT" "$SILO_PORT" "$GATEWAY_PORT" "$SILO2_HTTP_PORT" "$SILO2_PORT" "$GATEWAY2_PORT"

bench_build

bench_recreate_db "$DB"

bench_common_env transcode "$BUCKET"

# Both silos: the same database, ServiceId and bucket; ports of their own.
SILO_BASE_ENV=(
  "${COMMON_ENV[@]}"
  Orleans__AdvertisedIP=127.0.0.1
  Smtp__Host=127.0.0.1 "Smtp__Port=$SMTP_PORT" Smtp__UseTls=false
  "Auth__Rules__EmailLinkBaseUrl=$API"
  "Auth__Rules__CodeHashKey=$(head -c 32 /dev/urandom | base64)"
  Transcoding__MaxConcurrentJobs=1
)
SILO_ENV=("${SILO_BASE_ENV[@]}" "Orleans__SiloPort=$SILO_PORT" "Orleans__GatewayPort=$GATEWAY_PORT")
SILO2_ENV=("${SILO_BASE_ENV[@]}" "Orleans__SiloPort=$SILO2_PORT" "Orleans__GatewayPort=$GATEWAY2_PORT")
API_ENV=(
  "${COMMON_ENV[@]}"
  "Videos__Urls__SigningKey=$(openssl rand -base64 32)"
)

bench_start_stack

# The second silo of the scaling run (started later, beside the first).
bench_silo2_spawn() { bench_spawn silo2 "$LOGS/silo2.log" env "${SILO2_ENV[@]}" dotnet "$SILO_DLL" --urls "http://127.0.0.1:$SILO2_HTTP_PORT"; }
bench_silo2_kill() { kill_stuck silo2 "$RUN/silo2.pid" 30; }

# ---------------------------------------------------------------------------------------
# 2. One verified account; the clips; the platform's own FFmpeg arguments for them
# ---------------------------------------------------------------------------------------
USER_EMAIL="transcode-$RUN_ID@bench.test"
MAILS_SENT=1
TOKEN=$(verified_account "$USER_EMAIL")
say "verified account $USER_EMAIL"

# make_clip SECONDS FILE: 1080p30 test pattern with a 440 Hz tone, H.264 ultrafast + AAC.
make_clip() {
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=$1" -f lavfi -i "sine=frequency=440:duration=$1" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac "$2" >"$LOGS/clip.log" 2>&1 ||
    { tail -n 20 "$LOGS/clip.log" >&2; die "could not generate $2"; }
}
CLIP="$SCRATCH/clip-${CLIP_SECONDS}s.mp4"
SCALE_CLIP="$SCRATCH/clip-${SCALE_SECONDS}s.mp4"
say "generating the clips (${CLIP_SECONDS} s and ${SCALE_SECONDS} s, 1920x1080, 30 fps, with audio)…"
make_clip "$CLIP_SECONDS" "$CLIP"
make_clip "$SCALE_SECONDS" "$SCALE_CLIP"
CLIP_BYTES=$(stat -c %s "$CLIP")
SCALE_BYTES=$(stat -c %s "$SCALE_CLIP")

say "the platform's FFmpeg arguments for the clip (bench/ladder-args/ladder-args.cs)…"
ARGS_DIR="$SCRATCH/ffmpeg"
# -c Release: the silo it references is the one bench_build just built (an incremental no-op).
facts=$(dotnet run -c Release --disable-build-servers --file "$LADDER_ARGS_APP" -- "$CLIP" "$ARGS_DIR" 2>"$LOGS/ladder-args.log" | tail -n 1) ||
  { tail -n 30 "$LOGS/ladder-args.log" >&2; die "ladder-args failed (see $LOGS/ladder-args.log)"; }
read -r DURATION SRC_W SRC_H SRC_AUDIO RUNG_LIST <<<"$facts"
IFS=, read -r -a RUNGS <<<"$RUNG_LIST"
say "probed: ${DURATION} s, ${SRC_W}x${SRC_H}, $SRC_AUDIO; rungs ${RUNGS[*]}"

# ---------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------
xrt() { awk -v d="$1" -v s="$2" 'BEGIN{if (s > 0) printf "%.2f", d / s; else print "-"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0) printf "%.2f", a / b; else print "-"}'; }
mb_k() { awk -v k="$1" 'BEGIN{printf "%.0f", k / 1024}'; }
kb_of() { awk -v k="${2:-VmHWM}:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU seconds of a process: its own (utime + stime) and of its waited-for children (cutime + cstime).
cpu_self() { awk -v t="$CLK_TCK" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_children() { awk -v t="$CLK_TCK" '{sub(/^.*\) /, ""); printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# check_hls DIR RUNG…: FFmpeg wrote a complete playlist per rung (and the master playlist).
check_hls() {
  local dir=$1 r
  shift
  [[ -s "$dir/master.m3u8" ]] || die "no master playlist in $dir"
  for r in "$@"; do grep -q '^#EXT-X-ENDLIST' "$dir/$r/index.m3u8" 2>/dev/null || die "incomplete playlist $dir/$r/index.m3u8"; done
}

# bare NAME ARGSFILE OUTDIR RUNG…: one FFmpeg process with the platform's arguments; sets
# BARE_S (wall seconds), BARE_KB (peak RSS, /usr/bin/time %M) and BARE_CPU (user + system s).
bare() {
  local name=$1 file=$2 out=$3 t0 t1 a=()
  shift 3
  rm -rf "$out"
  mapfile -d '' -t a <"$file"
  t0=$(now)
  /usr/bin/time -f '%M %U %S' -o "$SCRATCH/$name.time" ffmpeg "${a[@]}" >/dev/null 2>"$LOGS/ffmpeg-$name.log" ||
    { tail -n 20 "$LOGS/ffmpeg-$name.log" >&2; die "bare FFmpeg ($name) failed"; }
  t1=$(now)
  check_hls "$out" "$@"
  BARE_S=$(elapsed "$t0" "$t1")
  read -r BARE_KB BARE_CPU < <(awk 'END {printf "%s %.2f\n", $1, $2 + $3}' "$SCRATCH/$name.time")
  rm -rf "$out"
  say "$(printf '  %-22s %7.2f s  (%sx realtime, CPU %s s, peak RSS %s MB)' "$name" "$BARE_S" "$(xrt "$DURATION" "$BARE_S")" "$BARE_CPU" "$(mb_k "$BARE_KB")")"
}

# start_sampler FILE PID…: every 0.2 s, "pid VmHWM_kB" of each ffmpeg child of the PIDs (the
# silos), until stopped. VmHWM only grows, so a process's last line is (nearly) its peak.
start_sampler() {
  local file=$1
  shift
  : >"$file"
  (
    set +e
    while true; do
      for p in "$@"; do
        # shellcheck disable=SC2013 # the children files hold pids separated by spaces
        for c in $(cat "/proc/$p/task/"*/children 2>/dev/null); do
          [[ "$(cat "/proc/$c/comm" 2>/dev/null)" == ffmpeg ]] || continue
          awk -v c="$c" '$1 == "VmHWM:" {print c, $2}' "/proc/$c/status" 2>/dev/null
        done
      done >>"$file"
      sleep 0.2
    done
  ) </dev/null >/dev/null 2>&1 &
  SAMPLER_PID=$!
}
sampled_peak_kb() { awk 'BEGIN{m = 0} $2 > m {m = $2} END{print m}' "$1"; }
sampled_processes() { awk '{seen[$1] = 1} END{print length(seen)}' "$1"; }

# jobs_of LOG ID…: how many of the videos' attempts the silo of LOG started.
jobs_of() {
  local log=$1 id n=0
  shift
  for id in "$@"; do
    if grep -q "Video $id: attempt [0-9]* started on" "$log" 2>/dev/null; then n=$((n + 1)); fi
  done
  printf '%s' "$n"
}

# ---------------------------------------------------------------------------------------
# 3. The 60 s clip: bare ladder, one process per rendition, the pipeline, bare ladder again
# ---------------------------------------------------------------------------------------
say "bare FFmpeg on $CLIP ($CLIP_BYTES bytes), the silo and the Api idle beside it:"
bare ladder-1 "$ARGS_DIR/ladder.args" "$ARGS_DIR/ladder" "${RUNGS[@]}"
ladder1_s=$BARE_S ladder1_kb=$BARE_KB ladder1_cpu=$BARE_CPU

seq_s=0 seq_cpu=0 seq_kb=0 seq_rows=""
for r in "${RUNGS[@]}"; do
  bare "rung-$r" "$ARGS_DIR/rung-$r.args" "$ARGS_DIR/rung-$r" "$r"
  seq_s=$(awk -v a="$seq_s" -v b="$BARE_S" 'BEGIN{printf "%.2f", a + b}')
  seq_cpu=$(awk -v a="$seq_cpu" -v b="$BARE_CPU" 'BEGIN{printf "%.2f", a + b}')
  if ((BARE_KB > seq_kb)); then seq_kb=$BARE_KB; fi
  seq_rows+="$(printf '%s %.2f s, ' "$r" "$BARE_S")"
done
seq_rows=${seq_rows%, }

say "pipeline: one ${CLIP_SECONDS} s video, upload → complete → ready"
upload_video "$CLIP" "$CLIP_BYTES" "bench transcode ${CLIP_SECONDS}s"
id=$VIDEO_ID
start_sampler "$WORK/ffmpeg-pipeline.txt" "$SILO_PID"
silo_cpu0=$(cpu_self "$SILO_PID") ff_cpu0=$(cpu_children "$SILO_PID")
t0=$(now)
complete_video "$id"
wait_ready "$t0" "$id"
pipe_s=$READY_S
silo_cpu1=$(cpu_self "$SILO_PID") ff_cpu1=$(cpu_children "$SILO_PID")
stop_sampler
pipe_ff_kb=$(sampled_peak_kb "$WORK/ffmpeg-pipeline.txt")
pipe_ff_n=$(sampled_processes "$WORK/ffmpeg-pipeline.txt")
pipe_ff_cpu=$(awk -v a="$ff_cpu0" -v b="$ff_cpu1" 'BEGIN{printf "%.2f", b - a}')
pipe_silo_cpu=$(awk -v a="$silo_cpu0" -v b="$silo_cpu1" 'BEGIN{printf "%.2f", b - a}')
silo_hwm_single=$(kb_of "$SILO_PID")
api GET "/api/videos/$id"
renditions=$(jq -r '[.renditions[]? | .name] | join(",")' <<<"$RESP_BODY" 2>/dev/null || true)
say "$(printf '  %-22s %7.2f s  (%sx realtime; FFmpeg CPU %s s, silo CPU %s s; renditions %s)' pipeline "$pipe_s" \
  "$(xrt "$DURATION" "$pipe_s")" "$pipe_ff_cpu" "$pipe_silo_cpu" "$renditions")"

bare ladder-2 "$ARGS_DIR/ladder.args" "$ARGS_DIR/ladder" "${RUNGS[@]}"
ladder2_s=$BARE_S ladder2_kb=$BARE_KB ladder2_cpu=$BARE_CPU
bare_s=$(awk -v a="$ladder1_s" -v b="$ladder2_s" 'BEGIN{printf "%.2f", (a + b) / 2}')
bare_kb=$((ladder1_kb > ladder2_kb ? ladder1_kb : ladder2_kb))

# ---------------------------------------------------------------------------------------
# 4. Scaling: SCALE_VIDEOS videos on one silo, then on two
# ---------------------------------------------------------------------------------------
# scale NAME: uploads SCALE_VIDEOS copies of the short clip, completes them one right after
# the other, and times the first complete to the last ready. Sets NAME_s, NAME_ids.
scale() {
  local name=$1 ids=() i t0 pids=("$SILO_PID")
  [[ -z "$SILO2_PID" ]] || pids+=("$SILO2_PID")
  for ((i = 1; i <= SCALE_VIDEOS; i++)); do
    upload_video "$SCALE_CLIP" "$SCALE_BYTES" "bench transcode $name $i"
    ids+=("$VIDEO_ID")
  done
  start_sampler "$WORK/ffmpeg-$name.txt" "${pids[@]}"
  t0=$(now)
  for i in "${ids[@]}"; do complete_video "$i"; done
  local completed
  completed=$(elapsed "$t0" "$(now)")
  wait_ready "$t0" "${ids[@]}"
  stop_sampler
  printf -v "${name}_s" '%s' "$READY_S"
  printf -v "${name}_completes_s" '%s' "$completed"
  printf -v "${name}_ids" '%s' "${ids[*]}"
  printf -v "${name}_ff_kb" '%s' "$(sampled_peak_kb "$WORK/ffmpeg-$name.txt")"
  local firsts="" x
  for x in "${ids[@]}"; do firsts+="${READY_AT[$x]} "; done
  printf -v "${name}_each" '%s' "${firsts% }"
  say "$(printf '  %-22s %7.2f s  (%s videos x %s s: %sx realtime; each ready after %s s)' "$name" "$READY_S" \
    "$SCALE_VIDEOS" "$SCALE_SECONDS" "$(xrt "$((SCALE_VIDEOS * SCALE_SECONDS))" "$READY_S")" "${firsts% }")"
}

say "scaling: $SCALE_VIDEOS videos of ${SCALE_SECONDS} s, one silo"
scale one_silo
silo_hwm_one=$(kb_of "$SILO_PID")

say "starting the second silo (:$SILO2_HTTP_PORT, silo port $SILO2_PORT, gateway $GATEWAY2_PORT)…"
: >"$LOGS/silo2.log"
start_with_retry silo2 "$START_TIMEOUT_APP" "$LOGS/silo2.log" "$RUN/silo2.pid" bench_silo2_spawn bench_silo2_kill \
  http_ok "http://127.0.0.1:$SILO2_HTTP_PORT/health/live"
SILO2_PID=$(pid_of "$RUN/silo2.pid")
# Its worker takes jobs once the silo has joined (it logs "Transcode worker … takes up to").
wait_until "the second silo's transcode worker" 120 "$LOGS/silo2.log" "$RUN/silo2.pid" \
  grep -q "Transcode worker .* takes up to" "$LOGS/silo2.log" || say "WARNING: no \"Transcode worker … takes up to\" line from silo 2 yet; going on"
say "silo 2 ready (pid $SILO2_PID, log $LOGS/silo2.log)"

say "scaling: $SCALE_VIDEOS videos of ${SCALE_SECONDS} s, two silos"
scale two_silos
# shellcheck disable=SC2154 # one_silo_* and two_silos_* are set by scale (printf -v)
{
  read -r -a two_ids <<<"$two_silos_ids"
  two_on_1=$(jobs_of "$LOGS/silo.log" "${two_ids[@]}")
  two_on_2=$(jobs_of "$LOGS/silo2.log" "${two_ids[@]}")
}

silo_hwm_end=$(kb_of "$SILO_PID")
silo2_hwm_end=$(kb_of "$SILO2_PID")
api_hwm_end=$(kb_of "$API_PID")

# ---------------------------------------------------------------------------------------
# 5. Summary
# ---------------------------------------------------------------------------------------
met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ if (v == "-") print "-"; else if ((op == "le" && v <= t) || (op == "ge" && v >= t)) print "met"; else print "NOT met" }'; }
pipe_over_bare=$(ratio "$pipe_s" "$bare_s")
seq_over_pipe=$(ratio "$seq_s" "$pipe_s")
# shellcheck disable=SC2154 # one_silo_* and two_silos_* are set by scale (printf -v)
scale_ratio=$(ratio "$one_silo_s" "$two_silos_s")

cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
if git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q .; then dirty=" (uncommitted changes)"; fi
# shellcheck disable=SC2154 # one_silo_* and two_silos_* are set by scale (printf -v)
{
  printf 'Platform transcode benchmark  %s\n' "$(date -Is)"
  printf 'commit %s%s, %s x %s, %s GiB RAM, dotnet %s, %s, load %s\n' "$commit" "$dirty" "$(nproc)" "$cpu_model" \
    "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" "$(dotnet --version)" \
    "$(ffmpeg -version | awk 'NR == 1 {print $1, $2, $3}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'clip: %s s 1920x1080 30 fps testsrc2 + 440 Hz AAC (libx264 ultrafast), %s bytes; probed %s s %sx%s %s\n' \
    "$CLIP_SECONDS" "$CLIP_BYTES" "$DURATION" "$SRC_W" "$SRC_H" "$SRC_AUDIO"
  printf 'ladder: %s (LadderPlan), FFmpeg arguments from FfmpegLadderArguments (bench/ladder-args); silos with Transcoding__MaxConcurrentJobs=1, other Transcoding settings as shipped\n\n' \
    "${RUNGS[*]}"
  printf '1. one %s s video (x-realtime = %s / seconds)\n' "$CLIP_SECONDS" "$DURATION"
  printf '   bare ladder (one FFmpeg, all rungs)   %7.2f s  %5sx realtime   (before the pipeline %.2f s, after %.2f s; CPU %s / %s s)\n' \
    "$bare_s" "$(xrt "$DURATION" "$bare_s")" "$ladder1_s" "$ladder2_s" "$ladder1_cpu" "$ladder2_cpu"
  printf '   one FFmpeg per rendition, in a row    %7.2f s  %5sx realtime   (%s; CPU %s s)\n' \
    "$seq_s" "$(xrt "$DURATION" "$seq_s")" "$seq_rows" "$seq_cpu"
  printf '   pipeline, complete -> ready           %7.2f s  %5sx realtime   (FFmpeg CPU %s s, silo CPU %s s; polled every 0.2 s)\n' \
    "$pipe_s" "$(xrt "$DURATION" "$pipe_s")" "$pipe_ff_cpu" "$pipe_silo_cpu"
  printf '   pipeline / bare ladder                 x%s   (target <= 1.10: %s)\n' "$pipe_over_bare" "$(met "$pipe_over_bare" 1.10 le)"
  printf '   per rendition / pipeline               x%s   (target >= 1.25: %s)\n\n' "$seq_over_pipe" "$(met "$seq_over_pipe" 1.25 ge)"
  printf '2. %s videos of %s s (%s bytes each), uploaded first, then completed one right after the other; first complete -> last ready\n' \
    "$SCALE_VIDEOS" "$SCALE_SECONDS" "$SCALE_BYTES"
  printf '   one silo                              %7.2f s  %5sx realtime   (each ready after %s s; completes sent within %s s)\n' \
    "$one_silo_s" "$(xrt "$((SCALE_VIDEOS * SCALE_SECONDS))" "$one_silo_s")" "$one_silo_each" "$one_silo_completes_s"
  printf '   two silos                             %7.2f s  %5sx realtime   (each ready after %s s; completes sent within %s s; jobs run by silo 1 / silo 2: %s / %s)\n' \
    "$two_silos_s" "$(xrt "$((SCALE_VIDEOS * SCALE_SECONDS))" "$two_silos_s")" "$two_silos_each" "$two_silos_completes_s" "$two_on_1" "$two_on_2"
  printf '   one silo / two silos                   x%s   (both silos on this one %s-core machine: each FFmpeg already uses every core)\n\n' \
    "$scale_ratio" "$(nproc)"
  printf '3. peak memory (RSS high-water mark)\n'
  printf '   bare ladder FFmpeg                     %s MB (/usr/bin/time %%M)\n' "$(mb_k "$bare_kb")"
  printf '   largest single-rendition FFmpeg        %s MB\n' "$(mb_k "$seq_kb")"
  printf '   pipeline FFmpeg (sampled VmHWM, 0.2 s) %s MB single video (%s FFmpeg processes seen: ladder + thumbnail); %s MB one silo, %s MB two silos (per process)\n' \
    "$(mb_k "$pipe_ff_kb")" "$pipe_ff_n" "$(mb_k "$one_silo_ff_kb")" "$(mb_k "$two_silos_ff_kb")"
  printf '   silo 1 (VmHWM)                         %s MB after the single video, %s MB after the one-silo run, %s MB at the end\n' \
    "$(mb_k "$silo_hwm_single")" "$(mb_k "$silo_hwm_one")" "$(mb_k "$silo_hwm_end")"
  printf '   silo 2 (VmHWM)                         %s MB at the end\n' "$(mb_k "$silo2_hwm_end")"
  printf '   Api (VmHWM)                            %s MB at the end\n' "$(mb_k "$api_hwm_end")"
  printf '\nscript time %ss\n' "$SECONDS"
} >"$WORK/summary-$RUN_ID.txt"

result_file="$RESULTS/transcode-$(date +%Y-%m-%d-%H%M)${RESULT_TAG:+-$RESULT_TAG}.txt"
cp "$WORK/summary-$RUN_ID.txt" "$result_file"
printf '\n'
cat "$result_file"
printf '\n(written to %s; silo, Api and FFmpeg logs in %s)\n' "${result_file#"$ROOT"/}" "${LOGS#"$ROOT"/}"

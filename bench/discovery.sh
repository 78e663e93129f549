#!/usr/bin/env bash
# Discovery benchmark for Platform: views per second with none lost, and the latency of related
# videos, recommendations and the feed at 10,000 videos and 200,000 view events, each against a
# baseline measured in the same run (GET /api/videos/{id}: one grain call).
#
#   bench/discovery.sh       (from anywhere; see bench/README.md)
#
# Starts the dev services of profile "up" when they are not running (and stops them again at
# the end), builds Release, creates the database platform_discovery (drop + create) and starts
# its own silo (:8396, silo port 11430, gateway 30430) and Api (:5330) with the per-IP limits
# lifted and 127.0.0.1 trusted as a proxy (the views run gives every request a client network
# of its own in X-Forwarded-For). It then
#   1. uploads BENCH_REAL_VIDEOS short clips through the pipeline (related needs real videos);
#   2. generates the rest of the dataset in PostgreSQL: synthetic ready public videos up to
#      BENCH_VIDEOS, and BENCH_VIEWERS viewers watching BENCH_VIEWS_PER_VIEWER videos each within
#      a day (popularity skewed: rank = N·u³), the real clips being the most popular; the bench
#      user watched 30 of the popular ones. The silo's co-watch pairing works the events off
#      (timed);
#   3. measures with wrk (1 thread, BENCH_LATENCY_CONNECTIONS connections, BENCH_DURATION s
#      after BENCH_WARMUP s): the baseline, related of the most popular real video, the bench
#      user's recommendations, anonymous recommendations (trending) and the feed's first page;
#   4. floods POST /api/videos/{id}/views (2 threads, BENCH_VIEW_CONNECTIONS connections,
#      BENCH_DURATION s; every request a new anonymous viewer) beside the same wrk on the
#      baseline, then waits for the counts to be written and compares them with the 204s.
# Everything it started is stopped on exit. Tunables (environment):
#
#   BENCH_VIDEOS=10000 BENCH_VIEWERS=20000 BENCH_VIEWS_PER_VIEWER=10 BENCH_REAL_VIDEOS=8
#   BENCH_DURATION=15 BENCH_WARMUP=3 BENCH_LATENCY_CONNECTIONS=4 BENCH_VIEW_CONNECTIONS=64
#   BENCH_EXTRA_ENV="K=V …"        more environment for the silo and the Api (no spaces inside values)
#   BENCH_SKIP_BUILD=1             use the existing Release build
#   BENCH_RESULT_TAG=              appended to the results file name
#   DEV_START_TIMEOUT=120          seconds the silo and the Api may take to start (as in dev.sh)
# shellcheck source-path=SCRIPTDIR/..
set -euo pipefail
umask 022

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
cd "$ROOT"

SCRIPT_NAME=discovery.sh
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"          # the dev tools, the "up" profile, and the steps the benchmarks share

VIDEOS=${BENCH_VIDEOS:-10000}
VIEWERS=${BENCH_VIEWERS:-20000}
VIEWS_PER_VIEWER=${BENCH_VIEWS_PER_VIEWER:-10}
REAL_VIDEOS=${BENCH_REAL_VIDEOS:-8}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
LATENCY_CONNECTIONS=${BENCH_LATENCY_CONNECTIONS:-4}
VIEW_CONNECTIONS=${BENCH_VIEW_CONNECTIONS:-64}
READY_TIMEOUT=${BENCH_READY_TIMEOUT:-300}
EXTRA_ENV=${BENCH_EXTRA_ENV:-}
RESULT_TAG=${BENCH_RESULT_TAG:-}

# Ports and names of its own, apart from the other benchmarks' (auth 5300/8380, activation flood
# 5310/8390, transcode 5320/8392/8393).
DB=platform_discovery
BUCKET=bench-discovery
API_PORT=5330 SILO_HTTP_PORT=8396 SILO_PORT=11430 GATEWAY_PORT=30430
API="http://127.0.0.1:$API_PORT"

WORK="$ROOT/.dev/bench-discovery"   # logs, pid files and the clip (git-ignored with .dev/)
LOGS="$WORK/logs"
RUN="$WORK/run"
RESULTS="$BENCH/results"
RUN_ID=$(date +%Y%m%d%H%M%S)-$$
PASSWORD="bench-Passw0rd-$RUN_ID"

# ---------------------------------------------------------------------------------------
# Clean-up: only what this script started, by pid.
# ---------------------------------------------------------------------------------------
SILO_PID="" API_PID="" STARTED_SERVICES=0 TOKEN="" MAILS_SENT=0
VIDEO_IDS=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bench_delete_videos
  if ((MAILS_SENT)); then bench_delete_mails "$RUN_ID"; fi
  stop_pid api "$RUN/api.pid" 30
  stop_pid silo "$RUN/silo.pid" 30
  bench_stop_started_services
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------
# 1. Tools, services, build, database, silo and Api
# ---------------------------------------------------------------------------------------
bench_require_tools ffmpeg wrk
mkdir -p "$LOGS" "$RUN" "$RESULTS"
rm -f "$RUN/silo.pid" "$RUN/api.pid"   # left by a run that was killed; its ports are checked below

bench_services_up
bench_require_free_ports "$API_PORT" "$SILO_HTTP_PORT" "$SILO_PORT" "$GATEWAY_PORT"
bench_build
bench_recreate_db "$DB"

bench_common_env discovery "$BUCKET"
SILO_ENV=(
  "${COMMON_ENV[@]}"
  Orleans__AdvertisedIP=127.0.0.1 "Orleans__SiloPort=$SILO_PORT" "Orleans__GatewayPort=$GATEWAY_PORT"
  Smtp__Host=127.0.0.1 "Smtp__Port=$SMTP_PORT" Smtp__UseTls=false
  "Auth__Rules__EmailLinkBaseUrl=$API"
  "Auth__Rules__CodeHashKey=$(head -c 32 /dev/urandom | base64)"
)
LIFTED=()
for limit in AuthPerIp AuthPerNetwork CodeSendsPerIp UnverifiedSessionsPerIp VideoCreatesPerIp ListingsPerIp PlaylistsPerIp MediaPerIp ViewsPerIp; do
  LIFTED+=("RateLimits__$limit=100000000")
done
SIGNING_KEY=$(openssl rand -base64 32)
API_ENV=(
  "${COMMON_ENV[@]}"
  "Videos__Urls__SigningKey=$SIGNING_KEY"
  Api__TrustedProxies__0=127.0.0.1
  "${LIFTED[@]}"
)

bench_start_stack

# ---------------------------------------------------------------------------------------
# 2. The dataset: real clips through the pipeline, the rest generated in PostgreSQL
# ---------------------------------------------------------------------------------------
MAILS_SENT=1
TOKEN=$(verified_account "discovery-$RUN_ID@bench.test")
VIEWER_TOKEN=$(verified_account "discovery-viewer-$RUN_ID@bench.test")
VIEWER_ID=$(curl -s --max-time 10 -H "Authorization: Bearer $VIEWER_TOKEN" "$API/api/auth/session" | jq -r '.user.id // empty')
[[ -n "$VIEWER_ID" ]] || die "could not read the viewer's user id from /api/auth/session"
# The viewer key the Api gives this user (ViewerKeys: HMAC with a key derived from the signing key).
hmac_hex() { printf '%s' "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" -r | cut -d' ' -f1; }
VIEWER_KEY=$(hmac_hex "$(hmac_hex "$(base64 -d <<<"$SIGNING_KEY" | od -An -tx1 | tr -d ' \n')" platform-viewer-keys)" \
  "$(printf 'user\n%s' "${VIEWER_ID//-/}")" | cut -c1-32 | tr a-f A-F)
say "accounts ready (viewer $VIEWER_ID, key $VIEWER_KEY)"

CLIP="$WORK/clip.mp4"
ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=320x240:rate=25:duration=2" \
  -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$CLIP" >"$LOGS/clip.log" 2>&1 || die "could not generate $CLIP"
CLIP_BYTES=$(stat -c %s "$CLIP")
say "uploading $REAL_VIDEOS clips through the pipeline…"
for ((i = 0; i < REAL_VIDEOS; i++)); do
  upload_video "$CLIP" "$CLIP_BYTES" "discovery bench clip $i"
  complete_video "$VIDEO_ID"
done
wait_ready "$(now)" "${VIDEO_IDS[@]}"
REAL_IDS=("${VIDEO_IDS[@]}")
say "real videos ready"

say "generating $VIDEOS videos and $((VIEWERS * VIEWS_PER_VIEWER)) view events…"
t0=$(now)
REAL_ARRAY="{$(IFS=,; echo "${REAL_IDS[*]}")}"
psql_bench -d "$DB" -v real="$REAL_ARRAY" -v videos="$VIDEOS" -v viewers="$VIEWERS" -v per="$VIEWS_PER_VIEWER" \
  -v viewer_key="$VIEWER_KEY" >"$LOGS/dataset.log" 2>&1 <<'SQL' || { tail -n 20 "$LOGS/dataset.log" >&2; die "dataset generation failed"; }
CREATE TEMP TABLE ranked (rank int PRIMARY KEY, id uuid NOT NULL);
INSERT INTO ranked SELECT ord - 1, id FROM unnest(:'real'::uuid[]) WITH ORDINALITY AS r (id, ord);
INSERT INTO ranked SELECT n, gen_random_uuid() FROM generate_series((SELECT count(*) FROM ranked)::int, :videos - 1) AS n;
INSERT INTO videos (id, owner_id, title, description, visibility, status, progress, size_bytes, duration_seconds,
                    width, height, renditions, output_prefix, created_at, updated_at, version)
SELECT id, ('00000000-0000-0000-0000-' || lpad(to_hex(1 + rank % 200), 12, '0'))::uuid,
       'bench video ' || rank, 'generated for the discovery benchmark', 'public', 'ready', 100, 1000, 2,
       320, 240, '[]', 'videos/' || replace(id::text, '-', '') || '/hls-0000000000000000/',
       now() - random() * interval '30 days', now(), 1
FROM ranked WHERE rank >= cardinality(:'real'::uuid[]);
-- Each viewer watches within one day (one of the last 6), popular videos far more often.
CREATE TEMP TABLE events AS
SELECT e.viewer, r.id AS video_id, e.viewed_at FROM (
    SELECT 'synthetic-' || v AS viewer, least(:videos - 1, floor(:videos * power(random(), 3)))::int AS rank,
           now() - (v % 6) * interval '1 day' - random() * interval '20 hours' AS viewed_at
    FROM generate_series(1, :viewers) AS v, generate_series(1, :per) AS k) e
JOIN ranked r ON r.rank = e.rank;
-- The bench user (its viewer key as ViewerKeys.OfUser makes it) watched 30 of the 200 most popular.
INSERT INTO events
SELECT :'viewer_key', r.id, now() - random() * interval '20 hours'
FROM (SELECT DISTINCT floor(200 * random())::int AS rank FROM generate_series(1, 40) LIMIT 30) p JOIN ranked r USING (rank);
INSERT INTO view_events (viewer, video_id, viewed_at) SELECT viewer, video_id, viewed_at FROM events ORDER BY viewed_at;
INSERT INTO daily_views (day, video_id, views)
SELECT (viewed_at AT TIME ZONE 'UTC')::date, video_id, count(*) FROM events GROUP BY 1, 2;
UPDATE videos v SET views = v.views + c.n FROM (SELECT video_id, count(*) AS n FROM events GROUP BY 1) c WHERE v.id = c.video_id;
ANALYZE videos; ANALYZE view_events; ANALYZE daily_views;
SQL
GENERATE_S=$(elapsed "$t0" "$(now)")
EVENTS=$(psql_bench -d "$DB" -tAc "SELECT count(*) FROM view_events")
say "dataset generated in ${GENERATE_S} s ($EVENTS events); waiting for the silo's co-watch pairing…"
t0=$(now)
deadline=$((SECONDS + 900))
while (($(psql_bench -d "$DB" -tAc "SELECT count(*) FROM view_events WHERE NOT paired") > 0)); do
  ((SECONDS < deadline)) || die "the co-watch pairing did not finish within 900 s"
  sleep 0.5
done
PAIR_S=$(elapsed "$t0" "$(now)")
while (($(psql_bench -d "$DB" -tAc "SELECT count(*) FROM related_dirty") > 0)); do
  ((SECONDS < deadline)) || die "the related lists were not ranked within 900 s"
  sleep 0.5
done
RANK_S=$(elapsed "$t0" "$(now)")
PAIRS=$(psql_bench -d "$DB" -tAc "SELECT count(*) FROM co_views")
LISTS=$(psql_bench -d "$DB" -tAc "SELECT count(DISTINCT video_id) FROM related_videos")
psql_bench -d "$DB" -c "ANALYZE co_views; ANALYZE related_videos" >/dev/null
say "paired in ${PAIR_S} s ($PAIRS co_views rows); $LISTS related lists ranked after ${RANK_S} s"
POPULAR=${REAL_IDS[0]}
NEIGHBOURS=$(psql_bench -d "$DB" -tAc "SELECT count(*) FROM co_views WHERE video_id = '$POPULAR'")

# ---------------------------------------------------------------------------------------
# 3. Latency: the baseline and each discovery route, one after the other
# ---------------------------------------------------------------------------------------
# wrk_run LABEL THREADS CONNECTIONS PATH [TOKEN]: sets R_* from the RESULT line (R_rps, R_p50_ms, R_p95_ms, …).
R_rps="" R_p50_ms="" R_p95_ms="" R_statuses=""
wrk_run() {
  local label=$1 threads=$2 connections=$3 path=$4 auth=${5:-} out line kv
  WRK_AUTH="$auth" wrk -t1 -c"$connections" -d"${WARMUP}s" -s "$BENCH/wrk-report.lua" "$API$path" >/dev/null 2>&1 || true
  out=$(WRK_AUTH="$auth" WRK_COUNT_STATUS=1 wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s "$BENCH/wrk-report.lua" "$API$path" 2>&1) ||
    { say "$out"; die "wrk failed ($label)"; }
  line=$(grep '^RESULT ' <<<"$out") || { say "$out"; die "no RESULT line from wrk ($label)"; }
  for kv in ${line#RESULT }; do printf -v "R_${kv%%=*}" '%s' "${kv#*=}"; done
  [[ "$R_statuses" =~ ^200:[0-9]+$ ]] || die "$label: responses other than 200: $R_statuses"
  say "$label: $R_rps req/s, p50 $R_p50_ms ms, p95 $R_p95_ms ms"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0) printf "%.2f", a / b; else print "-"}'; }

declare -A P50 P95 RPS
measure() {
  wrk_run "$@"
  P50[$1]=$R_p50_ms P95[$1]=$R_p95_ms RPS[$1]=$R_rps
}
measure baseline 1 "$LATENCY_CONNECTIONS" "/api/videos/$POPULAR"
measure related 1 "$LATENCY_CONNECTIONS" "/api/videos/$POPULAR/related"
measure recommended 1 "$LATENCY_CONNECTIONS" "/api/recommendations" "$VIEWER_TOKEN"
measure trending 1 "$LATENCY_CONNECTIONS" "/api/recommendations"
measure feed 1 "$LATENCY_CONNECTIONS" "/api/videos?limit=20"
measure baseline2 1 "$LATENCY_CONNECTIONS" "/api/videos/$POPULAR"

# ---------------------------------------------------------------------------------------
# 4. Views per second, none lost
# ---------------------------------------------------------------------------------------
written() { psql_bench -d "$DB" -tAc "SELECT coalesce(sum(views), 0) FROM videos WHERE id = ANY('$REAL_ARRAY'::uuid[])"; }
events_of_run() { psql_bench -d "$DB" -tAc "SELECT count(*) FROM view_events WHERE video_id = ANY('$REAL_ARRAY'::uuid[]) AND viewed_at > to_timestamp($1)"; }
say "views: ${DURATION} s of POST /api/videos/{id}/views over ${#REAL_IDS[@]} videos, every request a new viewer…"
V_rps="" V_p50_ms="" V_p95_ms="" V_statuses=""   # set from the RESULT line below
BEFORE=$(written)
VIEWS_T0=$(date +%s)
out=$(WRK_VIDEOS="${REAL_IDS[*]}" WRK_RUN="v$RUN_ID" wrk -t2 -c"$VIEW_CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH/wrk-views.lua" "$API" 2>&1) ||
  { say "$out"; die "wrk failed (views)"; }
line=$(grep '^RESULT ' <<<"$out") || { say "$out"; die "no RESULT line from wrk (views)"; }
for kv in ${line#RESULT }; do printf -v "V_${kv%%=*}" '%s' "${kv#*=}"; done
COUNTED=$(tr ',' '\n' <<<"$V_statuses" | awk -F: '$1 == 204 {print $2}')
COUNTED=${COUNTED:-0}
[[ "$V_statuses" =~ ^204:[0-9]+$ ]] || say "views: responses other than 204: $V_statuses"
say "views: $V_rps req/s, p50 $V_p50_ms ms, p95 $V_p95_ms ms; $COUNTED counted (204); waiting for them to be written…"
t0=$(now)
deadline=$((SECONDS + 120))
while (($(written) - BEFORE < COUNTED)) && ((SECONDS < deadline)); do sleep 0.5; done
WRITE_S=$(elapsed "$t0" "$(now)")
# A few more seconds: a count written twice would show as more than counted.
sleep 6
WRITTEN=$(($(written) - BEFORE))
RUN_EVENTS=$(events_of_run "$VIEWS_T0")
GRAIN_TOTAL=0
for id in "${REAL_IDS[@]}"; do
  GRAIN_TOTAL=$((GRAIN_TOTAL + $(curl -s --max-time 10 "$API/api/videos/$id" | jq -r '.views')))
done
# wrk stops with up to one request in flight per connection: the Api counts those, wrk does not
# see their answers. So written may exceed counted by at most the connections; less is a loss.
LOST=$((COUNTED > WRITTEN ? COUNTED - WRITTEN : 0))
IN_FLIGHT=$((WRITTEN > COUNTED ? WRITTEN - COUNTED : 0))
((IN_FLIGHT <= VIEW_CONNECTIONS)) || say "written exceeds counted by $IN_FLIGHT, more than the $VIEW_CONNECTIONS requests that can be in flight: counted twice?"
say "written: $WRITTEN of $COUNTED (events $RUN_EVENTS) after ${WRITE_S} s"
measure views-baseline 2 "$VIEW_CONNECTIONS" "/api/videos/$POPULAR"

# ---------------------------------------------------------------------------------------
# 5. Results
# ---------------------------------------------------------------------------------------
met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ if ((op == "le" && v <= t) || (op == "ge" && v >= t)) print "met"; else print "NOT met" }'; }
result_file="$RESULTS/discovery-$(date +%Y-%m-%d-%H%M)${RESULT_TAG:+-$RESULT_TAG}.txt"
{
  printf 'Discovery benchmark, %s, %s\n' "$(date -Is)" "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  printf 'machine: %s cores, %s; silo and Api on it with wrk\n\n' "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  printf 'dataset: %s videos (%s real, through the pipeline), %s view events (%s viewers x %s, within a day each, rank = N*u^3, + 30 of the bench user)\n' \
    "$VIDEOS" "${#REAL_IDS[@]}" "$EVENTS" "$VIEWERS" "$VIEWS_PER_VIEWER"
  printf '         generated in %s s; co-watch pairing on the silo: %s s (%s events/s), %s co_views rows; %s related lists ranked after %s s\n' \
    "$GENERATE_S" "$PAIR_S" "$(awk -v n="$EVENTS" -v s="$PAIR_S" 'BEGIN{if (s > 0) printf "%.0f", n / s; else print "-"}')" "$PAIRS" "$LISTS" "$RANK_S"
  printf '         the measured video (the most viewed) was co-watched with %s others\n\n' "$NEIGHBOURS"
  printf '1. latency, wrk 1 thread x %s connections, %s s each (after %s s warm-up)\n' "$LATENCY_CONNECTIONS" "$DURATION" "$WARMUP"
  printf '   %-44s %9s %9s %9s %12s\n' route 'req/s' 'p50 ms' 'p95 ms' 'p95/baseline'
  for k in baseline related recommended trending feed baseline2; do
    case $k in
      baseline | baseline2) label="GET /api/videos/{id} (baseline: one grain call)" ;;
      related) label="GET /api/videos/{id}/related" ;;
      recommended) label="GET /api/recommendations (signed in)" ;;
      trending) label="GET /api/recommendations (anonymous)" ;;
      feed) label="GET /api/videos?limit=20 (feed)" ;;
    esac
    printf '   %-44s %9s %9s %9s %12s\n' "${label:0:44}" "${RPS[$k]}" "${P50[$k]}" "${P95[$k]}" "$(ratio "${P95[$k]}" "${P95[baseline]}")"
  done
  printf '   target p95 < 50 ms: related %s, recommendations %s\n\n' "$(met "${P95[related]}" 50 le)" "$(met "${P95[recommended]}" 50 le)"
  printf '2. views, wrk 2 threads x %s connections, %s s, every request a new anonymous viewer from a network of its own\n' "$VIEW_CONNECTIONS" "$DURATION"
  printf '   POST /api/videos/{id}/views            %9s req/s  p50 %s ms  p95 %s ms  (statuses %s)\n' "$V_rps" "$V_p50_ms" "$V_p95_ms" "$V_statuses"
  printf '   GET /api/videos/{id}, same wrk         %9s req/s  -> views / baseline %s\n' "${RPS[views-baseline]}" "$(ratio "$V_rps" "${RPS[views-baseline]}")"
  printf '   answered 204: %s; written: %s (view events %s; the grains show %s); lost %s; answered after wrk stopped (in flight): %s; all written %s s after the run\n' \
    "$COUNTED" "$WRITTEN" "$RUN_EVENTS" "$((GRAIN_TOTAL - BEFORE))" "$LOST" "$IN_FLIGHT" "$WRITE_S"
  printf '   target 5,000 views/s with none lost: %s\n' "$( ((LOST == 0 && IN_FLIGHT <= VIEW_CONNECTIONS && WRITTEN == RUN_EVENTS)) && met "$V_rps" 5000 ge || echo 'NOT met (views lost or counted twice)')"
} >"$result_file"
cat "$result_file"
say "results: $result_file"

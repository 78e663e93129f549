-- The RESULT line both wrk scripts end with (bench/wrk-report.lua, bench/wrk-flood.lua), loaded
-- by them with dofile. Each thread keeps its per-status counts in the global `statuses`;
-- the caller's setup() collects the threads in `threads`.
--   RESULT requests=… duration_s=… rps=… p50_ms=… p90_ms=… p95_ms=… p99_ms=… max_ms=…
--          err_connect=… err_read=… err_write=… err_timeout=… err_status=… statuses=200:n,401:m

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    if type(counts) == "table" then
      for code, n in pairs(counts) do merged[code] = (merged[code] or 0) + n end
    end
  end
  local codes = {}
  for code, _ in pairs(merged) do codes[#codes + 1] = code end
  table.sort(codes)
  local parts = {}
  for _, code in ipairs(codes) do parts[#parts + 1] = code .. ":" .. merged[code] end

  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, #parts > 0 and table.concat(parts, ",") or "-"))
end

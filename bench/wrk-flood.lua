-- wrk script used by bench/activation-flood.sh: a fixed number of GET requests, each with a
-- bearer token, counted per status.
--
-- Environment:
--   WRK_TOTAL    requests to send in all (split evenly over the threads); each thread stops
--                itself once it has its share of responses
--   WRK_DONE_DIR a folder where each thread leaves a file when it has stopped: wrk itself
--                sleeps out its -d duration whatever the threads do, so the caller sends it
--                SIGINT once every thread is done (wrk then reports as usual)
--   WRK_THREADS  the -t value wrk was given (to split WRK_TOTAL)
--   WRK_AUTH     a fixed bearer token; when absent, every request carries a fresh random token of
--                the session format: base64url(userId ‖ sessionId ‖ 32 secret bytes), 64 bytes,
--                86 characters without padding (Grains.Interfaces/Accounts/UserToken.cs). So every
--                request names another, nonexistent user and reaches another user grain.
--
-- done() prints one machine-readable line that activation-flood.sh parses:
--   RESULT requests=… duration_s=… rps=… p50_ms=… p90_ms=… p95_ms=… p99_ms=… max_ms=… err_connect=…
--          err_read=… err_write=… err_timeout=… err_status=… statuses=200:n,401:m   (bench/wrk-result.lua)

local total = tonumber(os.getenv("WRK_TOTAL") or "100000")
local nthreads = tonumber(os.getenv("WRK_THREADS") or "1")
local done_dir = os.getenv("WRK_DONE_DIR")
local fixed = os.getenv("WRK_AUTH")
if fixed == "" then fixed = nil end

threads = {} -- global: bench/wrk-result.lua reads it

function setup(thread)
  -- Each thread's share; the first ones take the remainder.
  local index = #threads
  local share = math.floor(total / nthreads) + ((index < total % nthreads) and 1 or 0)
  thread:set("id", index)
  thread:set("quota", share)
  table.insert(threads, thread)
end

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local chars = {}
for i = 1, 64 do chars[i] = alphabet:sub(i, i) end
-- 64 bytes = 512 bits; 86 characters carry 516: the last one may only use its top 2 bits.
local last = { "A", "Q", "g", "w" }

local seen, sent, cached = 0, 0, nil
statuses = {}

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0) * 7919 + math.floor(os.clock() * 1e6))
  if fixed then
    cached = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. fixed })
  end
end

local buffer = {}
local function random_token()
  for i = 1, 85 do buffer[i] = chars[math.random(64)] end
  buffer[86] = last[math.random(4)]
  return table.concat(buffer)
end

function request()
  sent = sent + 1
  if cached then return cached end
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. random_token() })
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  seen = seen + 1
  if seen == quota then
    if done_dir and done_dir ~= "" then
      local f = io.open(done_dir .. "/thread-" .. id, "w")
      if f then f:close() end
    end
    wrk.thread:stop()
  end
end

-- done(): the shared RESULT line, from the file beside this one.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*[/\\])") .. "wrk-result.lua")

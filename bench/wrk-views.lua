-- wrk script of bench/discovery.sh: POST /api/videos/{id}/views, each request a new anonymous
-- viewer (its own clientId) from a client network of its own (X-Forwarded-For; the Api trusts
-- 127.0.0.1 as a proxy in the benchmark), cycling through the videos in WRK_VIDEOS.
--
-- Environment:
--   WRK_VIDEOS   video ids, separated by spaces
--   WRK_RUN      a tag that makes this run's client ids differ from earlier runs'
--
-- Counts the responses per status code; done() prints the RESULT line of bench/wrk-result.lua.

local videos = {}
for id in (os.getenv("WRK_VIDEOS") or ""):gmatch("%S+") do videos[#videos + 1] = id end
local run = os.getenv("WRK_RUN") or "run"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

threads = {} -- global: bench/wrk-result.lua reads it

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local counter = 0
statuses = {}

function request()
  counter = counter + 1
  local video = videos[counter % #videos + 1]
  -- One /24 per request (up to 2^22 per thread): the per-network cap of anonymous viewers never binds.
  local n = (id or 0) * 4194304 + counter
  local ip = string.format("%d.%d.%d.7", 1 + math.floor(n / 65536) % 223, math.floor(n / 256) % 256, n % 256)
  local body = string.format('{"clientId":"%s-%d-%d"}', run, id or 0, counter)
  return wrk.format(nil, "/api/videos/" .. video .. "/views", { ["X-Forwarded-For"] = ip, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*[/\\])") .. "wrk-result.lua")

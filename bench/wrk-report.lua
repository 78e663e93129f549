-- wrk script used by bench/auth.sh.
--
-- Environment:
--   WRK_METHOD        GET (default) or POST
--   WRK_BODIES        request bodies, one per line; with several, each thread cycles through them
--   WRK_AUTH          a bearer token sent as "Authorization: Bearer <token>"
--   WRK_COUNT_STATUS  "1": count the responses per status code (costs a Lua call per response)
--
-- done() prints one machine-readable line that auth.sh parses:
--   RESULT requests=… duration_s=… rps=… p50_ms=… p90_ms=… p95_ms=… p99_ms=… max_ms=…
--          err_connect=… err_read=… err_write=… err_timeout=… err_status=… statuses=200:n,401:m

wrk.method = os.getenv("WRK_METHOD") or "GET"
local auth = os.getenv("WRK_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = "Bearer " .. auth end

local bodies = {}
for line in (os.getenv("WRK_BODIES") or ""):gmatch("[^\n]+") do bodies[#bodies + 1] = line end
if #bodies > 0 then
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = bodies[1]
end

threads = {} -- global: bench/wrk-result.lua reads it

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

if #bodies > 1 then
  local requests = {}
  local next_index
  function init(args)
    for i, body in ipairs(bodies) do requests[i] = wrk.format(nil, nil, nil, body) end
    next_index = (id or 0) % #requests
  end
  function request()
    next_index = next_index % #requests + 1
    return requests[next_index]
  end
end

if os.getenv("WRK_COUNT_STATUS") == "1" then
  statuses = {}
  function response(status, headers, body)
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
  end
end

-- done(): the shared RESULT line, from the file beside this one.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*[/\\])") .. "wrk-result.lua")

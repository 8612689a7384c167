-- wrk script: every connection is a follower display polling the plan (bench/fanout/run.sh).
-- Each request carries If-None-Match with the ETag this wrk thread last saw and
-- Accept-Encoding: gzip (as actionboard's followers do); after each answer the connection waits
-- a random 3/4 to all of FANOUT_POLL_MS (the followers' jitter), and its first request waits a
-- random part of one interval, so that the polls are spread as a building's would be.
-- FANOUT_CLOSE=1 adds "Connection: close": a new connection for every poll.
-- done() prints one line, "fanout-wrk {json}": status counts and wrk's own latency percentiles.

local path = os.getenv("FANOUT_PATH") or "/api/v1/source"
local interval = tonumber(os.getenv("FANOUT_POLL_MS") or "10000")
local close = os.getenv("FANOUT_CLOSE") == "1"

local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end

function init(args)
    codes = {}
    etag = nil
    math.randomseed(os.time() * 7919 + id)
end

function request()
    local headers = { ["Accept-Encoding"] = "gzip" }
    if etag then
        headers["If-None-Match"] = etag
    end
    if close then
        headers["Connection"] = "close"
    end
    return wrk.format("GET", path, headers)
end

-- wrk calls delay() before every request of every connection, the first ones included: the
-- first FANOUT_CONNECTIONS_PER_THREAD calls of a thread are its connections' first requests.
local per_thread = tonumber(os.getenv("FANOUT_CONNECTIONS_PER_THREAD") or "0")
local calls = 0
function delay()
    calls = calls + 1
    if calls <= per_thread then
        return math.random(0, interval)
    end
    return math.random(math.floor(interval * 3 / 4), interval)
end

function response(status, headers, body)
    local code = tostring(status)
    codes[code] = (codes[code] or 0) + 1
    local tag = headers["ETag"] or headers["etag"]
    if status == 200 and tag then
        etag = tag
    end
end

function done(summary, latency, requests)
    local merged = {}
    for _, thread in ipairs(threads) do
        local counted = thread:get("codes")
        for code, count in pairs(counted) do
            merged[code] = (merged[code] or 0) + count
        end
    end
    local parts = {}
    for code, count in pairs(merged) do
        table.insert(parts, string.format('"%s": %d', code, count))
    end
    local errors = summary.errors
    io.write(string.format(
        'fanout-wrk {"requests": %d, "duration_s": %.1f, "codes": {%s}, ' ..
        '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
        '"latency_ms": {"p50": %.2f, "p90": %.2f, "p99": %.2f, "p999": %.2f, "max": %.2f}}\n',
        summary.requests, summary.duration / 1e6, table.concat(parts, ", "),
        errors.connect, errors.read, errors.write, errors.status, errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000))
end

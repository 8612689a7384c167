-- wrk script for the soak test (tests/soak/run.sh): every connection rotates through every
-- feed endpoint, some with Accept-Encoding: gzip or If-None-Match, and each thread counts the
-- status codes it sees. done() gathers the per-thread counters with thread:get and prints one
-- line, "soak-wrk {json}", that tests/soak/soak.py reads and checks.

-- { path, request headers }. Every one of them must answer 200 (or 304 to If-None-Match).
local routes = {
    { "/", {} },
    { "/healthz", {} },
    { "/metrics", {} },
    { "/metrics", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/summary", {} },
    { "/api/v1/summary", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/summary", { ["If-None-Match"] = "*" } },
    { "/api/v1/chapters", {} },
    { "/api/v1/chapters", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/chapters/1", {} },
    { "/api/v1/chapters/2", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/chapters/3", {} },
    { "/api/v1/chapters/4", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/chapters/5", {} },
    { "/api/v1/chapters/6", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/chapters/7", {} },
    { "/api/v1/chapters/8", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/recommendations", {} },
    { "/api/v1/recommendations", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/recommendations?rag=red&chapter=2", {} },
    { "/api/v1/recommendations?status=in_progress&addressed_to=local", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/recommendations?lead=SSCB&q=training", {} },
    { "/api/v1/recommendations/1", {} },
    { "/api/v1/recommendations/18", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/recommendations.csv", {} },
    { "/api/v1/recommendations.csv", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/recommendations.csv?chapter=3", {} },
    { "/api/v1/deadlines", {} },
    { "/api/v1/deadlines?from=2009-09-01&to=2009-12-31&rag=red,amber", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/quality", {} },
    { "/api/v1/plan", {} },
    { "/api/v1/plan", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/plan", { ["If-None-Match"] = "\"0000000000000000\", *" } },
    { "/api/v1/plan?as_of=2009-12-01", { ["Accept-Encoding"] = "gzip" } },
    { "/api/v1/summary?as_of=2010-01-01", {} },
    { "/api/v1/openapi.json", {} },
    { "/api/v1/openapi.json", { ["Accept-Encoding"] = "gzip" } },
}

local threads = {}
local next_id = 1

function setup(thread)
    thread:set("id", next_id)
    table.insert(threads, thread)
    next_id = next_id + 1
end

function init(args)
    -- Globals, so that done() can read them with thread:get.
    codes = {}      -- "200" -> count
    classes = {}    -- "2xx" -> count
    unexpected = 0  -- any status but 200 and 304
    samples = {}    -- the first few unexpected responses, "status body-prefix"
    prepared = {}
    for i, route in ipairs(routes) do
        prepared[i] = wrk.format("GET", route[1], route[2])
    end
    -- Threads start at different places in the rotation.
    position = (id * 7) % #prepared
end

function request()
    position = position % #prepared + 1
    return prepared[position]
end

function response(status, headers, body)
    local code = tostring(status)
    codes[code] = (codes[code] or 0) + 1
    local class = tostring(math.floor(status / 100)) .. "xx"
    classes[class] = (classes[class] or 0) + 1
    if status ~= 200 and status ~= 304 then
        unexpected = unexpected + 1
        if #samples < 5 then
            samples[#samples + 1] = code .. " " .. string.sub(body or "", 1, 200)
        end
    end
end

local function json_string(text)
    return '"' .. text:gsub('[%c"\\]', function(c)
        return string.format("\\u%04x", string.byte(c))
    end) .. '"'
end

local function json_counts(counts)
    local keys = {}
    for key in pairs(counts) do keys[#keys + 1] = key end
    table.sort(keys)
    local parts = {}
    for _, key in ipairs(keys) do
        parts[#parts + 1] = json_string(key) .. ":" .. string.format("%d", counts[key])
    end
    return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
    local codes_all, classes_all, samples_all, unexpected_all = {}, {}, {}, 0
    for _, thread in ipairs(threads) do
        for code, count in pairs(thread:get("codes") or {}) do
            codes_all[code] = (codes_all[code] or 0) + count
        end
        for class, count in pairs(thread:get("classes") or {}) do
            classes_all[class] = (classes_all[class] or 0) + count
        end
        unexpected_all = unexpected_all + (thread:get("unexpected") or 0)
        for _, sample in ipairs(thread:get("samples") or {}) do
            samples_all[#samples_all + 1] = json_string(sample)
        end
    end
    local e = summary.errors
    io.write("soak-wrk {",
        '"threads":', #threads, ",",
        '"routes":', #routes, ",",
        '"duration_us":', string.format("%d", summary.duration), ",",
        '"requests":', string.format("%d", summary.requests), ",",
        '"bytes":', string.format("%d", summary.bytes), ",",
        '"codes":', json_counts(codes_all), ",",
        '"classes":', json_counts(classes_all), ",",
        '"unexpected":', string.format("%d", unexpected_all), ",",
        '"unexpected_samples":[', table.concat(samples_all, ","), "],",
        '"errors":{"connect":', e.connect, ',"read":', e.read, ',"write":', e.write,
        ',"status":', e.status, ',"timeout":', e.timeout, "},",
        '"latency_us":{"mean":', string.format("%.1f", latency.mean),
        ',"p50":', latency:percentile(50), ',"p99":', latency:percentile(99),
        ',"max":', latency.max, "}",
        "}\n")
end

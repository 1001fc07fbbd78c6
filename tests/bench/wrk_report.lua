-- wrk script of api_load.sh. Adds "Authorization: Bearer $BENCH_TOKEN" when that variable
-- is set (LAN mode requires a token, so its cost is measured too) and prints one
-- machine-readable line at the end, so the shell script does not parse wrk's prose.
local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
    local e = summary.errors
    local seconds = summary.duration / 1000000
    io.write(string.format(
        "BENCH requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f bad_status=%d socket_errors=%d\n",
        summary.requests, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        e.status, e.connect + e.read + e.write + e.timeout))
end

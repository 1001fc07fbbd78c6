#!/usr/bin/env bash
# Load benchmark of ComfyDesk's REST API: figures, not pass/fail on speed.
#
#   tests/bench/api_load.sh [BUILD_DIR]      (default: build/ under the repository)
#
# Starts comfydesk-sim, `comfydesk --headless` (twice: without and with a token) and the
# bare QHttpServer reference on free loopback ports, submits one prompt and waits until it
# is completed (so task_status and the image list answer for a real id), then runs
# `wrk -t2 -c32 -d${BENCH_SECONDS}s --latency` BENCH_RUNS times back to back against each
# route (a client that closes its connections and opens new ones at once must never be
# refused) and prints req/s, its ratio to the bare route, p50/p99, the errors over all runs
# and the RSS growth of comfydesk.
#
# Environment: BENCH_SECONDS (default 30) and BENCH_RUNS (3) per route, BENCH_THREADS (2),
# BENCH_CONNECTIONS (32); BENCH_ROUTES, the routes to run besides the bare reference
# (default "task_status workflows queue image token"; "missing" is a route that answers
# 404, for checking that errors are caught); COMFYDESK_BIN, COMFYDESK_SIM_BIN,
# BENCH_BARE_BIN override the binaries' paths.
#
# Exit status: 0 when every run happened and every request to ComfyDesk got a 2xx answer,
# whatever the speed (missed speed targets are reported, never enforced); 2 when every run
# happened but some request erred (non-2xx or a socket error: that does not depend on the
# machine's speed); 1 on a real failure (a tool or binary missing, a server not starting,
# the prompt not completing, wrk failing).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
BENCH_NAME=api_load.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

BUILD_DIR=${1:-$SOURCE_ROOT/build}
# The servers run in their own working directories: every path must be absolute.
[[ -d "$BUILD_DIR" ]] || die "no build directory $BUILD_DIR"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
BENCH_SECONDS=${BENCH_SECONDS:-30}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
BENCH_ROUTES=${BENCH_ROUTES:-task_status workflows queue image token}
COMFYDESK_BIN=${COMFYDESK_BIN:-$BUILD_DIR/src/app/comfydesk}
COMFYDESK_SIM_BIN=${COMFYDESK_SIM_BIN:-$BUILD_DIR/src/sim/comfydesk-sim}
BENCH_BARE_BIN=${BENCH_BARE_BIN:-$BUILD_DIR/tests/bench/bench-bare-httpserver}
WRK_SCRIPT=$SCRIPT_DIR/wrk_report.lua
PROMPT_TIMEOUT_S=60

# Targets on an idle 2-core machine, measured against the bare route in the same run.
TARGET_RATIO=0.80
TARGET_P99_MS=2
TARGET_RSS_GROWTH_KB=$((5 * 1024))

# --- prerequisites ----------------------------------------------------------------------
[[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer"
[[ "$BENCH_RUNS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer"
for route in $BENCH_ROUTES; do
    case "$route" in
        task_status | workflows | queue | image | token | missing) ;;
        *) die "unknown route '$route' in BENCH_ROUTES" ;;
    esac
done
wants() { [[ " $BENCH_ROUTES " == *" $1 "* ]]; }
if ! command -v wrk > /dev/null; then
    die "wrk is not installed (Debian package 'wrk': apt-get install -y wrk," \
        "or scripts/deps.sh wrk)"
fi
command -v curl > /dev/null || die "curl is not installed (Debian package 'curl')"
require_executables "$COMFYDESK_BIN" "$COMFYDESK_SIM_BIN" "$BENCH_BARE_BIN"
[[ -f "$SOURCE_ROOT/workflows/invert_empty_image.json" ]] \
    || die "$SOURCE_ROOT/workflows/invert_empty_image.json is missing"

# --- servers ----------------------------------------------------------------------------
bench_init
start_sim 5

start_process "$WORK_DIR/bare.log" "$BENCH_BARE_BIN" --port 0
BARE_PID=$STARTED_PID
BARE_URL=$(wait_for_match "$WORK_DIR/bare.log" 's|^\(http://127\.0\.0\.1:[0-9]*/bare\)$|\1|p' \
    "$BARE_PID" bench-bare-httpserver)

start_app app.log
APP_PID=$APP_STARTED_PID
API_URL=$APP_STARTED_URL

# A second instance with a token: LAN mode requires one, so its cost is measured too.
TOKEN_APP_PID=
if wants token; then
    BENCH_TOKEN_VALUE=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    start_app app-token.log --api-token "$BENCH_TOKEN_VALUE"
    TOKEN_APP_PID=$APP_STARTED_PID
    TOKEN_API_URL=$APP_STARTED_URL
fi

# prepare_instance <api url> [token]: waits until the instance reaches ComfyUI, submits
# invert_empty_image and polls task_status until it is completed. Echoes the prompt id.
prepare_instance() {
    local api=$1 token=${2:-} answer deadline prompt_id auth=()
    wait_ready "$api" "$token"
    [[ -n "$token" ]] && auth=(-H "Authorization: Bearer $token")
    answer=$(curl -sS --max-time 30 "${auth[@]}" -X POST -H 'Content-Type: application/json' \
        -d '{}' "$api/workflow/invert_empty_image") || die "submitting the prompt failed"
    prompt_id=$(sed -n 's/.*"prompt_id" *: *"\([^"]*\)".*/\1/p' <<< "$answer")
    [[ -n "$prompt_id" ]] || die "no prompt_id in the submit answer: $answer"

    deadline=$((SECONDS + PROMPT_TIMEOUT_S))
    while :; do
        answer=$(http_get "$api/task_status/$prompt_id" "$token")
        case "$answer" in
            200*'"status":"completed"'*) break ;;
            *'"status":"error"'* | *'"status":"interrupted"'* | *'"status":"not_found"'*)
                die "the prompt did not complete: $answer" ;;
        esac
        ((SECONDS < deadline)) \
            || die "the prompt did not complete within ${PROMPT_TIMEOUT_S}s: $answer"
        sleep 0.1
    done
    answer=$(http_get "$api/image/$prompt_id" "$token")
    [[ "$answer" == 200* ]] || die "$api/image/$prompt_id answered: $answer"
    echo "$prompt_id"
}

PROMPT_ID=$(prepare_instance "$API_URL")
if wants token; then
    TOKEN_PROMPT_ID=$(prepare_instance "$TOKEN_API_URL" "$BENCH_TOKEN_VALUE")
fi

echo "== ComfyDesk REST API benchmark =="
echo "wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s --latency," \
     "$BENCH_RUNS runs back to back per route"
echo "comfydesk:  $COMFYDESK_BIN" \
     "(pid $APP_PID${TOKEN_APP_PID:+, token instance pid $TOKEN_APP_PID})"
echo "simulator:  $SIM_URL    completed prompt: $PROMPT_ID"
echo "machine:    $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# --- runs -------------------------------------------------------------------------------
NAMES=()
KEYS=()
RPS=()   # mean over the runs
P50=()   # mean over the runs
P99=()   # the worst run's
BAD=()   # non-2xx answers, summed over the runs
SOCK=()  # socket errors (connect, read, write, timeout), summed over the runs

# field <name> <BENCH line>: one value of wrk_report.lua's summary line.
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<< "$2"; }

# run_route <key> <name> <url> [token]: BENCH_RUNS wrk runs back to back, with nothing in
# between that would let the server catch up on closed connections.
run_route() {
    local key=$1 name=$2 url=$3 token=${4:-} out line run
    local rps_sum=0 p50_sum=0 p99_max=0 bad=0 sock=0
    for ((run = 1; run <= BENCH_RUNS; ++run)); do
        out=$(BENCH_TOKEN="$token" wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" \
            -d"${BENCH_SECONDS}s" --latency -s "$WRK_SCRIPT" "$url" 2>&1) \
            || { echo "$out" >&2; die "wrk failed against $url"; }
        line=$(grep '^BENCH ' <<< "$out" | tail -n 1)
        [[ -n "$line" ]] || { echo "$out" >&2; die "wrk printed no summary for $url"; }
        printf '  %-30s run %d: %10s req/s  p50 %7s ms  p99 %7s ms  non-2xx %s  sock %s\n' \
            "$name" "$run" "$(field rps "$line")" "$(field p50_ms "$line")" \
            "$(field p99_ms "$line")" "$(field bad_status "$line")" \
            "$(field socket_errors "$line")"
        rps_sum=$(awk -v a="$rps_sum" -v b="$(field rps "$line")" 'BEGIN { print a + b }')
        p50_sum=$(awk -v a="$p50_sum" -v b="$(field p50_ms "$line")" 'BEGIN { print a + b }')
        p99_max=$(awk -v a="$p99_max" -v b="$(field p99_ms "$line")" \
            'BEGIN { print (b + 0 > a + 0 ? b : a) }')
        bad=$((bad + $(field bad_status "$line")))
        sock=$((sock + $(field socket_errors "$line")))
    done
    KEYS+=("$key")
    NAMES+=("$name")
    RPS+=("$(awk -v s="$rps_sum" -v n="$BENCH_RUNS" 'BEGIN { printf "%.1f", s / n }')")
    P50+=("$(awk -v s="$p50_sum" -v n="$BENCH_RUNS" 'BEGIN { printf "%.3f", s / n }')")
    P99+=("$p99_max")
    BAD+=("$bad")
    SOCK+=("$sock")
}

RSS_BEFORE_KB=$(vm_rss_kb "$APP_PID")
[[ -n "$TOKEN_APP_PID" ]] && TOKEN_RSS_BEFORE_KB=$(vm_rss_kb "$TOKEN_APP_PID")

run_route bare "bare QHttpServer (reference)" "$BARE_URL"
for route in $BENCH_ROUTES; do
    case "$route" in
        task_status) run_route task_status "GET /api/task_status/<id>" \
                         "$API_URL/task_status/$PROMPT_ID" ;;
        workflows) run_route workflows "GET /api/workflows" "$API_URL/workflows" ;;
        queue) run_route queue "GET /api/queue" "$API_URL/queue" ;;
        image) run_route image "GET /api/image/<id>" "$API_URL/image/$PROMPT_ID" ;;
        token) run_route token "GET /api/task_status + token" \
                   "$TOKEN_API_URL/task_status/$TOKEN_PROMPT_ID" "$BENCH_TOKEN_VALUE" ;;
        missing) run_route missing "GET /api/no_such_route (404)" "$API_URL/no_such_route" ;;
    esac
done

kill -0 "$APP_PID" 2> /dev/null || die "comfydesk exited during the benchmark"
RSS_AFTER_KB=$(vm_rss_kb "$APP_PID")
RSS_GROWTH_KB=$((RSS_AFTER_KB - RSS_BEFORE_KB))
if [[ -n "$TOKEN_APP_PID" ]]; then
    kill -0 "$TOKEN_APP_PID" 2> /dev/null || die "comfydesk (token) exited during the benchmark"
    TOKEN_RSS_AFTER_KB=$(vm_rss_kb "$TOKEN_APP_PID")
fi

# --- table ------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
fge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }
flt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'; }
verdict() { if "$@"; then echo "met"; else echo "NOT met"; fi; }

echo
echo "== Summary (wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS, $BENCH_RUNS x ${BENCH_SECONDS}s" \
     "per route; req/s and p50 are means, p99 the worst run, errors summed) =="
printf '%-30s %10s %7s %9s %9s %8s %8s\n' route 'req/s' 'x bare' 'p50 ms' 'p99 ms' non-2xx \
    'sock err'
BARE_RPS=${RPS[0]}
TOTAL_ERRORS=0
for i in "${!NAMES[@]}"; do
    printf '%-30s %10s %6sx %9s %9s %8s %8s\n' "${NAMES[$i]}" "${RPS[$i]}" \
        "$(ratio "${RPS[$i]}" "$BARE_RPS")" "${P50[$i]}" "${P99[$i]}" "${BAD[$i]}" \
        "${SOCK[$i]}"
    ((i == 0)) || TOTAL_ERRORS=$((TOTAL_ERRORS + BAD[i] + SOCK[i]))
done
printf 'RSS of comfydesk:         before %6d kB, after %6d kB, growth %6d kB\n' \
    "$RSS_BEFORE_KB" "$RSS_AFTER_KB" "$RSS_GROWTH_KB"
if [[ -n "$TOKEN_APP_PID" ]]; then
    printf 'RSS of comfydesk (token): before %6d kB, after %6d kB, growth %6d kB\n' \
        "$TOKEN_RSS_BEFORE_KB" "$TOKEN_RSS_AFTER_KB" \
        "$((TOKEN_RSS_AFTER_KB - TOKEN_RSS_BEFORE_KB))"
fi
echo "errors on ComfyDesk routes over all runs: $TOTAL_ERRORS"

echo
echo "== Targets (idle 2-core machine; target vs actual) =="
target_row() { printf '%-58s %s\n' "$1" "$2"; }
for i in "${!KEYS[@]}"; do
    case "${KEYS[$i]}" in
        task_status | token) ;;
        *) continue ;;
    esac
    share=$(ratio "${RPS[$i]}" "$BARE_RPS")
    target_row "${KEYS[$i]} req/s >= ${TARGET_RATIO}x bare (actual ${share}x)" \
        "$(verdict fge "$share" "$TARGET_RATIO")"
    target_row "${KEYS[$i]} p99 < $TARGET_P99_MS ms (actual ${P99[$i]} ms)" \
        "$(verdict flt "${P99[$i]}" "$TARGET_P99_MS")"
done
target_row "0 errors on every ComfyDesk route (actual $TOTAL_ERRORS)" \
    "$(verdict test "$TOTAL_ERRORS" -eq 0)"
target_row "RSS growth < $TARGET_RSS_GROWTH_KB kB (actual $RSS_GROWTH_KB kB)" \
    "$(verdict test "$RSS_GROWTH_KB" -lt "$TARGET_RSS_GROWTH_KB")"
echo
if ((TOTAL_ERRORS > 0)); then
    echo "api_load.sh: done, but $TOTAL_ERRORS requests to ComfyDesk erred"
    exit 2
fi
echo "api_load.sh: done (speed targets are reported, not enforced)"

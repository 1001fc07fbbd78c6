#!/usr/bin/env bash
# Memory and CPU soak of ComfyDesk under many small prompts: figures, not pass/fail.
#
#   tests/bench/prompt_soak.sh [BUILD_DIR]      (default: build/ under the repository)
#
# Starts comfydesk-sim and `comfydesk --headless` on free loopback ports and pushes
# SOAK_PROMPTS prompts through `POST /api/workflow/invert_empty_image` (model-free, 8x8
# pixels), SOAK_PARALLEL at a time over keep-alive connections (curl --parallel, in
# batches). At 0, SOAK_WINDOW, SOAK_PROMPTS - SOAK_WINDOW and SOAK_PROMPTS prompts it
# waits until the simulator's queue and ComfyDesk's view of it are empty (so each window's
# CPU includes running and tracking its prompts, not just accepting them), then reads
# utime + stime (/proc/<pid>/stat) and VmRSS (/proc/<pid>/status) of both processes. It
# prints CPU ms per prompt and RSS for the first and the last window, against the targets:
# comfydesk's RSS grows less than 10 MB after the first window; its CPU per prompt in the
# last window is within 20 % of the first's.
#
# Environment: SOAK_PROMPTS (default 20000), SOAK_WINDOW (2000), SOAK_PARALLEL (8),
# SOAK_BATCH (prompts per curl run, 200; SOAK_WINDOW and SOAK_PROMPTS must be multiples of
# it), SOAK_DRAIN_TIMEOUT_S (120); COMFYDESK_BIN, COMFYDESK_SIM_BIN override the paths.
#
# Exit status: 0 when every prompt was submitted with a 200 answer and every figure was
# read (the targets are reported, never enforced); 2 when some submit failed; 1 on a real
# failure (a tool or binary missing, a server not starting or dying, a queue not draining).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
BENCH_NAME=prompt_soak.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

BUILD_DIR=${1:-$SOURCE_ROOT/build}
[[ -d "$BUILD_DIR" ]] || die "no build directory $BUILD_DIR"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
SOAK_PROMPTS=${SOAK_PROMPTS:-20000}
SOAK_WINDOW=${SOAK_WINDOW:-2000}
SOAK_PARALLEL=${SOAK_PARALLEL:-8}
SOAK_BATCH=${SOAK_BATCH:-200}
SOAK_DRAIN_TIMEOUT_S=${SOAK_DRAIN_TIMEOUT_S:-120}
COMFYDESK_BIN=${COMFYDESK_BIN:-$BUILD_DIR/src/app/comfydesk}
COMFYDESK_SIM_BIN=${COMFYDESK_SIM_BIN:-$BUILD_DIR/src/sim/comfydesk-sim}
WORKFLOW=invert_empty_image
# Node "1" of invert_empty_image is its EmptyImage: the smallest image keeps the sim cheap.
PROMPT_BODY='{"1": {"inputs": {"width": 8, "height": 8}}}'

TARGET_RSS_GROWTH_KB=$((10 * 1024))
TARGET_CPU_DRIFT_PERCENT=20

# --- prerequisites ----------------------------------------------------------------------
for name in SOAK_PROMPTS SOAK_WINDOW SOAK_PARALLEL SOAK_BATCH SOAK_DRAIN_TIMEOUT_S; do
    [[ "${!name}" =~ ^[1-9][0-9]*$ ]] || die "$name must be a positive integer"
done
((SOAK_WINDOW % SOAK_BATCH == 0 && SOAK_PROMPTS % SOAK_BATCH == 0)) \
    || die "SOAK_WINDOW and SOAK_PROMPTS must be multiples of SOAK_BATCH ($SOAK_BATCH)"
((SOAK_PROMPTS >= 2 * SOAK_WINDOW)) || die "SOAK_PROMPTS must be at least 2 x SOAK_WINDOW"
command -v curl > /dev/null || die "curl is not installed (Debian package 'curl')"
require_executables "$COMFYDESK_BIN" "$COMFYDESK_SIM_BIN"
[[ -f "$SOURCE_ROOT/workflows/$WORKFLOW.json" ]] \
    || die "$SOURCE_ROOT/workflows/$WORKFLOW.json is missing"

# --- servers ----------------------------------------------------------------------------
bench_init
start_sim 0
start_app app.log
APP_PID=$APP_STARTED_PID
API_URL=$APP_STARTED_URL
wait_ready "$API_URL"

# One curl run submits a batch over SOAK_PARALLEL keep-alive connections and prints one
# HTTP status per prompt ("000" when no answer came).
BATCH_CONFIG=$WORK_DIR/batch.curl
: > "$BATCH_CONFIG"
for ((i = 0; i < SOAK_BATCH; ++i)); do
    {
        echo "url = \"$API_URL/workflow/$WORKFLOW\""
        echo 'header = "Content-Type: application/json"'
        printf 'data = "%s"\n' "${PROMPT_BODY//\"/\\\"}"
        echo 'output = "/dev/null"'
        echo 'write-out = "%{http_code}\n"'
        echo 'max-time = 30'
        if ((i + 1 < SOAK_BATCH)); then echo 'next'; fi
    } >> "$BATCH_CONFIG"
done

SUBMITTED=0
FAILED=0
submit_batch() {
    local codes ok
    codes=$(curl --silent --show-error --no-progress-meter --parallel --parallel-immediate \
        --parallel-max "$SOAK_PARALLEL" --config "$BATCH_CONFIG" 2>> "$WORK_DIR/curl.log" \
        || true)
    ok=$(grep -c '^200$' <<< "$codes" || true)
    SUBMITTED=$((SUBMITTED + SOAK_BATCH))
    FAILED=$((FAILED + SOAK_BATCH - ok))
    if ((ok < SOAK_BATCH)) && [[ -z "${FIRST_FAILURE:-}" ]]; then
        # "<status> x<count>" per status; 000 is no answer, curl's last complaint follows.
        FIRST_FAILURE="$(grep -v '^200$' <<< "$codes" | sort | uniq -c \
            | awk '{ printf "%s x%s, ", $2, $1 }')"
        FIRST_FAILURE+="$(tail -n 1 "$WORK_DIR/curl.log" 2> /dev/null || true)"
    fi
}

# queue_empty <queue url>: the queue answer lists nothing running and nothing pending.
queue_empty() {
    local answer
    answer=$(http_get "$1")
    [[ "$answer" == 200* ]] || return 1
    grep -Eq '"queue_running": *\[\]' <<< "$answer" \
        && grep -Eq '"queue_pending": *\[\]' <<< "$answer"
}

# drain: until the simulator has run every prompt and ComfyDesk has seen it.
drain() {
    local deadline=$((SECONDS + SOAK_DRAIN_TIMEOUT_S))
    until queue_empty "$SIM_URL/queue" && queue_empty "$API_URL/queue"; do
        kill -0 "$APP_PID" 2> /dev/null || die "comfydesk exited during the soak"
        kill -0 "$SIM_PID" 2> /dev/null || die "comfydesk-sim exited during the soak"
        ((SECONDS < deadline)) || die "the queue did not drain within" \
                                      "${SOAK_DRAIN_TIMEOUT_S}s after $SUBMITTED prompts"
        sleep 0.1
    done
}

# sample <index>: figures of both processes once the queue is drained.
APP_CPU=()
APP_RSS=()
SIM_CPU=()
SIM_RSS=()
WALL_MS=()
sample() {
    drain
    APP_CPU[$1]=$(cpu_ms "$APP_PID")
    APP_RSS[$1]=$(vm_rss_kb "$APP_PID")
    SIM_CPU[$1]=$(cpu_ms "$SIM_PID")
    SIM_RSS[$1]=$(vm_rss_kb "$SIM_PID")
    WALL_MS[$1]=$(date +%s%3N)
    [[ -n "${APP_CPU[$1]}" && -n "${APP_RSS[$1]}" && -n "${SIM_CPU[$1]}" \
       && -n "${SIM_RSS[$1]}" ]] || die "could not read /proc figures after $SUBMITTED prompts"
}

echo "== ComfyDesk prompt soak =="
echo "$SOAK_PROMPTS x POST /api/workflow/$WORKFLOW ($PROMPT_BODY), $SOAK_PARALLEL in" \
     "parallel, windows of $SOAK_WINDOW"
echo "comfydesk:  $COMFYDESK_BIN (pid $APP_PID)"
echo "simulator:  $SIM_URL (pid $SIM_PID)"
echo "machine:    $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# A progress line about every tenth of the run, on a batch boundary.
PROGRESS_EVERY=$(((SOAK_PROMPTS / 10 + SOAK_BATCH - 1) / SOAK_BATCH * SOAK_BATCH))
# Sample points: 0 = start, 1 = end of the first window, 2 = start of the last, 3 = end.
sample 0
while ((SUBMITTED < SOAK_PROMPTS)); do
    submit_batch
    if ((SUBMITTED == SOAK_WINDOW)); then
        sample 1
    fi
    if ((SUBMITTED == SOAK_PROMPTS - SOAK_WINDOW)); then
        sample 2
    fi
    if ((SUBMITTED % PROGRESS_EVERY == 0)); then
        echo "  $SUBMITTED prompts submitted, $FAILED failed," \
             "comfydesk RSS $(vm_rss_kb "$APP_PID") kB"
    fi
done
sample 3

# --- report -----------------------------------------------------------------------------
per_prompt() {
    awk -v a="$1" -v b="$2" -v n="$SOAK_WINDOW" 'BEGIN { printf "%.3f", (b - a) / n }'
}
rate() {
    awk -v a="$1" -v b="$2" -v n="$SOAK_WINDOW" \
        'BEGIN { printf "%.0f", (b > a ? n * 1000 / (b - a) : 0) }'
}

FIRST_APP_CPU=$(per_prompt "${APP_CPU[0]}" "${APP_CPU[1]}")
LAST_APP_CPU=$(per_prompt "${APP_CPU[2]}" "${APP_CPU[3]}")
FIRST_SIM_CPU=$(per_prompt "${SIM_CPU[0]}" "${SIM_CPU[1]}")
LAST_SIM_CPU=$(per_prompt "${SIM_CPU[2]}" "${SIM_CPU[3]}")
RSS_GROWTH_KB=$((APP_RSS[3] - APP_RSS[1]))
SIM_RSS_GROWTH_KB=$((SIM_RSS[3] - SIM_RSS[1]))
CPU_DRIFT=$(awk -v a="$FIRST_APP_CPU" -v b="$LAST_APP_CPU" \
    'BEGIN { printf "%+.1f", (a > 0 ? 100 * (b - a) / a : 0) }')

echo
echo "== Summary ($SOAK_PROMPTS prompts; each window ends with the queue drained) =="
printf '%-22s %12s %12s %12s %12s %10s\n' window 'desk ms/pr' 'desk RSS kB' 'sim ms/pr' \
    'sim RSS kB' 'prompts/s'
printf '%-22s %12s %12s %12s %12s %10s\n' "first $SOAK_WINDOW" "$FIRST_APP_CPU" \
    "${APP_RSS[1]}" "$FIRST_SIM_CPU" "${SIM_RSS[1]}" "$(rate "${WALL_MS[0]}" "${WALL_MS[1]}")"
printf '%-22s %12s %12s %12s %12s %10s\n' "last $SOAK_WINDOW" "$LAST_APP_CPU" \
    "${APP_RSS[3]}" "$LAST_SIM_CPU" "${SIM_RSS[3]}" "$(rate "${WALL_MS[2]}" "${WALL_MS[3]}")"
echo "RSS at start: comfydesk ${APP_RSS[0]} kB, sim ${SIM_RSS[0]} kB"
echo "RSS growth after the first window: comfydesk $RSS_GROWTH_KB kB," \
     "sim $SIM_RSS_GROWTH_KB kB"
echo "submitted $SUBMITTED prompts, $FAILED failed"
[[ -z "${FIRST_FAILURE:-}" ]] || echo "first failing batch: $FIRST_FAILURE"

echo
echo "== Targets (comfydesk; target vs actual) =="
verdict() { if "$@"; then echo "met"; else echo "NOT met"; fi; }
within() { awk -v d="$1" -v t="$2" 'BEGIN { exit !(d + 0 <= t && d + 0 >= -t) }'; }
printf '%-72s %s\n' \
    "RSS growth after the first $SOAK_WINDOW < $TARGET_RSS_GROWTH_KB kB" \
    "(actual $RSS_GROWTH_KB kB) $(verdict test "$RSS_GROWTH_KB" -lt "$TARGET_RSS_GROWTH_KB")" \
    "CPU per prompt, last vs first window within ${TARGET_CPU_DRIFT_PERCENT} %" \
    "(actual $CPU_DRIFT %) $(verdict within "$CPU_DRIFT" "$TARGET_CPU_DRIFT_PERCENT")"
echo
if ((FAILED > 0)); then
    echo "prompt_soak.sh: done, but $FAILED of $SUBMITTED submits failed"
    exit 2
fi
echo "prompt_soak.sh: done (targets are reported, not enforced)"

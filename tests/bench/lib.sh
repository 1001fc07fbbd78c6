# Shared by the benchmark scripts (sourced, not run): dying with a message, starting the
# servers in a sandbox of their own and cleaning up, and reading /proc figures.
#
# The sourcing script sets BENCH_NAME (its name, for messages) and then calls bench_init.
# Every process started here runs in its own working directory (so no .env of the caller
# is read) with its own HOME and XDG homes (so the user's ComfyDesk settings are neither
# read nor written), listens on a free port it chose itself, and is stopped on exit.

die() {
    echo "${BENCH_NAME:-bench}: error: $*" >&2
    exit 1
}

# bench_init: the scratch directory and the traps. Sets WORK_DIR.
bench_init() {
    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/comfydesk-bench.XXXXXX")
    BENCH_PIDS=()
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        kill -TERM "$pid" 2> /dev/null || true
    done
    for pid in "${BENCH_PIDS[@]}"; do
        wait "$pid" 2> /dev/null || true
    done
    rm -rf "$WORK_DIR"
}

# require_executables <path...>: each one exists and is executable.
require_executables() {
    local bin
    for bin in "$@"; do
        [[ -x "$bin" ]] || die "$bin is missing: build it first"
    done
}

# start_process <log file> <command...>: runs it in the background in its sandbox.
# Sets STARTED_PID.
start_process() {
    local log=$1
    shift
    local home
    home=$(mktemp -d "$WORK_DIR/home.XXXXXX")
    : > "$log" # exists before wait_for_match reads it, whenever the child gets to run
    (cd "$home" && exec env -u COMFYUI_BASE_URL -u COMFYDESK_API_HOST -u COMFYDESK_API_PORT \
        -u COMFYDESK_API_TOKEN -u FLASK_HOST -u FLASK_PORT -u DISPLAY \
        HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
        QT_LOGGING_RULES="*.debug=false" "$@") > "$log" 2>&1 &
    STARTED_PID=$!
    BENCH_PIDS+=("$STARTED_PID")
}

STARTUP_TIMEOUT_S=${STARTUP_TIMEOUT_S:-30}

# wait_for_match <log> <sed expression printing the match> <pid> <what>: polls the log
# until the expression prints something (echoed), the process dies, or the timeout passes.
wait_for_match() {
    local log=$1 expr=$2 pid=$3 what=$4
    local deadline=$((SECONDS + STARTUP_TIMEOUT_S)) found
    while ((SECONDS < deadline)); do
        found=$(sed -n "$expr" "$log" | head -n 1)
        if [[ -n "$found" ]]; then
            echo "$found"
            return 0
        fi
        if ! kill -0 "$pid" 2> /dev/null; then
            cat "$log" >&2
            die "$what exited before it started listening"
        fi
        sleep 0.1
    done
    cat "$log" >&2
    die "$what did not start listening within ${STARTUP_TIMEOUT_S}s"
}

# start_sim <step ms>: comfydesk-sim on a free port. Sets SIM_PID and SIM_URL (no slash
# at the end).
start_sim() {
    start_process "$WORK_DIR/sim.log" "$COMFYDESK_SIM_BIN" --port 0 --step-ms "$1" \
        --data-dir "$WORK_DIR/sim-data"
    SIM_PID=$STARTED_PID
    SIM_URL=$(wait_for_match "$WORK_DIR/sim.log" 's|^\(http://[^ ]*\)$|\1|p' "$SIM_PID" \
        comfydesk-sim)
    SIM_URL=${SIM_URL%/}
}

# start_app <log name> [extra comfydesk options...]: `comfydesk --headless` against the
# simulator on a free loopback port. Sets APP_STARTED_PID and APP_STARTED_URL (".../api").
start_app() {
    local log=$WORK_DIR/$1
    shift
    start_process "$log" "$COMFYDESK_BIN" --headless --comfy-url "$SIM_URL" \
        --api-host 127.0.0.1 --api-port 0 --workflows "$SOURCE_ROOT/workflows" "$@"
    APP_STARTED_PID=$STARTED_PID
    APP_STARTED_URL=$(wait_for_match "$log" \
        's|^ComfyDesk API on \(http://127\.0\.0\.1:[0-9]*/api\).*|\1|p' \
        "$APP_STARTED_PID" "comfydesk --headless${*:+ $*}")
}

# http_get <url> [token]: prints "<status> <body>" ("000" when nothing answered).
http_get() {
    local auth=()
    [[ -n "${2:-}" ]] && auth=(-H "Authorization: Bearer $2")
    { curl -sS --max-time 10 "${auth[@]}" -w '\n%{http_code}' "$1" 2> /dev/null || true; } \
        | awk '{ line[NR] = $0 }
               END { printf "%s", line[NR]; for (i = 1; i < NR; ++i) printf " %s", line[i]
                     print "" }'
}

# wait_ready <api url> [token]: until GET <api>/ready answers 200 (ComfyUI reachable).
wait_ready() {
    local deadline=$((SECONDS + STARTUP_TIMEOUT_S))
    until [[ "$(http_get "$1/ready" "${2:-}" | cut -d' ' -f1)" == 200 ]]; do
        ((SECONDS < deadline)) || die "$1/ready did not answer 200 within ${STARTUP_TIMEOUT_S}s"
        sleep 0.1
    done
}

vm_rss_kb() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

CLOCK_TICKS_PER_S=$(getconf CLK_TCK 2> /dev/null || echo 100)

# cpu_ms <pid>: user + system CPU time the process used so far, in ms. The command name
# in /proc/<pid>/stat may contain spaces, so the fields are counted after its ")".
cpu_ms() {
    sed 's/^.*) //' "/proc/$1/stat" \
        | awk -v hz="$CLOCK_TICKS_PER_S" '{ printf "%d\n", ($12 + $13) * 1000 / hz }'
}

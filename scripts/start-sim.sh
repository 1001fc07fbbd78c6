#!/usr/bin/env bash
# Sourced by scripts/run.sh (and its test): starts the ComfyUI simulator in the background.
#
#   start_sim <comfydesk-sim binary> <wanted port> [more simulator arguments...]
#
# Listens on the wanted port, or, when that port is taken (another ComfyUI, an older
# simulator), on a free port instead, and says so: the caller must use SIM_URL, never
# assume the wanted port. Sets SIM_PID, SIM_URL and SIM_LOG; returns non-zero when the
# simulator could not start at all.

# _sim_wait_url <pid> <log>: the URL the simulator prints as its first line, or nothing
# when it exits first.
_sim_wait_url() {
    local pid=$1 log=$2 url i
    for ((i = 0; i < 300; ++i)); do
        url=$(sed -n '1s|^\(http://[^ ]*\)$|\1|p' "$log" 2> /dev/null)
        if [[ -n "$url" ]]; then
            echo "${url%/}"
            return 0
        fi
        kill -0 "$pid" 2> /dev/null || return 1
        sleep 0.1
    done
    return 1
}

start_sim() {
    local bin=$1 port=$2
    shift 2
    SIM_LOG=$(mktemp "${TMPDIR:-/tmp}/comfydesk-sim.XXXXXX.log")
    "$bin" --port "$port" "$@" > "$SIM_LOG" 2>&1 &
    SIM_PID=$!
    if SIM_URL=$(_sim_wait_url "$SIM_PID" "$SIM_LOG"); then
        echo "ComfyUI simulator on $SIM_URL (log: $SIM_LOG)"
        return 0
    fi
    if grep -q "cannot listen" "$SIM_LOG"; then
        echo "Port $port is taken; starting the simulator on a free port instead." >&2
        "$bin" --port 0 "$@" > "$SIM_LOG" 2>&1 &
        SIM_PID=$!
        if SIM_URL=$(_sim_wait_url "$SIM_PID" "$SIM_LOG"); then
            echo "ComfyUI simulator on $SIM_URL (log: $SIM_LOG)"
            return 0
        fi
    fi
    echo "The ComfyUI simulator did not start:" >&2
    cat "$SIM_LOG" >&2
    kill "$SIM_PID" 2> /dev/null || true
    SIM_PID=""
    SIM_URL=""
    return 1
}

#!/usr/bin/env bash
# ctest: scripts/start-sim.sh (used by `scripts/run.sh --with-sim`) must not leave the app
# talking to whatever already answers on the wanted port: with that port taken it starts
# the simulator on a free port and reports that URL. Also: --help lists the knobs.
#   start_sim_test.sh <comfydesk-sim binary> <source root>
set -euo pipefail
bin=$1
root=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done; }
trap cleanup EXIT

# http_get <port> <path>: the raw answer (bash's /dev/tcp: no curl needed).
http_get() {
    exec 3<> "/dev/tcp/127.0.0.1/$1"
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    cat <&3
    exec 3<&-
}

help=$("$bin" --help)
for flag in --port --node-ms --step-ms --preview-method --fail-node-class \
        --response-delay-ms --drop-websockets-every --restart-every --malformed-responses; do
    grep -q -- "$flag" <<< "$help" || fail "--help does not list $flag"
done

source "$root/scripts/start-sim.sh"

# Something already listens on the wanted port: here another simulator.
start_sim "$bin" 0 > /dev/null || fail "the first simulator did not start"
pids+=("$SIM_PID")
taken=${SIM_URL##*:}
first_url=$SIM_URL

errors=$(mktemp)
start_sim "$bin" "$taken" 2> "$errors" > /dev/null || fail "no simulator started: $(cat "$errors")"
pids+=("$SIM_PID")
grep -q "Port $taken is taken" "$errors" || fail "start_sim did not say the port was taken"
port=${SIM_URL##*:}
[[ "$port" != "$taken" && "$SIM_URL" != "$first_url" ]] || fail "SIM_URL is the taken port"
kill -0 "$SIM_PID" || fail "the second simulator is not running"
http_get "$port" /queue | grep -q '"queue_running"' || fail "nothing answers on $SIM_URL"
rm -f "$errors"
echo "PASS: port $taken taken, simulator started on $SIM_URL"

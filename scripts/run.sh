#!/usr/bin/env bash
# Builds ComfyDesk (incrementally, into build/) and starts the desktop app.
#   scripts/run.sh                 connect to COMFYUI_BASE_URL (default http://localhost:8188)
#   scripts/run.sh --with-sim      also start the built-in ComfyUI simulator on port 8188 (on
#                                  a free port when 8188 is taken) and connect the app to it
# Other arguments are passed to comfydesk (see: scripts/run.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target comfydesk comfydesk-sim

source scripts/start-sim.sh

args=()
with_sim=0
for a in "$@"; do
    if [ "$a" = "--with-sim" ]; then
        with_sim=1
    else
        args+=("$a")
    fi
done

SIM_PID=""
if [ "$with_sim" = 1 ]; then
    trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true' EXIT
    start_sim ./build/src/sim/comfydesk-sim 8188 || exit 1
    # The app talks to the simulator just started, whatever port it got.
    args+=(--comfy-url "$SIM_URL")
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found (DISPLAY/WAYLAND_DISPLAY unset): the window is drawn offscreen."
    echo "Use 'comfydesk --headless' for the REST API without a window."
    export QT_QPA_PLATFORM=offscreen
fi
./build/src/app/comfydesk "${args[@]+"${args[@]}"}"

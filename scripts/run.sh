#!/usr/bin/env bash
# Builds ComfyDesk (incrementally, into build/) and starts the desktop app.
#   scripts/run.sh                 connect to COMFYUI_BASE_URL (default http://localhost:8188)
#   scripts/run.sh --with-sim      also start the built-in ComfyUI simulator on port 8188
# Other arguments are passed to comfydesk (see: scripts/run.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target comfydesk comfydesk-sim

args=()
sim_pid=""
for a in "$@"; do
    if [ "$a" = "--with-sim" ]; then
        ./build/src/sim/comfydesk-sim --port 8188 &
        sim_pid=$!
        trap '[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true' EXIT
    else
        args+=("$a")
    fi
done

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found (DISPLAY/WAYLAND_DISPLAY unset): the window is drawn offscreen."
    echo "Use 'comfydesk --headless' for the REST API without a window."
    export QT_QPA_PLATFORM=offscreen
fi
./build/src/app/comfydesk "${args[@]+"${args[@]}"}"

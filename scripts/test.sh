#!/usr/bin/env bash
# Builds ComfyDesk with its tests (incrementally, into build/) and runs every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build -j"$jobs"
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$jobs" --timeout 300

#!/usr/bin/env bash
# Builds ComfyDesk with its tests (incrementally, into build/) and runs every test with CTest;
# then builds the same tree with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
# and runs the suite again there. COMFYDESK_SKIP_SANITIZERS=1 skips the second pass.
set -euo pipefail
cd "$(dirname "$0")/.."

# wrk and curl: the API benchmarks; Xvfb, D-Bus, AT-SPI and pyatspi: the screen-reader test;
# python3-websockets: the README's websocket example;
# the rest: the packaging test (CPack's shlibdeps and file, lintian, the desktop and
# AppStream validators, systemd for the user unit).
bash scripts/deps.sh wrk curl xvfb dbus-daemon at-spi2-core python3-pyatspi \
    python3-websockets dpkg-dev file lintian desktop-file-utils appstream systemd man-db
jobs=$(nproc)
export QT_QPA_PLATFORM=offscreen

# The same build type as scripts/run.sh, so the two commands share build/ incrementally.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"

if [ "${COMFYDESK_SKIP_SANITIZERS:-0}" != "1" ]; then
    echo "== Sanitizer build (ASan + UBSan) =="
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCOMFYDESK_SANITIZE=ON >/dev/null
    cmake --build build-asan -j"$jobs"
    # The benchmarks and their smoke tests belong to the optimised build below; the
    # sanitizer build does not have them (tests/bench/CMakeLists.txt).
    (cd build-asan && \
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --output-on-failure -j"$jobs" --timeout 600 -E '^bench_smoke$')
fi

echo "== Tests =="
cd build
ctest --output-on-failure -j"$jobs" --timeout 300

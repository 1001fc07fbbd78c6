#!/usr/bin/env bash
# Installs the Debian packages ComfyDesk needs to build, run and test, when they are missing.
# As root it runs apt-get; otherwise it prints the exact apt-get line and stops.
# Sourced by run.sh and test.sh; "$@" are extra packages (e.g. wrk for the benchmarks).
set -euo pipefail

COMFYDESK_PACKAGES=(
    cmake g++ make lld
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libgl-dev qt6-image-formats-plugins libqt6svg6
    fonts-wqy-microhei librsvg2-bin
    pkg-config libdeflate-dev
    "$@"
)

missing=()
for pkg in "${COMFYDESK_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing missing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    else
        echo "ComfyDesk needs these Debian packages. Install them as root with:" >&2
        echo "    apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
fi

#!/usr/bin/env bash
# The Debian package, as a user and an operator meet it (issue 10's acceptance):
#   1. CPack builds the .deb; it holds every part (programs, desktop entry, icons,
#      AppStream metadata, man pages, translations, sample workflows, the user unit);
#   2. lintian finds no error in it (its warnings are printed);
#   3. apt-get installs it with what it depends on; desktop-file-validate and
#      appstreamcli validate pass on the installed files;
#   4. the installed comfydesk prints its version, copies the sample workflows into a new
#      user's folder (never over the user's own files) and serves the API headless against
#      the installed simulator, running a workflow to its image; the desktop app starts
#      (offscreen) and imports a file given on its command line, as the menu entry does;
#   5. the systemd user unit starts and stops that API;
#   6. purging the package leaves none of its files behind.
# Needs root (it installs a package); the test command runs as root.
# Usage: package_test.sh <build dir> <expected version>
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
app_id=io.github.comfydesk.ComfyDesk

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $* (at ${SECONDS}s)"; }

[ "$(id -u)" -eq 0 ] || fail "the packaging test installs a package: run it as root"
for tool in cpack dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli \
            curl unshare /lib/systemd/systemd systemctl; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/test.sh installs it)"
done

work=$(mktemp -d /tmp/comfydesk-package.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    # Never leave the package installed on the machine the tests ran on.
    if dpkg-query -W -f='${Status}' comfydesk 2>/dev/null | grep -q "ok installed"; then
        apt-get purge -y -q comfydesk >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_for_health() {   # <url> <seconds>
    local i
    for i in $(seq 1 $(( $2 * 10 ))); do
        curl -fsS --max-time 2 "$1/api/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

step "1. building the package"
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) \
    || { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/out/comfydesk_*.deb)
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' > "$work/contents"
for path in /usr/bin/comfydesk /usr/bin/comfydesk-sim \
            /usr/share/applications/$app_id.desktop \
            /usr/share/icons/hicolor/scalable/apps/comfydesk.svg \
            /usr/share/icons/hicolor/16x16/apps/comfydesk.png \
            /usr/share/icons/hicolor/48x48/apps/comfydesk.png \
            /usr/share/icons/hicolor/256x256/apps/comfydesk.png \
            /usr/share/metainfo/$app_id.metainfo.xml \
            /usr/share/man/man1/comfydesk.1.gz /usr/share/man/man1/comfydesk-sim.1.gz \
            /usr/share/comfydesk/translations/comfydesk_zh_CN.qm \
            /usr/share/comfydesk/workflows/sd_txt2img.json \
            /usr/lib/systemd/user/comfydesk-api.service \
            /usr/share/doc/comfydesk/copyright /usr/share/doc/comfydesk/examples/api.env; do
    grep -qx "$path" "$work/contents" || fail "the package lacks $path"
done
samples_in_repo=$(ls "$(dirname "$0")"/../../workflows/*.json | wc -l)
samples_in_deb=$(grep -c '^/usr/share/comfydesk/workflows/.*\.json$' "$work/contents")
[ "$samples_in_deb" -eq "$samples_in_repo" ] \
    || fail "$samples_in_deb sample workflows packaged, the repository has $samples_in_repo"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dep in libqt6core6 libqt6widgets6 libqt6httpserver6 libqt6websockets6 libc6 \
           libqt6sql6-sqlite qt6-image-formats-plugins libqt6svg6 fonts-wqy-microhei; do
    grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep"
done

step "2. lintian"
# --allow-root: the test command runs as root; lintian only reads the .deb.
lintian --allow-root --display-info --tag-display-limit 0 "$deb" > "$work/lintian.log" 2>&1 || true
cat "$work/lintian.log"
if grep -q '^E: ' "$work/lintian.log"; then
    fail "lintian reports errors"
fi
echo "lintian: $(grep -c '^E: ' "$work/lintian.log" || true) errors, $(grep -c '^W: ' "$work/lintian.log" || true) warnings"

step "3. installing with apt-get"
if dpkg-query -W -f='${Status}' comfydesk 2>/dev/null | grep -q "ok installed"; then
    apt-get purge -y -q comfydesk >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" \
    > "$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install failed"; }
dpkg -L comfydesk | sort > "$work/installed"
desktop-file-validate /usr/share/applications/$app_id.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/$app_id.metainfo.xml \
    || fail "appstreamcli validate"
man -l /usr/share/man/man1/comfydesk.1.gz >/dev/null 2>&1 \
    || zcat /usr/share/man/man1/comfydesk.1.gz | grep -q '^\.SH OPTIONS' \
    || fail "comfydesk(1) is not readable"

step "4. the installed programs"
[ "$(/usr/bin/comfydesk --version)" = "ComfyDesk $version" ] \
    || fail "comfydesk --version printed '$(/usr/bin/comfydesk --version)', not 'ComfyDesk $version'"
[ "$(/usr/bin/comfydesk-sim --version)" = "comfydesk-sim $version" ] \
    || fail "comfydesk-sim --version printed '$(/usr/bin/comfydesk-sim --version)'"

/usr/bin/comfydesk-sim --port 0 --node-ms 5 --step-ms 5 > "$work/sim.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/sim.out" ] && break; sleep 0.1; done
sim_url=$(head -1 "$work/sim.out")
case "$sim_url" in http://*) ;; *) fail "the simulator printed no URL: $sim_url" ;; esac

# A new user who already has a workflow named like a sample: it stays theirs.
user_home=$work/home
user_flows=$user_home/.local/share/ComfyDesk/ComfyDesk/workflows
mkdir -p "$user_flows"
echo '{"1": {"class_type": "EmptyImage", "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0}}}' \
    > "$user_flows/sd_txt2img.json"
cp "$user_flows/sd_txt2img.json" "$work/users-own.json"
start_headless() {   # <port> <log>: the installed app as the new user, in the background
    (cd "$user_home" && exec env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME="$user_home" \
        /usr/bin/comfydesk --headless --comfy-url "$sim_url" --api-port "$1" > "$2" 2>&1) &
    headless_pid=$!
    pids+=($headless_pid)
}
port=$(free_port)
start_headless "$port" "$work/headless.out"
wait_for_health "http://127.0.0.1:$port" 20 || { cat "$work/headless.out"; fail "/api/health did not answer"; }
health=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/api/health")
echo "health: $health"
grep -q '"status"' <<<"$health" || fail "/api/health answered $health"
cmp -s "$work/users-own.json" "$user_flows/sd_txt2img.json" \
    || fail "the first run overwrote the user's sd_txt2img.json"
for sample in /usr/share/comfydesk/workflows/*.json; do
    [ -f "$user_flows/$(basename "$sample")" ] || fail "$(basename "$sample") was not copied"
done
curl -fsS --max-time 5 "http://127.0.0.1:$port/api/workflows" | grep -q invert_empty_image \
    || fail "the API does not list the copied samples"
result=$(curl -sS --max-time 60 -X POST -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$port/api/workflow/invert_empty_image?wait=30")
grep -q '"completed"' <<<"$result" || fail "running a sample workflow answered: $result"
# The catalogue needs Qt's SQLite driver (a run-time dependency the binaries do not show).
catalogue_status=000
for _ in $(seq 1 50); do
    catalogue_status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
        "http://127.0.0.1:$port/api/catalogue?limit=1")
    [ "$catalogue_status" = 200 ] && break
    sleep 0.1
done
[ "$catalogue_status" = 200 ] || fail "/api/catalogue answered $catalogue_status (no SQLite driver?)"
kill "$headless_pid"; wait "$headless_pid" 2>/dev/null || true
# A sample the user deleted does not come back on the next start.
rm "$user_flows/invert_empty_image.json"
port=$(free_port)
start_headless "$port" "$work/headless2.out"
wait_for_health "http://127.0.0.1:$port" 20 || { cat "$work/headless2.out"; fail "the second start"; }
kill "$headless_pid"; wait "$headless_pid" 2>/dev/null || true
[ ! -e "$user_flows/invert_empty_image.json" ] || fail "a deleted sample came back"

# The desktop app from the menu entry (Exec=comfydesk %F), given a workflow file: it starts,
# paints its window (offscreen here) and imports the file into the user's folder.
opened=$work/from-the-file-manager.json
echo '{"1": {"class_type": "EmptyImage", "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 255}}}' > "$opened"
(cd "$user_home" && exec env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME="$user_home" \
    QT_QPA_PLATFORM=offscreen COMFYDESK_STARTUP_PROBE=1 \
    /usr/bin/comfydesk --comfy-url "$sim_url" "$opened" > "$work/desktop.out" 2>&1) &
desktop_pid=$!
pids+=($desktop_pid)
for _ in $(seq 1 200); do
    [ -f "$user_flows/from-the-file-manager.json" ] && grep -q "first paint" "$work/desktop.out" && break
    sleep 0.1
done
kill "$desktop_pid" 2>/dev/null; wait "$desktop_pid" 2>/dev/null || true
grep -q "first paint" "$work/desktop.out" || { cat "$work/desktop.out"; fail "the installed desktop app painted no window"; }
python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
    "$opened" "$user_flows/from-the-file-manager.json" 2>/dev/null \
    || { cat "$work/desktop.out"; fail "a file given on the command line was not imported"; }

step "5. the systemd user unit"
unit_home=$work/unit-home
api_port=$(free_port)
mkdir -p "$unit_home/.config/comfydesk" "$work/runtime"
chmod 700 "$work/runtime"
sed -e "s#^COMFYUI_BASE_URL=.*#COMFYUI_BASE_URL=$sim_url#" \
    -e "s#^COMFYDESK_API_PORT=.*#COMFYDESK_API_PORT=$api_port#" \
    /usr/share/doc/comfydesk/examples/api.env > "$unit_home/.config/comfydesk/api.env"
# This machine does not boot with systemd; a user manager runs anyway when it believes it
# did (/run/systemd/system), which is made true only inside a private mount namespace.
cat > "$work/unit.sh" <<UNIT
set -euo pipefail
mount -t tmpfs tmpfs /run/systemd 2>/dev/null || { mkdir -p /run/systemd; mount -t tmpfs tmpfs /run/systemd; }
mkdir -p /run/systemd/system
export HOME=$unit_home XDG_RUNTIME_DIR=$work/runtime
/lib/systemd/systemd --user > $work/systemd.log 2>&1 &
manager=\$!
trap 'kill \$manager 2>/dev/null; wait' EXIT
for _ in \$(seq 1 100); do systemctl --user is-system-running >/dev/null 2>&1 && break; \
    [ -S $work/runtime/systemd/private ] && break; sleep 0.1; done
systemctl --user daemon-reload
systemctl --user cat comfydesk-api.service > /dev/null
systemctl --user start comfydesk-api.service
up=0
for _ in \$(seq 1 200); do
    curl -fsS --max-time 2 http://127.0.0.1:$api_port/api/health > /dev/null 2>&1 && { up=1; break; }
    sleep 0.1
done
systemctl --user status comfydesk-api.service --no-pager | head -8 || true
[ \$up = 1 ] || { echo "the unit's API never answered"; exit 1; }
echo "unit active: \$(systemctl --user is-active comfydesk-api.service)"
systemctl --user stop comfydesk-api.service
state=\$(systemctl --user is-active comfydesk-api.service || true)
echo "after stop: \$state"
[ "\$state" = inactive ] || { echo "the unit is \$state after stop"; exit 1; }
if curl -fsS --max-time 2 http://127.0.0.1:$api_port/api/health > /dev/null 2>&1; then
    echo "the API still answers after the unit stopped"; exit 1
fi
UNIT
unshare -m bash "$work/unit.sh" || { cat "$work/systemd.log" 2>/dev/null | tail -20; fail "the user unit"; }

step "6. purging the package"
kill "${pids[0]}" 2>/dev/null || true
apt-get purge -y -q comfydesk > "$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "apt-get purge"; }
left=()
while read -r path; do
    [ -f "$path" ] || [ -L "$path" ] && left+=("$path")
done < <(grep -v '/$' "$work/contents")
for dir in /usr/share/comfydesk /usr/share/doc/comfydesk; do
    [ -e "$dir" ] && left+=("$dir")
done
[ ${#left[@]} -eq 0 ] || fail "purge left: ${left[*]}"
echo "PASS in ${SECONDS}s: $(grep -vc '/$' "$work/contents") files installed and removed"

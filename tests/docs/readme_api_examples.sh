#!/usr/bin/env bash
# CTest "readme_api_examples": the README's API examples, run as written, so they cannot rot.
#
# Starts the simulator and a headless ComfyDesk (loopback, a token, a fresh catalogue), then
# takes from the README's sections "Use the REST API from another machine" and
# "Troubleshooting" every command of a ```sh block that starts with `curl` (continued lines
# joined) and runs it with HOST, TOKEN and PROMPT_ID set (PROMPT_ID: the first prompt_id an
# answer names). The comment line under each command, "# <status> <answer>", is the contract:
# the HTTP status must be that one; an answer written as JSON must come back as JSON with
# every field name the README shows; an answer saying PNG must be a PNG. `curl` gets a
# --max-time on every call. Also runs:
#   - the websocket example (python3 -m websockets, from Debian's python3-websockets: this
#     script installs it through scripts/deps.sh when missing) while a prompt runs, and
#     checks the hello and status messages the README shows arrive;
#   - the Python example (standard library only) and checks it saved PNG files;
#   - the "Port taken" case: a second ComfyDesk on the same port must print the README's line
#     and exit with status 1;
#   - the Troubleshooting examples with the simulator stopped (ComfyUI not reachable).
#
#   readme_api_examples.sh <comfydesk binary> <comfydesk-sim binary> [<source root>]
set -euo pipefail

APP=${1:?usage: readme_api_examples.sh <comfydesk> <comfydesk-sim> [<source root>]}
SIM_BIN=${2:?usage: readme_api_examples.sh <comfydesk> <comfydesk-sim> [<source root>]}
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_ROOT=${3:-$(cd "$SCRIPT_DIR/../.." && pwd)}
README=$SOURCE_ROOT/README.md
export QT_LOGGING_RULES=${QT_LOGGING_RULES:-*.debug=false}

fail() {
    echo "readme_api_examples: FAIL: $*" >&2
    exit 1
}

# The interpreter itself, resolved once: a wrapper on PATH (pyenv's shims) can take
# seconds per start on a busy machine.
PY=$(python3 -c 'import sys; print(sys.executable)')

# The websocket example needs Debian's python3-websockets (for Debian's python3, which
# may not be the first python3 on PATH).
WS_PYTHON_DIR=
for candidate in "$PY" /usr/bin/python3; do
    if "$candidate" -c 'import websockets' 2> /dev/null; then
        WS_PYTHON_DIR=$(dirname "$("$candidate" -c 'import sys; print(sys.executable)')")
        break
    fi
done
if [ -z "$WS_PYTHON_DIR" ]; then
    bash "$SOURCE_ROOT/scripts/deps.sh" python3-websockets
    /usr/bin/python3 -c 'import websockets' || fail "python3-websockets is not importable"
    WS_PYTHON_DIR=/usr/bin
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/readme-api.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2> /dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2> /dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for_line <file> <sed expression printing the wanted part> <pid>: up to 20 s.
wait_for_line() {
    local file=$1 expr=$2 pid=$3 value i
    for ((i = 0; i < 200; i++)); do
        value=$(sed -n "$expr" "$file" 2> /dev/null | head -1)
        if [ -n "$value" ]; then
            echo "$value"
            return 0
        fi
        kill -0 "$pid" 2> /dev/null || { cat "$file" >&2; fail "process $pid exited early"; }
        sleep 0.1
    done
    cat "$file" >&2
    fail "no matching line in $file after 20 s"
}

# Processes see an empty working directory (no stray .env) and their own settings.
mkdir -p "$WORK/run" "$WORK/config" "$WORK/data" "$WORK/sim" "$WORK/py" "$WORK/examples"
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data
unset COMFYUI_BASE_URL COMFYDESK_API_HOST COMFYDESK_API_PORT COMFYDESK_API_TOKEN FLASK_HOST \
      FLASK_PORT COMFYDESK_WORKFLOWS COMFYDESK_CATALOGUE COMFYDESK_API_CORS_ORIGINS \
      COMFYDESK_API_ALLOWED_HOSTS

# timeout: a watchdog, should this script be killed without running its trap (CTest's own
# timeout); the trap stops both long before.
timeout 290 "$SIM_BIN" --port 0 --data-dir "$WORK/sim" > "$WORK/sim.log" 2>&1 &
SIM_PID=$!
PIDS+=("$SIM_PID")
SIM_URL=$(wait_for_line "$WORK/sim.log" '1s|^\(http://[^ ]*\)$|\1|p' "$SIM_PID")

TOKEN="readme-$RANDOM$RANDOM-token"
(cd "$WORK/run" && exec timeout 290 "$APP" --headless --comfy-url "$SIM_URL" --api-host 127.0.0.1 \
    --api-port 0 --api-token "$TOKEN" --workflows "$SOURCE_ROOT/workflows" \
    --catalogue "$WORK/catalogue.sqlite") > "$WORK/app.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
PORT=$(wait_for_line "$WORK/app.log" \
    's|^ComfyDesk API on http://127\.0\.0\.1:\([0-9]*\)/api$|\1|p' "$APP_PID")
HOST=http://127.0.0.1:$PORT
export HOST TOKEN
echo "simulator $SIM_URL, ComfyDesk $HOST"

# Splits the README into examples: $WORK/examples/NNN.{section,cmd,status,answer} and
# $WORK/py/queue_and_save.py; prints the number of examples.
"$PY" - "$README" "$WORK" << 'EOF'
import os, re, sys

readme, work = sys.argv[1], sys.argv[2]
text = open(readme, encoding="utf-8").read()

def section(title):
    match = re.search(r"^## " + re.escape(title) + r"\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not match:
        sys.exit(f"README has no section '## {title}'")
    return match.group(1)

def blocks(body, language):
    return re.findall(r"^```" + language + r"\n(.*?)^```", body, re.M | re.S)

count = 0
for name, title in (("api", "Use the REST API from another machine"),
                    ("trouble", "Troubleshooting")):
    for block in blocks(section(title), "sh"):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if not (line.startswith("curl ") or line.startswith("python3 -m websockets ")):
                i += 1
                continue
            command = [line]
            while command[-1].endswith("\\") and i + 1 < len(lines):
                i += 1
                command.append(lines[i])
            i += 1
            comment = lines[i] if i < len(lines) else ""
            if line.startswith("curl "):
                match = re.match(r"# (\d{3}) (.*)$", comment)
                if not match:
                    sys.exit(f"no '# <status> <answer>' line under: {line}")
                status, answer = match.group(1), match.group(2)
            else:
                status, answer = "101", "\n".join(l for l in lines[i:] if l.startswith("# "))
            count += 1
            base = os.path.join(work, "examples", f"{count:03d}")
            for ext, value in (("section", name), ("cmd", "\n".join(command)),
                               ("status", status), ("answer", answer)):
                with open(f"{base}.{ext}", "w", encoding="utf-8") as out:
                    out.write(value)

python = blocks(section("Use the REST API from another machine"), "python")
if len(python) != 1:
    sys.exit(f"expected one python block, found {len(python)}")
with open(os.path.join(work, "py", "queue_and_save.py"), "w", encoding="utf-8") as out:
    out.write(python[0])
print(f"{count} command examples in the README")
EOF

# The README's curl lines run as written, through this wrapper: a time limit on every call
# and the status and type reported on stderr.
curl() {
    command curl --max-time 60 --write-out '%{stderr}@@ %{http_code} %{content_type}\n' "$@"
}

# check_answer <example base> <body file> <stderr file>: 0 when the answer is the README's.
check_answer() {
    local base=$1 body=$2 err=$3 expected answer got type out
    expected=$(cat "$base.status")
    answer=$(cat "$base.answer")
    read -r _ got type < <(grep '^@@ ' "$err" | tail -1) || true
    [ "$got" = "$expected" ] || { echo "status $got, README says $expected"; return 1; }
    if [[ "$answer" == \{* || "$answer" == \[* ]]; then
        [[ "$type" == application/json* ]] || { echo "Content-Type $type, not JSON"; return 1; }
        "$PY" - "$body" "$answer" << 'EOF' || return 1
import json, re, sys
body = open(sys.argv[1], encoding="utf-8").read()
try:
    json.loads(body)
except ValueError as error:
    sys.exit(f"answer is not JSON ({error}): {body[:200]}")
missing = [key for key in re.findall(r'"([A-Za-z_][A-Za-z0-9_]*)":', sys.argv[2])
           if f'"{key}":' not in body]
if missing:
    sys.exit(f"fields the README shows are missing: {missing}; answer: {body[:300]}")
EOF
    elif [[ "$answer" == *PNG* ]]; then
        [ "$type" = image/png ] || { echo "Content-Type $type, not image/png"; return 1; }
        out=$(sed -n 's/.* -o \([^ ]*\) .*/\1/p' "$base.cmd")
        [ -n "$out" ] && body=$WORK/run/$out
        [ "$(head -c 8 "$body" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
            || { echo "$body is not a PNG"; return 1; }
    fi
    return 0
}

# run_example <example base> <seconds to retry until it passes>
run_example() {
    local base=$1 patience=$2 cmd why deadline
    cmd=$(cat "$base.cmd")
    deadline=$((SECONDS + patience))
    while :; do
        (cd "$WORK/run" && eval "$cmd") > "$WORK/body" 2> "$WORK/err" || true
        if why=$(check_answer "$base" "$WORK/body" "$WORK/err" 2>&1); then
            break
        fi
        if ((SECONDS >= deadline)); then
            echo "---- $cmd" >&2
            cat "$WORK/err" >&2
            head -c 600 "$WORK/body" >&2
            echo >&2
            fail "$why"
        fi
        sleep 0.5
    done
    echo "ok   [${SECONDS}s] $(cat "$base.status") $(head -1 "$base.cmd" | cut -c1-110)"
    if [ -z "${PROMPT_ID:-}" ]; then
        PROMPT_ID=$("$PY" -c 'import json, sys
try:
    value = json.load(open(sys.argv[1])).get("prompt_id")
    print(value if isinstance(value, str) else "")
except Exception:
    print("")' "$WORK/body")
        [ -n "$PROMPT_ID" ] && export PROMPT_ID && echo "     PROMPT_ID=$PROMPT_ID"
    fi
    return 0
}

# run_websocket_example <example base>: the client runs while a prompt goes through.
run_websocket_example() {
    local base=$1 cmd i answer
    cmd=$(cat "$base.cmd")
    # The client leaves when its standard input ends: a second after the prompt finished.
    rm -f "$WORK/ws.done"
    ({ for ((i = 0; i < 600; i++)); do [ -e "$WORK/ws.done" ] && break; sleep 0.1; done
       sleep 1; } \
        | PATH="$WS_PYTHON_DIR:$PATH" timeout 90 bash -c "$cmd") > "$WORK/ws.log" 2>&1 &
    local ws_pid=$!
    PIDS+=("$ws_pid")
    for ((i = 0; i < 100; i++)); do
        grep -q '"type":"hello"' "$WORK/ws.log" && break
        sleep 0.1
    done
    command curl -sS --max-time 60 -o /dev/null -H "X-API-Key: $TOKEN" \
        -H 'Content-Type: application/json' -d '{}' "$HOST/api/workflow/blur_batch?wait=30"
    touch "$WORK/ws.done"
    wait "$ws_pid" || true
    answer=$(cat "$base.answer")
    for needed in 'Connected to ' '"type":"hello"' '"type":"status"' '"type":"queue"' \
                  '"status":"running"' '"status":"completed"'; do
        grep -qF "$needed" "$WORK/ws.log" \
            || { cat "$WORK/ws.log" >&2; fail "websocket example: no $needed"; }
    done
    for needed in '"type":"hello"' '"type":"status"' '"type":"queue"'; do
        grep -qF "$needed" <<< "$answer" || fail "the README's websocket answer lost $needed"
    done
    echo "ok   [${SECONDS}s] 101 $(head -1 "$base.cmd" | cut -c1-110)"
}

# Every operation of the running API's OpenAPI document has an example (method and path).
command curl -sS --max-time 30 -H "X-API-Key: $TOKEN" -o "$WORK/openapi.json" \
    "$HOST/api/openapi.json"
"$PY" - "$WORK/openapi.json" "$WORK/examples" << 'EOF' || fail "routes without a README example"
import glob, json, re, sys

paths = json.load(open(sys.argv[1]))["paths"]
examples = []
for cmd_file in glob.glob(sys.argv[2] + "/*.cmd"):
    cmd = open(cmd_file).read()
    url = re.search(r'(\$HOST|ws://\$\{HOST#http://\})(/api/[^"?\s]*)', cmd)
    if not url:
        sys.exit(f"no $HOST/api/... URL in: {cmd}")
    post = re.search(r"(^|\s)(-d|-F|-X POST)\s", cmd) is not None
    examples.append(("post" if post else "get", url.group(2)))
missing = []
operations = 0
for path, methods in paths.items():
    pattern = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path)) + "$")
    for method in methods:
        if method not in ("get", "post", "put", "delete", "patch"):
            continue
        operations += 1
        if not any(m == method and pattern.match(u) for m, u in examples):
            missing.append(f"{method.upper()} {path}")
if missing:
    sys.exit("operations of /api/openapi.json without a README example: " + ", ".join(missing))
print(f"every one of the {operations} operations of /api/openapi.json has an example")
EOF

total=$(ls "$WORK"/examples/*.cmd | wc -l)
((total >= 25)) || fail "only $total examples found in the README"
PROMPT_ID=

echo "== Use the REST API from another machine =="
for cmd_file in "$WORK"/examples/*.cmd; do
    base=${cmd_file%.cmd}
    [ "$(cat "$base.section")" = api ] || continue
    if [ "$(cat "$base.status")" = 101 ]; then
        run_websocket_example "$base"
    else
        run_example "$base" 0
    fi
done
[ -n "$PROMPT_ID" ] || fail "no example answered with a prompt_id"

echo "== The Python example =="
grep -qF 'python3 queue_and_save.py' "$README" || fail "the README no longer says how to run it"
(cd "$WORK/py" && COMFYDESK_URL=$HOST COMFYDESK_API_TOKEN=$TOKEN timeout 120 \
    "$PY" queue_and_save.py) > "$WORK/py.log" 2>&1 || { cat "$WORK/py.log" >&2; fail "python example failed"; }
cat "$WORK/py.log"
pngs=0
for png in "$WORK"/py/*.png; do
    [ -f "$png" ] || continue
    [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
        || fail "$png is not a PNG"
    pngs=$((pngs + 1))
done
((pngs >= 1)) || fail "the python example saved no image"
echo "ok   [${SECONDS}s] the python example saved $pngs PNG file(s)"

echo "== Troubleshooting =="
# Port taken: the README's line, with this port.
taken=$(sed -n 's/^ *\(Cannot listen on 127\.0\.0\.1 port \)5000\(: .*\)$/\1'"$PORT"'\2/p' "$README")
[ -n "$taken" ] || fail "the README lost its 'Cannot listen on' line"
status=0
(cd "$WORK/run" && timeout 20 "$APP" --headless --comfy-url "$SIM_URL" --api-port "$PORT" \
    --api-token "$TOKEN" --workflows "$SOURCE_ROOT/workflows" --catalogue off) \
    > "$WORK/taken.log" 2>&1 || status=$?
((status == 1)) || { cat "$WORK/taken.log" >&2; fail "a taken port: exit status $status, not 1"; }
grep -qxF "$taken" "$WORK/taken.log" || { cat "$WORK/taken.log" >&2; fail "not printed: $taken"; }
echo "ok   [${SECONDS}s] port taken: \"$taken\", exit status 1"

# ComfyUI not reachable (and the token examples, which do not need it).
kill "$SIM_PID"
wait "$SIM_PID" 2> /dev/null || true
for cmd_file in "$WORK"/examples/*.cmd; do
    base=${cmd_file%.cmd}
    [ "$(cat "$base.section")" = trouble ] || continue
    run_example "$base" 15
done
echo "readme_api_examples: all $total README examples and the python example pass"

#!/usr/bin/env bash
# CTest "bench_smoke": runs api_load.sh briefly (BENCH_SECONDS, 1 from CTest) so the script
# cannot rot. Asserts that it ran to the end and printed its table and targets, never the
# figures: a slow or busy CI machine must not fail it.
#   bench_smoke.sh <build dir>
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)

# The benchmark needs wrk; install it like every other dependency (root) or say how.
if ! command -v wrk > /dev/null; then
    bash "$SOURCE_ROOT/scripts/deps.sh" wrk
fi

log=$(mktemp "${TMPDIR:-/tmp}/bench-smoke.XXXXXX")
trap 'rm -f "$log"' EXIT

status=0
BENCH_SECONDS=${BENCH_SECONDS:-1} bash "$SCRIPT_DIR/api_load.sh" "$@" > "$log" 2>&1 || status=$?
cat "$log"
if ((status != 0)); then
    echo "bench_smoke: FAIL: api_load.sh exited with $status" >&2
    exit 1
fi

# Every row of the table and of the targets, with a number where the figures go.
expected=(
    '^== Summary '
    '^bare QHttpServer \(reference\) +[0-9.]+ '
    '^GET /api/task_status/<id> +[0-9.]+ '
    '^GET /api/workflows +[0-9.]+ '
    '^GET /api/queue +[0-9.]+ '
    '^GET /api/image/<id> +[0-9.]+ '
    '^GET /api/task_status \+ token +[0-9.]+ '
    '^RSS of comfydesk: +before +[0-9]+ kB, after +[0-9]+ kB, growth +-?[0-9]+ kB$'
    '^== Targets '
    '^task_status >= 30000 req/s .*(met|NOT met)$'
    '^workflows >= 20000 req/s .*(met|NOT met)$'
    '^zero errors on every ComfyDesk route .*(met|NOT met)$'
    '^RSS growth < 5120 kB .*(met|NOT met)$'
    '^api_load.sh: done'
)
for pattern in "${expected[@]}"; do
    if ! grep -Eq -- "$pattern" "$log"; then
        echo "bench_smoke: FAIL: no line matching /$pattern/ in the output" >&2
        exit 1
    fi
done
echo "bench_smoke: PASS"

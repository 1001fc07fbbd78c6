#!/usr/bin/env bash
# CTest "bench_smoke": runs api_load.sh briefly (BENCH_SECONDS, 1 from CTest) so the script
# cannot rot. Asserts that it ran to the end and printed its table and targets, and that
# no request to ComfyDesk erred (non-2xx or a socket error: counts that do not depend on the
# machine's speed). Never asserts a speed figure: a slow or busy CI machine must not fail it.
#
# A self-check comes first: api_load.sh against a route that answers 404 must be reported
# as erring, by its exit status and by the table this script reads. Without that, a
# broken error count would let every real run pass.
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

fail() {
    echo "bench_smoke: FAIL: $*" >&2
    exit 1
}

# summary_errors <log>: non-2xx + socket errors of every ComfyDesk row of the summary table
# (the bare reference row excluded), read from the last two columns.
summary_errors() {
    awk '/^== Summary / { table = 1; getline; next }
         table && /^RSS of / { table = 0 }
         table && NF >= 7 && !/^bare QHttpServer/ { sum += $(NF - 1) + $NF; rows++ }
         END { if (rows == 0) print "none"; else print sum }' "$1"
}

# run_load <expected exit status> <env assignments...>: runs api_load.sh into $log.
run_load() {
    local expected=$1 status=0
    shift
    env BENCH_SECONDS="${BENCH_SECONDS:-1}" "$@" bash "$SCRIPT_DIR/api_load.sh" \
        "$BUILD_ARG" > "$log" 2>&1 || status=$?
    cat "$log"
    ((status == expected)) || fail "api_load.sh $* exited with $status, expected $expected"
}

BUILD_ARG=${1:?usage: bench_smoke.sh <build dir>}

echo "== self-check: a route answering 404 must count as errors =="
run_load 2 BENCH_ROUTES=missing BENCH_RUNS=1
grep -Eq '^GET /api/no_such_route \(404\) +[0-9.]+ ' "$log" || fail "no row for the 404 route"
errors=$(summary_errors "$log")
[[ "$errors" =~ ^[0-9]+$ ]] && ((errors > 0)) \
    || fail "the 404 route was not counted as erring (errors: $errors)"
echo "self-check: $errors errors seen on the 404 route, as they should be"
echo

echo "== smoke run =="
run_load 0
# Every row of the table and of the targets, with a number where the figures go.
expected=(
    '^== Summary '
    '^bare QHttpServer \(reference\) +[0-9.]+ +[0-9.]+x '
    '^GET /api/task_status/<id> +[0-9.]+ +[0-9.]+x '
    '^GET /api/workflows +[0-9.]+ +[0-9.]+x '
    '^GET /api/queue +[0-9.]+ +[0-9.]+x '
    '^GET /api/image/<id> +[0-9.]+ +[0-9.]+x '
    '^GET /api/task_status \+ token +[0-9.]+ +[0-9.]+x '
    '^RSS of comfydesk: +before +[0-9]+ kB, after +[0-9]+ kB, growth +-?[0-9]+ kB$'
    '^errors on ComfyDesk routes over all runs: 0$'
    '^== Targets '
    '^task_status req/s >= 0.80x bare \(actual [0-9.]+x\) +(met|NOT met)$'
    '^task_status p99 < 2 ms \(actual [0-9.]+ ms\) +(met|NOT met)$'
    '^token req/s >= 0.80x bare \(actual [0-9.]+x\) +(met|NOT met)$'
    '^0 errors on every ComfyDesk route \(actual 0\) +met$'
    '^RSS growth < 5120 kB .*(met|NOT met)$'
    '^api_load.sh: done'
)
for pattern in "${expected[@]}"; do
    grep -Eq -- "$pattern" "$log" || fail "no line matching /$pattern/ in the output"
done
errors=$(summary_errors "$log")
[[ "$errors" == 0 ]] || fail "requests to ComfyDesk erred: $errors"
echo "bench_smoke: PASS"

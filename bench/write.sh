#!/usr/bin/env bash
# The write-path benchmarks of issue 8 (bench/Write): ./bench/write.sh [COMMAND [--option value ...]]
#
# COMMAND is one of grains | graphql-batch | graphql-single | hot-chain | prescriptions | scaling | growth | memory |
# verify | micro | ceiling | report, or `all` (the default: every benchmark in turn). Each command
# rewrites its own block of the write section of BENCHMARKS.md (between <!-- write:start --> and
# <!-- write:end -->), from bench/Write/results/COMMAND.md.
#
# Environment:
#   DDL_BENCH_POSTGRES  an Npgsql connection string of a server this benchmark may create databases
#                       on. When set it is used as is; otherwise a throwaway PostgreSQL (fsync on) is
#                       started here and stopped at exit (scripts/lib/postgres.sh).
#   DDL_BENCH_NO_BUILD  1: skip `dotnet build -c Release bench/Write` (already built).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

log() { printf '[write.sh] %s\n' "$*" >&2; }
. scripts/lib/postgres.sh

BENCH_PID=""
cleanup() {
    local status=$?
    trap - EXIT
    trap '' INT TERM PIPE
    if [ -n "$BENCH_PID" ] && kill -0 "$BENCH_PID" 2>/dev/null; then
        kill -TERM "$BENCH_PID" 2>/dev/null || true
        wait "$BENCH_PID" 2>/dev/null || true
    fi
    pg_stop
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${DDL_BENCH_NO_BUILD:-0}" = 1 ]; then
    log "DDL_BENCH_NO_BUILD=1: running the bench/Write already built"
elif log "building bench/Write (Release; builds src/Cli too)"; ! build_log="$(dotnet build -c Release bench/Write --nologo -v q </dev/null 2>&1)"; then
    printf '%s\n' "$build_log" | grep -E 'error|Error' >&2 || printf '%s\n' "$build_log" >&2
    log "build failed (another change in the tree may be half-done: copy the tree and run from the copy)"
    exit 1
fi

if [ -n "${DDL_BENCH_POSTGRES:-}" ]; then
    log "using PostgreSQL from DDL_BENCH_POSTGRES"
else
    pg_start ddl_bench
    export DDL_BENCH_POSTGRES="$PG_CONNECTION" DDL_BENCH_PG_PID="$PG_PID"
    export DDL_BENCH_PG_VERSION="PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
fi
export DDL_BENCH_ROOT="$PWD"
# "+uncommitted" when the code differs from HEAD; the figures this script itself writes do not count.
[ -n "${DDL_BENCH_COMMIT:-}" ] || export DDL_BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':(exclude)BENCHMARKS.md' ':(exclude)bench/Write/results' 2>/dev/null || echo '+uncommitted')"

log "load before: $(cat /proc/loadavg)"
dotnet bench/Write/bin/Release/net10.0/Ddl.Bench.Write.dll "${@:-all}" </dev/null &
BENCH_PID=$!
wait "$BENCH_PID"
BENCH_PID=""
log "load after: $(cat /proc/loadavg)"

#!/usr/bin/env bash
# The live-feeds benchmark (issue 5): starts a throwaway PostgreSQL (scripts/lib/postgres.sh, as
# test.sh does), runs bench/Feeds in Release on SQLite and on that PostgreSQL, and stops the server
# whatever happens. The figures go into the feeds section of BENCHMARKS.md at the repository root.
#
#   bench/Feeds/run.sh                                   100 subscribers, 1,000 dispensings/s, 20 s
#   bench/Feeds/run.sh --regulator-rate 100 --seconds 30 other settings (see BenchOptions.cs)
#
# Set DDL_BENCH_POSTGRES to use a server of your own instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

log() { printf '[bench/Feeds] %s\n' "$*" >&2; }
. scripts/lib/postgres.sh
trap pg_stop EXIT

if [ -z "${DDL_BENCH_POSTGRES:-}" ]; then
    pg_start ddl_bench_feeds
    export DDL_BENCH_POSTGRES="$PG_CONNECTION"
fi

dotnet build bench/Feeds -c Release --nologo -v q
dotnet bench/Feeds/bin/Release/net10.0/Ddl.Bench.Feeds.dll --command "bench/Feeds/run.sh${*:+ $*}" "$@"

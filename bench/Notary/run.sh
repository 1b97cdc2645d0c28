#!/usr/bin/env bash
# The notary benchmark (issue 4): starts a throwaway PostgreSQL (scripts/lib/postgres.sh, as
# test.sh does), runs bench/Notary in Release against it, and stops the server whatever happens.
# The figures go into the notary section of BENCHMARKS.md at the repository root.
#
#   bench/Notary/run.sh                       everything: seal, lag, proofs at 10,000,000 leaves
#   bench/Notary/run.sh --only seal,lag       some parts only
#   bench/Notary/run.sh --leaves 1000000      a smaller log for the proofs
#
# Set DDL_BENCH_POSTGRES to use a server of your own instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

log() { printf '[bench/Notary] %s\n' "$*" >&2; }
. scripts/lib/postgres.sh
trap pg_stop EXIT

if [ -z "${DDL_BENCH_POSTGRES:-}" ]; then
    pg_start ddl_bench
    export DDL_BENCH_POSTGRES="$PG_CONNECTION"
fi

dotnet build bench/Notary -c Release --nologo -v q
dotnet bench/Notary/bin/Release/net10.0/Ddl.Bench.Notary.dll --command "bench/Notary/run.sh${*:+ $*}" "$@"

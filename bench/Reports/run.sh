#!/usr/bin/env bash
# The reports benchmark (issue 6): a ledger of 10,000,000 signed dispensing entries in PostgreSQL,
# the read model rebuilt from it, the reports measured through a running host's GraphQL. Writes
# the reports section of BENCHMARKS.md.
#
#   bench/Reports/run.sh                              everything, on a throwaway server (a long run)
#   DDL_BENCH_DATA=/var/tmp/ddl-reports bench/Reports/run.sh
#                                                     keep the server's data and the ledger's keys in that
#                                                     folder: a later run reuses the generated ledger
#   bench/Reports/run.sh --dispensings 1000000        a smaller ledger
#   DDL_BENCH_PHASES="rebuild measure" bench/Reports/run.sh    some phases only
#   DDL_BENCH_LOCK=/tmp/ddl-bench.lock bench/Reports/run.sh    each phase under flock(1) of that file
#
# Phases: generate (resumable: it runs in slices of --minutes, 13 by default, until the ledger
# holds the dispensings asked for), rebuild, measure. DDL_BENCH_POSTGRES names a server of your
# own instead (its database must be empty of other ledgers, and DDL_BENCH_DATA then holds only
# the ledger's keys and results).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

log() { printf '[bench/Reports] %s\n' "$*" >&2; }
. scripts/lib/postgres.sh

DATA="${DDL_BENCH_DATA:-}"
THROWAWAY=""
if [ -z "$DATA" ]; then
    DATA="$(mktemp -d "${TMPDIR:-/tmp}/ddl-bench-reports.XXXXXX")"
    THROWAWAY=1
fi
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"

# The server of scripts/lib/postgres.sh, but with its data folder in $DATA/pg so that it outlives
# the run, and with memory settings for a 10-million-entry ledger (fsync stays on).
pg_start_kept() {
    pg_install_if_missing
    if [ "$(id -u)" = 0 ]; then
        PG_USER=ddltest
        id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
    else
        PG_USER="$(id -un)"
    fi
    PG_WORK="$DATA/pg"
    if [ ! -d "$PG_WORK/data" ]; then
        mkdir -p "$PG_WORK/socket"
        od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$PG_WORK/password"
        chmod 600 "$PG_WORK/password"
        chown -R "$PG_USER" "$PG_WORK"
        chmod 700 "$PG_WORK"
        chmod o+x "$DATA"
        log "initdb in $PG_WORK/data"
        pg_as_user "$PG_BIN/initdb" -D "$PG_WORK/data" -U ddl --pwfile="$PG_WORK/password" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$PG_WORK/initdb.log" 2>&1 \
            || { cat "$PG_WORK/initdb.log" >&2; exit 1; }
    fi
    PG_PORT="$(pg_free_port)"
    pg_as_user "$PG_BIN/pg_ctl" -D "$PG_WORK/data" -l "$PG_WORK/postgres.log" -w -t 120 \
        -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_WORK/socket -c max_connections=200 -c fsync=on \
            -c shared_buffers=2GB -c effective_cache_size=12GB -c work_mem=64MB -c maintenance_work_mem=1GB \
            -c max_wal_size=16GB -c checkpoint_timeout=30min -c wal_compression=on" \
        start >/dev/null || { cat "$PG_WORK/postgres.log" >&2; exit 1; }
    PG_PID="$(head -n1 "$PG_WORK/data/postmaster.pid")"
    pg_as_user "$PG_BIN/psql" -X -q -h "$PG_WORK/socket" -p "$PG_PORT" -U ddl -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'ddl_reports'" | grep -q 1 \
        || pg_as_user "$PG_BIN/psql" -X -q -h "$PG_WORK/socket" -p "$PG_PORT" -U ddl -d postgres -c "CREATE DATABASE ddl_reports" </dev/null
    PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=ddl;Password=$(cat "$PG_WORK/password");Database=ddl_reports;Timeout=60;Command Timeout=0"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (pid $PG_PID), data in $PG_WORK/data"
}

pg_stop_kept() {
    [ -n "$PG_WORK" ] && [ -f "$PG_WORK/data/postmaster.pid" ] || return 0
    log "stopping PostgreSQL (pid $PG_PID)"
    pg_as_user "$PG_BIN/pg_ctl" -D "$PG_WORK/data" stop -m fast -w -t 120 >/dev/null 2>&1 || true
}

cleanup() {
    pg_stop_kept
    [ -z "$THROWAWAY" ] || rm -rf "$DATA"
}
trap cleanup EXIT

if [ -z "${DDL_BENCH_POSTGRES:-}" ]; then
    pg_start_kept
    export DDL_BENCH_POSTGRES="$PG_CONNECTION"
fi

dotnet build bench/Reports -c Release --nologo -v q
bench() { ${DDL_BENCH_LOCK:+flock "$DDL_BENCH_LOCK"} dotnet bench/Reports/bin/Release/net10.0/Ddl.Bench.Reports.dll "$@"; }

# The command as the report names it, with the settings that shaped the run (DDL_BENCH_COMMAND
# overrides it, e.g. when an outer flock already holds the lock for several steps).
COMMAND="${DDL_BENCH_COMMAND:-}"
[ -n "$COMMAND" ] || COMMAND="${DDL_BENCH_DATA:+DDL_BENCH_DATA=$DDL_BENCH_DATA }${DDL_BENCH_LOCK:+DDL_BENCH_LOCK=$DDL_BENCH_LOCK }bench/Reports/run.sh${*:+ $*}"
for phase in ${DDL_BENCH_PHASES:-generate rebuild measure}; do
    log "phase $phase"
    if [ "$phase" = generate ]; then
        status=3
        while [ "$status" = 3 ]; do
            status=0
            bench generate --data "$DATA" "$@" || status=$?
        done
        [ "$status" = 0 ] || exit "$status"
    else
        bench "$phase" --data "$DATA" --command "$COMMAND" "$@"
    fi
done

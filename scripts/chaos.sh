#!/usr/bin/env bash
# The chaos run of issue 7: a silo of the local 3-silo cluster dies under load and nothing is lost.
#
#   scripts/chaos.sh
#
# 1. starts the cluster (scripts/cluster.sh: 3 silo processes on one PostgreSQL, 127.0.0.1 only);
# 2. runs the load client (bench/Chaos): one writer per patient chain, signed notes through all 3
#    silos' GraphQL endpoints in turn, retrying only UNAVAILABLE, CHAIN_CONFLICT and transport
#    errors, with the same signed submission (same nonce), so a retry cannot make a copy;
# 3. meanwhile: kill -9 one silo, then bring it back with `scripts/cluster.sh start`;
# 4. checks: every acknowledged entry is in its chain exactly once at its receipt's seq and hash,
#    no gap, no fork, every entry has a notary proof, writers saw only retryable codes (all in the
#    client); then `ddl export` of every chain, `ddl verify`, and the independent JavaScript
#    verifiers tests/Interop/verify-export.mjs and verify-notary.mjs;
# 5. stops everything it started (also on failure or Ctrl-C) and prints the failover time.
# Exit 0 only when every check held. About 2 minutes, most of it the build and the 45 s of load.
#
# Environment:
#   DDL_CHAOS_SECONDS   seconds of writes (default 45); DDL_CHAOS_KILL_AFTER (default 10) and
#                       DDL_CHAOS_RESTART_AFTER (default 15, counted from the kill) place the crash.
#   DDL_CHAOS_VICTIM    which silo to kill, 2 or 3 (default 2; silo 1 serves the checks' reads).
#   DDL_CHAOS_CHAINS    number of chains, one writer each (default 12).
#   DDL_CHAOS_OUT       keep the run's files (summary, export) here instead of a temp folder.
#   DDL_POSTGRES        as for scripts/cluster.sh: a server to use instead of a throwaway one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

SECONDS_OF_LOAD="${DDL_CHAOS_SECONDS:-45}"
KILL_AFTER="${DDL_CHAOS_KILL_AFTER:-10}"
RESTART_AFTER="${DDL_CHAOS_RESTART_AFTER:-15}"
VICTIM="${DDL_CHAOS_VICTIM:-2}"
CHAINS="${DDL_CHAOS_CHAINS:-12}"
CLIENT_DLL="$ROOT/bench/Chaos/bin/Release/net10.0/Ddl.Bench.Chaos.dll"
DDL_DLL="$ROOT/src/Cli/bin/Release/net10.0/ddl.dll"
STATE="$ROOT/.cluster"

log() { printf '[chaos.sh] %s\n' "$*" >&2; }

case "$VICTIM" in 2 | 3) ;; *) log "DDL_CHAOS_VICTIM must be 2 or 3"; exit 2 ;; esac

# A cluster someone else started is not ours to kill silos of.
for pid_file in "$STATE"/silo-*.pid; do
    [ -f "$pid_file" ] || continue
    if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        log "a local cluster already runs ($pid_file): stop it first with scripts/cluster.sh stop"
        exit 1
    fi
done

OUT="${DDL_CHAOS_OUT:-}"
OWN_OUT=0
if [ -z "$OUT" ]; then
    OUT="$(mktemp -d "${TMPDIR:-/tmp}/ddl-chaos.XXXXXX")"
    OWN_OUT=1
fi
mkdir -p "$OUT"
rm -f "$OUT/kill.ms"

CLIENT_PID=""
CLUSTER_STARTED=0
cleanup() {
    local status=$?
    trap - EXIT
    trap '' INT TERM
    if [ -n "$CLIENT_PID" ] && kill -0 "$CLIENT_PID" 2>/dev/null; then
        log "stopping the load client (pid $CLIENT_PID)"
        kill -TERM "$CLIENT_PID" 2>/dev/null || true
        wait "$CLIENT_PID" 2>/dev/null || true
    fi
    # cluster.sh stop ends each silo by the pid in its pid file, including the restarted one, and
    # the throwaway PostgreSQL.
    if [ "$CLUSTER_STARTED" = 1 ]; then
        if [ "$status" != 0 ]; then
            mkdir -p "$OUT/logs" && cp "$STATE"/silo-*.log "$OUT/logs/" 2>/dev/null || true
            log "silo logs kept in $OUT/logs"
        fi
        scripts/cluster.sh stop || true
    fi
    if [ "$status" = 0 ] && [ "$OWN_OUT" = 1 ]; then
        rm -rf "$OUT"
    else
        log "the run's files are in $OUT"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building the silo, the CLI and the load client (Release)"
for project in src/Silo src/Cli bench/Chaos; do
    dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly </dev/null
done

CLUSTER_STARTED=1
DDL_CLUSTER_NO_BUILD=1 scripts/cluster.sh start

log "load: $CHAINS chains for $SECONDS_OF_LOAD s; kill -9 silo $VICTIM after $KILL_AFTER s, restart $RESTART_AFTER s later"
dotnet "$CLIENT_DLL" --data "$STATE/data" \
    --endpoints "http://127.0.0.1:5081/graphql,http://127.0.0.1:5082/graphql,http://127.0.0.1:5083/graphql" \
    --chains "$CHAINS" --seconds "$SECONDS_OF_LOAD" --kill-file "$OUT/kill.ms" --out "$OUT" </dev/null &
CLIENT_PID=$!

# The client may not have died before the crash it is there to observe.
client_alive() {
    kill -0 "$CLIENT_PID" 2>/dev/null || { log "the load client exited early (see above)"; exit 1; }
}

sleep "$KILL_AFTER"
client_alive
victim_pid="$(cat "$STATE/silo-$VICTIM.pid")"
kill -KILL "$victim_pid"
date +%s%3N >"$OUT/kill.ms"
log "kill -9 silo $VICTIM (pid $victim_pid)"

sleep "$RESTART_AFTER"
client_alive
restart_begin=$(date +%s%3N)
DDL_CLUSTER_NO_BUILD=1 scripts/cluster.sh start
log "silo $VICTIM restarted and ready in $(( ($(date +%s%3N) - restart_begin) )) ms"

client_status=0
wait "$CLIENT_PID" || client_status=$?
CLIENT_PID=""

log "ddl export of every chain, then ddl verify and the independent verifiers"
token="$(cat "$OUT/read.token")"
mapfile -t chains <"$OUT/chains.txt"
dotnet "$DDL_DLL" export --url http://127.0.0.1:5081/graphql --token "$token" --chain "${chains[@]}" \
    --wait 30 --out "$OUT/export.json"
dotnet "$DDL_DLL" verify "$OUT/export.json"
node tests/Interop/verify-export.mjs "$OUT/export.json"
node tests/Interop/verify-notary.mjs "$OUT/export.json"

# The write counters of /metrics saw the load. Each silo counts the entries of the chains it
# hosts, and placement may leave one silo without any chain of this small load, so the counters
# of silos 1 and 3 (which ran throughout) are added up.
appended=0
for port in 5081 5083; do
    count="$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "http://127.0.0.1:$port/metrics" \
        | awk '/^ddl_entries_appended_total/ { sum += $NF } END { print sum + 0 }')"
    log "silo on :$port /metrics: ddl_entries_appended_total $count"
    appended=$((appended + count))
done
[ "$appended" -gt 0 ] || { log "silos 1 and 3 counted no appended entries at /metrics"; exit 1; }

cat "$OUT/summary.txt"
if [ "$client_status" != 0 ]; then
    log "the load client's checks failed (see above)"
    exit "$client_status"
fi
log "chaos run passed"

#!/usr/bin/env bash
# A local DDL cluster: 3 silos on this machine against one PostgreSQL.
#
#   scripts/cluster.sh start     build the silo once, start PostgreSQL (unless DDL_POSTGRES is set)
#                                and 3 silos; returns when all 3 are ready. Silos that already run
#                                are kept: after a crash, start brings the missing ones back
#   scripts/cluster.sh status    what runs, readiness, and the membership table
#   scripts/cluster.sh stop      stop the silos (SIGTERM, then KILL after a grace period) and the
#                                PostgreSQL this script started
#
# Silo n (1..3): GraphQL on http://127.0.0.1:508n, Orleans silo port 1111n and gateway port 3000n,
# all on 127.0.0.1; health on /health/live and /health/ready. State (pids, logs, the data folder
# that the silos share for the genesis and keys) lives in .cluster/ at the repository root.
#
# Environment:
#   DDL_POSTGRES     an Npgsql connection string to use instead of a throwaway server. The data
#                    folder is then kept across stop/start (its genesis belongs to that database).
#   DDL_CLUSTER_ID   Orleans ClusterId (default ddl-local); DDL_SERVICE_ID likewise (default ddl).
#   DDL_CLUSTER_NO_BUILD=1   run the last build instead of building first.
#   DDL_SILO_DLL     run this Ddl.Silo.dll (no build), e.g. a Debug build or a published one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

STATE="$ROOT/.cluster"
DATA="$STATE/data"
DLL="${DDL_SILO_DLL:-$ROOT/src/Silo/bin/Release/net10.0/Ddl.Silo.dll}"
SILOS=(1 2 3)
CLUSTER_ID="${DDL_CLUSTER_ID:-ddl-local}"
SERVICE_ID="${DDL_SERVICE_ID:-ddl}"
READY_TIMEOUT=180   # seconds; the first silo also migrates the database and writes the genesis
STOP_GRACE=30       # seconds between SIGTERM and KILL; an Orleans silo leaves the cluster in ~3 s

http_port() { echo $((5080 + $1)); }
silo_port() { echo $((11110 + $1)); }
gateway_port() { echo $((30000 + $1)); }

log() { printf '[cluster.sh] %s\n' "$*" >&2; }

# pg_start / pg_stop: the throwaway server (shared with test.sh).
. "$ROOT/scripts/lib/postgres.sh"

# The pid in a pid file, if that process is alive and is one of our silos (not a recycled pid).
silo_pid() {
    local file="$STATE/silo-$1.pid" pid
    [ -f "$file" ] || return 1
    pid="$(cat "$file")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "Ddl.Silo.dll" || return 1
    echo "$pid"
}

# HTTP status code of a GET, or 000 when nothing answers.
http_status() {
    local url="$1"
    if command -v curl >/dev/null 2>&1; then
        curl -s -o /dev/null -m 3 -w '%{http_code}' "$url" || true
    else
        python3 - "$url" <<'EOF' 2>/dev/null || echo 000
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=3).status)
except urllib.error.HTTPError as e:
    print(e.code)
EOF
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

connection_string() {
    if [ -n "${DDL_POSTGRES:-}" ]; then
        echo "$DDL_POSTGRES"
    elif [ -f "$STATE/postgres.conn" ]; then
        cat "$STATE/postgres.conn"
    fi
}

wait_ready() {
    local n="$1" pid="$2" url waited=0
    url="http://127.0.0.1:$(http_port "$n")/health/ready"
    until [ "$(http_status "$url")" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "silo $n exited before it was ready; the end of $STATE/silo-$n.log:"
            tail -n 40 "$STATE/silo-$n.log" >&2 || true
            return 1
        fi
        waited=$((waited + 1))
        if [ "$waited" -ge "$READY_TIMEOUT" ]; then
            log "silo $n is not ready after ${READY_TIMEOUT} s; the end of $STATE/silo-$n.log:"
            tail -n 40 "$STATE/silo-$n.log" >&2 || true
            return 1
        fi
        sleep 1
    done
    log "silo $n ready: GraphQL http://127.0.0.1:$(http_port "$n")/graphql (pid $pid)"
}

start_silo() {
    local n="$1"
    # The connection string goes in the environment, not on the command line where ps shows it.
    # setsid: the silo outlives this script and a Ctrl-C in this terminal.
    DDL_POSTGRES="$(connection_string)" setsid dotnet "$DLL" \
        --data "$DATA" \
        --urls "http://127.0.0.1:$(http_port "$n")" \
        --silo-port "$(silo_port "$n")" --gateway-port "$(gateway_port "$n")" \
        --cluster-id "$CLUSTER_ID" --service-id "$SERVICE_ID" \
        --advertise-ip 127.0.0.1 --silo-name "silo-$n" \
        </dev/null >"$STATE/silo-$n.log" 2>&1 &
    echo $! >"$STATE/silo-$n.pid"
}

cmd_start() {
    # Idempotent: silos that run are left alone, so after a crash "start" brings back the missing
    # ones into the running cluster.
    local n port missing=()
    for n in "${SILOS[@]}"; do
        silo_pid "$n" >/dev/null && continue
        for port in "$(http_port "$n")" "$(silo_port "$n")" "$(gateway_port "$n")"; do
            if port_in_use "$port"; then
                log "port $port (silo $n) is taken by another program"
                exit 1
            fi
        done
        missing+=("$n")
    done
    if [ "${#missing[@]}" = 0 ]; then
        log "all ${#SILOS[@]} silos already run; 'scripts/cluster.sh status' to see them"
        return 0
    fi
    mkdir -p "$STATE"
    chmod 700 "$STATE"

    if [ "${DDL_CLUSTER_NO_BUILD:-}" != 1 ] && [ -z "${DDL_SILO_DLL:-}" ]; then
        log "building src/Silo (Release)"
        dotnet build src/Silo -c Release --nologo -v quiet -clp:ErrorsOnly </dev/null
    fi
    [ -f "$DLL" ] || { log "$DLL is missing: build src/Silo -c Release first"; exit 1; }

    if [ -n "${DDL_POSTGRES:-}" ]; then
        log "using PostgreSQL from DDL_POSTGRES"
    elif [ -f "$STATE/postgres.work" ] && [ -f "$(cat "$STATE/postgres.work")/data/postmaster.pid" ]; then
        log "using the PostgreSQL started before ($(cat "$STATE/postgres.work"))"
    else
        pg_start ddl
        echo "$PG_WORK" >"$STATE/postgres.work"
        (umask 077 && echo "$PG_CONNECTION" >"$STATE/postgres.conn")
    fi

    # A failed or interrupted start leaves nothing running behind it.
    trap 'log "start failed: stopping what was started"; cmd_stop' ERR
    trap 'log "interrupted: stopping what was started"; cmd_stop; exit 130' INT TERM

    # Without a genesis yet, one silo starts alone: it migrates the schema and writes the genesis
    # and keys into the shared data folder, which the others then load (silos starting together
    # would each write their own).
    if [ ! -f "$DATA/genesis.json" ]; then
        start_silo "${missing[0]}"
        wait_ready "${missing[0]}" "$(cat "$STATE/silo-${missing[0]}.pid")"
        missing=("${missing[@]:1}")
    fi
    for n in "${missing[@]}"; do
        start_silo "$n"
    done
    for n in "${missing[@]}"; do
        wait_ready "$n" "$(cat "$STATE/silo-$n.pid")"
    done
    trap - ERR INT TERM

    log "cluster '$CLUSTER_ID' is up: ${#SILOS[@]} silos; logs in $STATE/silo-N.log; stop with: scripts/cluster.sh stop"
}

stop_silo() {
    local n="$1" pid waited=0
    if ! pid="$(silo_pid "$n")"; then
        rm -f "$STATE/silo-$n.pid"
        return 0
    fi
    log "stopping silo $n (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
        waited=$((waited + 1))
        if [ "$waited" -ge $((STOP_GRACE * 2)) ]; then
            log "silo $n did not stop within ${STOP_GRACE} s: KILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5
    done
    rm -f "$STATE/silo-$n.pid"
}

cmd_stop() {
    trap - ERR INT TERM
    local n
    # One at a time, last first: each leaves the cluster cleanly (writes its row Dead).
    for ((n = ${#SILOS[@]}; n >= 1; n--)); do
        stop_silo "$n"
    done
    if [ -f "$STATE/postgres.work" ]; then
        pg_stop "$(cat "$STATE/postgres.work")"
        rm -f "$STATE/postgres.work" "$STATE/postgres.conn"
        # Its genesis and keys belonged to the database just thrown away.
        rm -rf "$DATA"
    fi
    log "stopped"
}

cmd_status() {
    local n pid running=0
    for n in "${SILOS[@]}"; do
        if pid="$(silo_pid "$n")"; then
            running=$((running + 1))
            printf 'silo %s  pid %-7s http://127.0.0.1:%s  ready %s\n' "$n" "$pid" "$(http_port "$n")" \
                "$(http_status "http://127.0.0.1:$(http_port "$n")/health/ready")"
        else
            printf 'silo %s  not running\n' "$n"
        fi
    done
    if [ -f "$STATE/postgres.work" ] && [ -f "$(cat "$STATE/postgres.work")/data/postmaster.pid" ]; then
        printf 'postgres  throwaway, pid %s, data %s\n' "$(head -n1 "$(cat "$STATE/postgres.work")/data/postmaster.pid")" "$(cat "$STATE/postgres.work")"
    elif [ -n "${DDL_POSTGRES:-}" ]; then
        echo "postgres  from DDL_POSTGRES"
    else
        echo "postgres  not running"
    fi
    print_membership
    [ "$running" = "${#SILOS[@]}" ]
}

# The membership rows of this cluster, when psql is at hand (status 3 Active, 6 Dead).
print_membership() {
    local conn
    conn="$(connection_string)"
    [ -n "$conn" ] && command -v psql >/dev/null 2>&1 || return 0
    # The Npgsql connection string, as libpq environment variables.
    local pair key value
    local -a pairs pgenv=()
    IFS=';' read -r -a pairs <<<"$conn"
    for pair in "${pairs[@]}"; do
        key="${pair%%=*}"; value="${pair#*=}"
        case "${key,,}" in
            host|server) pgenv+=("PGHOST=$value") ;;
            port) pgenv+=("PGPORT=$value") ;;
            username|user\ id|userid|user) pgenv+=("PGUSER=$value") ;;
            password) pgenv+=("PGPASSWORD=$value") ;;
            database) pgenv+=("PGDATABASE=$value") ;;
        esac
    done
    echo "membership of cluster '$CLUSTER_ID' (status 3 Active, 6 Dead):"
    env "${pgenv[@]}" psql -X -q -v ON_ERROR_STOP=1 -v cluster="$CLUSTER_ID" 2>/dev/null <<'SQL' || echo "  (not readable yet)"
SELECT silo_name, address || ':' || port AS silo, generation, status, proxy_port AS gateway, i_am_alive_time
  FROM orleans_membership WHERE deployment_id = :'cluster' ORDER BY start_time;
SQL
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *)
        echo "usage: scripts/cluster.sh start|stop|status" >&2
        exit 2
        ;;
esac

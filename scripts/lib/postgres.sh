# A throwaway PostgreSQL server for this machine, shared by ./test.sh and scripts/cluster.sh.
# Source it (bash), define a `log` function first, then:
#
#   pg_start DATABASE   installs Debian's 'postgresql' when initdb is missing and we are root,
#                       initdb's a fresh cluster in a new temp folder, starts it on a free port of
#                       127.0.0.1 and creates DATABASE. Sets PG_WORK (the folder: data, socket,
#                       log), PG_BIN, PG_USER, PG_PORT, PG_PID and PG_CONNECTION (an Npgsql
#                       connection string to DATABASE). pg_ctl daemonizes the server: it outlives
#                       the calling script until pg_stop.
#   pg_stop [WORK]      stops the server of PG_WORK (or WORK, e.g. from another invocation) and
#                       removes the folder. Safe to call when nothing runs.
#
# PostgreSQL refuses to run as root: as root the server runs as the system user 'ddltest'.
# fsync stays on: tests and benchmarks measure durable commits, not a RAM disk.

PG_WORK=""
PG_BIN=""
PG_USER=""
PG_PORT=""
PG_PID=""
PG_CONNECTION=""

# Runs a PostgreSQL tool as the server's user, from a folder that user can enter.
pg_as_user() {
    if [ "$PG_USER" = "$(id -un)" ]; then
        (cd "$PG_WORK" && "$@")
    else
        (cd "$PG_WORK" && runuser -u "$PG_USER" -- "$@")
    fi
}

pg_find_bin() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    local dir
    # Newest installed major version first.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    done
}

pg_free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    for _ in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 40000 ))
        # Nothing answers on it: take it.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    log "no free port found"
    return 1
}

pg_install_if_missing() {
    PG_BIN="$(pg_find_bin)"
    [ -n "$PG_BIN" ] && return
    if [ "$(id -u)" != 0 ]; then
        log "PostgreSQL server binaries (initdb, pg_ctl) not found and not root to install them:"
        log "install Debian's 'postgresql' package or name a server (DDL_TEST_POSTGRES / DDL_POSTGRES)."
        exit 1
    fi
    log "installing PostgreSQL (Debian package 'postgresql')"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    apt-get install -y -qq postgresql </dev/null >/dev/null
    # The package may have created and started a 'main' cluster; we need none.
    if command -v pg_lsclusters >/dev/null 2>&1; then
        pg_lsclusters -h 2>/dev/null | while read -r version name _; do
            pg_ctlcluster "$version" "$name" stop >/dev/null 2>&1 || true
        done
    fi
    PG_BIN="$(pg_find_bin)"
    [ -n "$PG_BIN" ] || { log "PostgreSQL installed but initdb not found"; exit 1; }
}

pg_start() {
    local database="$1"
    pg_install_if_missing

    if [ "$(id -u)" = 0 ]; then
        PG_USER=ddltest
        if ! id "$PG_USER" >/dev/null 2>&1; then
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
        fi
    else
        PG_USER="$(id -un)"
    fi

    PG_WORK="$(mktemp -d "${TMPDIR:-/tmp}/ddl-pg.XXXXXX")"
    mkdir -p "$PG_WORK/socket"
    local password
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" >"$PG_WORK/pwfile"
    chmod 600 "$PG_WORK/pwfile"
    chown -R "$PG_USER" "$PG_WORK"
    chmod 700 "$PG_WORK"

    log "initdb in $PG_WORK/data with $PG_BIN (as $PG_USER)"
    pg_as_user "$PG_BIN/initdb" -D "$PG_WORK/data" -U ddl --pwfile="$PG_WORK/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale \
        >"$PG_WORK/initdb.log" 2>&1 || { cat "$PG_WORK/initdb.log" >&2; exit 1; }
    rm -f "$PG_WORK/pwfile"

    PG_PORT="$(pg_free_port)"
    if ! pg_as_user "$PG_BIN/pg_ctl" -D "$PG_WORK/data" -l "$PG_WORK/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_WORK/socket -c max_connections=200 -c fsync=on" \
        start >/dev/null; then
        log "PostgreSQL did not start:"
        cat "$PG_WORK/postgres.log" >&2 || true
        exit 1
    fi
    PG_PID="$(head -n1 "$PG_WORK/data/postmaster.pid")"

    local tries=0
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres; do
        tries=$((tries + 1))
        [ "$tries" -lt 60 ] || { log "PostgreSQL is not ready after 30 s"; cat "$PG_WORK/postgres.log" >&2; exit 1; }
        sleep 0.5
    done
    pg_as_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_WORK/socket" -p "$PG_PORT" -U ddl -d postgres \
        -c "CREATE DATABASE $database" </dev/null

    PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=ddl;Password=$password;Database=$database"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$PG_PORT (pid $PG_PID), database $database"
}

pg_stop() {
    local work="${1:-$PG_WORK}"
    [ -n "$work" ] && [ -d "$work" ] || return 0
    if [ -f "$work/data/postmaster.pid" ]; then
        # From another invocation nothing is set: the server's user owns its data folder.
        [ -n "$PG_BIN" ] || PG_BIN="$(pg_find_bin)"
        [ -n "$PG_USER" ] || PG_USER="$(stat -c %U "$work/data")"
        local pid
        pid="$(head -n1 "$work/data/postmaster.pid")"
        log "stopping PostgreSQL (pid ${pid:-?})"
        PG_WORK="$work"
        pg_as_user "$PG_BIN/pg_ctl" -D "$work/data" stop -m fast -w -t 30 >/dev/null 2>&1 || true
        # pg_ctl could not stop it (or is gone): end the postmaster we started, by its pid, if
        # that pid is still a postgres process (not a recycled one).
        if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
            kill -TERM "$pid" 2>/dev/null || true
            sleep 2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$work"
}

#!/usr/bin/env bash
# THE test command of DDL: ./test.sh
#
# Runs every test project of the solution against a real PostgreSQL and prints the totals as
# one plain line, "N passed, N failed" (", N skipped" when some were), exiting non-zero when a
# test or the build failed.
#
# Environment:
#   DDL_TEST_POSTGRES   an Npgsql connection string. When set it is used as is; otherwise this
#                       script starts a throwaway PostgreSQL (installing Debian's package first
#                       when it is missing and we are root) and stops it again at exit.
#   DDL_TEST_PROJECTS   space-separated test project paths to run instead of the whole solution,
#                       e.g. DDL_TEST_PROJECTS=tests/Store.Tests ./test.sh
#   DDL_TEST_RESULTS    folder for the .trx result files (default: a temp folder, removed at exit).
#   DDL_TEST_FILTER     passed to dotnet test --filter.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild node may outlive this run (CI ends with it; others may build in the same tree).
export MSBUILDDISABLENODEREUSE=1

SOLUTION=DdlOrleans.sln
WORK=""          # temp folder of the throwaway server (data, socket, log)
PG_BIN=""        # folder holding initdb, pg_ctl, postgres
PG_USER=""       # the non-root user that runs the throwaway server
PG_PID=""
TEST_PID=""      # the running dotnet test, so an interrupt can end it
RESULTS="${DDL_TEST_RESULTS:-}"
OWN_RESULTS=0
TOTALS=""        # the closing line, printed last of all by cleanup

log() { printf '[test.sh] %s\n' "$*" >&2; }

# Runs a PostgreSQL tool as the server's user, from a folder that user can enter.
as_pg_user() {
    if [ "$PG_USER" = "$(id -un)" ]; then
        (cd "$WORK" && "$@")
    else
        (cd "$WORK" && runuser -u "$PG_USER" -- "$@")
    fi
}

cleanup() {
    local status=$?
    # A second Ctrl-C or TERM must not cut the cleanup short and leave a server running.
    trap - EXIT
    trap '' INT TERM
    if [ -n "$TEST_PID" ] && kill -0 "$TEST_PID" 2>/dev/null; then
        # dotnet test leads its own process group (setsid below): end it with its test hosts.
        log "stopping dotnet test (process group $TEST_PID)"
        kill -TERM -- "-$TEST_PID" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 -- "-$TEST_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL -- "-$TEST_PID" 2>/dev/null || true
        wait "$TEST_PID" 2>/dev/null || true
    fi
    if [ -n "$WORK" ] && [ -f "$WORK/data/postmaster.pid" ]; then
        log "stopping PostgreSQL (pid ${PG_PID:-?})"
        as_pg_user "$PG_BIN/pg_ctl" -D "$WORK/data" stop -m fast -w -t 30 >/dev/null 2>&1 || true
        # pg_ctl could not stop it (or is gone): end the postmaster we started, by its pid.
        if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
            kill -TERM "$PG_PID" 2>/dev/null || true
            sleep 2
            kill -KILL "$PG_PID" 2>/dev/null || true
        fi
    fi
    [ -n "$WORK" ] && rm -rf "$WORK"
    [ "$OWN_RESULTS" = 1 ] && [ -n "$RESULTS" ] && rm -rf "$RESULTS"
    if [ -n "$TOTALS" ]; then
        echo
        echo "$TOTALS"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

find_pg_bin() {
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

free_port() {
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

start_postgres() {
    PG_BIN="$(find_pg_bin)"
    if [ -z "$PG_BIN" ]; then
        if [ "$(id -u)" != 0 ]; then
            log "PostgreSQL server binaries (initdb, pg_ctl) not found and not root to install them:"
            log "install Debian's 'postgresql' package or set DDL_TEST_POSTGRES."
            exit 1
        fi
        log "installing PostgreSQL (Debian package 'postgresql')"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq </dev/null
        apt-get install -y -qq postgresql </dev/null >/dev/null
        # The package may have created and started a 'main' cluster; this script needs none.
        if command -v pg_lsclusters >/dev/null 2>&1; then
            pg_lsclusters -h 2>/dev/null | while read -r version name _; do
                pg_ctlcluster "$version" "$name" stop >/dev/null 2>&1 || true
            done
        fi
        PG_BIN="$(find_pg_bin)"
        [ -n "$PG_BIN" ] || { log "PostgreSQL installed but initdb not found"; exit 1; }
    fi

    # PostgreSQL refuses to run as root: use a dedicated system user when we are root.
    if [ "$(id -u)" = 0 ]; then
        PG_USER=ddltest
        if ! id "$PG_USER" >/dev/null 2>&1; then
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
        fi
    else
        PG_USER="$(id -un)"
    fi

    WORK="$(mktemp -d "${TMPDIR:-/tmp}/ddl-pg.XXXXXX")"
    mkdir -p "$WORK/socket"
    local password port
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" >"$WORK/pwfile"
    chmod 600 "$WORK/pwfile"
    chown -R "$PG_USER" "$WORK"
    chmod 700 "$WORK"

    log "initdb in $WORK/data with $PG_BIN (as $PG_USER)"
    as_pg_user "$PG_BIN/initdb" -D "$WORK/data" -U ddl --pwfile="$WORK/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale \
        >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
    rm -f "$WORK/pwfile"

    port="$(free_port)"
    # fsync stays on: the tests and benchmarks measure durable commits, not a RAM disk.
    if ! as_pg_user "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$WORK/socket -c max_connections=200 -c fsync=on" \
        start >/dev/null; then
        log "PostgreSQL did not start:"
        cat "$WORK/postgres.log" >&2 || true
        exit 1
    fi
    PG_PID="$(head -n1 "$WORK/data/postmaster.pid")"

    local tries=0
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; do
        tries=$((tries + 1))
        [ "$tries" -lt 60 ] || { log "PostgreSQL is not ready after 30 s"; cat "$WORK/postgres.log" >&2; exit 1; }
        sleep 0.5
    done
    as_pg_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$WORK/socket" -p "$port" -U ddl -d postgres \
        -c "CREATE DATABASE ddl_test" </dev/null

    export DDL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=ddl;Password=$password;Database=ddl_test"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port (pid $PG_PID), database ddl_test"
}

# Sums the Counters of every .trx file in the results folder; prints "passed failed skipped".
sum_trx() {
    local file counters passed=0 failed=0 skipped=0
    counter() { local v; v="$(printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")"; echo "${v:-0}"; }
    shopt -s nullglob
    for file in "$RESULTS"/*.trx "$RESULTS"/*/*.trx; do
        counters="$(grep -o '<Counters [^>]*>' "$file" | head -n1)" || continue
        passed=$((passed + $(counter passed)))
        failed=$((failed + $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
        skipped=$((skipped + $(counter notExecuted)))
    done
    shopt -u nullglob
    echo "$passed $failed $skipped"
}

main() {
    if [ -n "${DDL_TEST_POSTGRES:-}" ]; then
        log "using PostgreSQL from DDL_TEST_POSTGRES"
    else
        start_postgres
    fi

    if [ -z "$RESULTS" ]; then
        RESULTS="$(mktemp -d "${TMPDIR:-/tmp}/ddl-test-results.XXXXXX")"
        OWN_RESULTS=1
    fi
    mkdir -p "$RESULTS"

    local targets=()
    if [ -n "${DDL_TEST_PROJECTS:-}" ]; then
        read -r -a targets <<<"$DDL_TEST_PROJECTS"
    else
        targets=("$SOLUTION")
    fi

    local status=0 target
    local test_args=(--no-restore --nologo
        --logger "console;verbosity=normal"
        --logger "trx"
        --results-directory "$RESULTS"
        # A hung test is killed (and reported) instead of eating the whole CI budget.
        --blame-hang-timeout 15m)
    [ -n "${DDL_TEST_FILTER:-}" ] && test_args+=(--filter "$DDL_TEST_FILTER")

    for target in "${targets[@]}"; do
        log "dotnet restore $target"
        if ! dotnet restore "$target" --nologo </dev/null; then
            status=1
            continue
        fi
        log "dotnet test $target"
        # In the background, in a process group of its own, and waited for: an interrupt then
        # runs the cleanup at once, and the cleanup can end the test hosts along with it.
        setsid dotnet test "$target" "${test_args[@]}" </dev/null &
        TEST_PID=$!
        wait "$TEST_PID" || status=1
        TEST_PID=""
    done

    local passed failed skipped
    read -r passed failed skipped <<<"$(sum_trx)"
    if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
        log "dotnet test failed (a build error, or a test host that crashed before reporting)"
    fi
    if [ $((passed + failed)) = 0 ]; then
        log "no test ran"
        status=1
    fi
    [ "$failed" = 0 ] || status=1

    TOTALS="$passed passed, $failed failed"
    [ "$skipped" = 0 ] || TOTALS="$TOTALS, $skipped skipped"
    return "$status"
}

main "$@"

#!/usr/bin/env bash
# Throwaway PostgreSQL for development and tests.
#   scripts/pg.sh start DIR   initialise DIR/data if needed, start on a free port on 127.0.0.1,
#                             print the connection string as the last line of stdout
#                             (also written to DIR/connection)
#   scripts/pg.sh stop DIR    fast shutdown; a no-op when nothing runs there
# Chatter goes to stderr and DIR/postgres.log so that stdout stays machine-readable.
set -euo pipefail

DATABASE=committeegrid

die() { echo "pg.sh: $*" >&2; exit 1; }
log() { echo "pg.sh: $*" >&2; }

usage() { die "usage: $0 start|stop DIR"; }

[[ $# -eq 2 ]] || usage
cmd=$1
[[ $cmd == start || $cmd == stop ]] || usage
if [[ $cmd == stop && ! -d $2 ]]; then
    echo "pg.sh: $2 does not exist; nothing to stop" >&2
    exit 0
fi
mkdir -p "$2"
dir=$(cd "$2" && pwd)
data=$dir/data

find_bindir() {
    local candidate
    if command -v pg_config >/dev/null 2>&1; then
        candidate=$(pg_config --bindir 2>/dev/null || true)
        if [[ -n $candidate && -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
            echo "$candidate"
            return 0
        fi
    fi
    # Debian installs the server binaries into a versioned folder, newest last.
    if [[ -d /usr/lib/postgresql ]]; then
        for candidate in $(ls /usr/lib/postgresql | sort -V -r); do
            if [[ -x /usr/lib/postgresql/$candidate/bin/initdb ]]; then
                echo "/usr/lib/postgresql/$candidate/bin"
                return 0
            fi
        done
    fi
    return 1
}

ensure_installed() {
    if bindir=$(find_bindir); then
        return 0
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "PostgreSQL server binaries not found; install them with: sudo apt-get install -y postgresql" >&2
        exit 1
    fi
    log "installing postgresql from the Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq postgresql >&2; then
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
    fi
    bindir=$(find_bindir) || die "postgresql installed but no initdb found"
}

# The server refuses to run as root, so root hands every server command to the postgres user.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [[ -f $data/postmaster.pid ]] && as_owner "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1
}

port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        ss -Htln "sport = :$port" 2>/dev/null | grep -q .
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

pick_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    die "no free TCP port found"
}

init_cluster() {
    mkdir -p "$data"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$data" "$log_file"
        # mktemp-style folders are 0700; the postgres user must be able to reach data/ inside.
        if ! runuser -u postgres -- test -x "$dir"; then
            chmod o+x "$dir"
        fi
        runuser -u postgres -- test -w "$data" || die "user postgres cannot write $data (check the modes of its parent folders)"
    fi
    chmod 700 "$data"
    if [[ -f $data/PG_VERSION ]]; then
        return 0
    fi
    log "initdb in $data"
    as_owner "$bindir/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=trust \
        --encoding=UTF8 --locale=C >>"$log_file" 2>&1 || { tail -n 20 "$log_file" >&2; die "initdb failed"; }
    # Durability matters (fsync stays on); TCP on loopback only, no Unix socket whose path length could bite.
    cat >>"$data/postgresql.conf" <<'EOF'

# scripts/pg.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = on
synchronous_commit = on
full_page_writes = on
timezone = 'UTC'
# The default 128MB holds less than the ledger's tally table of a year at 60,000 members (325 MB), so
# every rollup heal read its rows from the kernel's cache, a system call a page; memory is only taken
# as pages are used.
shared_buffers = 1GB
EOF
}

start() {
    ensure_installed
    log_file=$dir/postgres.log
    touch "$log_file"
    if is_running; then
        [[ -f $dir/connection ]] || die "a server runs in $data but $dir/connection is missing"
        log "already running"
        cat "$dir/connection"
        return 0
    fi
    init_cluster
    rm -f "$data/postmaster.pid" 2>/dev/null || true
    local port started=0
    for _ in 1 2 3 4 5; do
        port=$(pick_port)
        # -w waits for the server; a lost race for the port shows up as a failed start and we try another.
        if as_owner "$bindir/pg_ctl" start -D "$data" -l "$log_file" -w -t 60 -o "-p $port" >&2; then
            started=1
            break
        fi
        log "start on port $port failed, retrying"
    done
    [[ $started -eq 1 ]] || { tail -n 20 "$log_file" >&2; die "could not start PostgreSQL"; }

    for _ in $(seq 1 60); do
        if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
            break
        fi
        sleep 0.5
    done
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres || die "server on port $port never became ready"

    local exists
    exists=$("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAX \
        -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")
    if [[ $exists != 1 ]]; then
        "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DATABASE"
    fi

    local connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=$DATABASE"
    echo "$connection" >"$dir/connection"
    echo "$connection"
}

stop() {
    if ! bindir=$(find_bindir); then
        log "no PostgreSQL installed; nothing to stop"
        return 0
    fi
    if is_running; then
        as_owner "$bindir/pg_ctl" stop -D "$data" -m fast -w -t 60 >&2
    else
        log "not running in $data"
    fi
}

case $cmd in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac

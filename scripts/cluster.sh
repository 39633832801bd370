#!/usr/bin/env bash
# A local multi-silo cluster on one machine: a throwaway PostgreSQL (scripts/pg.sh) and N silo
# processes of the Release host on 127.0.0.1, for trying scale-out, graceful stops and crashes.
#
#   scripts/cluster.sh start N [--network FILE] [-- HOST-ARGS...]
#                                      PostgreSQL + N silos; HOST-ARGS go to every silo (also later ones)
#   scripts/cluster.sh add             one more silo
#   scripts/cluster.sh remove [INDEX]  stop a silo gracefully (SIGTERM, waits; default: the newest running)
#   scripts/cluster.sh kill INDEX      SIGKILL a silo (it stays "Active" in membership until voted dead)
#   scripts/cluster.sh status          silos (process alive? /health/ready?) and the membership table
#   scripts/cluster.sh stop            stop every silo and PostgreSQL, remove the state folder
#
# State folder: $CG_CLUSTER_DIR, default /tmp/committeegrid-cluster (signing_key: the cluster's token key). Per silo, silos/INDEX/ holds pid,
# http, silo_port, gateway_port, url and host.log. stdout carries the silos' URLs; chatter goes to stderr.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${CG_CLUSTER_DIR:-/tmp/committeegrid-cluster}
dll=$root/src/CommitteeGrid.Host/bin/Release/net10.0/CommitteeGrid.Host.dll
ready_timeout=${CG_READY_TIMEOUT:-180}
# Orleans' ShutdownTimeout is 30 s; a stop that takes longer than this is stuck.
stop_timeout=${CG_STOP_TIMEOUT:-60}

die() { echo "cluster.sh: $*" >&2; exit 1; }
log() { echo "cluster.sh: $*" >&2; }

usage() {
    sed -n '5,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# Only one cluster.sh at a time works on a state folder (ports and indexes are handed out from it).
# Whatever outlives the script (silos, PostgreSQL) is started with fd 9 closed, or it would hold the lock.
lock() {
    mkdir -p "$state"
    exec 9>"$state/.lock"
    flock -w 120 9 || die "another cluster.sh holds $state/.lock"
}

require_cluster() {
    [[ -f $state/connection ]] || die "no cluster in $state (start one with: $0 start N)"
}

is_number() { [[ $1 =~ ^[0-9]+$ ]]; }

# A pid is our silo only while it still runs the host dll: pids get reused.
silo_alive() {
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'CommitteeGrid.Host.dll'
}

silo_indexes() {
    [[ -d $state/silos ]] || return 0
    find "$state/silos" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | grep -E '^[0-9]+$' | sort -n || true
}

silo_pid() { cat "$state/silos/$1/pid" 2>/dev/null || true; }

port_in_use() {
    ss -Htan "sport = :$1" 2>/dev/null | grep -q .
}

port_taken_here() {
    local port=$1 i
    for i in $(silo_indexes); do
        grep -qx "$port" "$state/silos/$i/http" "$state/silos/$i/silo_port" "$state/silos/$i/gateway_port" 2>/dev/null && return 0
    done
    return 1
}

# Sets $port to a free port not used by any silo of this cluster nor by earlier picks of this run.
picked=()
pick_port() {
    for _ in $(seq 1 500); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port" && ! port_taken_here "$port" && [[ " ${picked[*]:-} " != *" $port "* ]]; then
            picked+=("$port")
            return 0
        fi
    done
    die "no free TCP port found"
}

ensure_built() {
    if [[ -f $dll ]]; then
        return 0
    fi
    command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not found)"
    log "building the Release host (first run)"
    dotnet build "$root/src/CommitteeGrid.Host" -c Release --nologo -v:q >&2 || die "the Release build failed"
    [[ -f $dll ]] || die "the build did not produce $dll"
}

# Starts silo INDEX in the background and records its pid and ports; does not wait.
launch_silo() {
    local index=$1 dir=$state/silos/$1 http silo gateway port
    pick_port
    http=$port
    pick_port
    silo=$port
    pick_port
    gateway=$port
    mkdir -p "$dir"
    echo "$http" >"$dir/http"
    echo "$silo" >"$dir/silo_port"
    echo "$gateway" >"$dir/gateway_port"
    echo "http://127.0.0.1:$http" >"$dir/url"
    local -a extra=()
    if [[ -s $state/host_args ]]; then
        mapfile -t extra <"$state/host_args"
    fi
    # setsid: the silo outlives this script and is not hit by a Ctrl-C meant for it. In a job started
    # with & (no job control) setsid does not fork, so $! is the host's own pid.
    (cd "$root" && exec setsid dotnet "$dll" \
        "--CommitteeGrid:Http=http://127.0.0.1:$http" \
        "--CommitteeGrid:SiloPort=$silo" \
        "--CommitteeGrid:GatewayPort=$gateway" \
        "--CommitteeGrid:Postgres=$(cat "$state/connection")" \
        "--CommitteeGrid:SigningKey=$(cat "$state/signing_key")" \
        "--CommitteeGrid:NetworkFile=$(cat "$state/network")" \
        "${extra[@]}" </dev/null >"$dir/host.log" 2>&1 9>&-) &
    local pid=$!
    echo "$pid" >"$dir/pid"
    # Until the exec chain (subshell, setsid, dotnet) completes, the pid does not name the dll yet.
    for _ in $(seq 1 100); do
        silo_alive "$pid" && return 0
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
}

wait_ready() {
    local index=$1 dir=$state/silos/$1 pid url deadline
    pid=$(silo_pid "$index")
    url=$(cat "$dir/url")
    deadline=$((SECONDS + ready_timeout))
    while ((SECONDS < deadline)); do
        if ! silo_alive "$pid"; then
            tail -n 30 "$dir/host.log" >&2 || true
            die "silo $index (pid $pid) exited before it was ready; its log: $dir/host.log"
        fi
        if curl -fsS -o /dev/null --max-time 5 "$url/health/ready" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    tail -n 30 "$dir/host.log" >&2 || true
    die "silo $index (pid $pid) was not ready after ${ready_timeout} s; its log: $dir/host.log"
}

describe() {
    local index=$1 dir=$state/silos/$1
    echo "silo $index: $(cat "$dir/url") (pid $(silo_pid "$index"), silo port $(cat "$dir/silo_port"), gateway port $(cat "$dir/gateway_port"))"
}

# SIGTERM (unless the caller already sent it), then wait for the process to leave; SIGKILL only
# when it overstays stop_timeout. Returns 1 when it had to be killed.
stop_silo() {
    local index=$1 signalled=${2:-} pid waited=0
    pid=$(silo_pid "$index")
    if ! silo_alive "$pid"; then
        return 0
    fi
    [[ -n $signalled ]] || kill -TERM "$pid" 2>/dev/null || true
    while silo_alive "$pid"; do
        if ((waited >= stop_timeout * 10)); then
            log "silo $index (pid $pid) still running ${stop_timeout} s after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            echo "killed" >"$state/silos/$index/ended"
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    echo "stopped" >"$state/silos/$index/ended"
}

next_index() {
    local last
    last=$(silo_indexes | tail -n 1)
    echo $((${last:-0} + 1))
}

cmd_start() {
    [[ $# -ge 1 ]] && is_number "$1" && (($1 >= 1)) || die "usage: $0 start N [--network FILE] [-- HOST-ARGS...]"
    local count=$1 network=$root/seeds/demo-network.json
    shift
    local -a host_args=()
    while [[ $# -gt 0 ]]; do
        case $1 in
            --network)
                [[ $# -ge 2 ]] || die "--network needs a file"
                network=$2
                shift 2
                ;;
            --)
                shift
                host_args=("$@")
                break
                ;;
            *) die "unknown option '$1' (usage: $0 start N [--network FILE] [-- HOST-ARGS...])" ;;
        esac
    done
    [[ -f $network ]] || die "network file $network not found"
    network=$(cd "$(dirname "$network")" && pwd)/$(basename "$network")

    lock
    if [[ -f $state/connection ]]; then
        die "a cluster already runs from $state ($0 status; $0 stop first)"
    fi
    ensure_built

    # A failed start leaves nothing behind.
    start_done=0
    trap '[[ $start_done -eq 1 ]] || { log "start failed; stopping what it started"; teardown; }' EXIT
    log "starting PostgreSQL in $state/pg"
    local connection
    connection=$("$root/scripts/pg.sh" start "$state/pg" 9>&- | tail -n 1)
    [[ -n $connection ]] || die "scripts/pg.sh printed no connection string"
    echo "$network" >"$state/network"
    : >"$state/host_args"
    if ((${#host_args[@]} > 0)); then
        printf '%s\n' "${host_args[@]}" >"$state/host_args"
    fi
    echo "$connection" >"$state/connection"
    # Every silo signs and checks tokens with this cluster's own key (the host needs one with PostgreSQL).
    (umask 077 && head -c 32 /dev/urandom | base64 -w0 >"$state/signing_key")

    # The first silo creates the schema; the others start together once it is in place.
    launch_silo 1
    wait_ready 1
    local i
    for ((i = 2; i <= count; i++)); do
        launch_silo "$i"
    done
    for ((i = 2; i <= count; i++)); do
        wait_ready "$i"
    done
    start_done=1

    log "PostgreSQL: $connection"
    log "a token (staff of the root committee, after creating the user once):"
    log "  dotnet $dll user add --name ops.staff --password - --role staff --scope <root code> --CommitteeGrid:Postgres='$connection' --CommitteeGrid:NetworkFile=$network"
    log "  dotnet $dll token --name ops.staff --CommitteeGrid:Postgres='$connection' --CommitteeGrid:SigningKey=\$(cat $state/signing_key)"
    for i in $(silo_indexes); do
        describe "$i"
    done
}

cmd_add() {
    [[ $# -eq 0 ]] || die "usage: $0 add"
    require_cluster
    lock
    require_cluster
    ensure_built
    local index
    index=$(next_index)
    launch_silo "$index"
    if ! (wait_ready "$index"); then
        kill -KILL "$(silo_pid "$index")" 2>/dev/null || true
        echo "failed" >"$state/silos/$index/ended"
        die "silo $index did not start"
    fi
    describe "$index"
}

cmd_remove() {
    [[ $# -le 1 ]] || die "usage: $0 remove [INDEX]"
    require_cluster
    lock
    require_cluster
    local index=${1:-} i
    if [[ -z $index ]]; then
        for i in $(silo_indexes); do
            silo_alive "$(silo_pid "$i")" && index=$i
        done
        [[ -n $index ]] || die "no running silo to remove"
    fi
    is_number "$index" && [[ -d $state/silos/$index ]] || die "no silo $index (see $0 status)"
    silo_alive "$(silo_pid "$index")" || die "silo $index is not running"
    log "stopping silo $index gracefully (SIGTERM; up to ${stop_timeout} s)"
    local started=$EPOCHREALTIME
    if stop_silo "$index"; then
        echo "silo $index: stopped gracefully in $(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
    else
        die "silo $index did not stop within ${stop_timeout} s and was killed"
    fi
}

cmd_kill() {
    [[ $# -eq 1 ]] && is_number "$1" || die "usage: $0 kill INDEX"
    require_cluster
    lock
    require_cluster
    local index=$1 pid
    [[ -d $state/silos/$index ]] || die "no silo $index (see $0 status)"
    pid=$(silo_pid "$index")
    silo_alive "$pid" || die "silo $index is not running"
    kill -KILL "$pid"
    while silo_alive "$pid"; do
        sleep 0.1
    done
    echo "killed" >"$state/silos/$index/ended"
    echo "silo $index: killed (pid $pid); it stays Active in the membership table until the others vote it dead"
}

membership() {
    command -v psql >/dev/null 2>&1 || return 0
    local connection host port user database
    connection=$(cat "$state/connection")
    host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$connection")
    port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$connection")
    user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$connection")
    database=$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$connection")
    echo "membership (orleans_membership):"
    psql -h "$host" -p "$port" -U "$user" -d "$database" -tAX -F ' ' -c "
        SELECT '  ' || address || ':' || port || ' gen ' || generation || ' ' ||
               CASE status WHEN 0 THEN 'None' WHEN 1 THEN 'Created' WHEN 2 THEN 'Joining' WHEN 3 THEN 'Active'
                           WHEN 4 THEN 'ShuttingDown' WHEN 5 THEN 'Stopping' WHEN 6 THEN 'Dead' ELSE status::text END ||
               ', alive ' || to_char(i_am_alive_time, 'HH24:MI:SS') || ' UTC' ||
               CASE WHEN status = 3 AND coalesce(suspect_times, '') <> '' THEN ', suspected by ' || (length(suspect_times) - length(replace(suspect_times, '|', '')) + 1) || ' vote(s)' ELSE '' END
        FROM orleans_membership ORDER BY start_time" 2>/dev/null || echo "  (could not read the membership table)"
}

cmd_status() {
    [[ $# -eq 0 ]] || die "usage: $0 status"
    require_cluster
    lock
    require_cluster
    echo "PostgreSQL: $(cat "$state/connection")"
    local i pid url process ready
    for i in $(silo_indexes); do
        pid=$(silo_pid "$i")
        url=$(cat "$state/silos/$i/url")
        if silo_alive "$pid"; then
            process="running"
            if curl -fsS -o /dev/null --max-time 5 "$url/health/ready" 2>/dev/null; then
                ready="ready"
            else
                ready="not ready"
            fi
        else
            process="exited ($(cat "$state/silos/$i/ended" 2>/dev/null || echo "unexpectedly"))"
            ready="-"
        fi
        printf 'silo %s: %s  pid %s  %s  %s  (silo port %s, gateway port %s)\n' \
            "$i" "$url" "$pid" "$process" "$ready" "$(cat "$state/silos/$i/silo_port")" "$(cat "$state/silos/$i/gateway_port")"
    done
    membership
}

# Stops every silo (all at once, gracefully) and PostgreSQL, and removes the state folder.
teardown() {
    local i pid pids=()
    for i in $(silo_indexes); do
        pid=$(silo_pid "$i")
        if silo_alive "$pid"; then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$i")
        fi
    done
    for i in "${pids[@]}"; do
        stop_silo "$i" signalled || true
    done
    if [[ -d $state/pg ]]; then
        "$root/scripts/pg.sh" stop "$state/pg" 9>&- || log "scripts/pg.sh stop failed"
    fi
    rm -rf "$state"
}

cmd_stop() {
    [[ $# -eq 0 ]] || die "usage: $0 stop"
    if [[ ! -d $state ]]; then
        log "nothing in $state; nothing to stop"
        return 0
    fi
    lock
    teardown
    log "stopped; $state removed"
}

[[ $# -ge 1 ]] || usage
command=$1
shift
case $command in
    start) cmd_start "$@" ;;
    add) cmd_add "$@" ;;
    remove) cmd_remove "$@" ;;
    kill) cmd_kill "$@" ;;
    status) cmd_status "$@" ;;
    stop) cmd_stop "$@" ;;
    -h | --help | help) usage ;;
    *) die "unknown command '$command' (start, add, remove, kill, status, stop)" ;;
esac

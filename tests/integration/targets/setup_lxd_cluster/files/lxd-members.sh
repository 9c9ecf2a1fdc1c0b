#!/usr/bin/env bash
# Start (or stop) N unclustered LXD or Incus daemons, one per network namespace, for hv_cluster tests.
# Each member: namespace armhvcN, veth into the bridge armhvc0 (198.18.0.1/24 on the host side),
# address 198.18.0.(10+N)/24, its directory $ROOT/mN. Forming the cluster is the module's job.
#   lxd-members.sh up ROOT COUNT | stop ROOT INDEX | start ROOT INDEX | down ROOT COUNT
# ARMHV_CLUSTER_DAEMON=incus makes them Incus daemons (default: lxd). ARMHV_CLUSTER_PREFIX (armhvc) and
# ARMHV_CLUSTER_NET (198.18.0) name the namespaces, bridge and network, for a second set beside these.
set -euo pipefail

PREFIX=${ARMHV_CLUSTER_PREFIX:-armhvc}
NET=${ARMHV_CLUSTER_NET:-198.18.0}
BRIDGE=${PREFIX}0
if [ "${ARMHV_CLUSTER_DAEMON:-lxd}" = incus ]; then
    DIR_VARIABLE=INCUS_DIR DAEMON=/usr/libexec/incus/incusd ADMIN=(incus admin)
else
    DIR_VARIABLE=LXD_DIR DAEMON=lxd ADMIN=(lxd)
fi

# Run the daemon's admin command (waitready, shutdown) against the member in directory $1.
admin() {
    local dir=$1
    shift
    env "$DIR_VARIABLE=$dir" "${ADMIN[@]}" "$@"
}

member_up_net() {
    local i=$1 ns=$PREFIX$1
    ip netns add "$ns"
    ip link add "$PREFIX$i-h" type veth peer name eth0 netns "$ns"
    ip link set "$PREFIX$i-h" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$NET.$((10 + i))/24" dev eth0
    ip -n "$ns" link set eth0 up
}

member_start() {
    local root=$1 i=$2 dir="$1/m$2"
    mkdir -p "$dir"
    env "$DIR_VARIABLE=$dir" nohup ip netns exec "$PREFIX$i" "$DAEMON" --group root --logfile "$dir/lxd.log" \
        >"$dir/daemon.out" 2>&1 &
    echo $! >"$dir/daemon.pid"
    admin "$dir" waitready --timeout 60
}

member_stop() {
    local dir="$1/m$2"
    [ -f "$dir/daemon.pid" ] || return 0
    # The daemon runs under `ip netns exec`, which execs it: this pid is the daemon's own.
    kill -9 "$(cat "$dir/daemon.pid")" 2>/dev/null || true
    rm -f "$dir/daemon.pid"
}

up() {
    local root=$1 count=$2
    ip link add "$BRIDGE" type bridge
    ip addr add "$NET.1/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
    for i in $(seq 1 "$count"); do
        member_up_net "$i"
        member_start "$root" "$i"
    done
}

down() {
    local root=$1 count=$2
    for i in $(seq 1 "$count"); do
        if [ -S "$root/m$i/unix.socket" ] && [ -f "$root/m$i/daemon.pid" ]; then
            timeout 20 env "$DIR_VARIABLE=$root/m$i" "${ADMIN[@]}" shutdown --timeout 15 >/dev/null 2>&1 || true
        fi
        member_stop "$root" "$i"
        ip netns delete "$PREFIX$i" 2>/dev/null || true
        # A deleted namespace lives on while TIME_WAIT sockets hold it; its veth with it.
        ip link delete "$PREFIX$i-h" 2>/dev/null || true
    done
    ip link delete "$BRIDGE" 2>/dev/null || true
    # A daemon of a run that died lost its pid file with the directory: find it by its log's path.
    pkill -9 -f -- "--logfile $root/" 2>/dev/null || true
    # An instance its daemon did not stop in time outlives it under its monitor: kill both.
    for monitor in $(pgrep -f "^\[lxc monitor\] $root/" || true); do
        pkill -9 -P "$monitor" 2>/dev/null || true
        kill -9 "$monitor" 2>/dev/null || true
    done
    # Containers leave their rootfs mounts under each LXD_DIR; unmount before deleting.
    grep -o " $root/[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$root"
}

case "${1:-}" in
    up) up "$2" "$3" ;;
    down) down "$2" "$3" ;;
    stop) member_stop "$2" "$3" ;;
    start) member_start "$2" "$3" ;;
    *) echo "usage: $0 up|down ROOT COUNT | stop|start ROOT INDEX" >&2; exit 2 ;;
esac

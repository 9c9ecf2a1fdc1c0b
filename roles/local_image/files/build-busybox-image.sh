#!/bin/sh
# Build a tiny LXD image (unified tarball: metadata.yaml + rootfs/) from the host's static busybox.
# Its init brings up eth0 with DHCP (or the address in ARMHV_IPV4) and stops cleanly on SIGPWR, LXD's graceful-stop signal.
# Usage: build-busybox-image.sh OUTPUT.tar.gz [ARCHITECTURE, default: uname -m]
set -eu
out=$1
arch=${2:-$(uname -m)}
busybox=${BUSYBOX:-/bin/busybox}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

mkdir -p "$root/bin" "$root/sbin" "$root/etc" "$root/dev" "$root/proc" "$root/sys" \
  "$root/tmp" "$root/root" "$root/run" "$root/var/log"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done

cat > "$root/sbin/init" <<'INIT'
#!/bin/sh
trap 'exit 0' PWR TERM
mount -t tmpfs tmpfs /tmp 2>/dev/null
ip link set lo up
if ip link show eth0 >/dev/null 2>&1; then
  ip link set eth0 up
  # LXD passes environment.ARMHV_IPV4 (address/prefix) for bridges without DHCP.
  if [ -n "${ARMHV_IPV4:-}" ]; then
    ip addr add "$ARMHV_IPV4" dev eth0
  else
    udhcpc -i eth0 -s /etc/udhcpc.sh -b -q -t 20 -T 1 >/dev/null 2>&1 &
  fi
fi
while :; do sleep 5 & wait $!; done
INIT
cat > "$root/etc/udhcpc.sh" <<'DHCP'
#!/bin/sh
case "$1" in
  bound|renew)
    ip addr add "$ip/${mask:-24}" dev "$interface"
    # The network's gateway (a managed bridge with NAT hands itself out), so the instance reaches past it.
    [ -z "${router:-}" ] || ip route replace default via "${router%% *}" dev "$interface"
    ;;
esac
DHCP
chmod 0755 "$root/sbin/init" "$root/etc/udhcpc.sh"
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"

cat > "$work/metadata.yaml" <<META
architecture: $arch
creation_date: $(date +%s)
properties:
  description: armhv busybox test image ($arch)
  os: busybox
  release: static
  recipe: "${ARMHV_IMAGE_RECIPE:-}"
META
tar -C "$work" -czf "$out" metadata.yaml rootfs

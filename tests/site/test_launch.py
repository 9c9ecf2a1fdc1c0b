"""On the machine `make site` converged, an instance launched with the daemon's own command and no
options has what the main job's default profile gives it: a root disk, an address from the managed
network's DHCP range, and a route out through the network's gateway."""

import ipaddress
import json
import subprocess
import time

import pytest

NAME = 'armhv-site-launch'
RANGE = (ipaddress.ip_address('198.18.24.100'), ipaddress.ip_address('198.18.24.199'))


def lxc(*args, check=True):
    return subprocess.run(('lxc',) + args, capture_output=True, text=True, check=check)


def ipv4_addresses(name):
    state = json.loads(lxc('query', '/1.0/instances/%s/state' % name).stdout)
    eth0 = (state.get('network') or {}).get('eth0') or {}
    return [a['address'] for a in eth0.get('addresses', []) if a['family'] == 'inet']


@pytest.fixture
def launched():
    lxc('delete', '--force', NAME, check=False)
    made = lxc('launch', 'armhv-busybox', NAME, check=False)
    assert made.returncode == 0, made.stderr
    yield NAME
    lxc('delete', '--force', NAME, check=False)


def test_an_instance_from_the_default_profile_gets_an_address_and_a_way_out(launched):
    deadline = time.monotonic() + 60
    addresses = []
    while not addresses and time.monotonic() < deadline:
        time.sleep(1)
        addresses = ipv4_addresses(launched)
    assert addresses, 'no IPv4 address from armhvnet0 within 60 s'
    assert RANGE[0] <= ipaddress.ip_address(addresses[0]) <= RANGE[1]
    # The host's address on the demo bridge, outside armhvnet0: reached through the gateway DHCP gave.
    ping = lxc('exec', launched, '--', 'ping', '-c', '1', '-W', '5', '198.18.20.1', check=False)
    assert ping.returncode == 0, ping.stdout + ping.stderr

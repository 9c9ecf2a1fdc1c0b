# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import stat

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge import persist
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError

FULL = dict(name='br0', ports=['eth1', 'eth2'], addresses=['198.18.0.1/24', '198.18.1.1/24', 'fd00::1/64'],
            stp=True, forward_delay=400, hello_time=150, max_age=2000, ageing_time=30000, priority=4096,
            mtu=9000, mac_address='02:00:00:aa:bb:cc')
BARE = dict(name='br1', ports=[], addresses=None)


def lines(files, suffix):
    (text,) = [t for p, t in files.items() if p.endswith(suffix)]
    return text.splitlines()


def test_networkd():
    files = persist.render_networkd(FULL)
    assert sorted(files) == ['etc/systemd/network/50-armhv-br0-port-eth1.network',
                             'etc/systemd/network/50-armhv-br0-port-eth2.network',
                             'etc/systemd/network/50-armhv-br0.netdev', 'etc/systemd/network/50-armhv-br0.network']
    netdev = lines(files, '.netdev')
    for expected in ('Kind=bridge', 'MTUBytes=9000', 'MACAddress=02:00:00:aa:bb:cc', 'STP=yes',
                     'ForwardDelaySec=4', 'HelloTimeSec=1.5', 'MaxAgeSec=20', 'AgeingTimeSec=300', 'Priority=4096'):
        assert expected in netdev
    network = lines(files, 'br0.network')
    assert 'Address=fd00::1/64' in network and 'LinkLocalAddressing=no' in network
    assert 'Bridge=br0' in lines(files, 'port-eth1.network')


@pytest.mark.parametrize('render, expected', [
    (persist.render_networkd, 'VLANFiltering=yes'),
    (persist.render_ifupdown, '    bridge_vlan_aware on'),
    (persist.render_networkmanager, 'vlan-filtering=true'),
])
def test_vlan_filtering_is_persisted(render, expected):
    # This machine's kernel has no bridge VLAN filtering; the aarch64 VM scenario applies it for real.
    text = '\n'.join(render(dict(BARE, vlan_filtering=True)).values())
    assert expected in text.splitlines()


def test_networkd_unmanaged_addresses_keep_link_local():
    network = lines(persist.render_networkd(BARE), 'br1.network')
    assert 'LinkLocalAddressing=ipv6' in network and not [x for x in network if x.startswith('Address=')]


def test_ifupdown():
    (path, text), = persist.render_ifupdown(FULL).items()
    assert path == 'etc/network/interfaces.d/armhv-br0'
    body = text.splitlines()
    for expected in ('auto br0', 'iface br0 inet static', '    address 198.18.0.1/24', '    bridge_ports eth1 eth2',
                     '    bridge_stp on', '    bridge_fd 4', '    bridge_hello 1.5', '    bridge_bridgeprio 4096',
                     '    mtu 9000', '    hwaddress ether 02:00:00:aa:bb:cc', '    up ip addr add 198.18.1.1/24 dev br0',
                     'iface br0 inet6 static', '    address fd00::1/64'):
        assert expected in body


def test_ifupdown_without_addresses_or_ports():
    body = persist.render_ifupdown(BARE)['etc/network/interfaces.d/armhv-br1'].splitlines()
    assert 'iface br1 inet manual' in body and '    bridge_ports none' in body


def test_netplan():
    text = persist.render_netplan(FULL)['etc/netplan/60-armhv-br0.yaml']
    for expected in ('    eth1: {}', '      interfaces: [eth1, eth2]', '        forward-delay: 4', '        stp: true',
                     '      mtu: 9000', '      addresses: ["198.18.0.1/24", "198.18.1.1/24", "fd00::1/64"]'):
        assert expected in text.splitlines()
    with pytest.raises(ArmhvError, match='VLAN filtering'):
        persist.render_netplan(dict(BARE, vlan_filtering=True))


def test_networkmanager():
    files = persist.render_networkmanager(FULL)
    bridge = lines(files, 'armhv-br0.nmconnection')
    for expected in ('type=bridge', 'interface-name=br0', 'stp=true', 'forward-delay=4', 'mac-address=02:00:00:aa:bb:cc',
                     'method=manual', 'address1=198.18.0.1/24', 'address2=198.18.1.1/24', 'address1=fd00::1/64'):
        assert expected in bridge
    assert 'controller=br0' in lines(files, 'port-eth2.nmconnection')
    unmanaged = lines(persist.render_networkmanager(BARE), 'armhv-br1.nmconnection')
    assert unmanaged.count('method=ignore') == 2
    empty = lines(persist.render_networkmanager(dict(BARE, addresses=[])), 'armhv-br1.nmconnection')
    assert empty.count('method=disabled') == 2


@pytest.mark.parametrize('present, backend', [
    (['etc/netplan/01-netcfg.yaml', 'etc/network/interfaces'], 'netplan'),
    (['run/NetworkManager', 'etc/network/interfaces'], 'networkmanager'),
    (['etc/systemd/system/multi-user.target.wants/systemd-networkd.service', 'etc/network/interfaces'],
     'systemd-networkd'),
    (['etc/network/interfaces'], 'ifupdown'),
])
def test_detect_backend(tmp_path, present, backend):
    for path in present:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(u'')
    assert persist.detect_backend(str(tmp_path)) == backend


def test_detect_backend_fails_clearly(tmp_path):
    with pytest.raises(ArmhvError, match='set persist_backend'):
        persist.detect_backend(str(tmp_path))


def test_write_owned_read(tmp_path):
    root = str(tmp_path)
    for path, text in persist.render_networkmanager(FULL).items():
        persist.write_under(root, path, text, persist.backend_file_mode('networkmanager'))
    owned = persist.owned_files('networkmanager', 'br0', root)
    assert len(owned) == 3 and not persist.owned_files('networkmanager', 'br', root)
    mode = stat.S_IMODE(os.stat(os.path.join(root, owned[0])).st_mode)
    assert mode == 0o600, 'NetworkManager ignores keyfiles others can read'
    assert persist.read_files(root, owned + ['missing']) == dict((p, persist.read_files(root, [p])[p]) for p in owned)
    assert not [f for f in os.listdir(os.path.join(root, 'etc/NetworkManager/system-connections')) if f.startswith('.')]

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Boot-time configuration that recreates a bridge: one renderer per backend (pure text), backend
detection, and writing/removing the files under a root directory."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.plan import TIMERS, seconds
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._files import read_file, write_file

HEADER = 'Managed by armhv.hypervisor.net_bridge; changes here are overwritten.'


def _secs(centis):
    value = seconds(centis)
    return str(int(value)) if value == int(value) else str(value)


def _setting_pairs(bridge, names, true, false):
    """(option, text) for each setting the task gives, in one backend's words: names is a list of
    (our key, its option); booleans become true/false, timers seconds, anything else plain text."""
    found = []
    for key, option in names:
        if key in bridge:
            value = bridge[key]
            if isinstance(value, bool):
                text = true if value else false
            else:
                text = _secs(value) if key in TIMERS else str(value)
            found.append((option, text))
    return found


def render_networkd(bridge):
    """systemd.netdev + systemd.network for the bridge, one .network per port."""
    base = 'etc/systemd/network/50-armhv-%s' % bridge['name']
    netdev = ['# ' + HEADER, '[NetDev]', 'Name=%s' % bridge['name'], 'Kind=bridge']
    if 'mac_address' in bridge:
        netdev.append('MACAddress=%s' % bridge['mac_address'])
    if 'mtu' in bridge:
        netdev.append('MTUBytes=%d' % bridge['mtu'])
    netdev += ['', '[Bridge]']
    names = [('stp', 'STP'), ('vlan_filtering', 'VLANFiltering'), ('priority', 'Priority'),
             ('forward_delay', 'ForwardDelaySec'), ('hello_time', 'HelloTimeSec'), ('max_age', 'MaxAgeSec'),
             ('ageing_time', 'AgeingTimeSec')]
    netdev.extend('%s=%s' % pair for pair in _setting_pairs(bridge, names, 'yes', 'no'))
    network = ['# ' + HEADER, '[Match]', 'Name=%s' % bridge['name'], '', '[Network]',
               'ConfigureWithoutCarrier=yes', 'LinkLocalAddressing=%s' % ('ipv6' if bridge.get('addresses') is None else 'no')]
    network.extend('Address=%s' % address for address in bridge.get('addresses') or [])
    files = {base + '.netdev': '\n'.join(netdev) + '\n', base + '.network': '\n'.join(network) + '\n'}
    for port in bridge['ports']:
        files['%s-port-%s.network' % (base, port)] = '\n'.join(
            ['# ' + HEADER, '[Match]', 'Name=%s' % port, '', '[Network]', 'Bridge=%s' % bridge['name']]) + '\n'
    return files


def render_ifupdown(bridge):
    """An interfaces.d stanza (bridge-utils options; addresses per family)."""
    name = bridge['name']
    v4 = [a for a in bridge.get('addresses') or [] if ':' not in a]
    v6 = [a for a in bridge.get('addresses') or [] if ':' in a]
    options = ['    bridge_ports %s' % (' '.join(bridge['ports']) or 'none')]
    names = [('stp', 'bridge_stp'), ('forward_delay', 'bridge_fd'), ('hello_time', 'bridge_hello'),
             ('max_age', 'bridge_maxage'), ('ageing_time', 'bridge_ageing'), ('priority', 'bridge_bridgeprio'),
             ('vlan_filtering', 'bridge_vlan_aware')]
    options.extend('    %s %s' % pair for pair in _setting_pairs(bridge, names, 'on', 'off'))
    if 'mtu' in bridge:
        options.append('    mtu %d' % bridge['mtu'])
    if 'mac_address' in bridge:
        options.append('    hwaddress ether %s' % bridge['mac_address'])
    lines = ['# ' + HEADER, 'auto %s' % name, 'iface %s inet %s' % (name, 'static' if v4 else 'manual')]
    lines.extend(['    address %s' % address for address in v4[:1]] + options)
    for address in v4[1:]:
        lines.append('    up ip addr add %s dev %s' % (address, name))
    for index, address in enumerate(v6):
        if index == 0:
            lines.extend(['', 'iface %s inet6 static' % name, '    address %s' % address])
        else:
            lines.append('    up ip -6 addr add %s dev %s' % (address, name))
    return {'etc/network/interfaces.d/armhv-%s' % name: '\n'.join(lines) + '\n'}


def render_netplan(bridge):
    """A netplan YAML file (netplan has no bridge VLAN filtering option)."""
    if bridge.get('vlan_filtering'):
        raise InvalidRequest('netplan cannot configure bridge VLAN filtering; use persist_backend systemd-networkd')
    lines = ['# ' + HEADER, 'network:', '  version: 2']
    if bridge['ports']:
        lines.append('  ethernets:')
        lines.extend('    %s: {}' % port for port in bridge['ports'])
    lines += ['  bridges:', '    %s:' % bridge['name'], '      interfaces: [%s]' % ', '.join(bridge['ports'])]
    if bridge.get('addresses') is not None:
        lines.append('      addresses: [%s]' % ', '.join('"%s"' % a for a in bridge['addresses']))
    if 'mtu' in bridge:
        lines.append('      mtu: %d' % bridge['mtu'])
    if 'mac_address' in bridge:
        lines.append('      macaddress: "%s"' % bridge['mac_address'])
    names = [(key, key.replace('_', '-')) for key in
             ('stp', 'forward_delay', 'hello_time', 'max_age', 'ageing_time', 'priority')]
    parameters = _setting_pairs(bridge, names, 'true', 'false')
    if parameters:
        lines.append('      parameters:')
        lines.extend('        %s: %s' % pair for pair in parameters)
    return {'etc/netplan/60-armhv-%s.yaml' % bridge['name']: '\n'.join(lines) + '\n'}


def render_networkmanager(bridge):
    """NetworkManager keyfiles: the bridge connection and one bridge-port connection per port."""
    name = bridge['name']
    lines = ['# ' + HEADER, '[connection]', 'id=armhv-%s' % name, 'type=bridge', 'interface-name=%s' % name,
             '', '[bridge]']
    names = [(key, key.replace('_', '-')) for key in
             ('stp', 'forward_delay', 'hello_time', 'max_age', 'ageing_time', 'priority', 'vlan_filtering',
              'mac_address')]
    lines.extend('%s=%s' % pair for pair in _setting_pairs(bridge, names, 'true', 'false'))
    if 'mtu' in bridge:
        lines += ['', '[ethernet]', 'mtu=%d' % bridge['mtu']]
    for family, version in (('ipv4', 4), ('ipv6', 6)):
        found = [a for a in bridge.get('addresses') or [] if (':' in a) == (version == 6)]
        method = 'manual' if found else ('disabled' if bridge.get('addresses') is not None else 'ignore')
        lines += ['', '[%s]' % family, 'method=%s' % method]
        lines.extend('address%d=%s' % (i + 1, a) for i, a in enumerate(found))
    folder = 'etc/NetworkManager/system-connections/'
    files = {folder + 'armhv-%s.nmconnection' % name: '\n'.join(lines) + '\n'}
    for port in bridge['ports']:
        files[folder + 'armhv-%s-port-%s.nmconnection' % (name, port)] = '\n'.join(
            ['# ' + HEADER, '[connection]', 'id=armhv-%s-port-%s' % (name, port), 'type=ethernet',
             'interface-name=%s' % port, 'controller=%s' % name, 'port-type=bridge']) + '\n'
    return files


RENDERERS = {'systemd-networkd': render_networkd, 'ifupdown': render_ifupdown, 'netplan': render_netplan,
             'networkmanager': render_networkmanager}


def detect_backend(root, exists=os.path.exists, matches=glob.glob):
    """The backend this host boots its network with, or an error saying what was found."""
    def at(path):
        return os.path.join(root, path)
    if matches(at('etc/netplan/*.yaml')):
        return 'netplan'
    if exists(at('run/NetworkManager')) or exists(at('etc/NetworkManager/system-connections')):
        return 'networkmanager'
    if exists(at('etc/systemd/system/multi-user.target.wants/systemd-networkd.service')):
        return 'systemd-networkd'
    if exists(at('etc/network/interfaces')):
        return 'ifupdown'
    raise ArmhvError('cannot tell how this host configures its network at boot (no netplan files, '
                     'NetworkManager, enabled systemd-networkd or /etc/network/interfaces under %s); '
                     'set persist_backend' % root)


def owned_files(backend, name, root):
    """Files a backend's renderer may have written for bridge name (ports come and go)."""
    patterns = {
        'systemd-networkd': ['etc/systemd/network/50-armhv-%s.netdev', 'etc/systemd/network/50-armhv-%s.network',
                             'etc/systemd/network/50-armhv-%s-port-*.network'],
        'ifupdown': ['etc/network/interfaces.d/armhv-%s'],
        'netplan': ['etc/netplan/60-armhv-%s.yaml'],
        'networkmanager': ['etc/NetworkManager/system-connections/armhv-%s.nmconnection',
                           'etc/NetworkManager/system-connections/armhv-%s-port-*.nmconnection'],
    }[backend]
    found = []
    for pattern in patterns:
        found.extend(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, pattern % name)))
    return sorted(found)


def read_files(root, paths):
    found = ((path, read_file(os.path.join(root, path))) for path in paths)
    return dict((path, text) for path, text in found if text is not None)


def write_under(root, path, content, mode):
    """write_file of path below root (the persistence files' root, / outside tests)."""
    write_file(os.path.join(root, path), content, mode)


def backend_file_mode(backend):
    # NetworkManager ignores keyfiles that others can read.
    return 0o600 if backend == 'networkmanager' else 0o644

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure bridge logic: option validation, units, desired vs current, the change plan. No netlink here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import check_seconds, with_defaults

# Timers are seconds in our options (like nmcli and networkd); netlink counts centiseconds.
TIMERS = ('forward_delay', 'hello_time', 'max_age', 'ageing_time')
# Kernel limits (net/bridge/br_stp.c) for the STP timers, in seconds; ageing may be 0 (hub mode).
TIMER_LIMITS = {'forward_delay': (2, 30), 'hello_time': (1, 10), 'max_age': (6, 40), 'ageing_time': (0, 1000000)}
BRIDGE_SETTINGS = TIMERS + ('stp', 'priority', 'vlan_filtering')
MAC = re.compile(r'^[0-9a-f]{2}(:[0-9a-f]{2}){5}$')


def interface_name_problem(name):
    """None when the kernel would accept name as an interface name, else the reason."""
    if not isinstance(name, str) or not name:
        return 'must not be empty'
    if len(name.encode('utf-8')) > 15:
        return 'must be at most 15 bytes'
    if name in ('.', '..'):
        return 'must not be "." or ".."'
    if name.startswith('-'):
        # ip and other tools would read it as an option.
        return "must not start with '-'"
    if not re.match(r'^[A-Za-z0-9_.-]+$', name):
        # The kernel refuses "/", ":" and whitespace and expands "%d" into a number (so a request for
        # "br%d" makes br0); NUL cannot cross netlink. Only a plain set is safe for every tool.
        return "must contain only ASCII letters, digits, '_', '.' and '-'"
    return None


def check_interface_name(name, what):
    problem = interface_name_problem(name)
    if problem:
        raise InvalidRequest('invalid %s %r: %s' % (what, name, problem))


def normalize_address(text):
    """'198.18.0.1/24' -> same, canonical; refuses a bare address or a network address with host bits."""
    try:
        interface = ipaddress.ip_interface(text)
    except ValueError:
        raise InvalidRequest('invalid address %r: give an address with its prefix length, like 198.18.0.1/24' % text)
    if '/' not in str(text):
        raise InvalidRequest('address %r needs a prefix length, like 198.18.0.1/24' % text)
    return str(interface)


def is_link_local(address):
    ip = ipaddress.ip_interface(address).ip
    return ip.version == 6 and ip.is_link_local


def centiseconds(seconds):
    return int(round(seconds * 100))


def seconds(centis):
    return centis / 100.0


# net_bridge's options; the API builds its requests with the same defaults.
BRIDGE_OPTIONS = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    ports=dict(type='list', elements='str'),
    purge_ports=dict(type='bool', default=False),
    addresses=dict(type='list', elements='str'),
    mtu=dict(type='int'),
    stp=dict(type='bool'),
    forward_delay=dict(type='float'),
    hello_time=dict(type='float'),
    max_age=dict(type='float'),
    ageing_time=dict(type='float'),
    priority=dict(type='int'),
    vlan_filtering=dict(type='bool'),
    mac_address=dict(type='str'),
    netns=dict(type='str'),
    persist=dict(type='bool', default=True),
    persist_backend=dict(type='str', default='auto',
                         choices=['auto', 'systemd-networkd', 'ifupdown', 'netplan', 'networkmanager']),
    persist_root=dict(type='path', default='/'),
    force=dict(type='bool', default=False),
    confirm_timeout=dict(type='int'),
    confirm=dict(type='bool', default=False),
)


def request_from_params(params):
    """One complete, validated request: the options (defaults filled), the option combinations checked,
    and `desired`, the bridge as the options describe it. request_address (the API's) is the address a
    request came in on, which the uplink guard keeps off bridge ports."""
    request = with_defaults(BRIDGE_OPTIONS, params)
    request['request_address'] = params.get('request_address')
    if request['netns'] and request['persist']:
        raise InvalidRequest('netns needs persist: false (boot-time configuration of a named namespace is out of scope)')
    check_seconds('confirm_timeout', request['confirm_timeout'])
    if request['confirm_timeout'] and request['state'] == 'absent':
        raise InvalidRequest('confirm_timeout cannot guard state: absent (a deleted bridge is not recreated)')
    request['desired'] = desired_from_params(request)
    return request


def desired_from_params(params):
    """Validate the options; raises InvalidRequest before anything is read or changed."""
    check_interface_name(params['name'], 'bridge name')
    for port in params.get('ports') or []:
        check_interface_name(port, 'port name')
        if port == params['name']:
            raise InvalidRequest('bridge %s cannot be a port of itself' % port)
    desired = dict(name=params['name'], ports=list(params.get('ports') or []))
    desired['addresses'] = None
    if params.get('addresses') is not None:
        desired['addresses'] = sorted(set(normalize_address(a) for a in params['addresses']))
    desired.update(_settings(params))
    return desired


def _settings(params):
    settings = {}
    for timer in TIMERS:
        value = params.get(timer)
        if value is None:
            continue
        low, high = TIMER_LIMITS[timer]
        if not low <= value <= high:
            raise InvalidRequest('%s must be between %s and %s seconds, not %s' % (timer, low, high, value))
        settings[timer] = centiseconds(value)
    for key in ('stp', 'vlan_filtering'):
        if params.get(key) is not None:
            settings[key] = bool(params[key])
    if params.get('priority') is not None:
        if not 0 <= params['priority'] <= 65535:
            raise InvalidRequest('priority must be between 0 and 65535, not %s' % params['priority'])
        settings['priority'] = params['priority']
    if params.get('mtu') is not None:
        if not 68 <= params['mtu'] <= 65535:
            raise InvalidRequest('mtu must be between 68 and 65535, not %s' % params['mtu'])
        settings['mtu'] = params['mtu']
    if params.get('mac_address') is not None:
        mac = params['mac_address'].lower()
        if not MAC.match(mac) or int(mac[:2], 16) & 1:
            raise InvalidRequest('mac_address %r must be a unicast MAC like 02:00:00:aa:bb:cc' % params['mac_address'])
        settings['mac_address'] = mac
    return settings


def plan_present(current, desired, links, purge_ports):
    """The ordered steps that take current (None: no bridge) to desired.

    links maps every interface of the namespace to {'master': name or None, 'up': bool}.
    A listed port that does not exist fails here, before anything changes."""
    missing = [port for port in desired['ports'] if port not in links]
    if missing:
        raise NotFound('bridge %s: port %s does not exist' % (desired['name'], ', '.join(missing)),
                       'interface', ', '.join(missing))
    steps = [('create', desired['name'])] if current is None else []
    for key in BRIDGE_SETTINGS + ('mac_address',):
        if key in desired and (current is None or current[key] != desired[key]):
            steps.append(('set', key, desired[key]))
    attached = current['ports'] if current else []
    steps.extend(('attach', port) for port in desired['ports'] if port not in attached)
    steps.extend(('up', port) for port in desired['ports'] if port in attached and not links[port]['up'])
    if purge_ports:
        steps.extend(('detach', port) for port in attached if port not in desired['ports'])
    # After the ports: the kernel resets an MTU set before a port is attached to the port's MTU.
    attaching = any(step[0] == 'attach' for step in steps)
    if 'mtu' in desired and (current is None or current['mtu'] != desired['mtu'] or attaching):
        steps.append(('set', 'mtu', desired['mtu']))
    steps.extend(_address_steps(current, desired))
    if current is None or not current['operstate_up']:
        steps.append(('up', desired['name']))
    return steps


def _address_steps(current, desired):
    if desired['addresses'] is None:
        return []
    have = set(a for a in (current['addresses'] if current else []) if not is_link_local(a))
    want = set(desired['addresses'])
    # Removals first: removing a subnet's primary address makes the kernel drop its secondaries,
    # so a replacement added first would vanish with it.
    return ([('remove_address', a) for a in sorted(have - want)]
            + [('add_address', a) for a in sorted(want - have)])


def undo_steps(name, done, current, links):
    """Steps that put back what the done steps changed on bridge name, in the order to run them.

    A bridge this run created is simply deleted: its settings, ports and addresses go with it."""
    undo = []
    for step in reversed(done):
        kind = step[0]
        if kind == 'create':
            undo.append(('delete', step[1]))
        elif kind == 'attach':
            undo.append(('detach', step[1], links[step[1]]['master']))
            if not links[step[1]]['up']:
                undo.append(('down', step[1]))
        elif kind == 'up' and step[1] in links and step[1] != name:
            undo.append(('down', step[1]))
        elif current is None:
            continue
        elif kind == 'set':
            undo.append(('set', step[1], current[step[1]]))
        elif kind == 'detach':
            undo.append(('attach', step[1]))
        elif kind == 'up':
            undo.append(('down', step[1]))
        elif kind == 'add_address':
            undo.append(('remove_address', step[1]))
        elif kind == 'remove_address':
            undo.append(('add_address', step[1]))
    return undo


def foreign_ports(current, desired_ports):
    """Ports attached to the bridge that the task did not list (LXD attaches veths at run time)."""
    return [port for port in current['ports'] if port not in (desired_ports or [])]


def apply_plan(current, desired, steps):
    """The bridge as it will be after the steps (check mode's prediction, and the diff's after)."""
    after = dict(current) if current else dict(
        name=desired['name'], ifindex=None, mtu=1500, mac_address=None, operstate_up=False, ports=[],
        addresses=[], stp=False, vlan_filtering=False, priority=32768,
        forward_delay=1500, hello_time=200, max_age=2000, ageing_time=30000)
    after['ports'] = list(after['ports'])
    after['addresses'] = list(after['addresses'])
    for step in steps:
        kind = step[0]
        if kind == 'set':
            after[step[1]] = step[2]
        elif kind == 'attach':
            after['ports'].append(step[1])
        elif kind == 'detach':
            after['ports'].remove(step[1])
        elif kind == 'add_address':
            after['addresses'].append(step[1])
        elif kind == 'remove_address':
            after['addresses'].remove(step[1])
        elif kind == 'up' and step[1] == after['name']:
            after['operstate_up'] = True
    after['ports'].sort()
    after['addresses'].sort()
    return after


def bridge_view(bridge):
    """The module's return value: options' names and units (seconds), or {} for no bridge."""
    if not bridge:
        return {}
    view = dict((k, bridge[k]) for k in ('name', 'ifindex', 'mtu', 'mac_address', 'stp', 'priority',
                                         'vlan_filtering', 'ports', 'addresses'))
    view['operstate'] = bridge.get('operstate') or ('UP' if bridge['operstate_up'] else 'DOWN')
    for timer in TIMERS:
        view[timer] = seconds(bridge[timer])
    return view

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure bridge logic: units, desired vs current, the change plan. No netlink here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import NotFound

# Timers are seconds in our options (like nmcli and networkd); netlink counts centiseconds.
TIMERS = ('forward_delay', 'hello_time', 'max_age', 'ageing_time')
BRIDGE_SETTINGS = TIMERS + ('stp', 'priority', 'vlan_filtering')


def is_link_local(address):
    ip = ipaddress.ip_interface(address).ip
    return ip.version == 6 and ip.is_link_local


def centiseconds(seconds):
    return int(round(seconds * 100))


def seconds(centis):
    return centis / 100.0


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

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Netlink access through pyroute2: read links and bridges as plain dicts, apply one plan step."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import os
import socket
import traceback

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.steps import BRIDGE_ATTRS, StepError, apply
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, Conflict, InvalidRequest, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import netns_name_problem

PYROUTE2_IMPORT_ERROR = None
try:
    from pyroute2 import IPRoute, NetNS
    from pyroute2.netlink.exceptions import NetlinkError
except ImportError:
    PYROUTE2_IMPORT_ERROR = traceback.format_exc()

NETNS_DIR = '/var/run/netns'
IFF_UP = 1
MAIN_TABLE = 254


def open_netlink(netns):
    """A netlink socket in the root namespace or in an EXISTING named one (never created here)."""
    if netns is None:
        return IPRoute()
    problem = netns_name_problem(netns)
    if problem:
        raise InvalidRequest('invalid netns %r: %s' % (netns, problem))
    if not os.path.exists(os.path.join(NETNS_DIR, netns)):
        raise NotFound('network namespace %s does not exist (%s/%s); net_bridge never creates one'
                       % (netns, NETNS_DIR, netns), 'namespace', netns)
    # flags=0: pyroute2 would otherwise create a missing namespace (its default is O_CREAT).
    return NetNS(netns, flags=0)


def read_links(ipr):
    """Every interface of the namespace, from one link dump: name -> plain dict."""
    links = {}
    for msg in ipr.get_links():
        info = msg.get_attr('IFLA_LINKINFO')
        kind = info.get_attr('IFLA_INFO_KIND') if info else None
        link = dict(index=msg['index'], name=msg.get_attr('IFLA_IFNAME'), kind=kind,
                    master_index=msg.get_attr('IFLA_MASTER'), up=bool(msg['flags'] & IFF_UP),
                    mtu=msg.get_attr('IFLA_MTU'), mac_address=msg.get_attr('IFLA_ADDRESS'),
                    operstate=msg.get_attr('IFLA_OPERSTATE'))
        if kind == 'bridge':
            data = info.get_attr('IFLA_INFO_DATA')
            for key, attr in BRIDGE_ATTRS.items():
                link[key] = data.get_attr('IFLA_' + attr.upper()) if data else None
        links[link['name']] = link
    by_index = dict((link['index'], name) for name, link in links.items())
    for link in links.values():
        link['master'] = by_index.get(link['master_index'])
    return links


def read_addresses(ipr, index):
    """'address/prefix' strings of one interface, from one address dump."""
    found = []
    for msg in ipr.get_addr(index=index):
        found.append(str(ipaddress.ip_interface('%s/%d' % (msg.get_attr('IFA_ADDRESS'), msg['prefixlen']))))
    return sorted(found)


def uplink_reasons(ipr, links, names, address=None):
    """{name: why it is an uplink} for the names among `names` that carry a default route of the main
    table, or hold `address` (the one a request came in on): attached to a bridge, such a port takes
    the host's own traffic with it."""
    by_index = dict((link['index'], name) for name, link in links.items())
    found = {}
    for family in (socket.AF_INET, socket.AF_INET6):
        for route in ipr.route('dump', family=family):
            if route['dst_len'] or (route.get_attr('RTA_TABLE') or route['table']) != MAIN_TABLE:
                continue
            for index in route_interfaces(route):
                if by_index.get(index) in names:
                    found.setdefault(by_index[index], set()).add('carries the default route')
    if address:
        for name in names:
            held = [a.split('/')[0] for a in read_addresses(ipr, links[name]['index'])] if name in links else []
            if address in held:
                found.setdefault(name, set()).add('holds %s, the address this request came in on' % address)
    # 'carries ...' sorts before 'holds ...', so both read as one sentence.
    return dict((name, 'it ' + ' and '.join(sorted(why))) for name, why in found.items())


def route_interfaces(route):
    oif = route.get_attr('RTA_OIF')
    hops = route.get_attr('RTA_MULTIPATH') or []
    return ([oif] if oif else []) + [hop['oif'] for hop in hops]


def read_bridge(ipr, links, name):
    """The bridge as a plain dict (timers in centiseconds, as netlink has them), or None."""
    link = links.get(name)
    if link is None:
        return None
    if link['kind'] != 'bridge':
        raise Conflict('interface %s exists and is not a bridge (it is a %s)' % (name, link['kind'] or 'device'))
    bridge = dict((k, link[k]) for k in ('name', 'index', 'mtu', 'mac_address', 'operstate') + tuple(BRIDGE_ATTRS))
    bridge['ifindex'] = bridge.pop('index')
    bridge['operstate_up'] = link['up']
    bridge['stp'] = bool(bridge['stp'])
    bridge['vlan_filtering'] = bool(bridge['vlan_filtering'])
    bridge['ports'] = sorted(n for n, other in links.items() if other['master'] == name)
    bridge['addresses'] = read_addresses(ipr, link['index'])
    return bridge


def apply_step(ipr, name, step):
    """Carry out one plan step, with a message that says which one failed."""
    try:
        apply(ipr, name, step)
    except (NetlinkError, StepError) as exc:
        raise ArmhvError('%s failed on %s: %s' % (' '.join(str(s) for s in step), name, exc))

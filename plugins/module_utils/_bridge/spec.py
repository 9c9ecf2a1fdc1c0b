# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A bridge's options and the one validated request made from them. No netlink here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.plan import TIMERS, centiseconds
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_interface_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import (
    check_seconds, make_request, netns_name_problem, with_defaults)

# Kernel limits (net/bridge/br_stp.c) for the STP timers, in seconds; ageing may be 0 (hub mode).
TIMER_LIMITS = {'forward_delay': (2, 30), 'hello_time': (1, 10), 'max_age': (6, 40), 'ageing_time': (0, 1000000)}
MAC = re.compile(r'^[0-9a-f]{2}(:[0-9a-f]{2}){5}$')


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

# How a run gets there, beside the bridge itself.
SETTINGS = ('purge_ports', 'netns', 'persist', 'persist_backend', 'persist_root', 'force', 'confirm_timeout', 'confirm')


def request_from_params(params):
    """One complete, validated request: `desired` is the bridge as the options describe it (with its
    name: the steps and the persisted files take the bridge whole); the settings say how to get there.
    request_address (the API's) is the address a request came in on, which the uplink guard keeps off
    bridge ports; create_only (the API's) refuses an interface that exists."""
    options = with_defaults(BRIDGE_OPTIONS, params)
    problem = options['netns'] is not None and netns_name_problem(options['netns'])
    if problem:
        raise InvalidRequest('invalid netns %r: %s' % (options['netns'], problem))
    if options['netns'] and options['persist']:
        raise InvalidRequest('netns needs persist: false (boot-time configuration of a named namespace is out of scope)')
    check_seconds('confirm_timeout', options['confirm_timeout'])
    if options['confirm_timeout'] and options['state'] == 'absent':
        raise InvalidRequest('confirm_timeout cannot guard state: absent (a deleted bridge is not recreated)')
    settings = dict((key, options[key]) for key in SETTINGS)
    return make_request(options['name'], options['state'], desired_from_params(options),
                        request_address=params.get('request_address'), create_only=bool(params.get('create_only')),
                        **settings)


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
    desired.update(link_settings(params))
    return desired


def link_settings(params):
    """The bridge's kernel settings the options name, in netlink's units."""
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


def normalize_address(text):
    """'198.18.0.1/24' -> same, canonical; refuses a bare address or a network address with host bits."""
    try:
        interface = ipaddress.ip_interface(text)
    except ValueError:
        raise InvalidRequest('invalid address %r: give an address with its prefix length, like 198.18.0.1/24' % text)
    if '/' not in str(text):
        raise InvalidRequest('address %r needs a prefix length, like 198.18.0.1/24' % text)
    return str(interface)

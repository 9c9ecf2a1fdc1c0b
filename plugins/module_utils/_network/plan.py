# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure managed network logic: the view, what may change, what a creation needs. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import object_view

# Keys a cluster keeps per member: each member's pending definition carries them.
MEMBER_KEYS = ('parent', 'bridge.external_interfaces')
# Types whose traffic leaves through a host interface they need to be told.
NEEDS_PARENT = ('macvlan', 'physical')


def network_view(raw):
    """name, type, description, config, used_by, status, locations (sorted; 'none' on a standalone daemon)."""
    view = object_view(raw, 'type', 'status')
    view['locations'] = sorted(raw.get('locations') or [])
    return view


def create_type(desired):
    return desired['type'] or 'bridge'


def check_parent(name, desired, members):
    """A macvlan or physical network needs its parent interface, on every member of a cluster."""
    kind = create_type(desired)
    if kind not in NEEDS_PARENT or desired['config'].get('parent'):
        return
    missing = [member for member in members if not desired['member_config'].get(member, {}).get('parent')]
    if missing or not members:
        where = ' on %s (member_config.<member>.parent)' % ', '.join(missing) if members else ''
        raise InvalidRequest('a %s network needs its parent interface (config.parent)%s: %s was not created'
                             % (kind, where, name))


def comparable(desired, clustered):
    """desired as compared with an existing network: a cluster network's view has no member keys (each
    member keeps its own), so they apply at creation only there."""
    config = desired['config']
    if clustered:
        config = dict((k, v) for k, v in config.items() if k not in MEMBER_KEYS)
    return dict(config=config, description=desired['description'])

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A managed network's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import checked_member_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import normalize_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_interface_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.plan import MEMBER_KEYS
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults

NETWORK_TYPES = ['bridge', 'macvlan', 'physical']
NETWORK_OPTIONS = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    type=dict(type='str', choices=NETWORK_TYPES),
    description=dict(type='str'),
    config=dict(type='dict'),
    member_config=dict(type='dict'),
)


def request_from_params(params):
    """desired: the network's type (None: bridge when created, any when it exists), config (only the
    keys named are enforced), description and member_config (each member's own keys, at creation on a
    cluster). Raises InvalidRequest before any API call."""
    params = with_defaults(NETWORK_OPTIONS, params)
    # A bridge network is a host interface, and every type's name is one in the daemon's records.
    check_interface_name(params['name'], 'network name')
    desired = dict(type=params.get('type'), config=normalize_config(params.get('config')),
                   description=params.get('description'),
                   member_config=checked_member_config(params.get('member_config'), MEMBER_KEYS))
    return make_request(params['name'], params['state'], desired, create_only=bool(params.get('create_only')))

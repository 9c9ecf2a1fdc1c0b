# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A network forward's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.plan import check_address, normalize_ports
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_interface_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults

FORWARD_OPTIONS = dict(
    network=dict(type='str', required=True),
    listen_address=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    description=dict(type='str'),
    target_address=dict(type='str'),
    ports=dict(type='list', elements='dict'),
)


def request_from_params(params):
    """The request's name is the listen address (a forward's key within its network); desired: the default
    target address (config.target_address), the port entries (full shape, None when left alone) and the
    description. Raises InvalidRequest before any API call."""
    params = with_defaults(FORWARD_OPTIONS, params)
    check_interface_name(params['network'], 'network name')
    listen = check_address(params['listen_address'], 'listen_address')
    config = {}
    if params.get('target_address') is not None:
        config['target_address'] = check_address(params['target_address'], 'target_address')
    desired = dict(config=config, description=params.get('description'), ports=normalize_ports(params.get('ports')))
    return make_request(listen, params['state'], desired, network=params['network'],
                        create_only=bool(params.get('create_only')))

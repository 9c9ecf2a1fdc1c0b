# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A cluster member's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.plan import normalize_host_port
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_member_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults


# hv_cluster's options besides the connection ones.
CLUSTER_OPTIONS = dict(
    state=dict(type='str', default='present', choices=['present', 'absent', 'evacuated', 'restored']),
    server_name=dict(type='str', required=True),
    server_address=dict(type='str'),
    cluster_address=dict(type='str'),
    cluster_cert=dict(type='str'),
    member_config=dict(type='list', elements='dict', options=dict(
        entity=dict(type='str', required=True),
        name=dict(type='str', required=True),
        key=dict(type='str', required=True, no_log=False),
        value=dict(type='str'),
        description=dict(type='str'),
    )),
    failure_domain=dict(type='str'),
    groups=dict(type='list', elements='str'),
    force=dict(type='bool', default=False),
)


def request_from_params(params):
    """One complete, validated request: the member named by server_name, `desired` its failure domain
    and groups (None: left as they are); the addresses (normalised), member_config and force say how
    it joins or leaves. Raises InvalidRequest before any API call."""
    params = with_defaults(CLUSTER_OPTIONS, params)
    check_member_name(params['server_name'])
    addresses = dict((option, normalize_host_port(params[option], option) if params.get(option) else None)
                     for option in ('server_address', 'cluster_address'))
    groups = params.get('groups')
    if groups is not None:
        groups = sorted(set(groups))
        if not groups:
            raise InvalidRequest('groups must name at least one cluster group (LXD puts every member in one)')
    desired = dict(failure_domain=params.get('failure_domain'), groups=groups)
    return make_request(params['server_name'], params['state'], desired, force=params['force'],
                        member_config=_member_config(params.get('member_config') or []), **addresses)


def _member_config(entries):
    for entry in entries:
        if not all(entry.get(key) for key in ('entity', 'name', 'key')):
            raise InvalidRequest('member_config entries need entity, name and key (as in LXD preseed); got %s'
                                 % json.dumps(entry, sort_keys=True))
    return [dict(entity=entry['entity'], name=entry['name'], key=entry['key'],
                 value='' if entry.get('value') is None else str(entry['value']),
                 description=entry.get('description') or '') for entry in entries]

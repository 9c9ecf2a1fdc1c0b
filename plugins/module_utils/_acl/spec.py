# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A network ACL's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.plan import normalize_rules
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import normalize_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults

ACL_OPTIONS = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    description=dict(type='str'),
    ingress=dict(type='list', elements='dict'),
    egress=dict(type='list', elements='dict'),
    config=dict(type='dict'),
)


def request_from_params(params):
    """desired: the rule lists (each in the daemon's full shape, None when left alone), config (user.*
    keys only, as the daemons take) and description. Raises InvalidRequest before any API call."""
    params = with_defaults(ACL_OPTIONS, params)
    check_lxd_name(params['name'], 'network ACL')
    config = normalize_config(params.get('config'))
    others = sorted(key for key in config if not key.startswith('user.'))
    if others:
        raise InvalidRequest('config: an ACL takes user.* keys only, not %s' % ', '.join(others))
    desired = dict(config=config, description=params.get('description'),
                   ingress=normalize_rules(params.get('ingress'), 'ingress'),
                   egress=normalize_rules(params.get('egress'), 'egress'))
    return make_request(params['name'], params['state'], desired, create_only=bool(params.get('create_only')))

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A profile's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import normalize_config, normalize_devices
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_object_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults

PROFILE_OPTIONS = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    description=dict(type='str'),
    config=dict(type='dict'),
    devices=dict(type='dict'),
    devices_mode=dict(type='str', default='merge', choices=['merge', 'replace']),
)


def request_from_params(params):
    """desired: the profile's config and devices (normalised; devices None when the task leaves them
    alone) and description; devices_mode says whether devices not named are removed. Raises
    InvalidRequest before any API call."""
    params = with_defaults(PROFILE_OPTIONS, params)
    check_object_name(params['name'], 'profile')
    devices = params.get('devices')
    desired = dict(config=normalize_config(params.get('config')),
                   devices=None if devices is None else normalize_devices(devices),
                   description=params.get('description'))
    return make_request(params['name'], params['state'], desired,
                        replace_devices=params['devices_mode'] == 'replace',
                        create_only=bool(params.get('create_only')))

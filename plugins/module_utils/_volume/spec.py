# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A custom storage volume's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import lxd_string, normalize_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import (
    check_lxd_name, check_member_name, check_object_name)
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults

VOLUME_OPTIONS = dict(
    name=dict(type='str', required=True),
    pool=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    content_type=dict(type='str', choices=['filesystem', 'block']),
    size=dict(type='str'),
    config=dict(type='dict'),
    description=dict(type='str'),
    target=dict(type='str'),
)


def request_from_params(params):
    """desired: the volume's config (size is its config key), description and content type; the pool
    and the cluster member (target) say where it is. Raises InvalidRequest before any API call."""
    params = with_defaults(VOLUME_OPTIONS, params)
    check_object_name(params['name'], 'storage volume')
    check_lxd_name(params['pool'], 'storage pool')
    if params['target'] is not None:
        check_member_name(params['target'])
    config = normalize_config(params['config'])
    if params['size'] is not None:
        config['size'] = lxd_string(params['size'], 'size')
    desired = dict(config=config, description=params['description'], content_type=params['content_type'])
    return make_request(params['name'], params['state'], desired, pool=params['pool'], target=params['target'],
                        create_only=bool(params.get('create_only')))

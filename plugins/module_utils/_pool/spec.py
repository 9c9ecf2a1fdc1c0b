# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A storage pool's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import checked_member_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import normalize_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.mount import share_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.plan import MEMBER_KEYS, SHARE_DRIVERS, SHARE_OPTIONS


# storage_pool's options besides the connection ones; the API builds its requests with these defaults.
POOL_OPTIONS = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    driver=dict(type='str', choices=['dir', 'btrfs', 'lvm', 'zfs', 'nfs', 'cifs']),
    source=dict(type='str'),
    size=dict(type='str'),
    config=dict(type='dict'),
    member_config=dict(type='dict'),
    description=dict(type='str'),
    server=dict(type='str'),
    export=dict(type='str'),
    share=dict(type='str'),
    mount_path=dict(type='path'),
    mount_opts=dict(type='str'),
    username=dict(type='str'),
    password=dict(type='str', no_log=True),
)


def request_from_params(params):
    """One complete, validated request: `desired` is the pool as the options describe it (config
    normalised, with source and size), `share` the nfs or cifs share it lives on. Raises InvalidRequest
    before any API call."""
    params = with_defaults(POOL_OPTIONS, params)
    check_lxd_name(params['name'], 'storage pool')
    config = normalize_config(params.get('config'))
    for key in ('source', 'size'):
        if params.get(key) is not None:
            if key in config:
                raise InvalidRequest('give %s either as the %s option or inside config, not both' % (key, key))
            config[key] = str(params[key])
    share = None
    if params.get('driver') in SHARE_DRIVERS:
        if 'source' in config:
            raise InvalidRequest('an %s pool lives in a directory of its share: source is not an option for it'
                                 % params['driver'])
        share = share_from_params(params)
    elif any(params.get(option) for option in SHARE_OPTIONS):
        raise InvalidRequest('%s only apply to nfs and cifs pools'
                             % ', '.join(option for option in SHARE_OPTIONS if params.get(option)))
    desired = dict(driver=params.get('driver'), config=config, description=params.get('description'),
                   member_config=checked_member_config(params.get('member_config'), MEMBER_KEYS))
    # create_only is not an option: the API's create refuses an existing pool (409) instead of converging it.
    return make_request(params['name'], params['state'], desired, share=share,
                        create_only=bool(params.get('create_only')))

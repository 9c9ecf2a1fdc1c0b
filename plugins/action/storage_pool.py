# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""storage_pool: a no-op answered from two reads (the pool and its space; plugin_utils/_lxd_noop), else
the module. nfs and cifs pools always run the module: their mount is the managed node's."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import quote

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.spec import POOL_OPTIONS, request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.ops import ensure_pool
from ansible_collections.armhv.hypervisor.plugins.plugin_utils._lxd_noop import NoopFirst


class ActionModule(NoopFirst):
    ARGUMENT_SPEC = dict(POOL_OPTIONS, **LXD_CONNECTION_SPEC)

    def reads(self, params):
        # ensure_pool's reads for an existing pool: its definition and its space figures.
        pool = 'storage-pools/%s' % quote(params['name'], safe='')
        return [pool, pool + '/resources']

    def answer(self, params, client, with_diff):
        try:
            request = request_from_params(params)
            if request['share']:
                return None
            result = ensure_pool(client, request, True)
        except ArmhvError:
            return None
        if result['changed'] or result['warnings']:
            return None
        del result['warnings']
        if not with_diff:
            del result['diff']
        return dict(result, **client.identity())

"""Storage pools, through the modules' own code (nfs and cifs pools belong to the storage role)."""

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.spec import request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.ops import ensure_pool, get_pool, list_pools

from armhv_api.errors import NoSuchResource

# The drivers whose pools mount a share on every member: the storage role makes those.
ROLE_POOL_DRIVERS = ('nfs', 'cifs')


class Pools:
    def __init__(self, platform):
        self.platform = platform

    def list(self):
        return self.platform.call(list_pools)

    def get(self, name):
        check_lxd_name(name, 'storage pool')
        found = self.platform.call(get_pool, name, True)
        if found is None:
            raise NoSuchResource('storage pool %s does not exist' % name, 'pool', name)
        return found

    def create(self, body):
        if body['driver'] in ROLE_POOL_DRIVERS:
            raise InvalidRequest('%s pools mount a share on every member: create them with the storage role'
                                 % body['driver'])
        given = dict(name=body['name'], driver=body['driver'], config=body.get('config'), create_only=True)
        request = request_from_params(given)
        return self.platform.call(ensure_pool, request, False)

    def delete(self, name):
        found = self.get(name)
        request = request_from_params(dict(name=name, driver=found['driver'], state='absent'))
        return self.platform.call(ensure_pool, request, False)

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: storage_pool_info
short_description: List LXD storage pools
version_added: 0.1.0
description:
  - Lists every storage pool, or gets one by name, with its space used and total. Never changes anything.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes.info_module
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  name:
    description:
      - Only this pool. The result is an empty list when it does not exist; an invalid name fails with the rule.
    type: str
seealso:
  - module: armhv.hypervisor.storage_pool
'''

EXAMPLES = r'''
- name: All pools
  armhv.hypervisor.storage_pool_info:
  register: pools

- name: Free bytes per pool (total minus used, as the daemon reports them)
  ansible.builtin.debug:
    msg: >-
      {% for pool in pools.pools %}{{ pool.name }}: {{ pool.space_total - pool.space_used }} bytes free;
      {% endfor %}
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
pools:
  description:
    - The pools, sorted by name, each shaped like the C(pool) return value of M(armhv.hypervisor.storage_pool)
      (without C(mount)).
    - C(locations) lists the cluster members the pool is defined on (V(none) on a standalone daemon);
      C(space_used) and C(space_total) are bytes, as the daemon reports them.
  returned: always
  type: list
  elements: dict
  sample:
    - name: local
      driver: dir
      status: Created
      description: ""
      config: {source: /var/lib/lxd/storage-pools/local}
      used_by: [/1.0/profiles/default]
      space_used: 1073741824
      space_total: 21474836480
      locations: [none]
server:
  description:
    - Which daemon answered, as it names itself in C(GET /1.0)'s C(environment.server)
      (V(lxd) or V(incus)).
  returned: success
  type: str
  sample: lxd
server_version:
  description: That daemon's version.
  returned: success
  type: str
  sample: 5.0.2
missing:
  description: What does not exist (its C(type) and C(name)), when RV(error) is V(not_found).
  returned: failure, when error is not_found
  type: dict
  sample: {type: instance, name: web1}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import (
    PYLXD_IMPORT_ERROR, lxd_connect)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.ops import list_pools

ARGUMENT_SPEC = dict(
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)
    try:
        if module.params['name'] is not None:
            check_lxd_name(module.params['name'], 'storage pool')
        api = lxd_connect(module.params)
        pools = list_pools(api, module.params['name'])
        identity = api.identity()
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(changed=False, pools=pools, **identity)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: storage_volume_info
short_description: List custom storage volumes of LXD and Incus
version_added: 0.1.0
description:
  - Lists the custom volumes of a storage pool in the connection's O(project), or those of one name (on a
    cluster, one per member that has a volume of that name). Never changes anything.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes.info_module
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  pool:
    description:
      - The storage pool; a pool that does not exist fails the task (RV(error) V(not_found)).
    type: str
    required: true
  name:
    description:
      - Only the volumes of this name. The result is an empty list when there is none; an invalid name
        fails with the rule.
    type: str
seealso:
  - module: armhv.hypervisor.storage_volume
'''

EXAMPLES = r'''
- name: The custom volumes of the default pool
  armhv.hypervisor.storage_volume_info:
    pool: default
  register: found

- name: The instances that attach pgdata
  ansible.builtin.debug:
    msg: "{{ (found.volumes | selectattr('name', 'eq', 'pgdata') | first).used_by }}"
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
volumes:
  description:
    - The volumes, sorted by name and member, each shaped like the C(volume) return value of
      M(armhv.hypervisor.storage_volume).
  returned: always
  type: list
  elements: dict
  sample:
    - name: pgdata
      pool: default
      description: ''
      config: {size: 10GiB}
      content_type: filesystem
      location: none
      used_by: [/1.0/instances/db1]
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
  sample: {type: pool, name: fast}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name, check_object_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._volume.ops import list_volumes


ARGUMENT_SPEC = dict(
    pool=dict(type='str', required=True),
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    pool = module.params['pool']
    # The pool's name is checked inside info_main's handling, so a bad one fails like a bad name.
    info_main(module, 'name', lambda name: check_object_name(name, 'storage volume'),
              lambda api, name: list_volumes(api, check_lxd_name(pool, 'storage pool'), name), 'volumes')


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: storage_pool
short_description: Manage LXD storage pools
version_added: 0.1.0
description:
  - Creates, configures and deletes LXD storage pools (drivers C(dir), C(btrfs), C(lvm), C(zfs)).
  - Only the O(config) keys the task names are enforced; values are compared as LXD strings.
  - An existing pool is never rebuilt. A different O(driver) fails; keys that only apply at creation
    (C(source), C(zfs.pool_name), C(lvm.vg_name), C(lvm.thinpool_name), C(lvm.use_thinpool)) are
    reported as a warning when they differ.
  - A pool that instances, profiles or custom volumes use is not deleted; the task fails and names
    them. Cached images do not count (LXD removes them with the pool).
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  name:
    description:
      - Name of the pool; the same rule as instance names (1 to 63 characters, ASCII letters, digits
        and C(-), not starting with a digit or C(-), not ending with C(-)).
    type: str
    required: true
  state:
    description:
      - Whether the pool should exist.
    type: str
    choices: [present, absent]
    default: present
  driver:
    description:
      - Storage driver. Required to create a pool.
    type: str
    choices: [dir, btrfs, lvm, zfs]
  source:
    description:
      - Block device, directory or existing pool to use, as LXD's C(source) key. Only applies at creation.
        Not together with C(source) inside O(config).
    type: str
  size:
    description:
      - Size of a loop-backed pool (V(5GiB)), as LXD's C(size) key. LXD can grow it later, not shrink it.
        Not together with C(size) inside O(config).
    type: str
  config:
    description:
      - Pool configuration keys to enforce. A key given as V(null) is removed.
    type: dict
  description:
    description:
      - Description of the pool.
    type: str
seealso:
  - module: armhv.hypervisor.storage_pool_info
'''

EXAMPLES = r'''
- name: A directory pool
  armhv.hypervisor.storage_pool:
    name: local
    driver: dir

- name: A loop-backed btrfs pool of 20 GiB
  armhv.hypervisor.storage_pool:
    name: fast
    driver: btrfs
    size: 20GiB

- name: A ZFS pool on a disk
  armhv.hypervisor.storage_pool:
    name: tank
    driver: zfs
    source: /dev/sdb
    config:
      zfs.pool_name: tank

- name: Delete (fails, naming them, while instances or profiles use it)
  armhv.hypervisor.storage_pool:
    name: fast
    state: absent
'''

RETURN = r'''
actions:
  description: What was done (or, in check mode, would be done).
  returned: always
  type: list
  elements: str
  sample: [create]
pool:
  description: The pool after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    driver:
      description: Storage driver.
      type: str
    status:
      description: Status as LXD reports it, for example V(Created).
      type: str
    description:
      description: Description.
      type: str
    config:
      description: The pool's configuration as LXD has it, including keys LXD filled in.
      type: dict
    used_by:
      description: API paths of what uses the pool.
      type: list
      elements: str
    space_used:
      description: Bytes used (null in check mode before creation).
      type: int
    space_total:
      description: Bytes available in all (null in check mode before creation).
      type: int
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd_client import (
    LXD_CONNECTION_SPEC, PYLXD_IMPORT_ERROR, lxd_connect)
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import desired_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool_ops import ensure_pool
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import module_result

ARGUMENT_SPEC = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    driver=dict(type='str', choices=['dir', 'btrfs', 'lvm', 'zfs']),
    source=dict(type='str'),
    size=dict(type='str'),
    config=dict(type='dict'),
    description=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)
    try:
        desired = desired_from_params(module.params)
        result = ensure_pool(lxd_connect(module.params), module.params, desired, module.check_mode)
    except ArmhvError as exc:
        module.fail_json(msg=exc.msg, **exc.details)
    module.exit_json(**module_result(module, result))


if __name__ == '__main__':
    main()

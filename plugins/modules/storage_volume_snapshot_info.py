#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: storage_volume_snapshot_info
short_description: List the snapshots of an LXD or Incus custom storage volume
version_added: 0.1.0
description:
  - Lists a custom volume's snapshots (those the daemon took on a schedule too), or gets one by name, with
    when each expires. Never changes anything.
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
      - The storage pool that holds the volume.
    type: str
    required: true
  volume:
    description:
      - The custom volume; one that does not exist fails the task (RV(error) V(not_found)).
    type: str
    required: true
  target:
    description:
      - On a cluster, the member the volume is on, for a pool local to each member.
    type: str
  name:
    description:
      - Only this snapshot. The result is an empty list when it does not exist.
    type: str
seealso:
  - module: armhv.hypervisor.storage_volume_snapshot
'''

EXAMPLES = r'''
- name: The snapshots of pgdata
  armhv.hypervisor.storage_volume_snapshot_info:
    pool: default
    volume: pgdata
  register: found
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
snapshots:
  description:
    - The snapshots, sorted by name, each shaped like the C(snapshot) return value of
      M(armhv.hypervisor.storage_volume_snapshot).
  returned: always
  type: list
  elements: dict
  sample:
    - name: before-migration
      pool: default
      volume: pgdata
      created_at: "2026-12-07T09:18:17.208786216Z"
      expires_at: null
      stateful: false
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
  sample: {type: storage volume, name: default/pgdata}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_object_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.ops import list_snapshots
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.spec import volume_owner_request


ARGUMENT_SPEC = dict(
    pool=dict(type='str', required=True),
    volume=dict(type='str', required=True),
    target=dict(type='str'),
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    # The volume's names are checked inside info_main's handling, so a bad one fails like a bad name.
    info_main(module, 'name', lambda name: check_object_name(name, 'snapshot'),
              lambda api, name: list_snapshots(api, volume_owner_request(params['pool'], params['volume'],
                                                                         params['target']), name), 'snapshots')


if __name__ == '__main__':
    main()

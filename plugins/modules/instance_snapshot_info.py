#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: instance_snapshot_info
short_description: List the snapshots of an LXD or Incus instance
version_added: 0.1.0
description:
  - Lists an instance's snapshots (those the daemon took on a schedule too), or gets one by name, with
    when each expires. Never changes anything.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes.info_module
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  instance:
    description:
      - The instance; one that does not exist fails the task (RV(error) V(not_found)).
    type: str
    required: true
  name:
    description:
      - Only this snapshot. The result is an empty list when it does not exist.
    type: str
seealso:
  - module: armhv.hypervisor.instance_snapshot
'''

EXAMPLES = r'''
- name: The snapshots of db1
  armhv.hypervisor.instance_snapshot_info:
    instance: db1
  register: found

- name: Those that never expire
  ansible.builtin.debug:
    msg: "{{ found.snapshots | selectattr('expires_at', 'none') | map(attribute='name') }}"
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
      M(armhv.hypervisor.instance_snapshot).
  returned: always
  type: list
  elements: dict
  sample:
    - name: before-upgrade
      instance: db1
      created_at: "2026-12-07T09:18:19.885647299Z"
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
  sample: {type: instance, name: db1}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_object_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.ops import list_snapshots
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.spec import owner_request


ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    instance = module.params['instance']
    # The instance's name is checked inside info_main's handling, so a bad one fails like a bad name.
    info_main(module, 'name', lambda name: check_object_name(name, 'snapshot'),
              lambda api, name: list_snapshots(api, owner_request(instance), name), 'snapshots')


if __name__ == '__main__':
    main()

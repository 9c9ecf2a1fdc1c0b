#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: lxc_container_info
short_description: List LXD containers and virtual machines
version_added: 0.1.0
description:
  - Lists every instance of the project, or gets one by name. Never changes anything.
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
      - Only this instance. The result is an empty list when it does not exist; an invalid name fails
        with the naming rule.
    type: str
seealso:
  - module: armhv.hypervisor.lxc_container
'''

EXAMPLES = r'''
- name: All instances
  armhv.hypervisor.lxc_container_info:
  register: lxd

- name: Names of running instances
  ansible.builtin.debug:
    msg: "{{ lxd.instances | selectattr('status', 'equalto', 'Running') | map(attribute='name') }}"

- name: One instance
  armhv.hypervisor.lxc_container_info:
    name: web1
  register: web1
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
instances:
  description: The instances, sorted by name, each shaped like the C(instance) return value of
    M(armhv.hypervisor.lxc_container).
  returned: always
  type: list
  elements: dict
  sample:
    - name: web1
      status: Running
      type: container
      architecture: aarch64
      location: none
      config: {limits.cpu: "2"}
      devices: {}
      profiles: [default]
      description: ""
      ephemeral: false
      created_at: "2026-11-25T18:00:00Z"
      addresses: {eth0: [198.18.10.23]}
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import list_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import (
    PYLXD_IMPORT_ERROR, lxd_connect)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name

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
            check_lxd_name(module.params['name'])
        api = lxd_connect(module.params)
        instances = list_instances(api, module.params['name'])
        identity = api.identity()
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(changed=False, instances=instances, **identity)


if __name__ == '__main__':
    main()

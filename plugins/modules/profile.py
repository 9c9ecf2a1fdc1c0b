#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: profile
short_description: Manage LXD and Incus profiles
version_added: 0.1.0
description:
  - Creates, changes and deletes a profile in the connection's O(project) (a project without
    C(features.profiles) uses the C(default) project's profiles).
  - Only the O(config) keys and O(devices) the task names are enforced, each device compared whole; a key
    or device given as V(null) is removed. Values are compared as the daemon's strings.
  - The daemon applies a change to the instances using the profile at once, running ones included; when
    one of them cannot take it, the daemon refuses the change and the task fails with its message.
  - Profiles are cluster-wide, so one task on any member is enough.
  - A profile instances use is not deleted; the task fails and names them. The C(default) profile can be
    changed, never deleted.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  name:
    description:
      - The profile's name; 1 to 63 ASCII letters, digits, C(-), C(_) and C(.), starting with a letter or digit.
    type: str
    required: true
  state:
    description:
      - V(present) creates or changes the profile; V(absent) deletes it (refused while instances use it).
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - The profile's description; left as it is when omitted.
    type: str
  config:
    description:
      - Instance configuration keys the profile sets, such as C(limits.memory) or C(security.nesting).
      - Only the keys named here are enforced; V(null) removes a key.
    type: dict
  devices:
    description:
      - Devices by name, each a dict of the device's keys with its C(type) (C(disk), C(nic), ...).
      - A device given as V(null) is removed. Which others are left alone depends on O(devices_mode).
    type: dict
  devices_mode:
    description:
      - V(merge) enforces the devices named in O(devices) and leaves the others alone.
      - V(replace) also removes every device O(devices) does not name (when O(devices) is given).
    type: str
    choices: [merge, replace]
    default: merge
seealso:
  - module: armhv.hypervisor.profile_info
  - module: armhv.hypervisor.project
  - module: armhv.hypervisor.lxc_container
'''

EXAMPLES = r'''
- name: The default profile gives every instance a root disk on the default pool and a NIC on armhvnet0
  armhv.hypervisor.profile:
    name: default
    devices:
      root: {type: disk, path: /, pool: default}
      eth0: {type: nic, name: eth0, network: armhvnet0}

- name: A small-instance profile
  armhv.hypervisor.profile:
    name: small
    description: 1 CPU, 256 MiB
    config:
      limits.cpu: 1
      limits.memory: 256MiB

- name: Exactly these devices, no others
  armhv.hypervisor.profile:
    name: isolated
    devices:
      root: {type: disk, path: /, pool: default}
    devices_mode: replace

- name: Remove one key
  armhv.hypervisor.profile:
    name: small
    config:
      limits.cpu: null

- name: Delete a profile no instance uses
  armhv.hypervisor.profile:
    name: small
    state: absent
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: conflict
actions:
  description: What was done (or, in check mode, would be done), from V(create), V(update), V(delete).
  returned: always
  type: list
  elements: str
  sample: [update]
profile:
  description: The profile after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    description:
      description: Description.
      type: str
    config:
      description: The profile's configuration keys.
      type: dict
    devices:
      description: The profile's devices by name.
      type: dict
    used_by:
      description: API paths of the instances (and other objects) that use the profile.
      type: list
      elements: str
  sample:
    name: small
    description: 1 CPU, 256 MiB
    config: {limits.cpu: "1", limits.memory: 256MiB}
    devices: {}
    used_by: [/1.0/instances/web1]
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
  sample: {type: project, name: tenant-a}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import ensure_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile.ops import ensure_profile
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile.spec import PROFILE_OPTIONS, request_from_params


ARGUMENT_SPEC = dict(PROFILE_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    ensure_main(module, request_from_params, ensure_profile)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: project
short_description: Manage LXD and Incus projects (features, restrictions, limits)
version_added: 0.1.0
description:
  - Creates, changes and deletes a project, for example one per tenant with its own quotas.
  - O(config) holds the project's keys. C(features.images), C(features.profiles),
    C(features.storage.volumes) and C(features.networks) say which objects the project keeps apart from
    the C(default) project's. C(restricted) and C(restricted.*) restrict what its instances may use (see the
    daemon's documentation of project restrictions). C(limits.containers), C(limits.virtual-machines),
    C(limits.cpu), C(limits.memory), C(limits.disk) and C(limits.processes) cap what its instances may
    use in all. C(user.*), C(images.*) and C(backups.*) keys are taken too; any other key is refused
    before anything changes.
  - With C(limits.cpu), C(limits.memory) or C(limits.disk) set, the daemon refuses any instance of the
    project that does not set C(limits.cpu), C(limits.memory) or a root disk C(size) itself (or through
    a profile), so give the project's C(default) profile those (M(armhv.hypervisor.profile) with
    O(armhv.hypervisor.profile#module:project) set).
  - Only the O(config) keys the task names are enforced; V(null) removes a key. Values are compared as the
    daemon's strings.
  - C(features.*) keys change only while the project is empty; otherwise the task fails and names what the
    project holds, and changes nothing.
  - A project that holds anything (instances, images, profiles other than its own C(default), volumes,
    networks) is not deleted; the task fails and names what it holds. The C(default) project is never
    deleted.
  - The connection's O(project) option does not choose the project managed here (O(name) does).
  - Projects are cluster-wide, so one task on any member is enough.
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
      - The project's name; 1 to 63 ASCII letters, digits, C(-), C(_) and C(.), starting with a letter or digit.
    type: str
    required: true
  state:
    description:
      - V(present) creates or changes the project; V(absent) deletes it (refused while it holds anything).
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - The project's description; left as it is when omitted.
    type: str
  config:
    description:
      - The project's keys (C(features.*), C(restricted), C(restricted.*), C(limits.*), C(user.*),
        C(images.*), C(backups.*)). Only the keys named here are enforced; V(null) removes a key.
      - A new project without C(features.*) keys gets the daemon's defaults (its own images, profiles,
        storage volumes; the C(default) project's networks).
    type: dict
seealso:
  - module: armhv.hypervisor.project_info
  - module: armhv.hypervisor.profile
'''

EXAMPLES = r'''
- name: A tenant's project with quotas, its own profiles and images
  armhv.hypervisor.project:
    name: tenant-a
    description: Team A
    config:
      features.profiles: true
      features.images: true
      limits.containers: 20
      limits.memory: 4GiB
      limits.disk: 50GiB
      restricted: true
      restricted.networks.access: armhvnet0

- name: The tenant's default profile sets what the limits require of every instance
  armhv.hypervisor.profile:
    name: default
    project: tenant-a
    config:
      limits.memory: 256MiB
    devices:
      root: {type: disk, path: /, pool: default, size: 2GiB}
      eth0: {type: nic, name: eth0, network: armhvnet0}

- name: Delete an empty project
  armhv.hypervisor.project:
    name: tenant-a
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
  sample: [create]
project:
  description: The project after the task (in check mode, as predicted); empty when it does not exist.
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
      description: The project's keys, including those the daemon set when it created it.
      type: dict
    used_by:
      description: API paths of what the project holds.
      type: list
      elements: str
  sample:
    name: tenant-a
    description: Team A
    config: {features.images: "true", features.profiles: "true", limits.containers: "20"}
    used_by: ["/1.0/profiles/default?project=tenant-a"]
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.ops import ensure_project
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.spec import PROJECT_OPTIONS, request_from_params


ARGUMENT_SPEC = dict(PROJECT_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    ensure_main(module, request_from_params, ensure_project)


if __name__ == '__main__':
    main()

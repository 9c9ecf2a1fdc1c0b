#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: project_info
short_description: List LXD and Incus projects
version_added: 0.1.0
description:
  - Lists the projects the credential sees, or gets one by name. Never changes anything.
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
      - Only this project. The result is an empty list when it does not exist; an invalid name fails with the rule.
    type: str
seealso:
  - module: armhv.hypervisor.project
'''

EXAMPLES = r'''
- name: Every project
  armhv.hypervisor.project_info:
  register: found

- name: Their memory limits
  ansible.builtin.debug:
    msg: "{{ found.projects | items2dict(key_name='name', value_name='config') }}"
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
projects:
  description: The projects, sorted by name, each shaped like the C(project) return value of M(armhv.hypervisor.project).
  returned: always
  type: list
  elements: dict
  sample:
    - name: default
      description: Default LXD project
      config: {features.images: "true", features.profiles: "true"}
      used_by: [/1.0/instances/web1, /1.0/profiles/default]
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_object_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.ops import list_projects


ARGUMENT_SPEC = dict(
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    info_main(module, 'name', lambda name: check_object_name(name, 'project'), list_projects, 'projects')


if __name__ == '__main__':
    main()

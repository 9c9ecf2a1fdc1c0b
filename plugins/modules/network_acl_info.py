#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: network_acl_info
short_description: List LXD and Incus network ACLs
version_added: 0.1.0
description:
  - Lists the network ACLs of the connection's O(project), or gets one by name. Never changes anything.
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
      - Only this ACL. The result is an empty list when it does not exist; an invalid name fails with the rule.
    type: str
seealso:
  - module: armhv.hypervisor.network_acl
'''

EXAMPLES = r'''
- name: Every ACL and where it applies
  armhv.hypervisor.network_acl_info:
  register: found

- name: Show them
  ansible.builtin.debug:
    msg: "{{ found.acls | items2dict(key_name='name', value_name='used_by') }}"
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
acls:
  description: The ACLs, sorted by name, each shaped like the C(acl) return value of M(armhv.hypervisor.network_acl).
  returned: always
  type: list
  elements: dict
  sample:
    - name: web
      description: ""
      ingress: []
      egress: []
      config: {}
      used_by: []
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
  sample: {type: network, name: armhvnet0}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.ops import list_acls
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name


ARGUMENT_SPEC = dict(
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    info_main(module, 'name', lambda name: check_lxd_name(name, 'network ACL'), list_acls, 'acls')


if __name__ == '__main__':
    main()

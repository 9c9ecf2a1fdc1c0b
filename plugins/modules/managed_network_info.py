#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: managed_network_info
short_description: List LXD and Incus managed networks
version_added: 0.1.0
description:
  - Lists the networks the daemon manages in the connection's O(project), or gets one by name. Host
    interfaces the daemon only reports are left out. Never changes anything.
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
      - Only this network. The result is an empty list when no managed network has that name; an invalid
        name fails with the rule.
    type: str
seealso:
  - module: armhv.hypervisor.managed_network
'''

EXAMPLES = r'''
- name: Every managed network
  armhv.hypervisor.managed_network_info:
  register: found

- name: Their IPv4 subnets
  ansible.builtin.debug:
    msg: "{{ found.networks | map(attribute='config') | map(attribute='ipv4.address', default='none') | list }}"
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
networks:
  description: The networks, sorted by name, each shaped like the C(network) return value of M(armhv.hypervisor.managed_network).
  returned: always
  type: list
  elements: dict
  sample:
    - name: armhvnet0
      type: bridge
      description: ""
      status: Created
      config: {ipv4.address: 198.18.24.1/24, ipv4.nat: "true"}
      used_by: []
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
  sample: {type: network, name: armhvnet0}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_interface_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.ops import list_networks


ARGUMENT_SPEC = dict(
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    info_main(module, 'name', lambda name: check_interface_name(name, 'network name'), list_networks, 'networks')


if __name__ == '__main__':
    main()

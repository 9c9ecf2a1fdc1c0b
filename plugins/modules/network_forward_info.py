#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: network_forward_info
short_description: List LXD and Incus network forwards
version_added: 0.1.0
description:
  - Lists the forwards of one managed network, or of every managed bridge network of the connection's
    O(project). Never changes anything.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes.info_module
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  network:
    description:
      - Only this network's forwards. The result is an empty list when it does not exist.
    type: str
seealso:
  - module: armhv.hypervisor.network_forward
'''

EXAMPLES = r'''
- name: Every forward
  armhv.hypervisor.network_forward_info:
  register: found

- name: What listens where
  ansible.builtin.debug:
    msg: "{{ found.forwards | map(attribute='listen_address') | list }}"
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
forwards:
  description: The forwards, sorted by network and listen address, each shaped like the C(forward) return value of
    M(armhv.hypervisor.network_forward).
  returned: always
  type: list
  elements: dict
  sample:
    - network: armhvnet0
      listen_address: 198.18.25.10
      description: ""
      config: {}
      ports: []
      location: ""
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.ops import list_forwards
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_interface_name


ARGUMENT_SPEC = dict(
    network=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    info_main(module, 'network', lambda name: check_interface_name(name, 'network name'), list_forwards, 'forwards')


if __name__ == '__main__':
    main()

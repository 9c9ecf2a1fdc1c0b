#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: net_bridge_info
short_description: List Linux bridges with their ports, addresses and settings
version_added: 0.1.0
description:
  - Lists every bridge of the network namespace, or gets one by name, through netlink. Never changes anything.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.attributes.info_module
  - armhv.hypervisor.attributes.failures
options:
  name:
    description:
      - Only this bridge. The result is an empty list when it does not exist; an invalid interface name fails.
    type: str
  netns:
    description:
      - Look inside this EXISTING named network namespace. It is never created.
    type: str
requirements:
  - pyroute2 (Debian 12 C(python3-pyroute2) 0.7.2, or PyPI 0.9)
seealso:
  - module: armhv.hypervisor.net_bridge
'''

EXAMPLES = r'''
- name: All bridges
  armhv.hypervisor.net_bridge_info:
  register: found

- name: Ports of br0
  ansible.builtin.debug:
    msg: "{{ (found.bridges | selectattr('name', 'equalto', 'br0') | first).ports }}"
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
bridges:
  description: The bridges, sorted by name, each shaped like the C(bridge) return value of
    M(armhv.hypervisor.net_bridge) (without C(persisted)).
  returned: always
  type: list
  elements: dict
  sample:
    - name: br0
      ifindex: 4
      mtu: 1500
      mac_address: "02:00:00:aa:bb:cc"
      operstate: UP
      stp: true
      forward_delay: 4.0
      hello_time: 2.0
      max_age: 20.0
      ageing_time: 300.0
      priority: 32768
      vlan_filtering: false
      ports: [eth1]
      addresses: [198.18.0.1/24]
missing:
  description: What does not exist (its C(type) and C(name)), when RV(error) is V(not_found).
  returned: failure, when error is not_found
  type: dict
  sample: {type: instance, name: web1}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_interface_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.ops import list_bridges
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.netlink import (
    PYROUTE2_IMPORT_ERROR, open_netlink)


def main():
    module = AnsibleModule(argument_spec=dict(name=dict(type='str'), netns=dict(type='str')),
                           supports_check_mode=True)
    if PYROUTE2_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pyroute2'), exception=PYROUTE2_IMPORT_ERROR)
    try:
        if module.params['name'] is not None:
            check_interface_name(module.params['name'], 'bridge name')
        ipr = open_netlink(module.params['netns'])
        try:
            bridges = list_bridges(ipr, module.params['name'])
        finally:
            ipr.close()
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(changed=False, bridges=bridges)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: managed_network
short_description: Manage LXD and Incus managed networks (bridge, macvlan, physical)
version_added: 0.1.0
description:
  - Creates, changes and deletes a network the daemon manages. A V(bridge) network is a host bridge the
    daemon runs itself, with its own addresses, NAT, DHCP and DNS (dnsmasq) for the instances on it; a
    V(macvlan) or V(physical) network hands instances a host interface (O(config) C(parent)).
  - Use it for the instances' own networks. M(armhv.hypervisor.net_bridge) is for host bridges the host
    owns (uplinks, the management network, bridges other software uses); the daemon neither manages nor
    serves those, and a managed network cannot take the name of such an interface.
  - Only the O(config) keys the task names are enforced; V(null) removes a key. Values are compared as the
    daemon's strings.
  - On a cluster the network is created as the daemon asks, defined on every member first with the
    member's own keys (C(parent), C(bridge.external_interfaces), from O(config) or per member from
    O(member_config)), then created cluster-wide. Run the task on one member. If a step fails, the
    definitions are removed; if the daemon goes away midway, the network is left C(Pending) or
    C(Errored) and the next run deletes and creates it again (refused, with nothing changed, if anything
    uses it). On a cluster the member-specific keys apply at creation only.
  - A standalone daemon's network is created marked C(user.armhv.creating), and the mark goes once it
    exists, so the same recovery applies when the daemon stops during the creation.
  - An existing network is never rebuilt; a different O(type) fails.
  - A network instances or profiles use is not deleted; the task fails and names them.
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
      - The network's name. A bridge network is a host interface of that name, so the interface name
        rule applies (1 to 15 bytes of ASCII letters, digits, C(_), C(.) and C(-), not starting with C(-)).
    type: str
    required: true
  state:
    description:
      - V(present) creates or changes the network; V(absent) deletes it (refused while in use).
    type: str
    choices: [present, absent]
    default: present
  type:
    description:
      - The network's type. A new network without it is a V(bridge); an existing one of another type fails.
    type: str
    choices: [bridge, macvlan, physical]
  description:
    description:
      - The network's description; left as it is when omitted.
    type: str
  config:
    description:
      - The network's keys, such as C(ipv4.address) (V(198.18.24.1/24), V(auto) or V(none)), C(ipv4.nat),
        C(ipv4.dhcp.ranges), C(ipv6.address), C(dns.domain), C(bridge.mtu), C(parent) (macvlan, physical),
        C(security.acls) (the network ACLs applied to every instance on a bridge network).
      - Only the keys named here are enforced; V(null) removes a key.
    type: dict
  member_config:
    description:
      - On a cluster, each member's own keys by member name (C(parent), C(bridge.external_interfaces)),
        applied when the network is created; they override the same keys in O(config).
    type: dict
seealso:
  - module: armhv.hypervisor.managed_network_info
  - module: armhv.hypervisor.network_acl
  - module: armhv.hypervisor.network_forward
  - module: armhv.hypervisor.net_bridge
'''

EXAMPLES = r'''
- name: A bridge with DHCP and NAT for the instances
  armhv.hypervisor.managed_network:
    name: armhvnet0
    config:
      ipv4.address: 198.18.24.1/24
      ipv4.nat: true
      ipv4.dhcp.ranges: 198.18.24.100-198.18.24.199
      ipv6.address: none
      dns.domain: instances.internal

- name: Instances straight on the LAN through each member's own uplink
  armhv.hypervisor.managed_network:
    name: lan
    type: macvlan
    member_config:
      board1: {parent: end0}
      board2: {parent: eth0}

- name: Delete a network nothing uses
  armhv.hypervisor.managed_network:
    name: armhvnet0
    state: absent
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: conflict
actions:
  description: What was done (or, in check mode, would be done), from V(delete) (also of a half-made network), V(create), V(update).
  returned: always
  type: list
  elements: str
  sample: [create]
network:
  description: The network after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    type:
      description: V(bridge), V(macvlan) or V(physical).
      type: str
    description:
      description: Description.
      type: str
    status:
      description: Status as the daemon reports it, for example V(Created).
      type: str
    config:
      description: The network's keys, including those the daemon filled in (such as a generated C(ipv6.address)).
      type: dict
    used_by:
      description: API paths of the instances and profiles that use the network.
      type: list
      elements: str
    locations:
      description: Cluster members the network is defined on (V(none) on a standalone daemon).
      type: list
      elements: str
  sample:
    name: armhvnet0
    type: bridge
    description: ""
    status: Created
    config: {ipv4.address: 198.18.24.1/24, ipv4.nat: "true", ipv6.address: none}
    used_by: [/1.0/profiles/default]
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import ensure_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.ops import ensure_network
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.spec import NETWORK_OPTIONS, request_from_params


ARGUMENT_SPEC = dict(NETWORK_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    ensure_main(module, request_from_params, ensure_network)


if __name__ == '__main__':
    main()

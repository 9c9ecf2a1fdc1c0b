#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: network_acl
short_description: Manage LXD and Incus network ACLs
version_added: 0.1.0
description:
  - Creates, changes and deletes a network ACL, its ingress and egress rules as the daemon's own rule objects.
  - An ACL does nothing until it is applied, through a network's C(security.acls) key
    (M(armhv.hypervisor.managed_network)) or a NIC device's C(security.acls). Once any ACL applies to a
    NIC, the daemon rejects the traffic no rule allows (a default reject), in both directions, unless the
    network's or NIC's C(security.acls.default.ingress.action) / C(security.acls.default.egress.action)
    say otherwise. So an ACL with only a V(drop) rule, applied to a network, also cuts everything else;
    add the V(allow) rules the instances need (DNS and DHCP to the bridge are let through by the daemon).
  - On a V(bridge) network the rules apply between the bridge and the host (traffic to and from other
    networks), not between instances on the same bridge, and subject name selectors are not available.
  - Rules are matched by their action (V(drop), then V(reject), then V(allow)), not by their order in the
    list. A rule list given here replaces the ACL's list of that direction; a list left out is left alone.
  - An ACL that networks or instances use is not deleted; the task fails and names them.
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
      - The ACL's name; 1 to 63 ASCII letters, digits and C(-), not starting with a digit or C(-), not ending with C(-).
    type: str
    required: true
  state:
    description:
      - V(present) creates or changes the ACL; V(absent) deletes it (refused while in use).
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - The ACL's description; left as it is when omitted.
    type: str
  ingress:
    description:
      - Rules for traffic towards the instances. Each is a dict of C(action) (V(allow), V(reject), V(drop);
        required), C(source), C(destination) (comma-separated addresses, CIDR ranges or address ranges),
        C(protocol) (V(tcp), V(udp), V(icmp4), V(icmp6)), C(source_port), C(destination_port), C(icmp_type),
        C(icmp_code), C(description) and C(state) (V(enabled) by default, V(disabled) or V(logged)).
        A field left out matches anything.
    type: list
    elements: dict
  egress:
    description:
      - Rules for traffic from the instances, shaped like O(ingress).
    type: list
    elements: dict
  config:
    description:
      - C(user.*) keys (the only ones an ACL takes). Only the keys named are enforced; V(null) removes one.
    type: dict
seealso:
  - module: armhv.hypervisor.network_acl_info
  - module: armhv.hypervisor.managed_network
'''

EXAMPLES = r'''
- name: Web instances take HTTP and HTTPS from anywhere and reach only DNS and the package mirror
  armhv.hypervisor.network_acl:
    name: web
    ingress:
      - {action: allow, protocol: tcp, destination_port: "80,443"}
    egress:
      - {action: allow, protocol: udp, destination_port: "53"}
      - {action: allow, protocol: tcp, destination: 198.18.30.10, destination_port: "80,443"}

- name: Apply it to every instance on the bridge
  armhv.hypervisor.managed_network:
    name: armhvnet0
    config:
      security.acls: web
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
acl:
  description: The ACL after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    description:
      description: Description.
      type: str
    ingress:
      description: Ingress rules, each with every field (V("") where it matches anything).
      type: list
      elements: dict
    egress:
      description: Egress rules, shaped like RV(acl.ingress).
      type: list
      elements: dict
    config:
      description: The ACL's keys.
      type: dict
    used_by:
      description: API paths of the networks and instances the ACL applies to.
      type: list
      elements: str
  sample:
    name: web
    description: ""
    ingress:
      - {action: allow, source: "", destination: "", protocol: tcp, source_port: "", destination_port: "80,443",
         icmp_type: "", icmp_code: "", description: "", state: enabled}
    egress: []
    config: {}
    used_by: [/1.0/networks/armhvnet0]
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.ops import ensure_acl
from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.spec import ACL_OPTIONS, request_from_params


ARGUMENT_SPEC = dict(ACL_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    ensure_main(module, request_from_params, ensure_acl)


if __name__ == '__main__':
    main()

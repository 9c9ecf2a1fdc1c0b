#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: network_forward
short_description: Manage LXD and Incus network forwards (a listen address to instance addresses)
version_added: 0.1.0
description:
  - Creates, changes and deletes a forward on a managed V(bridge) network - traffic to O(listen_address)
    (an address outside the bridge's subnet that reaches this host, for example one routed to it) goes to an
    instance's address on the bridge, for all ports (O(target_address)) or per port (O(ports)).
  - A forward is known by its network and listen address. The O(ports) list given here replaces the
    forward's list; left out, it is left alone.
  - Give the instance a fixed address (its NIC's C(ipv4.address)) so the forward keeps reaching it.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  network:
    description:
      - The managed bridge network the forward belongs to.
    type: str
    required: true
  listen_address:
    description:
      - The address the forward listens on (IPv4 or IPv6).
    type: str
    required: true
  state:
    description:
      - V(present) creates or changes the forward; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - The forward's description; left as it is when omitted.
    type: str
  target_address:
    description:
      - Where traffic to any port not in O(ports) goes (the forward's C(target_address) key).
    type: str
  ports:
    description:
      - Per-port forwards, each a dict of C(protocol) (V(tcp) or V(udp)), C(listen_port) (a port, a range
        V(8000-8010) or a comma-separated list), C(target_address), C(target_port) (default the listen
        port) and C(description).
    type: list
    elements: dict
seealso:
  - module: armhv.hypervisor.network_forward_info
  - module: armhv.hypervisor.managed_network
'''

EXAMPLES = r'''
- name: HTTP on 198.18.25.10 goes to the web instance
  armhv.hypervisor.network_forward:
    network: armhvnet0
    listen_address: 198.18.25.10
    ports:
      - {protocol: tcp, listen_port: 80, target_address: 198.18.24.10, target_port: 8080}
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
forward:
  description: The forward after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    network:
      description: Its network.
      type: str
    listen_address:
      description: The address it listens on.
      type: str
    description:
      description: Description.
      type: str
    config:
      description: The forward's keys (C(target_address) for ports not listed).
      type: dict
    ports:
      description: Per-port forwards, each with every field (V("") where unset).
      type: list
      elements: dict
    location:
      description: The cluster member it lives on, when the daemon says (else V("")).
      type: str
  sample:
    network: armhvnet0
    listen_address: 198.18.25.10
    description: ""
    config: {}
    ports: [{protocol: tcp, listen_port: "80", target_address: 198.18.24.10, target_port: "8080", description: ""}]
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import ensure_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.ops import ensure_forward
from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.spec import FORWARD_OPTIONS, request_from_params


ARGUMENT_SPEC = dict(FORWARD_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    ensure_main(module, request_from_params, ensure_forward)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: net_bridge
short_description: Manage Linux bridges through netlink, persisted across reboot
version_added: 0.1.0
description:
  - Creates, configures and deletes Linux bridges with netlink (pyroute2), without calling C(ip).
  - Declarative for what the task names. Ports not listed in O(ports) are left attached unless
    O(purge_ports) is set, because LXD attaches instances' veths to bridges at run time.
  - With O(persist), also writes the configuration that recreates the same bridge at boot, for the
    network backend the host uses, and shows drift between the running bridge and those files in C(--diff).
  - A failure midway puts the bridge (and the persisted files) back as they were.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
options:
  name:
    description:
      - Name of the bridge. An interface name of 1 to 15 ASCII letters, digits, C(_), C(.) and C(-),
        and not C(.) or C(..). Other characters are refused (the kernel expands C(%d) into a number).
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the bridge and brings it and its listed ports up.
      - V(absent) deletes it. While ports that O(ports) does not list are attached, it refuses unless O(force).
    type: str
    choices: [present, absent]
    default: present
  ports:
    description:
      - Interfaces to attach. Each must exist, or the task fails before anything changes.
        Ports attached but not listed are left alone unless O(purge_ports).
    type: list
    elements: str
  purge_ports:
    description:
      - Detach ports that O(ports) does not list.
    type: bool
    default: false
  addresses:
    description:
      - Addresses with prefix length (V(198.18.0.1/24), V(fd00::1/64)). Omitted, addresses are not
        managed; a list means exactly these (IPv6 link-local addresses are ignored).
    type: list
    elements: str
  mtu:
    description:
      - MTU in bytes. Set after the ports are attached, since attaching a port resets the MTU.
    type: int
  stp:
    description:
      - Spanning tree protocol on or off.
    type: bool
  forward_delay:
    description:
      - STP forward delay in seconds (2 to 30). Netlink counts centiseconds; this module converts.
    type: float
  hello_time:
    description:
      - STP hello time in seconds (1 to 10).
    type: float
  max_age:
    description:
      - STP maximum message age in seconds (6 to 40).
    type: float
  ageing_time:
    description:
      - MAC address ageing time in seconds.
    type: float
  priority:
    description:
      - Bridge priority (0 to 65535; lower wins the root election).
    type: int
  vlan_filtering:
    description:
      - VLAN filtering on the bridge. Needs a kernel with bridge VLAN filtering.
    type: bool
  mac_address:
    description:
      - MAC address of the bridge (unicast, like V(02:00:00:aa:bb:cc)).
    type: str
  netns:
    description:
      - Work inside this EXISTING named network namespace (C(/var/run/netns/NAME)). The module never
        creates a namespace. Requires O(persist=false).
    type: str
  persist:
    description:
      - Also write the configuration that recreates the bridge at boot (and remove it with V(absent)).
    type: bool
    default: true
  persist_backend:
    description:
      - How the host configures its network at boot. V(auto) detects it (netplan files, NetworkManager,
        enabled systemd-networkd, C(/etc/network/interfaces), in that order) and fails when none is found.
      - netplan cannot express O(vlan_filtering).
    type: str
    choices: [auto, systemd-networkd, ifupdown, netplan, networkmanager]
    default: auto
  persist_root:
    description:
      - Directory the persisted files are written under (their paths are relative to it), for image
        builds and tests.
    type: path
    default: /
  force:
    description:
      - With V(absent), delete the bridge even while ports the task does not list are attached.
      - With V(present), attach a port that carries a default route (the host's uplink) even without
        O(confirm_timeout). Without either, such a port is refused before anything changes, because attached to a
        bridge it takes the host's own connection with it.
    type: bool
    default: false
  confirm_timeout:
    description:
      - Opt-in confirm-or-revert, for a bridge that carries the management address. Before changing
        anything, arm a revert that puts the bridge and its persisted files back after this many
        seconds unless a later task confirms with O(confirm). The revert runs as a detached process
        holding the previous state (under C(/run/armhv)), so it does not depend on the module's
        connection, which may die with the change.
      - Armed only when the task changes something; the result's C(revert) says V(armed). Not with
        O(state=absent).
    type: int
  confirm:
    description:
      - Confirm (disarm) a revert armed by an earlier task for this bridge. The result's C(revert) says
        V(confirmed), V(reverted) when it had already run, or V(none).
    type: bool
    default: false
requirements:
  - pyroute2 (Debian 12 C(python3-pyroute2) 0.7.2, or PyPI 0.9)
seealso:
  - module: armhv.hypervisor.net_bridge_info
'''

EXAMPLES = r'''
- name: A bridge for instances, with an address, persisted for the host's network backend
  armhv.hypervisor.net_bridge:
    name: br0
    ports: [eth1]
    addresses: [198.18.0.1/24]
    stp: true
    forward_delay: 4

- name: Exactly these ports, others detached
  armhv.hypervisor.net_bridge:
    name: br0
    ports: [eth1, eth2]
    purge_ports: true

- name: A bridge in an existing network namespace (no persistence there)
  armhv.hypervisor.net_bridge:
    name: br-test
    netns: lab1
    persist: false
    mtu: 9000

- name: Move the management address onto a bridge; revert unless the host is still reachable
  armhv.hypervisor.net_bridge:
    name: br0
    ports: [eth0]
    addresses: [198.18.0.10/24]
    confirm_timeout: 120

- name: Reconnect (a new connection proves the host is reachable), then confirm
  ansible.builtin.meta: reset_connection

- name: Confirm
  armhv.hypervisor.net_bridge:
    name: br0
    ports: [eth0]
    addresses: [198.18.0.10/24]
    confirm: true

- name: Delete, even with instances still attached
  armhv.hypervisor.net_bridge:
    name: br0
    state: absent
    force: true
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
actions:
  description:
    - Everything done (or, in check mode, to do), in order, the same way the other modules report it.
      The netlink steps as in RV(steps), then C(write PATH) and C(remove PATH) for persisted files (paths
      relative to O(persist_root)), then C(confirm) when O(confirm) disarmed a revert.
  returned: always
  type: list
  elements: str
  sample: [create br0, attach eth1, up br0, write etc/systemd/network/50-armhv-br0.netdev]
bridge:
  description: The bridge after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    ifindex:
      description: Interface index (null when not created yet).
      type: int
    mtu:
      description: MTU in bytes.
      type: int
    mac_address:
      description: MAC address.
      type: str
    operstate:
      description: Operational state as the kernel reports it, for example V(UP) or V(DOWN).
      type: str
    stp:
      description: Whether STP is on.
      type: bool
    forward_delay:
      description: STP forward delay in seconds.
      type: float
    hello_time:
      description: STP hello time in seconds.
      type: float
    max_age:
      description: STP maximum message age in seconds.
      type: float
    ageing_time:
      description: MAC address ageing time in seconds.
      type: float
    priority:
      description: Bridge priority.
      type: int
    vlan_filtering:
      description: Whether VLAN filtering is on.
      type: bool
    ports:
      description: Attached ports, sorted.
      type: list
      elements: str
    addresses:
      description: Addresses with prefix length, sorted.
      type: list
      elements: str
    persisted:
      description: Persisted files (absolute paths), when O(persist) is set.
      type: list
      elements: str
revert:
  description:
    - Confirm-or-revert state. V(armed) when O(confirm_timeout) armed a revert, V(confirmed) when
      O(confirm) disarmed one, V(reverted) when O(confirm) found it had already run, else V(none).
  returned: always
  type: str
  sample: armed
steps:
  description: The netlink steps taken (or, in check mode, to take), in order.
  returned: always
  type: list
  elements: str
  sample: [create br0, set stp True, attach eth1, add_address 198.18.0.1/24, up br0]
missing:
  description: What does not exist (its C(type) and C(name)), when RV(error) is V(not_found).
  returned: failure, when error is not_found
  type: dict
  sample: {type: instance, name: web1}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.spec import BRIDGE_OPTIONS, request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.ops import ensure_bridge
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.netlink import PYROUTE2_IMPORT_ERROR, open_netlink
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import module_result

ARGUMENT_SPEC = BRIDGE_OPTIONS


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYROUTE2_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pyroute2'), exception=PYROUTE2_IMPORT_ERROR)
    try:
        request = request_from_params(module.params)
        ipr = open_netlink(request['netns'])
        try:
            result = ensure_bridge(ipr, request, module.check_mode)
        finally:
            ipr.close()
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(**module_result(module, result))


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: lxc_container
short_description: Manage LXD containers and virtual machines
version_added: 0.1.0
description:
  - Create, configure, start, stop, restart, freeze and delete LXD instances (containers and virtual
    machines) through the LXD REST API with pylxd.
  - Only what the task names is enforced. Keys of O(config) and devices of O(devices) that the task does
    not name are left alone, and LXD's C(volatile.*) keys are never compared.
  - A failed create leaves no instance behind, and a failed start after a configuration change puts the
    old configuration back.
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
      - Name of the instance.
      - 1 to 63 characters, only ASCII letters, digits and C(-), not starting with a digit or C(-) and not
        ending with C(-). Other names fail before any call to LXD.
    type: str
    required: true
  state:
    description:
      - V(started), V(stopped) and V(frozen) are the wanted run state. V(frozen) starts a stopped instance
        first.
      - V(restarted) always restarts a running instance (and always reports a change); a stopped one is
        started.
      - V(present) makes sure the instance exists and leaves its run state alone; a new one stays stopped.
      - V(absent) stops (forcibly) and deletes the instance.
      - A missing instance is created when O(image) is given; without O(image) the task fails.
    type: str
    choices: [started, stopped, restarted, frozen, present, absent]
    default: started
  type:
    description:
      - Kind of instance to create. Defaults to V(container) at creation.
      - Only applies at creation; an existing instance of another type makes the task fail.
    type: str
    choices: [container, virtual-machine]
  image:
    description:
      - Image to create the instance from. Only used at creation.
      - Without O(image_server) the local image store is searched, first for an alias of that name, then
        for a fingerprint (12 to 64 lowercase hex digits, a prefix is enough). An image found neither way
        fails the task before anything is created.
      - With O(image_server), a value of 12 to 64 lowercase hex digits is a fingerprint and anything else
        an alias on that server.
      - V(remote:alias), as LXD's and Incus' clients name images (V(images:debian/12)), pulls the alias
        (or fingerprint) from a remote of O(remotes) or the built-in V(images) remote. The daemon that
        creates the instance downloads the image for its own architecture, so on a cluster the image
        suits the member the instance lands on. Check mode never contacts the remote.
    type: str
  image_server:
    description:
      - Image server to pull O(image) from, for example V(https://images.linuxcontainers.org).
      - Mutually exclusive with a V(remote:alias) O(image).
    type: str
  image_protocol:
    description:
      - Protocol of O(image_server). Defaults to V(simplestreams).
    type: str
    choices: [simplestreams, lxd]
  remotes:
    description:
      - Image remotes by name, for O(image) given as V(remote:alias); each a dict of C(server) (an
        C(https://) URL), C(protocol) (V(simplestreams), the default, or V(lxd), the daemons' own REST protocol, which
        Incus calls C(incus)) and, for a server whose
        certificate no public authority signs, C(certificate) (its PEM certificate, which the daemon then
        pins).
      - The V(images) remote is built in as the daemon's own image server (LXD
        U(https://images.lxd.canonical.com), Incus U(https://images.linuxcontainers.org), both
        simplestreams); declaring V(images) here points it elsewhere, such as a mirror.
      - Remotes are this task's (client-side) names, not the daemon's configuration.
    type: dict
  config:
    description:
      - Instance configuration keys to enforce, for example V(limits.cpu) or V(security.nesting).
      - Values are sent as LXD strings (V(true) becomes C("true"), V(2) becomes C("2")) so that they compare
        equal on the next run. A key given as V(null) is removed. Keys not named are left alone.
    type: dict
  devices:
    description:
      - Devices to enforce, by name. Each named device is compared whole with the one LXD has; a device
        given as V(null) is removed. Devices not named are left alone.
    type: dict
  profiles:
    description:
      - The exact, ordered list of profiles. Not set means LXD's default at creation and no change later.
    type: list
    elements: str
  description:
    description:
      - Description of the instance.
    type: str
  ephemeral:
    description:
      - Whether the instance is deleted when it stops.
    type: bool
  target:
    description:
      - Cluster member to create the instance on. Only applies at creation; an existing instance elsewhere
        is not moved and a warning says so.
    type: str
  force_stop:
    description:
      - Stop (and restart) forcibly instead of asking the instance to shut down.
    type: bool
    default: false
  stop_timeout:
    description:
      - Seconds a graceful stop or restart may take before the task fails.
    type: int
    default: 30
  wait_for_ipv4:
    description:
      - When the instance ends up running, wait up to O(timeout) seconds until it has a global IPv4 address,
        and return its addresses.
    type: bool
    default: false
    aliases: [wait_for_ipv4_addresses]
notes:
  - An instance being created carries the config key C(user.armhv.creating) until LXD has made it. One
    that still has it was left half made (LXD stopped during its creation), and the next run deletes it and
    creates it again, with a warning. Do not set that key yourself.
  - In check mode nothing is created, so a task on an instance that an earlier task of the same run
    would create (this module or M(armhv.hypervisor.lxc_containers)) does not find it. Such a task
    predicts a change (C(actions) V(change after create)) and says so in C(note) instead of failing;
    an instance no earlier task would create still fails.
seealso:
  - module: armhv.hypervisor.lxc_container_info
'''

EXAMPLES = r'''
- name: A container from a local image, running
  armhv.hypervisor.lxc_container:
    name: web1
    image: debian-12
    config:
      limits.cpu: 2
      limits.memory: 1GiB
      boot.autostart: true
    devices:
      eth0:
        type: nic
        network: lxdbr0
        name: eth0
    wait_for_ipv4: true

- name: Debian 12 from the images remote, for the architecture of the member it lands on
  armhv.hypervisor.lxc_container:
    name: web2
    image: images:debian/12
    target: board3

- name: From an in-house mirror declared as a remote
  armhv.hypervisor.lxc_container:
    name: web3
    image: mirror:debian/12
    remotes:
      mirror: {server: "https://images.example.internal", protocol: simplestreams}

- name: A virtual machine from an image server, on a given cluster member, left stopped
  armhv.hypervisor.lxc_container:
    name: vm1
    type: virtual-machine
    image: debian/12
    image_server: https://images.linuxcontainers.org
    target: node2
    state: stopped

- name: Remove a config key and a device, keep everything else
  armhv.hypervisor.lxc_container:
    name: web1
    state: present
    config:
      limits.memory: null
    devices:
      data: null

- name: One connection for every LXD module of the play
  module_defaults:
    group/armhv.hypervisor.lxd:
      url: https://198.18.0.10:8443
      client_cert: /etc/armhv/client.crt
      client_key: /etc/armhv/client.key
      server_cert: /etc/armhv/lxd-server.crt
  block:
    - name: Restart forcibly
      armhv.hypervisor.lxc_container:
        name: web1
        state: restarted
        force_stop: true

- name: Delete
  armhv.hypervisor.lxc_container:
    name: web1
    state: absent
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
actions:
  description: What was done (or, in check mode, would be done), in order.
  returned: always
  type: list
  elements: str
  sample: [create, start]
note:
  description: In check mode, why a change is predicted without comparing keys (the instance does not exist
    yet, and an earlier task of the run would create it).
  returned: in check mode, on an instance an earlier task of the run would create
  type: str
  sample: "instance web1 does not exist yet: an earlier task of this run would create it (check mode), so this
    task predicts a change without comparing keys"
instance:
  description:
    - The instance after the task; in check mode, as predicted. Empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
      sample: web1
    status:
      description: Run status as LXD spells it.
      type: str
      sample: Running
    type:
      description: V(container) or V(virtual-machine).
      type: str
    architecture:
      description: Architecture, for example V(aarch64). Unknown (null) for an instance not created yet.
      type: str
      sample: aarch64
    location:
      description: Cluster member it runs on (V(none) when not clustered).
      type: str
    config:
      description: The instance's own configuration (not expanded from profiles), C(volatile.*) included.
      type: dict
    devices:
      description: The instance's own devices.
      type: dict
    profiles:
      description: Profiles, in order.
      type: list
      elements: str
    description:
      description: Description.
      type: str
    ephemeral:
      description: Whether it is deleted when it stops.
      type: bool
    created_at:
      description: Creation time as LXD reports it.
      type: str
    addresses:
      description:
        - Global addresses by interface, loopback and link-local left out.
        - Read only with O(wait_for_ipv4), otherwise empty. Reading them costs LXD about 20 times
          what reading the instance costs, so the no-op path does not;
          M(armhv.hypervisor.lxc_container_info) always returns them.
      type: dict
      sample: {eth0: [198.18.10.23]}
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
  sample: {type: instance, name: web1}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.spec import INSTANCE_OPTIONS, request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import ensure_instance
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import module_result
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import (
    PYLXD_IMPORT_ERROR, lxd_connect)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC

ARGUMENT_SPEC = dict(INSTANCE_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)
    try:
        request = request_from_params(module.params)
        api = lxd_connect(module.params)
        result = ensure_instance(api, request, module.check_mode)
        result.update(api.identity())
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(**module_result(module, result))


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: instance_snapshot
short_description: Take, expire, restore and delete snapshots of LXD and Incus instances
version_added: 0.1.0
description:
  - Takes a snapshot of an instance, sets when it expires (the daemon deletes it then), restores the
    instance from it, or deletes it, in the connection's O(project).
  - On a cluster the daemon sends each request to the member the instance is on, so one task on any member
    is enough.
  - For snapshots on a schedule, set the instance's C(snapshots.schedule) (cron syntax or C(@daily)),
    C(snapshots.expiry) and C(snapshots.pattern) with M(armhv.hypervisor.lxc_container) or a profile; the
    daemon takes and expires those itself.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
  - armhv.hypervisor.snapshot
options:
  instance:
    description:
      - The instance; it must exist.
    type: str
    required: true
  name:
    description:
      - The snapshot's name; 1 to 63 ASCII letters, digits, C(-), C(_) and C(.), starting with a letter or digit.
    type: str
    required: true
  state:
    description:
      - V(present) takes the snapshot when it does not exist, and sets O(expires_at) on one that does.
      - V(absent) deletes it.
      - V(restored) restores the instance from the snapshot (a running instance is stopped for it and
        started again). It does so on every run and reports a change each time, as nothing tells whether the
        instance still holds what the snapshot holds; in check mode it only predicts.
    type: str
    choices: [present, absent, restored]
    default: present
  stateful:
    description:
      - Also save the running instance's memory (the daemon needs CRIU for containers; it refuses otherwise).
        Used when the snapshot is taken; restoring a stateful snapshot brings the memory back.
    type: bool
    default: false
seealso:
  - module: armhv.hypervisor.instance_snapshot_info
  - module: armhv.hypervisor.lxc_container
'''

EXAMPLES = r'''
- name: A snapshot before the upgrade, kept three days
  armhv.hypervisor.instance_snapshot:
    instance: db1
    name: before-upgrade
    expiry: 3d

- name: Keep it for good
  armhv.hypervisor.instance_snapshot:
    instance: db1
    name: before-upgrade
    expires_at: never

- name: The upgrade went wrong, go back
  armhv.hypervisor.instance_snapshot:
    instance: db1
    name: before-upgrade
    state: restored

- name: Or snapshot every night and keep each a week, done by the daemon
  armhv.hypervisor.lxc_container:
    name: db1
    config:
      snapshots.schedule: "@daily"
      snapshots.expiry: 1w
      snapshots.pattern: nightly-%d

- name: Delete the snapshot
  armhv.hypervisor.instance_snapshot:
    instance: db1
    name: before-upgrade
    state: absent
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
actions:
  description: What was done (or, in check mode, would be done), from V(create), V(update), V(restore), V(delete).
  returned: always
  type: list
  elements: str
  sample: [create]
snapshot:
  description: The snapshot after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    instance:
      description: The instance it belongs to.
      type: str
    created_at:
      description: When it was taken, as the daemon says; null for one check mode predicts.
      type: str
    expires_at:
      description: When the daemon deletes it; null when it never expires.
      type: str
    stateful:
      description: Whether it holds the instance's memory.
      type: bool
  sample:
    name: before-upgrade
    instance: db1
    created_at: "2026-12-07T09:18:19.885647299Z"
    expires_at: "2026-12-10T09:18:19Z"
    stateful: false
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
  sample: {type: instance, name: db1}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import ensure_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.ops import ensure_snapshot
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.spec import SNAPSHOT_OPTIONS, request_from_params


ARGUMENT_SPEC = dict(SNAPSHOT_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True,
                           mutually_exclusive=[('expires_at', 'expiry')])
    ensure_main(module, request_from_params, ensure_snapshot)


if __name__ == '__main__':
    main()

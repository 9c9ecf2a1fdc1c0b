#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: storage_volume_snapshot
short_description: Take, expire, restore and delete snapshots of LXD and Incus custom storage volumes
version_added: 0.1.0
description:
  - Takes a snapshot of a custom storage volume, sets when it expires (the daemon deletes it then), restores
    the volume from it, or deletes it, in the connection's O(project).
  - For snapshots on a schedule, set the volume's C(snapshots.schedule), C(snapshots.expiry) and
    C(snapshots.pattern) with M(armhv.hypervisor.storage_volume); the daemon takes and expires those itself.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
  - armhv.hypervisor.snapshot
options:
  pool:
    description:
      - The storage pool that holds the volume.
    type: str
    required: true
  volume:
    description:
      - The custom volume; it must exist.
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
      - V(restored) restores the volume from the snapshot, on every run (a change each time, as nothing tells
        whether the volume still holds what the snapshot holds). The daemon refuses while a running instance
        uses the volume; detach it or stop the instance first.
    type: str
    choices: [present, absent, restored]
    default: present
  target:
    description:
      - On a cluster, the member the volume is on, for a pool local to each member.
    type: str
seealso:
  - module: armhv.hypervisor.storage_volume_snapshot_info
  - module: armhv.hypervisor.storage_volume
'''

EXAMPLES = r'''
- name: A snapshot of the database volume before the migration, kept a week
  armhv.hypervisor.storage_volume_snapshot:
    pool: default
    volume: pgdata
    name: before-migration
    expiry: 1w

- name: Roll the volume back (its instance stopped or the volume detached)
  armhv.hypervisor.storage_volume_snapshot:
    pool: default
    volume: pgdata
    name: before-migration
    state: restored
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
      description: Name (without the volume's).
      type: str
    pool:
      description: The volume's pool.
      type: str
    volume:
      description: The volume it belongs to.
      type: str
    created_at:
      description: When it was taken, as the daemon says; null for one check mode predicts.
      type: str
    expires_at:
      description: When the daemon deletes it; null when it never expires.
      type: str
    stateful:
      description: Always false for a volume.
      type: bool
  sample:
    name: before-migration
    pool: default
    volume: pgdata
    created_at: "2026-12-07T09:18:17.208786216Z"
    expires_at: "2026-12-14T09:18:17Z"
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
  sample: {type: storage volume, name: default/pgdata}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import ensure_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.ops import ensure_snapshot
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.spec import (
    VOLUME_SNAPSHOT_OPTIONS, volume_request_from_params)


ARGUMENT_SPEC = dict(VOLUME_SNAPSHOT_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True,
                           mutually_exclusive=[('expires_at', 'expiry')])
    ensure_main(module, volume_request_from_params, ensure_snapshot)


if __name__ == '__main__':
    main()

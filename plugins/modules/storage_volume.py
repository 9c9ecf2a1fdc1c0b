#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: storage_volume
short_description: Manage custom storage volumes of LXD and Incus
version_added: 0.1.0
description:
  - Creates, changes and deletes a custom storage volume (a data disk that outlives the instances it is
    attached to) in a storage pool, in the connection's O(project).
  - Only the O(config) keys the task names are enforced; a key given as V(null) is removed. Values are
    compared as the daemon's strings.
  - An instance attaches a volume through its devices (O(armhv.hypervisor.lxc_container#module:devices)
    or a profile's), as a C(disk) device with C(pool), C(source) (the volume's name) and, for a
    filesystem volume, C(path).
  - A volume attached to an instance or used by a profile is not deleted; the task fails and names them.
  - On a cluster, a volume in a pool local to each member (C(dir), C(btrfs), C(zfs), C(lvm)) lives on one
    member, named by O(target); a volume in a shared pool (C(ceph)) is reached from any member.
  - Snapshots of a volume are taken, expired and restored with M(armhv.hypervisor.storage_volume_snapshot),
    or on the daemon's own schedule with C(snapshots.schedule) and C(snapshots.expiry) in O(config) (the
    same expressions as an instance's).
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
      - The volume's name; 1 to 63 ASCII letters, digits, C(-), C(_) and C(.), starting with a letter or digit.
    type: str
    required: true
  pool:
    description:
      - The storage pool that holds the volume; it must exist (M(armhv.hypervisor.storage_pool)).
    type: str
    required: true
  state:
    description:
      - V(present) creates or changes the volume; V(absent) deletes it with its snapshots (refused while it
        is attached).
    type: str
    choices: [present, absent]
    default: present
  content_type:
    description:
      - V(filesystem) (mounted at a device's C(path) in containers and virtual machines) or V(block) (a raw
        disk, for virtual machines).
      - Used when the volume is created, V(filesystem) when omitted; an existing volume of the other type
        fails the task (a volume is never remade).
    type: str
    choices: [filesystem, block]
  size:
    description:
      - The volume's size, such as C(10GiB); the same as the C(size) key of O(config). Whether it can be
        changed later, and made smaller, is up to the pool's driver.
    type: str
  config:
    description:
      - Volume configuration keys, such as C(snapshots.expiry), C(security.shifted) or C(block.filesystem).
      - Only the keys named here are enforced; V(null) removes a key.
    type: dict
  description:
    description:
      - The volume's description; left as it is when omitted.
    type: str
  target:
    description:
      - On a cluster, the member the volume is on (created on, for a new one) in a pool local to each member.
      - Omitted on a standalone daemon, and for a shared pool.
    type: str
notes:
  - In a project with C(features.storage.volumes) off the volumes are the C(default) project's.
seealso:
  - module: armhv.hypervisor.storage_volume_info
  - module: armhv.hypervisor.storage_volume_snapshot
  - module: armhv.hypervisor.storage_pool
  - module: armhv.hypervisor.lxc_container
'''

EXAMPLES = r'''
- name: A 10 GiB data volume for the database, snapshotted every night and kept a week
  armhv.hypervisor.storage_volume:
    name: pgdata
    pool: default
    size: 10GiB
    config:
      snapshots.schedule: "@daily"
      snapshots.expiry: 7d

- name: Attach it to the database container at /var/lib/postgresql
  armhv.hypervisor.lxc_container:
    name: db1
    devices:
      pgdata: {type: disk, pool: default, source: pgdata, path: /var/lib/postgresql}

- name: A volume on one member of a cluster (a pool local to each member)
  armhv.hypervisor.storage_volume:
    name: scratch
    pool: local
    target: board2

- name: Detach it first (null removes the device), then delete the volume
  armhv.hypervisor.lxc_container:
    name: db1
    devices:
      pgdata: null

- name: Delete the volume
  armhv.hypervisor.storage_volume:
    name: pgdata
    pool: default
    state: absent
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
volume:
  description: The volume after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    pool:
      description: The storage pool that holds it.
      type: str
    description:
      description: Description.
      type: str
    config:
      description: The volume's configuration keys.
      type: dict
    content_type:
      description: V(filesystem) or V(block).
      type: str
    location:
      description: The cluster member it is on; V(none) on a standalone daemon or in a shared pool.
      type: str
    used_by:
      description: API paths of the instances and profiles that attach it.
      type: list
      elements: str
  sample:
    name: pgdata
    pool: default
    description: ''
    config: {size: 10GiB, snapshots.expiry: 7d}
    content_type: filesystem
    location: none
    used_by: [/1.0/instances/db1]
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
  sample: {type: pool, name: fast}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import ensure_main
from ansible_collections.armhv.hypervisor.plugins.module_utils._volume.ops import ensure_volume
from ansible_collections.armhv.hypervisor.plugins.module_utils._volume.spec import VOLUME_OPTIONS, request_from_params


ARGUMENT_SPEC = dict(VOLUME_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    ensure_main(module, request_from_params, ensure_volume)


if __name__ == '__main__':
    main()

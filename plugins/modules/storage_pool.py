#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: storage_pool
short_description: Manage LXD storage pools
version_added: 0.1.0
description:
  - Creates, configures and deletes LXD storage pools (drivers C(dir), C(btrfs), C(lvm), C(zfs)).
  - C(nfs) and C(cifs) pools are an NFS export or CIFS share mounted on the host where the task runs,
    persistently (a systemd mount unit where systemd runs, else an C(/etc/fstab) line, both with
    C(_netdev)), with an LXD C(dir) pool in a directory of the share named after the LXD server
    (C(<mount_path>/<server name>)). If the share is missing at boot, LXD finds no directory and fails
    rather than writing to the local disk.
  - The module verifies in C(/proc/self/mountinfo) that the share itself is mounted there before it
    creates or uses the pool. When it is not, the task fails and removes what it made (unit or fstab
    line, credentials file, mount point).
  - On a cluster, run an nfs or cifs pool task on every member, as the storage role does. Each run mounts
    the share on its member and defines the pool there; the run that completes the set creates the pool.
  - O(state=absent) with O(driver=nfs) or O(driver=cifs) deletes the pool (refused while in use), then
    unmounts the share and removes the unit or fstab line, the credentials file and the empty mount point.
  - Only the O(config) keys the task names are enforced; values are compared as LXD strings.
  - An existing pool is never rebuilt. A different O(driver) fails; keys that only apply at creation
    (C(source), C(zfs.pool_name), C(lvm.vg_name), C(lvm.thinpool_name), C(lvm.use_thinpool)) are
    reported as a warning when they differ.
  - A pool that instances, profiles or custom volumes use is not deleted; the task fails and names
    them. Cached images do not count (LXD removes them with the pool).
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
  - armhv.hypervisor.attributes.noop_on_controller
options:
  name:
    description:
      - Name of the pool; the same rule as instance names (1 to 63 characters, ASCII letters, digits
        and C(-), not starting with a digit or C(-), not ending with C(-)).
    type: str
    required: true
  state:
    description:
      - Whether the pool should exist.
    type: str
    choices: [present, absent]
    default: present
  driver:
    description:
      - Storage driver. Required to create a pool. V(nfs) and V(cifs) make a C(dir) pool on a mounted share,
        and are also needed with O(state=absent) to remove the mount.
    type: str
    choices: [dir, btrfs, lvm, zfs, nfs, cifs]
  source:
    description:
      - Block device, directory or existing pool to use, as LXD's C(source) key. Only applies at creation.
        Not together with C(source) inside O(config).
    type: str
  size:
    description:
      - Size of a loop-backed pool (V(5GiB)), as LXD's C(size) key. LXD can grow it later, not shrink it.
        Not together with C(size) inside O(config).
    type: str
  config:
    description:
      - Pool configuration keys to enforce. A key given as V(null) is removed.
    type: dict
  member_config:
    description:
      - On a clustered LXD, per-member keys at creation, a dict keyed by member name whose values are dicts
        of C(source), C(size), C(zfs.pool_name), C(lvm.vg_name) or C(lvm.thinpool_name). They override
        O(source) and O(size), which otherwise apply to every member.
      - A cluster creates a pool in two steps, a pending definition on every member and then the pool;
        one task does both, and removes the pending definitions again if a step fails.
      - Only applies at creation; an existing pool's per-member keys are not compared.
    type: dict
  description:
    description:
      - Description of the pool.
    type: str
  server:
    description:
      - NFS or CIFS server (host name or address) of an nfs or cifs pool.
    type: str
  export:
    description:
      - Exported path on the NFS server, for example V(/srv/lxd).
    type: str
  share:
    description:
      - Share name on the CIFS server, for example V(lxd).
    type: str
  mount_path:
    description:
      - Where the share is mounted. Default C(/var/lib/armhv/mounts/<name>).
    type: path
  mount_opts:
    description:
      - Extra mount options, comma-separated, for example V(vers=4.2,hard). C(_netdev) is always added.
        Credentials are not options here; use O(username) and O(password).
    type: str
  username:
    description:
      - CIFS user. Stored with O(password) in C(/etc/armhv/credentials/cifs-<name>) (mode 0600), which the
        mount options point to; never in the unit, fstab, the task output or the log.
    type: str
  password:
    description:
      - CIFS password, see O(username).
    type: str
notes:
  - A standalone pool being created carries the config key C(user.armhv.creating) until LXD has made
    it. One that still has it was left half made (LXD stopped during its creation), and the next run
    deletes it and creates it again, with a warning, unless something uses it (then it fails and
    changes nothing). Do not set that key yourself.
  - On a cluster, a pool (other than nfs and cifs) still C(Pending) or C(Errored) was left half made the
    same way (LXD stopped between the members' definitions and the pool, or while it made it), and the
    next run deletes it and creates it again, with a warning. LXD deletes the pool's records, not what
    its interrupted creation had already made on a member's disk (the pool's directory, the disk image
    of a loop-backed pool). When LXD then says one of those already exists, the task fails saying the
    half-made pool was deleted; remove what LXD names on that member and rerun.
seealso:
  - module: armhv.hypervisor.storage_pool_info
'''

EXAMPLES = r'''
- name: A directory pool
  armhv.hypervisor.storage_pool:
    name: local
    driver: dir

- name: A loop-backed btrfs pool of 20 GiB
  armhv.hypervisor.storage_pool:
    name: fast
    driver: btrfs
    size: 20GiB

- name: A ZFS pool on a disk
  armhv.hypervisor.storage_pool:
    name: tank
    driver: zfs
    source: /dev/sdb
    config:
      zfs.pool_name: tank

- name: A btrfs pool on every member of a cluster, each on its own disk
  armhv.hypervisor.storage_pool:
    name: fast
    driver: btrfs
    member_config:
      node1: {source: /dev/sdb}
      node2: {source: /dev/sdc}
      node3: {source: /dev/sdb}

- name: A pool on an NFS export, mounted at boot
  armhv.hypervisor.storage_pool:
    name: shared
    driver: nfs
    server: nas.example
    export: /srv/lxd
    mount_opts: vers=4.2,hard

- name: A pool on a CIFS share
  armhv.hypervisor.storage_pool:
    name: smb
    driver: cifs
    server: nas.example
    share: lxd
    username: lxd
    password: "{{ vault_smb_password }}"

- name: Remove the NFS pool, then its mount
  armhv.hypervisor.storage_pool:
    name: shared
    driver: nfs
    server: nas.example
    export: /srv/lxd
    state: absent

- name: Delete (fails, naming them, while instances or profiles use it)
  armhv.hypervisor.storage_pool:
    name: fast
    state: absent
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
actions:
  description:
    - What was done (or, in check mode, would be done), from V(create), V(update), V(delete), and for nfs and
      cifs pools V(persist_mount) (unit, fstab line or credentials written), V(mount), V(unmount),
      V(remove_mount).
  returned: always
  type: list
  elements: str
  sample: [create]
pool:
  description: The pool after the task (in check mode, as predicted); empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: Name.
      type: str
    driver:
      description: Storage driver.
      type: str
    status:
      description: Status as LXD reports it, for example V(Created).
      type: str
    description:
      description: Description.
      type: str
    config:
      description: The pool's configuration as LXD has it, including keys LXD filled in.
      type: dict
    used_by:
      description: API paths of what uses the pool.
      type: list
      elements: str
    space_used:
      description: Bytes used (null in check mode before creation).
      type: int
    space_total:
      description: Bytes available in all (null in check mode before creation).
      type: int
    locations:
      description: Cluster members the pool is defined on (V(none) on a standalone LXD). An nfs or cifs
        pool on a cluster stays V(Pending) until the task has run on every member.
      type: list
      elements: str
    mount:
      description: For nfs and cifs pools, the share and whether it is mounted.
      returned: for nfs and cifs pools
      type: dict
      contains:
        server:
          description: The server.
          type: str
        export:
          description: The NFS export (nfs pools).
          type: str
        share:
          description: The CIFS share (cifs pools).
          type: str
        mount_path:
          description: Where it is mounted.
          type: str
        mounted:
          description: Whether the share is mounted there (predicted true in check mode).
          type: bool
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import (
    PYLXD_IMPORT_ERROR, lxd_connect)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.mount_ops import Host
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.spec import POOL_OPTIONS, request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.ops import ensure_pool
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Context, module_result

ARGUMENT_SPEC = dict(POOL_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)
    try:
        request = request_from_params(module.params)
        api = lxd_connect(module.params)
        result = ensure_pool(api, request, module.check_mode, Context(mounter=Host(module.run_command)))
        result.update(api.identity())
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(**module_result(module, result))


if __name__ == '__main__':
    main()

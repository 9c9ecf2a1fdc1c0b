#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: lxc_containers
short_description: Manage many LXD instances in one task
version_added: 0.1.0
description:
  - Converges a whole list of LXD instances (containers and virtual machines) in one task, several at a
    time. Each entry of O(instances) takes exactly the options of M(armhv.hypervisor.lxc_container) and
    gets the same defaults, checks, check mode, diff, warnings and rollback.
  - Every entry is checked before anything changes. One invalid entry (unknown option, wrong type,
    invalid name, the same name twice) fails the task naming it, and nothing changes.
  - Then up to O(parallel) entries run at once. An entry that fails leaves nothing half-made (a failed
    create is deleted again, a failed start after a configuration change puts the old configuration
    back); the other entries still converge, and the task fails listing the failed names.
  - For one instance, M(armhv.hypervisor.lxc_container) does the same with less to write.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
  - armhv.hypervisor.attributes.noop_on_controller
options:
  instances:
    description:
      - The instances, each a dict of M(armhv.hypervisor.lxc_container)'s options (O(ignore:name) is
        required, O(ignore:state) defaults to V(started), and so on). The connection options belong to
        the task, not to the entries.
      - Results come back in this order.
    type: list
    elements: dict
    required: true
  images:
    description:
      - Image per architecture (LXD's names, for example V(aarch64) and V(x86_64)) for entries that name
        no O(ignore:image). Such an entry gets the image of its O(ignore:target) member's architecture, or
        of the server's when it has no target. LXD is asked for architectures only when an entry needs
        one.
      - An entry's own O(ignore:image) wins.
      - A value may name a remote, as V(images:debian/12/arm64) does (see O(remotes)).
    type: dict
    default: {}
  remotes:
    description:
      - Image remotes by name for V(remote:alias) images, of the entries and of O(images), shaped like
        M(armhv.hypervisor.lxc_container)'s O(armhv.hypervisor.lxc_container#module:remotes) (the V(images)
        remote is built in). An entry that declares its own O(ignore:remotes) uses those.
    type: dict
  parallel:
    description:
      - How many entries are worked on at once.
    type: int
    default: 8
notes:
  - With C(--diff), each entry that changes shows its own diff, headed by its name.
  - An instance being created carries the config key C(user.armhv.creating) until LXD has made it. One
    that still has it was left half made (LXD stopped during its creation), and the next run deletes it and
    creates it again, with a warning. Do not set that key yourself.
seealso:
  - module: armhv.hypervisor.lxc_container
  - module: armhv.hypervisor.lxc_container_info
'''

EXAMPLES = r'''
- name: A web tier and a database, created and started together
  armhv.hypervisor.lxc_containers:
    images:
      aarch64: debian12
      x86_64: debian12-amd64
    instances:
      - name: web1
        config:
          limits.cpu: 1
      - name: web2
        config:
          limits.cpu: 1
      - name: db1
        image: postgres16
        state: started
        target: node2

- name: Tear the old tier down
  armhv.hypervisor.lxc_containers:
    instances:
      - name: old-web1
        state: absent
      - name: old-web2
        state: absent
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
instances:
  description:
    - One result per entry of O(instances), in the same order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The entry's instance name.
      type: str
      sample: web1
    changed:
      description: Whether this entry changed (in check mode, would change) anything.
      type: bool
    failed:
      description: Whether this entry failed.
      type: bool
    msg:
      description: Why the entry failed; empty when it did not.
      type: str
    error:
      description: The kind of the entry's failure, as RV(error) names them; absent when it did not fail.
      type: str
    missing:
      description: What does not exist, when the entry's RV(instances[].error) is V(not_found), as RV(missing).
      type: dict
    actions:
      description:
        - What was done (or, in check mode, would be done) for this entry, in order, as
          M(armhv.hypervisor.lxc_container) names them.
      type: list
      elements: str
      sample: [create, start]
    instance:
      description:
        - The instance after the task, as M(armhv.hypervisor.lxc_container) returns it; empty when it
          does not exist or the entry failed.
      type: dict
failed_names:
  description: Names of the entries that failed.
  returned: failure
  type: list
  elements: str
  sample: [web2]
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
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.entries import (
    ARGUMENT_SPEC, check_task_options, requests_from_entries, summarize)
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import ensure_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import PYLXD_IMPORT_ERROR, lxd_connect


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)
    try:
        check_task_options(module.params)
        requests = requests_from_entries(module.params['instances'], module.params['timeout'],
                                         module.params['remotes'])
        api = lxd_connect(module.params)
        results = ensure_instances(api, requests, module.check_mode, module.params['parallel'],
                                   module.params['images'])
        identity = api.identity()
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    summary, warnings = summarize(results, identity, module._diff)
    for warning in warnings:
        module.warn(warning)
    if summary.pop('failed', False):
        module.fail_json(**summary)
    module.exit_json(**summary)


if __name__ == '__main__':
    main()

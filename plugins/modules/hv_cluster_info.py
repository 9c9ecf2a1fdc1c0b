#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hv_cluster_info
short_description: List the members of an LXD cluster
version_added: 0.1.0
description:
  - Lists the members of the cluster the LXD at O(url) belongs to, or one member by name, with their
    roles, status and architecture. Never changes anything.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes.info_module
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  name:
    description:
      - Only this member. The result is an empty list when it does not exist; an invalid name fails with the rule.
    type: str
seealso:
  - module: armhv.hypervisor.hv_cluster
'''

EXAMPLES = r'''
- name: Members
  armhv.hypervisor.hv_cluster_info:
  register: cluster

- name: Fail when a member is not Online
  ansible.builtin.assert:
    that: cluster.members | rejectattr('status', 'eq', 'Online') | list | length == 0
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
clustered:
  description: Whether the LXD at O(url) is a cluster member.
  returned: always
  type: bool
server_name:
  description:
    - The name of the LXD at O(url) in its cluster; when not clustered, the name the daemon gives itself
      (C(environment.server_name) of C(GET /1.0), its host name), the name the P(armhv.hypervisor.lxd#inventory)
      inventory plugin lists it under.
  returned: always
  type: str
members:
  description: The members, sorted by name, each shaped like an element of the C(members) return value of
    M(armhv.hypervisor.hv_cluster); empty when not clustered.
  returned: always
  type: list
  elements: dict
  sample:
    - name: node1
      url: https://198.18.0.11:8443
      roles: [database-leader, database]
      status: Online
      message: Fully operational
      architecture: aarch64
      failure_domain: default
      groups: [default]
      description: ""
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

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.ops import list_members
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import (
    PYLXD_IMPORT_ERROR, lxd_connect)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_member_name

ARGUMENT_SPEC = dict(
    name=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)
    name = module.params['name']
    try:
        if name is not None:
            check_member_name(name)
        api = lxd_connect(module.params)
        members = list_members(api)
        identity = api.identity()
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    # The daemon's own name: its member name on a cluster, its host's when standalone (the one the
    # inventory plugin gives it).
    server_name = (api.server().get('environment') or {}).get('server_name') or ''
    module.exit_json(changed=False, clustered=bool(members), server_name=server_name,
                     members=[member for member in members if name is None or member['name'] == name], **identity)


if __name__ == '__main__':
    main()

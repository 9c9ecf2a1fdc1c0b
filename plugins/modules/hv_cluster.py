#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: hv_cluster
short_description: Manage LXD cluster membership
version_added: 0.1.0
description:
  - Bootstraps an LXD cluster, joins members to it, removes them, and evacuates or restores them for
    maintenance. The cluster itself is LXD's (dqlite and raft); this module drives its API.
  - The connection options (O(url) and so on) reach the LXD the task acts through. For
    O(state=present) that is the member named O(server_name) itself.
  - "Joining: the module asks the member at O(cluster_address) for a single-use join token, over
    HTTPS with O(client_cert) and O(client_key), which that cluster must trust, and uses the token
    in the same run. The token never appears in the task's result, diff or log."
  - A member that joined moments ago trusts the cluster's client certificates only after its next
    heartbeat (about 10 to 20 seconds). So when O(cluster_address) does not trust the client
    certificate yet, the module asks again every second for up to O(timeout) seconds before it fails.
    Joining each member through the one that joined just before works.
  - A second run over a formed cluster changes nothing and asks for no token.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  state:
    description:
      - V(present) bootstraps a new cluster (no O(cluster_address)) or joins one, then applies
        O(failure_domain) and O(groups).
      - V(absent) removes the member. A running member is evacuated first, so LXD moves its instances.
        A member that is not running is only removed with O(force=true).
      - V(evacuated) moves the member's instances away for maintenance; V(restored) brings them back.
        When LXD cannot finish either (a member dies mid-migration), the task fails naming the member and
        what it holds, and starts again the instances the evacuation had stopped; a rerun deletes the
        stopped copy the interrupted move left on the other member (LXD reuses its name) and tries again.
    type: str
    choices: [present, absent, evacuated, restored]
    default: present
  server_name:
    description:
      - Name of the member to act on (a host name). For O(state=present), the name the LXD at O(url)
        has or takes in the cluster.
    type: str
    required: true
  server_address:
    description:
      - This member's cluster address, V(host:port) (port 8443 when omitted). Required to bootstrap or
        join; only applies then.
    type: str
  cluster_address:
    description:
      - Address of an existing member, V(host[:port]) or V(https://host[:port]), to join through.
        Omitted on a host that is not clustered, the task bootstraps a new cluster.
    type: str
  cluster_cert:
    description:
      - The cluster's certificate (PEM text, or the path of a PEM file on the managed node), pinned when
        the module contacts O(cluster_address) and handed to LXD for the join.
      - Without it, the member's certificate is checked against the system CAs unless
        O(validate_certs=false), in which case the first certificate presented is trusted and checked
        only against the fingerprint in the join token.
    type: str
  member_config:
    description:
      - Member-specific configuration LXD requires to join, as in LXD's preseed, for example the
        C(source) of each storage pool on this member.
    type: list
    elements: dict
    suboptions:
      entity:
        description: V(storage-pool) or V(network).
        type: str
        required: true
      name:
        description: Name of the pool or network.
        type: str
        required: true
      key:
        description: The configuration key.
        type: str
        required: true
      value:
        description: Its value on this member.
        type: str
      description:
        description: Free text, ignored by LXD.
        type: str
  failure_domain:
    description:
      - The member's failure domain. Omitted = left as it is.
    type: str
  groups:
    description:
      - The exact list of cluster groups the member belongs to; missing groups are created.
        Omitted = left as they are.
    type: list
    elements: str
  force:
    description:
      - Override the quorum guard (a removal that leaves the running database voters without a majority)
        and the evacuation guard (no other Online member of the same architecture to take the instances),
        and remove a member that is not running.
    type: bool
    default: false
notes:
  - Tokens are created only when a join is sent. A join that fails revokes its token.
seealso:
  - module: armhv.hypervisor.hv_cluster_info
  - name: LXD clustering
    description: How LXD clusters form, vote and evacuate.
    link: https://documentation.ubuntu.com/lxd/en/latest/clustering/
'''

EXAMPLES = r'''
# In a play over an inventory group run with serial: 1, the first host bootstraps and the others join
# through it one at a time (the cluster role does this; see docs/clustering.md).
- name: Bootstrap or join
  armhv.hypervisor.hv_cluster:
    server_name: "{{ inventory_hostname }}"
    server_address: "{{ ansible_host }}:8443"
    cluster_address: "{{ omit if inventory_hostname == groups['hypervisors'][0]
                         else hostvars[groups['hypervisors'][0]].ansible_host ~ ':8443' }}"
    cluster_cert: "{{ lookup('ansible.builtin.file', 'files/cluster.crt') }}"
    client_cert: /etc/armhv/controller.crt
    client_key: /etc/armhv/controller.key
    member_config:
      - {entity: storage-pool, name: local, key: source, value: ""}
    failure_domain: "{{ rack }}"
    groups: [arm64]

- name: Maintenance on one member
  armhv.hypervisor.hv_cluster:
    server_name: node2
    state: evacuated

- name: Remove a member that died (run on a live member)
  armhv.hypervisor.hv_cluster:
    server_name: node3
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
    - What was done (or, in check mode, would be done), from V(configure) (set C(cluster.https_address)),
      V(bootstrap), V(join), V(create_group), V(update), V(delete_leftover) (a stopped C(lxd-move-of-UUID)
      copy of this member's instance that an interrupted move left), V(evacuate), V(restore), V(remove).
  returned: always
  type: list
  elements: str
  sample: [join, update]
members:
  description: The cluster's members after the task (in check mode, as predicted); empty when not clustered.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Member name.
      type: str
    url:
      description: The member's cluster address as an URL.
      type: str
    roles:
      description: LXD roles, for example V(database) or V(database-leader) (empty in check mode for a join).
      type: list
      elements: str
    status:
      description: V(Online), V(Evacuated), V(Offline), ... as LXD spells it.
      type: str
    message:
      description: LXD's status message.
      type: str
    architecture:
      description: The member's architecture, for example V(aarch64).
      type: str
    failure_domain:
      description: Failure domain.
      type: str
    groups:
      description: Cluster groups, sorted.
      type: list
      elements: str
    description:
      description: Description.
      type: str
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

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.spec import CLUSTER_OPTIONS, request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.ops import ensure_cluster
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import (
    PYLXD_IMPORT_ERROR, lxd_connect, pem_text)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Context, module_result

ARGUMENT_SPEC = dict(CLUSTER_OPTIONS, **LXD_CONNECTION_SPEC)


def remote_connector(params):
    pem = pem_text(params['cluster_cert'], 'cluster_cert') if params.get('cluster_cert') else None

    def connect(address):
        return lxd_connect(params, url='https://' + address, server_pem=pem), pem
    return connect


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)
    try:
        request = request_from_params(module.params)
        connect_remote = remote_connector(module.params)
        api = lxd_connect(module.params)
        result = ensure_cluster(api, request, module.check_mode,
                                Context(connect_remote=connect_remote, hide=module.no_log_values.add))
        result.update(api.identity())
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(**module_result(module, result))


if __name__ == '__main__':
    main()

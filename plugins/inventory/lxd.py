# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: lxd
short_description: Instances and cluster members of LXD or Incus as an inventory
version_added: 0.1.0
description:
  - Lists every instance of an LXD or Incus server or cluster, across its projects, and the cluster's
    members (or the standalone server), with their status, architecture, location, project and type as
    groups and host variables.
  - Reads a YAML file whose name ends in C(lxd.yml) or C(lxd.yaml).
  - Connects as the collection's modules do, with the same options and environment variables.
extends_documentation_fragment:
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: Marks the file as this plugin's source.
    type: str
    required: true
    choices: [armhv.hypervisor.lxd]
  url:
    description:
      - How to reach LXD or Incus; a unix socket path (V(/var/lib/lxd/unix.socket) or
        V(unix:/path/unix.socket)) or an HTTPS URL (V(https://198.18.0.10:8443)).
      - When not set, the same sockets as the modules try (E(LXD_DIR), E(INCUS_DIR), then the LXD
        snap's, Debian's LXD and Incus sockets).
    type: str
    env:
      - name: ARMHV_LXD_URL
  client_cert:
    description:
      - Client certificate (PEM) presented to an HTTPS URL; the server must trust it.
      - Defaults to the C(lxc) or C(incus) client's C(client.crt) when present.
    type: path
    env:
      - name: ARMHV_LXD_CLIENT_CERT
  client_key:
    description: Private key of O(client_cert). Give both or neither.
    type: path
    env:
      - name: ARMHV_LXD_CLIENT_KEY
  server_cert:
    description:
      - Pin the server's certificate (PEM). The connection is accepted only when the server presents
        exactly this certificate; O(validate_certs) is then not used.
    type: path
    env:
      - name: ARMHV_LXD_SERVER_CERT
  validate_certs:
    description: Verify the HTTPS server's certificate against the system CAs when O(server_cert) is not set.
    type: bool
    default: true
  timeout:
    description: Seconds to wait for each request.
    type: int
    default: 30
  projects:
    description:
      - Projects whose instances are listed. Empty lists every project the credential sees.
    type: list
    elements: str
    default: []
  type_filter:
    description: Which instances are listed.
    type: str
    choices: [container, virtual-machine, both]
    default: both
  state_filter:
    description:
      - List only instances whose status is one of these (V(Running), V(Stopped), V(Frozen), ...;
        compared without regard to case). Empty lists all.
    type: list
    elements: str
    default: []
  prefer_address:
    description:
      - Which address family becomes C(ansible_host); the first global address of the first interface
        (loopback left out) that has one; the other family when the instance has none of this one.
    type: str
    choices: [ipv4, ipv6]
    default: ipv4
  include_volatile:
    description:
      - Keep the daemon's own C(volatile.*) keys (MAC addresses, idmap blobs, last state) in C(armhv_config).
    type: bool
    default: false
  connection:
    description:
      - Set C(ansible_connection) to this connection plugin for every instance, with its options filled
        in from the instance's name (C(ansible_lxd_host) or C(ansible_incus_host)), its project and
        O(connection_remote). Not set, the inventory sets no connection (C(ansible_host) is the
        instance's address, for SSH).
    type: str
    choices: [community.general.lxd, community.general.incus]
  connection_remote:
    description:
      - The C(lxc) or C(incus) client's remote that O(connection) runs through (its C(remote) option);
        V(local) on the host itself, else a remote added with C(lxc remote add) or C(incus remote add).
    type: str
    default: local
  include_members:
    description:
      - Also list the cluster's members (the standalone server, by its name, when not clustered) in
        group C(lxd_members). A member is named as the daemon names itself (C(server_name)), as
        M(armhv.hypervisor.hv_cluster_info) returns it.
    type: bool
    default: true
requirements:
  - pylxd >= 2.2.10 on the controller
notes:
  - Hosts are named by the instance's name, C(PROJECT/NAME) outside the default project.
  - "Host variables: C(armhv_status), C(armhv_type), C(armhv_architecture), C(armhv_location),
    C(armhv_project), C(armhv_profiles), C(armhv_config) (the instance's own config, without
    C(volatile.*) keys unless O(include_volatile)),
    C(armhv_addresses) (C({interface: [addresses]})), and C(ansible_host) when an address was found.
    Members get C(armhv_status), C(armhv_architecture), C(armhv_url), C(armhv_roles) and C(ansible_host)."
  - "Groups: C(lxd_instances), C(lxd_status_<status>), C(lxd_arch_<architecture>),
    C(lxd_location_<member>) (clusters), C(lxd_project_<project>), C(lxd_type_<container|virtual_machine>),
    C(lxd_members); lowercased, with C(-) and other characters not allowed in group names as C(_)."
'''

EXAMPLES = r'''
# fleet.lxd.yml: every instance of a cluster, over HTTPS with the server's certificate pinned
plugin: armhv.hypervisor.lxd
url: https://198.18.0.11:8443
client_cert: /etc/armhv/pki/controller.crt
client_key: /etc/armhv/pki/controller.key
server_cert: /etc/armhv/pki/lxd-server.crt
state_filter: [Running]
keyed_groups:
  - key: armhv_config['user.role'] | default('none')
    prefix: role
# Commands run inside the instances through this server's lxc client (remote "hv1", added with
# lxc remote add), not over SSH.
connection: community.general.lxd
connection_remote: hv1
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: /var/tmp/armhv-inventory
cache_timeout: 300
'''

import re

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.ops import list_members
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import list_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import (
    PYLXD_IMPORT_ERROR, lxd_connect)

# The cache holds read_server's answer as is; a cache of another shape is read again.
CACHE_SHAPE = 2
CONNECTION_OPTIONS = ('url', 'client_cert', 'client_key', 'server_cert', 'validate_certs', 'timeout')


def group_name(prefix, value):
    return prefix + re.sub(r'[^a-z0-9_]', '_', str(value).lower())


def host_address(found, prefer):
    """The first global address of the preferred family, else of the other one."""
    families = ('.', ':') if prefer == 'ipv4' else (':', '.')
    for marker in families:
        for iface in sorted(found):
            for address in found[iface]:
                if marker in address:
                    return address
    return None


def read_server(api, projects):
    """What the inventory is made of, as plain data (it goes into the cache as is)."""
    if api.server().get('auth') != 'trusted':
        raise ArmhvError('%s at %s does not trust the client certificate' % (api.name, api.where))
    names = projects or sorted(url.rstrip('/').rsplit('/', 1)[-1] for url in api.get('projects') or [])
    instances = [dict(view, project=project) for project in names for view in list_instances(api, project=project)]
    members = list_members(api)
    return dict(shape=CACHE_SHAPE, instances=instances, clustered=bool(members), members=members or [standalone(api)])


def standalone(api):
    """A standalone server as the one member of its own (in list_members' shape)."""
    environment = api.server().get('environment') or {}
    address = (api.server().get('config') or {}).get('core.https_address')
    return dict(name=environment.get('server_name'), status='Online', roles=[],
                architecture=environment.get('kernel_architecture'), url='https://%s' % address if address else '')


def instance_vars(view, prefer, include_volatile=False):
    found = view['addresses']
    config = dict((key, value) for key, value in view['config'].items()
                  if include_volatile or not key.startswith('volatile.'))
    result = dict(
        armhv_status=view['status'],
        armhv_type=view['type'],
        armhv_architecture=view['architecture'],
        armhv_location=view['location'],
        armhv_project=view['project'],
        armhv_profiles=view['profiles'],
        armhv_config=config,
        armhv_addresses=found,
    )
    address = host_address(found, prefer)
    if address:
        result['ansible_host'] = address
    return result


def connection_vars(raw, plugin, remote):
    """The connection plugin's variables for one instance (community.general.lxd or .incus)."""
    kind = plugin.rsplit('.', 1)[-1]
    return {'ansible_connection': plugin, 'ansible_%s_host' % kind: raw['name'],
            'ansible_%s_project' % kind: raw['project'], 'ansible_%s_remote' % kind: remote}


def instance_groups(host_vars, clustered):
    groups = ['lxd_instances',
              group_name('lxd_status_', host_vars['armhv_status']),
              group_name('lxd_arch_', host_vars['armhv_architecture']),
              group_name('lxd_project_', host_vars['armhv_project']),
              group_name('lxd_type_', host_vars['armhv_type'])]
    if clustered and host_vars['armhv_location']:
        groups.append(group_name('lxd_location_', host_vars['armhv_location']))
    return groups


def member_vars(member):
    url = member.get('url') or ''
    result = dict(armhv_status=member.get('status'), armhv_architecture=member.get('architecture'),
                  armhv_url=url, armhv_roles=list(member.get('roles') or []))
    host = re.match(r'https://(\[[^\]]+\]|[^:/]+)', url)
    if host:
        result['ansible_host'] = host.group(1).strip('[]')
    return result


def wanted(view, type_filter, states):
    if type_filter != 'both' and view['type'] != type_filter:
        return False
    return not states or str(view['status']).lower() in states


NAME_ENDINGS = ('lxd.yml', 'lxd.yaml')


def names_this_plugin(path):
    try:
        with open(path) as handle:
            text = handle.read(65536)
    except (IOError, OSError, UnicodeDecodeError):
        return False
    return re.search(r'^plugin:\s*[\'"]?armhv\.hypervisor\.lxd[\'"]?\s*$', text, re.M) is not None


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'armhv.hypervisor.lxd'

    def verify_file(self, path):
        if not super(InventoryModule, self).verify_file(path):
            return False
        # A YAML file that names this plugin but breaks the naming rule is taken too, so that parse()
        # can say what is wrong instead of Ansible's "could not be verified".
        return path.endswith(NAME_ENDINGS) or (path.endswith(('.yml', '.yaml')) and names_this_plugin(path))

    def parse(self, inventory, loader, path, cache=True):
        if not path.endswith(NAME_ENDINGS):
            raise AnsibleParserError('armhv.hypervisor.lxd inventory: %s names this plugin, but the file name must end '
                                     'in lxd.yml or lxd.yaml (for example fleet.lxd.yml)' % path)
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        key = self.get_cache_key(path)
        data = None
        if self.get_option('cache') and cache:
            try:
                data = self._cache[key]
            except KeyError:
                pass
            if data is not None and data.get('shape') != CACHE_SHAPE:
                data = None  # written by an earlier version of this plugin
        if data is None:
            data = self._read()
            if self.get_option('cache'):
                self._cache[key] = data
        self._populate(data)

    def _read(self):
        if PYLXD_IMPORT_ERROR:
            raise AnsibleParserError('the armhv.hypervisor.lxd inventory needs pylxd on the controller: %s'
                                     % PYLXD_IMPORT_ERROR.strip().splitlines()[-1])
        params = dict((name, self.get_option(name)) for name in CONNECTION_OPTIONS)
        params['project'] = 'default'
        try:
            return read_server(lxd_connect(params), self.get_option('projects'))
        except ArmhvError as exc:
            raise AnsibleParserError('armhv.hypervisor.lxd inventory: %s' % to_native(exc))

    def _populate(self, data):
        states = [state.lower() for state in self.get_option('state_filter')]
        for raw in data['instances']:
            if not wanted(raw, self.get_option('type_filter'), states):
                continue
            name = raw['name'] if raw['project'] == 'default' else '%s/%s' % (raw['project'], raw['name'])
            host_vars = instance_vars(raw, self.get_option('prefer_address'), self.get_option('include_volatile'))
            if self.get_option('connection'):
                host_vars.update(connection_vars(raw, self.get_option('connection'), self.get_option('connection_remote')))
            self._add(name, host_vars, instance_groups(host_vars, data['clustered']))
        if self.get_option('include_members'):
            for member in data['members']:
                self._add(member['name'], member_vars(member), ['lxd_members'])

    def _add(self, name, host_vars, groups):
        self.inventory.add_host(name)
        for group in groups:
            self.inventory.add_group(group)
            self.inventory.add_child(group, name)
        for var, value in host_vars.items():
            self.inventory.set_variable(name, var, value)
        strict = self.get_option('strict')
        # What constructed's templates see: the host's own variables (inventory_hostname included).
        known = self.inventory.get_host(name).get_vars()
        self._set_composite_vars(self.get_option('compose'), known, name, strict=strict)
        known = self.inventory.get_host(name).get_vars()
        self._add_host_to_composed_groups(self.get_option('groups'), known, name, strict=strict)
        self._add_host_to_keyed_groups(self.get_option('keyed_groups'), known, name, strict=strict)

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lxd inventory plugin's reading and shaping, on a fake LXD at the API boundary."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData

from ansible_collections.armhv.hypervisor.plugins.inventory import lxd
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, LxdConnectionError
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.plan import instance_view


def instance(name, status='Running', arch='aarch64', location='m1', kind='container', nics=None):
    network = dict((nic, dict(addresses=[dict(address=a, scope='global') for a in found]))
                   for nic, found in (nics or {}).items())
    network['lo'] = dict(addresses=[dict(address='127.0.0.1', scope='local')])
    return dict(name=name, status=status, architecture=arch, location=location, type=kind,
                profiles=['default'], config={'user.role': 'web'}, state=dict(network=network))


def listed(raw, project):
    """An instance as read_server lists it."""
    return dict(instance_view(raw), project=project)


class FakeApi:
    """Answers GETs from a table keyed by (project, path); records the projects asked."""

    name = 'LXD'
    where = 'https://198.18.0.11:8443'

    def __init__(self, answers, auth='trusted'):
        self.answers = answers
        self.auth = auth
        self.project = 'default'

    def server(self):
        return dict(auth=self.auth, environment=dict(server_name='solo', kernel_architecture='aarch64'),
                    config={'core.https_address': '198.18.0.11:8443'})

    def get(self, path, params=None):
        project = (params or {}).get('project', self.project)
        return self.answers.get((project, path), self.answers.get(path))


def test_reads_every_project_and_the_members_of_a_cluster():
    api = FakeApi({
        'projects': ['/1.0/projects/default', '/1.0/projects/lab'],
        ('default', 'instances'): [instance('web1')],
        ('lab', 'instances'): [instance('db1', location='m2')],
        'cluster': dict(enabled=True),
        'cluster/members': [dict(server_name='m1', url='https://198.18.0.11:8443', status='Online')],
    })
    data = lxd.read_server(api, [])
    assert [(i['project'], i['name']) for i in data['instances']] == [('default', 'web1'), ('lab', 'db1')]
    assert data['clustered'] and data['members'][0]['name'] == 'm1'
    assert api.project == 'default', 'the connection is left as it was: each request names its project'


def test_a_standalone_server_is_its_own_member():
    data = lxd.read_server(FakeApi({'instances': [], 'cluster': dict(enabled=False)}), ['default'])
    assert not data['clustered']
    assert data['members'] == [dict(name='solo', status='Online', roles=[], architecture='aarch64',
                                    url='https://198.18.0.11:8443')]


def test_an_untrusted_certificate_is_refused_before_listing():
    with pytest.raises(ArmhvError, match='does not trust the client certificate'):
        lxd.read_server(FakeApi({}, auth='untrusted'), [])


@pytest.mark.parametrize('prefer, expected', [('ipv4', '198.18.5.2'), ('ipv6', 'fd00::2')])
def test_ansible_host_prefers_a_family_and_falls_back_to_the_other(prefer, expected):
    found = {'eth0': ['fd00::2'], 'eth1': ['198.18.5.2']}
    assert lxd.host_address(found, prefer) == expected
    assert lxd.host_address({'eth0': ['fd00::2']}, 'ipv4') == 'fd00::2'
    assert lxd.host_address({}, 'ipv4') is None


def test_groups_are_flat_and_sanitised():
    host_vars = lxd.instance_vars(listed(instance('web1', arch='x86-64', location='rack-1'), 'my-lab'), 'ipv4')
    assert lxd.instance_groups(host_vars, True) == [
        'lxd_instances', 'lxd_status_running', 'lxd_arch_x86_64', 'lxd_project_my_lab', 'lxd_type_container',
        'lxd_location_rack_1']
    assert 'lxd_location_rack_1' not in lxd.instance_groups(host_vars, False)


def test_instance_variables():
    host_vars = lxd.instance_vars(listed(instance('web1', nics={'eth0': ['198.18.5.2']}), 'default'), 'ipv4')
    assert host_vars == dict(armhv_status='Running', armhv_type='container', armhv_architecture='aarch64',
                             armhv_location='m1', armhv_project='default', armhv_profiles=['default'],
                             armhv_config={'user.role': 'web'}, armhv_addresses={'eth0': ['198.18.5.2']},
                             ansible_host='198.18.5.2')


def test_volatile_keys_only_when_asked_and_connection_vars_per_instance():
    config = {'user.role': 'db', 'volatile.idmap.next': '[]', 'volatile.eth0.hwaddr': '00:16:3e:00:00:01'}
    view = listed(dict(instance('db'), config=config), 'shop')
    assert lxd.instance_vars(view, 'ipv4')['armhv_config'] == {'user.role': 'db'}
    assert set(lxd.instance_vars(view, 'ipv4', include_volatile=True)['armhv_config']) == set(config)
    assert lxd.connection_vars(view, 'community.general.incus', 'hv1') == dict(
        ansible_connection='community.general.incus', ansible_incus_host='db', ansible_incus_project='shop',
        ansible_incus_remote='hv1')


def test_members_address_comes_from_their_url():
    assert lxd.member_vars(dict(url='https://[fd00::11]:8443'))['ansible_host'] == 'fd00::11'
    assert 'ansible_host' not in lxd.member_vars(dict(url=''))


@pytest.mark.parametrize('view, type_filter, states, expected', [
    (dict(type='virtual-machine', status='Running'), 'container', [], False),
    (dict(type='container', status='Stopped'), 'both', ['running'], False),
    (dict(type='container', status='Running'), 'container', ['running'], True),
])
def test_filters(view, type_filter, states, expected):
    assert lxd.wanted(view, type_filter, states) is expected


class Options(dict):
    def __init__(self, **overrides):
        dict.__init__(self, projects=[], type_filter='both', state_filter=[], prefer_address='ipv4',
                      include_members=True, compose={}, groups={}, keyed_groups=[], strict=False,
                      cache=False, url=None, client_cert=None, client_key=None, server_cert=None,
                      validate_certs=True, timeout=30, include_volatile=False, connection=None,
                      connection_remote='local')
        self.update(overrides)


def plugin_with(options):
    plugin = lxd.InventoryModule()
    plugin.inventory = InventoryData()
    plugin.templar = None
    plugin.get_option = options.__getitem__
    return plugin


def test_populate_names_hosts_outside_default_by_project():
    plugin = plugin_with(Options())
    data = dict(clustered=True, members=[dict(name='m1', url='https://198.18.0.11:8443')],
                instances=[listed(instance('web1'), 'default'), listed(instance('db1'), 'lab')])
    plugin._populate(data)
    assert set(plugin.inventory.hosts) == {'web1', 'lab/db1', 'm1'}
    assert 'lab/db1' in [h.name for h in plugin.inventory.groups['lxd_project_lab'].hosts]
    assert [h.name for h in plugin.inventory.groups['lxd_members'].hosts] == ['m1']


def test_connection_failures_become_a_parser_error(monkeypatch):
    def refuse(params):
        raise LxdConnectionError('cannot connect to LXD at https://198.18.0.11:8443: refused')
    monkeypatch.setattr(lxd, 'lxd_connect', refuse)
    monkeypatch.setattr(lxd, 'PYLXD_IMPORT_ERROR', None)
    with pytest.raises(AnsibleParserError, match='armhv.hypervisor.lxd inventory: cannot connect'):
        plugin_with(Options())._read()


def test_a_file_that_names_the_plugin_under_another_name_gets_the_naming_rule(tmp_path):
    plugin = lxd.InventoryModule()
    good, other, unrelated = tmp_path / 'fleet.lxd.yml', tmp_path / 'fleet.yml', tmp_path / 'hosts.yml'
    good.write_text('plugin: armhv.hypervisor.lxd\n')
    other.write_text("plugin: 'armhv.hypervisor.lxd'\nurl: https://198.18.0.11:8443\n")
    unrelated.write_text('all:\n  hosts: {}\n')
    assert plugin.verify_file(str(good)) and plugin.verify_file(str(other)) and not plugin.verify_file(str(unrelated))
    with pytest.raises(AnsibleParserError, match='the file name must end in lxd.yml or lxd.yaml'):
        plugin.parse(InventoryData(), None, str(other))

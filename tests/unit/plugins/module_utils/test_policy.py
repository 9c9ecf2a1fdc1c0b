# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._policy import (
    RULES, allows, describe, findings, label, markdown_table, project_restrictions, risky_key, risky_settings)

DOCS = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'docs', 'api.md')
NETWORKS = {'br0': 'bridge', 'ovn0': 'ovn', 'mv0': 'macvlan', 'phys0': 'physical'}


@pytest.mark.parametrize('key, entry', [
    ('security.privileged', 'security.privileged'), ('raw.lxc', 'raw.'), ('raw.idmap', 'raw.'), ('raw.qemu', 'raw.'),
    ('security.idmap.base', 'security.idmap.'), ('security.idmap.isolated', None),
    ('security.syscalls.intercept.mount', 'security.syscalls.intercept.'),
    ('linux.kernel_modules', 'linux.kernel_modules'), ('security.nesting', 'security.nesting'),
    ('user.raw.note', None), ('security.protection.delete', None), ('limits.cpu', None), ('rawlxc', None),
])
def test_risky_key(key, entry):
    assert risky_key(key) == entry


def test_risky_settings_are_the_rows_that_reach_root_on_the_host():
    config = {'security.privileged': 'true', 'security.nesting': 'false', 'raw.lxc': '', 'raw.idmap': 'both 0 0',
              'limits.memory': '1GiB', 'linux.kernel_modules': 'ip_tables', 'security.idmap.isolated': 'true'}
    devices = {'root': {'type': 'disk', 'path': '/', 'pool': 'default'},
               'share': {'type': 'disk', 'source': '/srv/share', 'path': '/mnt'},
               'ceph': {'type': 'disk', 'source': 'cephfs:fs/path', 'path': '/c'},
               'vol': {'type': 'disk', 'source': 'data', 'pool': 'default', 'path': '/data'},
               'kmsg': {'type': 'unix-char', 'path': '/dev/kmsg'}, 'eth0': {'type': 'nic', 'parent': 'br0'},
               'sock': {'type': 'proxy'}, 'hot': {'type': 'unix-hotplug'}, 'ib': {'type': 'infiniband'}}
    # A host-bridged nic is how site.yml attaches its own instances: it confines a tenant, not the host.
    assert risky_settings(config, devices) == [
        'devices.ceph (disk)', 'devices.hot (unix-hotplug)', 'devices.ib (infiniband)', 'devices.kmsg (unix-char)',
        'devices.share (disk)', 'devices.sock (proxy)', 'linux.kernel_modules', 'raw.idmap', 'security.privileged']
    assert risky_settings({'security.privileged': True}) == ['security.privileged']
    assert risky_settings({'security.idmap.base': '0', 'security.idmap.isolated': 'false',
                           'security.syscalls.intercept.mknod': 'no'}) == ['security.idmap.base']
    assert risky_settings(None, None) == []


@pytest.mark.parametrize('nic, problem', [
    ({'network': 'br0'}, None),
    ({'network': 'ovn0', 'name': 'eth0'}, None),
    ({'network': 'mv0'}, 'network mv0 is a managed macvlan network'),
    ({'network': 'phys0'}, 'network phys0 is a managed physical network'),
    ({'network': 'gone'}, 'network gone is not a managed network this project may use'),
    ({'nictype': 'bridged', 'parent': 'br0'}, 'it names parent br0'),
    ({'nictype': 'routed'}, 'it names nictype routed'),
    ({'network': 'br0', 'parent': 'eth0'}, 'it names parent eth0'),
    ({}, 'it names no network'),
])
def test_a_nic_only_on_a_managed_bridge(nic, problem):
    found = findings(devices={'n': dict(nic, type='nic')}, networks=NETWORKS)
    assert [finding.detail for finding in found] == ([] if problem is None else [problem])


def test_messages_name_the_profile_and_the_device():
    found = findings({'security.privileged': 'true'}, {'sock': {'type': 'proxy'}}, source='profile web')
    assert [label(finding) for finding in found] == ['profile web: device sock (proxy)',
                                                     'profile web: security.privileged']
    assert describe(found[0], 'operators') == (
        'profile web, device sock (proxy): operators may not use proxy devices: it connects host sockets and '
        'ports, the LXD socket among them, to the container')
    assert describe(found[1], 'admins').startswith(
        'profile web, security.privileged: admins may not set security.privileged: ')
    own = findings({'security.nesting': 'true'})[0]
    assert label(own) == 'security.nesting'
    assert describe(own, 'operators').startswith('operators may not set security.nesting: ')
    nic = findings(devices={'e': {'type': 'nic', 'network': 'mv0'}}, networks=NETWORKS, source='container c1')[0]
    assert describe(nic, 'operators').startswith(
        'container c1, device e (nic): operators may not use nic devices: network mv0 is a managed macvlan '
        'network: ')


def test_admin_allowed_names_rules_or_keys_under_them():
    found = dict((finding.setting, finding) for finding in findings(
        {'security.nesting': 'true', 'raw.lxc': 'x', 'raw.apparmor': 'y'}, {'s': {'type': 'proxy'}}))
    allowed = ['security.nesting', 'raw.lxc', 'proxy']
    assert [setting for setting, finding in sorted(found.items()) if allows(allowed, finding)] == [
        'device s (proxy)', 'raw.lxc', 'security.nesting']
    assert not allows(allowed, found['raw.apparmor'])
    assert allows(['raw.'], found['raw.apparmor'])


def test_the_project_blocks_every_row():
    wanted = project_restrictions()
    assert wanted['restricted'] == 'true'
    for rule in RULES:
        for key, value in rule.blocked.items():
            assert wanted[key] == (value if rule.name != 'nic' else 'block'), rule.name
    assert 'restricted.networks.access' not in wanted
    # The backup role's snapshots and exports of the API's containers.
    assert wanted['restricted.snapshots'] == wanted['restricted.backups'] == 'allow'


def test_the_project_allows_nics_on_the_listed_networks_only():
    wanted = project_restrictions(networks=['br0', 'ovn0'])
    assert wanted['restricted.devices.nic'] == 'managed'
    assert wanted['restricted.networks.access'] == 'br0,ovn0'


@pytest.mark.parametrize('allowed, loosened', [
    (['security.nesting'], {'restricted.containers.nesting': 'allow'}),
    (['raw.lxc'], {'restricted.containers.lowlevel': 'allow', 'restricted.virtual-machines.lowlevel': 'allow'}),
    (['proxy', 'disk'], {'restricted.devices.proxy': 'allow', 'restricted.devices.disk': 'allow'}),
    (['security.privileged'], {'restricted.containers.privilege': 'allow'}),
])
def test_admin_allowed_loosens_its_rows_only(allowed, loosened):
    base = project_restrictions()
    wanted = project_restrictions(allowed)
    assert dict((key, value) for key, value in wanted.items() if base[key] != value) == loosened


def test_docs_print_the_table():
    with open(DOCS) as handle:
        assert markdown_table() in handle.read()

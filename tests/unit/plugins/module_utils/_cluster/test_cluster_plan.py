# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster import plan as cluster
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError


def member(name, status='Online', roles=('database',), arch='aarch64', **extra):
    view = dict(name=name, url='https://198.18.0.%d:8443' % (10 + int(name[-1])), roles=list(roles),
                status=status, message='', architecture=arch, failure_domain='default', groups=['default'],
                description='', config={})
    view.update(extra)
    return view


@pytest.mark.parametrize('given, expected', [
    ('198.18.0.11', '198.18.0.11:8443'),
    ('198.18.0.11:9443', '198.18.0.11:9443'),
    ('https://node1.example:8443/', 'node1.example:8443'),
    ('fd00::11', '[fd00::11]:8443'),
    ('[fd00::11]', '[fd00::11]:8443'),
    ('[fd00::11]:9443', '[fd00::11]:9443'),
])
def test_normalize_host_port(given, expected):
    assert cluster.normalize_host_port(given, 'server_address') == expected


@pytest.mark.parametrize('given, message', [
    ('', 'must be host'),
    ('https://h/1.0', 'must be host'),
    ('h:0', 'invalid port'),
    ('h:99999', 'invalid port'),
    ('h:x', 'invalid port'),
    ('300.1.1.1', 'not a valid IP address'),
    ('[::1', 'neither an IP address nor a DNS name'),
    ('a;b', 'neither an IP address nor a DNS name'),
    ('a' * 10000, 'neither an IP address nor a DNS name'),
    (':8443', 'the host is empty'),
    ('[node1]:8443', 'only an IPv6 address goes in brackets'),
])
def test_normalize_host_port_refuses(given, message):
    with pytest.raises(ArmhvError, match=message):
        cluster.normalize_host_port(given, 'server_address')


def test_member_view_and_put_body_keep_what_lxd_has():
    raw = dict(server_name='node1', url='https://198.18.0.11:8443', roles=['database-leader', 'database'],
               status='Online', message='Fully operational', architecture='aarch64', failure_domain='rack1',
               groups=['edge', 'default'], description='d', config={'scheduler.instance': 'manual'},
               database=True)
    view = cluster.member_view(raw)
    assert view['groups'] == ['default', 'edge'] and 'database' not in view
    body = cluster.member_put_body(view, dict(failure_domain='rack2'))
    assert body == dict(roles=['database-leader', 'database'], failure_domain='rack2',
                        groups=['default', 'edge'], description='d', config={'scheduler.instance': 'manual'})


@pytest.mark.parametrize('failure_domain, groups, expected', [
    (None, None, {}),
    ('default', ['default'], {}),
    ('rack1', None, dict(failure_domain='rack1')),
    (None, ['default', 'edge'], dict(groups=['default', 'edge'])),
])
def test_settings_changes(failure_domain, groups, expected):
    desired = dict(failure_domain=failure_domain, groups=groups)
    assert cluster.settings_changes(member('node1'), desired) == expected


@pytest.mark.parametrize('members, removed, blocked', [
    # Three voters all running: removing one leaves 2 of 2.
    ([member('m1'), member('m2'), member('m3')], 'm2', False),
    # m3 is dead: removing live m2 leaves 1 running of 2 voters, not a majority.
    ([member('m1'), member('m2'), member('m3', 'Offline')], 'm2', True),
    # Removing the dead one leaves 2 of 2.
    ([member('m1'), member('m2'), member('m3', 'Offline')], 'm3', False),
    # An evacuated voter still runs its database.
    ([member('m1'), member('m2', 'Evacuated'), member('m3')], 'm3', False),
    # Standbys and plain members do not vote.
    ([member('m1'), member('m2', roles=['database-standby']), member('m3', 'Offline', roles=[])], 'm2', False),
    # Five voters, two dead: removing a live one leaves 2 running of 4.
    ([member('m1'), member('m2'), member('m3'), member('m4', 'Offline'), member('m5', 'Offline')], 'm3', True),
    # The last member: no voters left to lose.
    ([member('m1')], 'm1', False),
])
def test_removal_blocker(members, removed, blocked):
    assert bool(cluster.removal_blocker(members, removed)) is blocked


def test_removal_blocker_says_why():
    members = [member('m1'), member('m2'), member('m3', 'Offline')]
    assert cluster.removal_blocker(members, 'm2') == \
        'removing m2 would leave 1 of 2 database voters running (m1), not a majority'


@pytest.mark.parametrize('members, blocked', [
    ([member('m1'), member('m2')], False),
    ([member('m1'), member('m2', 'Offline')], True),
    ([member('m1'), member('m2', 'Evacuated')], True),
    # Mixed cluster: the only other Online member is x86_64.
    ([member('m1'), member('m2', arch='x86_64')], True),
    ([member('m1'), member('m2', arch='x86_64'), member('m3')], False),
])
def test_evacuation_blocker(members, blocked):
    assert bool(cluster.evacuation_blocker(members, 'm1')) is blocked


def test_evacuation_blocker_names_the_architecture():
    assert 'no other Online, non-evacuated aarch64 member' in \
        cluster.evacuation_blocker([member('m1'), member('m2', arch='x86_64')], 'm1')


def test_join_token_is_what_lxc_cluster_add_prints():
    operation = dict(id='op1', metadata=dict(serverName='m2', fingerprint='ab' * 32, addresses=['198.18.0.11:8443'],
                                             secret='cd' * 32, expiresAt='2026-11-25T23:00:00Z'))
    decoded = json.loads(base64.b64decode(cluster.join_token(operation)))
    assert decoded == dict(server_name='m2', fingerprint='ab' * 32, addresses=['198.18.0.11:8443'],
                           secret='cd' * 32, expires_at='2026-11-25T23:00:00Z')
    assert cluster.join_token(operation).startswith('eyJzZXJ2ZXJfbmFtZSI6')

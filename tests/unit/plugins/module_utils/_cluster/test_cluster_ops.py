# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster import ops
from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.spec import request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import pem_fingerprint
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Context
from ansible_collections.armhv.hypervisor.tests.unit.plugins.module_utils._cluster.test_cluster_plan import member
from ansible_collections.armhv.hypervisor.tests.unit.plugins.module_utils._lxd.test_lxd_client import CERT

SECRET = 'cd' * 32


class FakeClusterApi:
    """One LXD at the LxdApi boundary: its cluster state, and every call made to it."""

    timeout = 0

    def __init__(self, name='', members=None, trusted=True, fail=None):
        self.name = name
        self.members = [dict(m, server_name=m['name']) for m in members or []]
        self.trusted = trusted
        self.fail = fail or {}
        self.calls = []
        self.config = {}
        self.joins = None
        self.groups = ['default']
        self.daemon = 'lxd'
        self.instances = []

    def get(self, path, params=None):
        if path == '':
            return dict(auth='trusted' if self.trusted else 'untrusted', config=dict(self.config),
                        environment=dict(kernel_architecture='aarch64'))
        if path == 'cluster':
            return dict(enabled=bool(self.members), server_name=self.name if self.members else '')
        if path == 'cluster/members':
            return copy.deepcopy(self.members)
        if path == 'instances':
            return copy.deepcopy(self.instances)
        if path == 'cluster/groups':
            groups = self.joins.groups if self.joins and self.members else self.groups
            return ['/1.0/cluster/groups/%s' % group for group in groups]
        raise AssertionError('unexpected GET %s' % path)

    def server(self):
        return self.get('')

    def identity(self):
        return dict(server=self.daemon, server_version='')

    def call(self, method, path, body=None, params=None, wait=None):
        self.calls.append((method, path))
        if (method, path) in self.fail:
            for instance in self.instances:  # what LXD does to them before it fails
                instance['status'] = 'Stopped'
            raise ArmhvError(self.fail[(method, path)])
        if (method, path) == ('PUT', 'cluster'):
            # Joined (or bootstrapped): this LXD now sees the cluster's members and itself.
            others = copy.deepcopy(self.joins.members) if self.joins else []
            self.members = others + [dict(member(body['server_name']), server_name=body['server_name'])]
            self.sent = body
        return {}

    def start(self, method, path, body=None):
        self.calls.append((method, path))
        return dict(id='op1', metadata=dict(serverName=body['server_name'], fingerprint=pem_fingerprint(CERT),
                                            addresses=['198.18.0.11:8443'], secret=SECRET, expiresAt='x'))

    def mutations(self):
        return [c for c in self.calls if c[0] != 'GET']


def request_for(**extra):
    base = dict(server_name='m2', state='present', server_address='198.18.0.12', cluster_address='198.18.0.11',
                failure_domain=None, groups=None, member_config=None, force=False)
    base.update(extra)
    return request_from_params(base)


def run(local, want, check_mode=False, remote=None):
    hidden = []
    result = ops.ensure_cluster(local, want, check_mode, Context(connect_remote=lambda address: (remote, CERT), hide=hidden.append))
    return result, hidden


@pytest.mark.parametrize('check_mode', [True, False])
def test_join_uses_a_token_in_the_same_run_and_hides_it(check_mode):
    local, remote = FakeClusterApi('m2'), FakeClusterApi('m1', [member('m1')])
    local.joins = remote
    result, hidden = run(local, request_for(), check_mode, remote)
    assert result['actions'] == ['join'] and result['changed']
    assert [m['name'] for m in result['members']] == ['m1', 'm2']
    if check_mode:
        assert local.mutations() == [] and remote.mutations() == [], 'check mode makes no token'
        return
    assert remote.mutations() == [('POST', 'cluster/members')]
    assert local.sent['cluster_password'] in hidden and SECRET in hidden
    assert local.sent['cluster_certificate'] == CERT and local.sent['cluster_address'] == '198.18.0.11:8443'


@pytest.mark.parametrize('daemon, field, other', [('lxd', 'cluster_password', 'cluster_token'),
                                                  ('incus', 'cluster_token', 'cluster_password')])
def test_a_join_sends_the_token_where_the_daemon_reads_it(daemon, field, other):
    local, remote = FakeClusterApi('m2'), FakeClusterApi('m1', [member('m1')])
    local.joins, local.daemon = remote, daemon
    result, hidden = run(local, request_for(), False, remote)
    assert result['changed'] and local.sent[field] in hidden and other not in local.sent


def test_a_failed_join_revokes_its_token_and_never_shows_it():
    local = FakeClusterApi('m2', fail={('PUT', 'cluster'): 'join failed, secret was %s' % SECRET})
    remote = FakeClusterApi('m1', [member('m1')])
    with pytest.raises(ArmhvError) as caught:
        run(local, request_for(), remote=remote)
    assert SECRET not in caught.value.msg and '********' in caught.value.msg
    assert remote.mutations() == [('POST', 'cluster/members'), ('DELETE', 'operations/op1')]


def test_a_token_for_another_certificate_is_refused_before_the_join():
    local, remote = FakeClusterApi('m2'), FakeClusterApi('m1', [member('m1')])
    remote.start = lambda method, path, body=None: dict(id='op1', metadata=dict(
        serverName='m2', fingerprint='00' * 32, addresses=[], secret=SECRET))
    remote.calls = []
    with pytest.raises(ArmhvError, match='not the cluster certificate its join token names'):
        run(local, request_for(), remote=remote)
    assert local.mutations() == []


@pytest.mark.parametrize('remote, message', [
    (FakeClusterApi('m1', [member('m1')], trusted=False), 'not trusted by 198.18.0.11:8443'),
    (FakeClusterApi(''), 'is not a cluster member'),
    (FakeClusterApi('m1', [member('m1'), member('m2')]), 'already has a member named m2'),
])
def test_join_refusals_change_nothing(remote, message):
    local = FakeClusterApi('m2')
    with pytest.raises(ArmhvError, match=message):
        run(local, request_for(), remote=remote)
    assert local.mutations() == [] and remote.mutations() == []


def test_a_join_waits_until_a_newly_joined_member_trusts_the_client(monkeypatch):
    local, remote = FakeClusterApi('m3'), FakeClusterApi('m2', [member('m1'), member('m2')], trusted=False)
    local.joins, remote.timeout = remote, 30
    clock = [0.0]

    def sleep(seconds):
        clock[0] += seconds
        remote.trusted = clock[0] >= 12   # the heartbeat that brings the trust

    monkeypatch.setattr(ops.time, 'sleep', sleep)
    monkeypatch.setattr(ops.time, 'monotonic', lambda: clock[0])
    result, dummy = run(local, request_for(server_name='m3', server_address='198.18.0.13'), remote=remote)
    assert result['actions'] == ['join'] and clock[0] == 12


@pytest.mark.parametrize('daemon, command', [('lxd', 'lxc config trust add'),
                                             ('incus', 'incus config trust add-certificate')])
def test_a_join_through_an_untrusting_member_gives_up_after_the_timeout(monkeypatch, daemon, command):
    local, remote = FakeClusterApi('m2'), FakeClusterApi('m1', [member('m1')], trusted=False)
    local.daemon, remote.timeout = daemon, 5
    clock = [0.0]
    monkeypatch.setattr(ops.time, 'sleep', lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    monkeypatch.setattr(ops.time, 'monotonic', lambda: clock[0])
    with pytest.raises(ArmhvError, match=r'not trusted by 198.18.0.11:8443 \(waited 5 s\); trust it there \(%s\)'
                       % command):
        run(local, request_for(), remote=remote)
    assert clock[0] == 5 and local.mutations() == [] and remote.mutations() == []


def test_a_formed_member_is_left_alone_and_asks_for_no_token():
    local = FakeClusterApi('m2', [member('m1'), member('m2')])
    result, hidden = run(local, request_for(), remote=None)
    assert result['actions'] == [] and hidden == [] and local.calls == []


def test_a_member_under_another_name_fails():
    local = FakeClusterApi('m3', [member('m1'), member('m3')])
    with pytest.raises(ArmhvError, match='this LXD is cluster member m3, not m2'):
        run(local, request_for())


@pytest.mark.parametrize('check_mode', [True, False])
def test_bootstrap_sets_the_address_then_settings(check_mode):
    local = FakeClusterApi('m1')
    result, hidden = run(local, request_for(server_name='m1', server_address='198.18.0.11', cluster_address=None,
                                        failure_domain='rack1', groups=['edge']), check_mode)
    assert result['actions'] == ['configure', 'bootstrap', 'create_group', 'update']
    assert hidden == []
    if not check_mode:
        assert local.mutations() == [('PATCH', ''), ('PUT', 'cluster'), ('POST', 'cluster/groups'),
                                     ('PUT', 'cluster/members/m1')]


def test_a_failed_bootstrap_restores_the_address():
    local = FakeClusterApi('m1', fail={('PUT', 'cluster'): 'no'})
    local.config = {'cluster.https_address': ''}
    with pytest.raises(ArmhvError, match='no'):
        run(local, request_for(server_name='m1', server_address='198.18.0.11', cluster_address=None))
    assert local.mutations() == [('PATCH', ''), ('PUT', 'cluster'), ('PATCH', '')]


def test_a_failed_update_deletes_the_groups_it_made():
    local = FakeClusterApi('m1', [member('m1')], fail={('PUT', 'cluster/members/m1'): 'no'})
    with pytest.raises(ArmhvError):
        run(local, request_for(server_name='m1', groups=['edge']))
    assert local.mutations() == [('POST', 'cluster/groups'), ('PUT', 'cluster/members/m1'),
                                 ('DELETE', 'cluster/groups/edge')]


@pytest.mark.parametrize('members, force, actions', [
    ([member('m1'), member('m2'), member('m3')], False, ['evacuate', 'remove']),
    ([member('m1'), member('m2', 'Evacuated'), member('m3')], False, ['remove']),
    ([member('m1'), member('m2', 'Offline'), member('m3')], True, ['remove']),
    ([member('m1')], False, []),
])
def test_removal(members, force, actions):
    local = FakeClusterApi('m1', members)
    result, _hidden = run(local, request_for(state='absent', force=force))
    assert result['actions'] == actions
    assert 'm2' not in [m['name'] for m in result['members']]


@pytest.mark.parametrize('members, force, message', [
    ([member('m1'), member('m2', 'Offline')], False, 'm2 is Offline: it cannot leave gracefully'),
    ([member('m1'), member('m2'), member('m3', 'Offline')], False, 'removal refused: removing m2 would leave'),
    ([member('m1', arch='x86_64'), member('m2')], False, 'evacuation before removal refused'),
])
def test_removal_refusals_change_nothing(members, force, message):
    local = FakeClusterApi('m1', members)
    with pytest.raises(ArmhvError, match=message):
        run(local, request_for(state='absent', force=force))
    assert local.mutations() == []


def test_forced_removal_past_the_guards_skips_the_evacuation_it_cannot_do():
    local = FakeClusterApi('m1', [member('m1', arch='x86_64'), member('m2')])
    result, _hidden = run(local, request_for(state='absent', force=True))
    assert result['actions'] == ['remove']


@pytest.mark.parametrize('state, status, actions', [
    ('evacuated', 'Online', ['evacuate']),
    ('evacuated', 'Evacuated', []),
    ('restored', 'Evacuated', ['restore']),
    ('restored', 'Online', []),
])
def test_maintenance_check_mode_predicts_the_status(state, status, actions):
    local = FakeClusterApi('m1', [member('m1'), member('m2', status)])
    result, _hidden = run(local, request_for(state=state), check_mode=True)
    assert result['actions'] == actions and local.mutations() == []
    after = [m for m in result['members'] if m['name'] == 'm2'][0]
    assert after['status'] == ('Evacuated' if state == 'evacuated' else 'Online')


def test_evacuation_guard_refuses_stranding_instances():
    local = FakeClusterApi('m1', [member('m1'), member('m2'), member('m3', 'Evacuated')])
    local.members[0]['status'] = 'Offline'
    with pytest.raises(ArmhvError, match='evacuation refused: no other Online'):
        run(local, request_for(state='evacuated'))
    assert local.mutations() == []


def instance(name, location, status='Running', uuid=None):
    return dict(name=name, location=location, status=status, config={'volatile.uuid': uuid or name + '-uuid'})


@pytest.mark.parametrize('check_mode', [True, False])
def test_an_evacuation_deletes_the_copy_an_interrupted_move_left(check_mode):
    local = FakeClusterApi('m1', [member('m1'), member('m2'), member('m3')])
    local.instances = [instance('a1', 'm2', uuid='u1'), instance('lxd-move-of-u1', 'm3', 'Stopped'),
                       instance('lxd-move-of-u9', 'm3', 'Stopped'), instance('incus-move-of-u1', 'm1', 'Running')]
    result, _hidden = run(local, request_for(state='evacuated'), check_mode)
    assert result['actions'] == ['delete_leftover', 'evacuate']
    assert result['warnings'] == ['deleted lxd-move-of-u1, the copy of a1 an interrupted move left on m3']
    assert local.mutations() == ([] if check_mode else [('DELETE', 'instances/lxd-move-of-u1'),
                                                        ('POST', 'cluster/members/m2/state')])


def test_an_interrupted_evacuation_starts_again_what_it_stopped_and_says_what_is_left():
    local = FakeClusterApi('m1', [member('m1'), member('m2'), member('m3')],
                           fail={('POST', 'cluster/members/m2/state'): 'LXD operation Evacuating cluster member failed'})
    local.instances = [instance('a1', 'm2'), instance('a2', 'm2', 'Stopped'), instance('a3', 'm3')]
    with pytest.raises(ArmhvError) as failed:
        run(local, request_for(state='evacuated'))
    assert failed.value.msg == ('evacuating cluster member m2 failed: LXD operation Evacuating cluster member '
                                'failed; m2 is now Online and holds a1 (Running (started again)), a2 (Stopped); '
                                'a rerun once the cause is fixed does it again')
    assert local.mutations()[-1] == ('PUT', 'instances/a1/state'), 'only what ran before, on that member'


@pytest.mark.parametrize('check_mode', [True, False])
def test_a_join_uses_the_groups_the_cluster_already_has(check_mode):
    local, remote = FakeClusterApi('m2'), FakeClusterApi('m1', [member('m1')])
    remote.groups = ['default', 'edge']
    local.joins = remote
    result, _hidden = run(local, request_for(groups=['edge', 'rack9']), check_mode, remote)
    assert result['actions'] == ['join', 'create_group', 'update']
    if not check_mode:
        assert ('POST', 'cluster/groups') in local.mutations()
        assert local.mutations().count(('POST', 'cluster/groups')) == 1, 'edge exists: only rack9 is made'

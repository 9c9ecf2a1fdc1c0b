# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_cluster and list_members through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster import ops
from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.spec import request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import pem_fingerprint
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Context
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd
from ansible_collections.armhv.hypervisor.tests.unit.plugins.module_utils._lxd.test_lxd_client import CERT

SECRET = 'cd' * 32


def cluster(name, *members, **fields):
    """A FakeLxd named `name` whose cluster has these members: names, or (name, {fields}) pairs."""
    lxd = FakeLxd()
    lxd.server_name = name
    lxd.cluster_fingerprint = pem_fingerprint(CERT)
    for member in members:
        member_name, member_fields = member if isinstance(member, tuple) else (member, {})
        lxd.add_member(member_name, **member_fields)
    for key, value in fields.items():
        setattr(lxd, key, value)
    return lxd


def request_for(**extra):
    base = dict(server_name='m2', state='present', server_address='198.18.0.12', cluster_address='198.18.0.11',
                failure_domain=None, groups=None, member_config=None, force=False)
    base.update(extra)
    return request_from_params(base)


def run(local, want, check_mode=False, remote=None, timeout=30):
    hidden = []
    connect = (lambda address: (remote.client(timeout=timeout), CERT)) if remote else None
    result = ops.ensure_cluster(local.client(), want, check_mode, Context(connect_remote=connect, hide=hidden.append))
    return result, hidden


@pytest.mark.parametrize('check_mode', [True, False])
def test_join_uses_a_token_in_the_same_run_and_hides_it(check_mode):
    local, remote = cluster('m2'), cluster('m1', 'm1')
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
    local, remote = cluster('m2', server=daemon), cluster('m1', 'm1', server=daemon)
    local.joins = remote
    result, hidden = run(local, request_for(), False, remote)
    assert result['changed'] and local.sent[field] in hidden and other not in local.sent


def test_a_failed_join_revokes_its_token_and_never_shows_it():
    local, remote = cluster('m2'), cluster('m1', 'm1')
    local.fail_next[('PUT', 'cluster')] = 'join failed, secret was %s' % SECRET
    with pytest.raises(ArmhvError) as caught:
        run(local, request_for(), remote=remote)
    assert SECRET not in caught.value.msg and '********' in caught.value.msg
    assert remote.mutations() == [('POST', 'cluster/members'), ('DELETE', 'operations/token')]


def test_a_token_for_another_certificate_is_refused_before_the_join():
    local, remote = cluster('m2'), cluster('m1', 'm1', cluster_fingerprint='00' * 32)
    with pytest.raises(ArmhvError, match='not the cluster certificate its join token names'):
        run(local, request_for(), remote=remote)
    assert local.mutations() == []


@pytest.mark.parametrize('remote, message', [
    (cluster('m1', 'm1', trusted=False), 'not trusted by 198.18.0.11:8443'),
    (cluster(''), 'is not a cluster member'),
    (cluster('m1', 'm1', 'm2'), 'already has a member named m2'),
])
def test_join_refusals_change_nothing(remote, message):
    local = cluster('m2')
    with pytest.raises(ArmhvError, match=message):
        run(local, request_for(), remote=remote, timeout=0)
    assert local.mutations() == [] and remote.mutations() == []


def test_a_join_waits_until_a_newly_joined_member_trusts_the_client(monkeypatch):
    local, remote = cluster('m3'), cluster('m2', 'm1', 'm2', trusted=False)
    local.joins = remote
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
    local, remote = cluster('m2', server=daemon), cluster('m1', 'm1', trusted=False)
    clock = [0.0]
    monkeypatch.setattr(ops.time, 'sleep', lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    monkeypatch.setattr(ops.time, 'monotonic', lambda: clock[0])
    with pytest.raises(ArmhvError, match=r'not trusted by 198.18.0.11:8443 \(waited 5 s\); trust it there \(%s\)'
                       % command):
        run(local, request_for(), remote=remote, timeout=5)
    assert clock[0] == 5 and local.mutations() == [] and remote.mutations() == []


def test_a_formed_member_is_left_alone_and_asks_for_no_token():
    local = cluster('m2', 'm1', 'm2')
    result, hidden = run(local, request_for())
    assert result['actions'] == [] and hidden == [] and local.mutations() == []


def test_a_member_under_another_name_fails():
    local = cluster('m3', 'm1', 'm3')
    with pytest.raises(ArmhvError, match='this LXD is cluster member m3, not m2'):
        run(local, request_for())


@pytest.mark.parametrize('check_mode', [True, False])
def test_bootstrap_sets_the_address_then_settings(check_mode):
    local = cluster('m1')
    result, hidden = run(local, request_for(server_name='m1', server_address='198.18.0.11', cluster_address=None,
                                            failure_domain='rack1', groups=['edge']), check_mode)
    assert result['actions'] == ['configure', 'bootstrap', 'create_group', 'update']
    assert hidden == []
    if not check_mode:
        assert local.mutations() == [('PATCH', ''), ('PUT', 'cluster'), ('POST', 'cluster/groups'),
                                     ('PUT', 'cluster/members/m1')]
        assert ops.list_members(local.client(), 'm1')[0]['failure_domain'] == 'rack1'


def test_a_failed_bootstrap_restores_the_address():
    local = cluster('m1', config={'cluster.https_address': ''})
    local.fail_next[('PUT', 'cluster')] = 'no'
    with pytest.raises(ArmhvError, match='no'):
        run(local, request_for(server_name='m1', server_address='198.18.0.11', cluster_address=None))
    assert local.mutations() == [('PATCH', ''), ('PUT', 'cluster'), ('PATCH', '')]
    assert local.config == {'cluster.https_address': ''}


def test_a_failed_update_deletes_the_groups_it_made():
    local = cluster('m1', 'm1')
    local.fail_next[('PUT', 'cluster/members/m1')] = 'no'
    with pytest.raises(ArmhvError):
        run(local, request_for(server_name='m1', groups=['edge']))
    assert local.mutations() == [('POST', 'cluster/groups'), ('PUT', 'cluster/members/m1'),
                                 ('DELETE', 'cluster/groups/edge')]
    assert local.groups == ['default']


@pytest.mark.parametrize('members, force, actions', [
    (['m1', 'm2', 'm3'], False, ['evacuate', 'remove']),
    (['m1', ('m2', dict(status='Evacuated')), 'm3'], False, ['remove']),
    (['m1', ('m2', dict(status='Offline')), 'm3'], True, ['remove']),
    (['m1'], False, []),
])
def test_removal(members, force, actions):
    local = cluster('m1', *members)
    result, _hidden = run(local, request_for(state='absent', force=force))
    assert result['actions'] == actions
    assert 'm2' not in [m['name'] for m in result['members']] and 'm2' not in local.members


@pytest.mark.parametrize('members, force, message', [
    (['m1', ('m2', dict(status='Offline'))], False, 'm2 is Offline: it cannot leave gracefully'),
    (['m1', 'm2', ('m3', dict(status='Offline'))], False, 'removal refused: removing m2 would leave'),
    ([('m1', dict(architecture='x86_64')), 'm2'], False, 'evacuation before removal refused'),
])
def test_removal_refusals_change_nothing(members, force, message):
    local = cluster('m1', *members)
    with pytest.raises(ArmhvError, match=message):
        run(local, request_for(state='absent', force=force))
    assert local.mutations() == []


def test_forced_removal_past_the_guards_skips_the_evacuation_it_cannot_do():
    local = cluster('m1', ('m1', dict(architecture='x86_64')), 'm2')
    result, _hidden = run(local, request_for(state='absent', force=True))
    assert result['actions'] == ['remove'] and local.mutations() == [('DELETE', 'cluster/members/m2')]


@pytest.mark.parametrize('state, status, actions', [
    ('evacuated', 'Online', ['evacuate']),
    ('evacuated', 'Evacuated', []),
    ('restored', 'Evacuated', ['restore']),
    ('restored', 'Online', []),
])
@pytest.mark.parametrize('check_mode', [True, False])
def test_maintenance_check_mode_predicts_the_status(state, status, actions, check_mode):
    local = cluster('m1', 'm1', ('m2', dict(status=status)))
    result, _hidden = run(local, request_for(state=state), check_mode)
    assert result['actions'] == actions and bool(local.mutations()) is bool(actions and not check_mode)
    after = [m for m in result['members'] if m['name'] == 'm2'][0]
    assert after['status'] == ('Evacuated' if state == 'evacuated' else 'Online')


def test_evacuation_guard_refuses_stranding_instances():
    local = cluster('m1', ('m1', dict(status='Offline')), 'm2', ('m3', dict(status='Evacuated')))
    with pytest.raises(ArmhvError, match='evacuation refused: no other Online'):
        run(local, request_for(state='evacuated'))
    assert local.mutations() == []


def instance(lxd, name, location, status='Running', uuid=None):
    lxd.add_instance(name, status=status, location=location, config={'volatile.uuid': uuid or name + '-uuid'})


@pytest.mark.parametrize('check_mode', [True, False])
def test_an_evacuation_deletes_the_copy_an_interrupted_move_left(check_mode):
    local = cluster('m1', 'm1', 'm2', 'm3')
    instance(local, 'a1', 'm2', uuid='u1')
    instance(local, 'lxd-move-of-u1', 'm3', 'Stopped')
    instance(local, 'lxd-move-of-u9', 'm3', 'Stopped')
    instance(local, 'incus-move-of-u1', 'm1', 'Running')
    result, _hidden = run(local, request_for(state='evacuated'), check_mode)
    assert result['actions'] == ['delete_leftover', 'evacuate']
    assert result['warnings'] == ['deleted lxd-move-of-u1, the copy of a1 an interrupted move left on m3']
    assert local.mutations() == ([] if check_mode else [('DELETE', 'instances/lxd-move-of-u1'),
                                                        ('POST', 'cluster/members/m2/state')])


def test_an_interrupted_evacuation_starts_again_what_it_stopped_and_says_what_is_left():
    local = cluster('m1', 'm1', 'm2', 'm3', failing_evacuation='m2')
    instance(local, 'a1', 'm2')
    instance(local, 'a2', 'm2', 'Stopped')
    instance(local, 'a3', 'm3')
    with pytest.raises(ArmhvError) as failed:
        run(local, request_for(state='evacuated'))
    assert failed.value.msg == ('evacuating cluster member m2 failed: LXD operation Evacuating cluster member '
                                'failed: Failed to migrate instance; m2 is now Online and holds a1 (Running '
                                '(started again)), a2 (Stopped); a rerun once the cause is fixed does it again')
    assert local.mutations()[-1] == ('PUT', 'instances/a1/state'), 'only what ran before, on that member'
    assert local.instances['a1']['status'] == 'Running' and local.instances['a3']['status'] == 'Running'


@pytest.mark.parametrize('check_mode', [True, False])
def test_a_join_uses_the_groups_the_cluster_already_has(check_mode):
    local, remote = cluster('m2'), cluster('m1', 'm1', groups=['default', 'edge'])
    local.joins = remote
    result, _hidden = run(local, request_for(groups=['edge', 'rack9']), check_mode, remote)
    assert result['actions'] == ['join', 'create_group', 'update']
    if not check_mode:
        assert local.mutations().count(('POST', 'cluster/groups')) == 1, 'edge exists: only rack9 is made'
        assert local.groups == ['default', 'edge', 'rack9']


def test_list_members_names_one_or_none():
    local = cluster('m1', 'm1', 'm2')
    assert [m['name'] for m in ops.list_members(local.client())] == ['m1', 'm2']
    assert [m['name'] for m in ops.list_members(local.client(), 'm2')] == ['m2']
    assert ops.list_members(local.client(), 'm9') == [] and ops.list_members(cluster('solo').client()) == []

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_snapshot and list_snapshots through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.ops import ensure_snapshot, list_snapshots
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.plan import UTC
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.spec import (
    owner_request, request_from_params, volume_owner_request, volume_request_from_params)
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

NOW = datetime.datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC)


def with_instance():
    fake = FakeLxd()
    fake.add_instance('db1')
    return fake


def ensure(fake, check_mode=False, **params):
    request = request_from_params(dict(dict(instance='db1', name='s1'), **params), now=NOW)
    return ensure_snapshot(fake.client(), request, check_mode)


def test_check_apply_check_apply_with_expiry():
    fake = with_instance()
    predicted = ensure(fake, True, expiry='1w')
    assert fake.mutations() == [] and predicted['actions'] == ['create']
    assert predicted['snapshot']['expires_at'] == '2026-12-08T10:00:00Z'
    made = ensure(fake, expiry='1w')
    assert made['snapshot']['expires_at'] == '2026-12-08T10:00:00Z'
    assert fake.snapshots['db1']['s1']['expires_at'] == '2026-12-08T10:00:00Z'
    # The delay counts from the snapshot's taking: a later run does not move it.
    assert ensure(fake, True, expiry='2w')['changed'] is False
    assert ensure(fake, expiry='1w')['changed'] is False


def test_expires_at_is_enforced_and_never_clears_the_owners_default():
    fake = with_instance()
    fake.instances['db1']['config']['test.expires_at'] = '2026-12-02T00:00:00Z'
    made = ensure(fake, expires_at='never')
    assert made['snapshot']['expires_at'] is None and fake.snapshots['db1']['s1']['expires_at'] == '0001-01-01T00:00:00Z'
    update = ensure(fake, expires_at='2027-01-01T01:00:00+01:00')
    assert update['actions'] == ['update'] and fake.snapshots['db1']['s1']['expires_at'] == '2027-01-01T00:00:00Z'
    assert update['diff'] == dict(before=dict(name='s1', expires_at=None, stateful=False),
                                  after=dict(name='s1', expires_at='2027-01-01T00:00:00Z', stateful=False))
    assert ensure(fake, expires_at='2027-01-01T00:00:00Z')['changed'] is False


def test_restore_runs_each_time_and_needs_the_snapshot():
    fake = with_instance()
    fake.add_snapshot('db1', 's1')
    assert ensure(fake, True, state='restored')['actions'] == ['restore'] and fake.restored == []
    assert ensure(fake, state='restored')['actions'] == ['restore']
    assert ensure(fake, state='restored')['changed'] is True and fake.restored == [('db1', 's1'), ('db1', 's1')]
    with pytest.raises(NotFound) as caught:
        ensure(fake, name='s9', state='restored')
    assert caught.value.result()['missing'] == dict(type='snapshot', name='db1/s9')


def test_delete_and_a_missing_instance():
    fake = with_instance()
    fake.add_snapshot('db1', 's1')
    assert ensure(fake, state='absent')['actions'] == ['delete'] and fake.snapshots['db1'] == {}
    assert ensure(fake, state='absent')['changed'] is False
    with pytest.raises(NotFound) as caught:
        ensure(fake, instance='gone')
    assert caught.value.result()['missing'] == dict(type='instance', name='gone')


def test_list_sorted_and_narrowed():
    fake = with_instance()
    fake.add_snapshot('db1', 'b', expires_at='2027-01-01T00:00:00Z')
    fake.add_snapshot('db1', 'a')
    listed = list_snapshots(fake.client(), owner_request('db1'))
    assert [(s['name'], s['expires_at']) for s in listed] == [('a', None), ('b', '2027-01-01T00:00:00Z')]
    assert list_snapshots(fake.client(), owner_request('db1'), 'zz') == []
    with pytest.raises(NotFound):
        list_snapshots(fake.client(), owner_request('gone'))


def test_a_volumes_snapshots_on_its_member():
    fake = FakeLxd()
    fake.add_pool('local')
    fake.add_volume('local', 'pgdata', location='m2')
    request = volume_request_from_params(dict(pool='local', volume='pgdata', name='s1', expiry='1d', target='m2'),
                                         now=NOW)
    made = ensure_snapshot(fake.client(), request, False)
    assert made['snapshot'] == dict(name='s1', pool='local', volume='pgdata', created_at='2026-12-01T10:00:00.123456789Z',
                                    expires_at='2026-12-02T10:00:00Z', stateful=False)
    restore = volume_request_from_params(dict(pool='local', volume='pgdata', name='s1', state='restored', target='m2'))
    assert ensure_snapshot(fake.client(), restore, False)['actions'] == ['restore']
    assert fake.restored == [('local/pgdata', 's1')]
    listed = list_snapshots(fake.client(), volume_owner_request('local', 'pgdata', 'm2'))
    assert [s['name'] for s in listed] == ['s1'], 'the daemon names them pgdata/s1'
    with pytest.raises(NotFound) as caught:
        list_snapshots(fake.client(), volume_owner_request('local', 'gone'))
    assert caught.value.result()['missing'] == dict(type='storage volume', name='local/gone')

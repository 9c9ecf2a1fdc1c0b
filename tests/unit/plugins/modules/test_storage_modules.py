# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""storage_volume, instance_snapshot and their _info companions in-process: the shared main(), their
results, their refusals as documented failed results."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.modules import (
    instance_snapshot, instance_snapshot_info, storage_volume, storage_volume_info)
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'


def run(mocker, main, check_mode=False, **args):
    return run_module(mocker, main, dict(args, url=SOCKET), check_mode=check_mode, diff=True)


def test_volume_check_then_apply_then_listed(mocker, lxd):
    lxd.add_pool('default')
    failed, checked = run(mocker, storage_volume.main, True, name='data', pool='default', size='1GiB')
    assert not failed and checked['actions'] == ['create'] and lxd.mutations() == []
    failed, made = run(mocker, storage_volume.main, name='data', pool='default', size='1GiB')
    assert made['diff'] == checked['diff'] and made['volume'] == checked['volume'] and made['server'] == 'lxd'
    failed, listed = run(mocker, storage_volume_info.main, True, pool='default')
    assert not failed and [v['name'] for v in listed['volumes']] == ['data'] and not listed['changed']


def test_volume_refusals_are_failed_results_with_their_kind(mocker, lxd):
    failed, result = run(mocker, storage_volume.main, name='data', pool='nopool')
    assert failed and result['error'] == 'not_found' and result['missing'] == dict(type='pool', name='nopool')
    failed, result = run(mocker, storage_volume_info.main, pool='bad pool')
    assert failed and result['error'] == 'invalid' and 'invalid storage pool name' in result['msg']
    assert lxd.mutations() == []


def test_snapshot_take_restore_and_list(mocker, lxd):
    lxd.add_instance('db1')
    failed, made = run(mocker, instance_snapshot.main, instance='db1', name='s1', expires_at='2030-01-01T00:00:00Z')
    assert not failed and made['actions'] == ['create'] and made['snapshot']['expires_at'] == '2030-01-01T00:00:00Z'
    failed, restored = run(mocker, instance_snapshot.main, instance='db1', name='s1', state='restored')
    assert restored['changed'] and lxd.restored == [('db1', 's1')]
    failed, listed = run(mocker, instance_snapshot_info.main, True, instance='db1')
    assert [s['name'] for s in listed['snapshots']] == ['s1'] and not listed['changed']


def test_snapshot_refusals_are_failed_results(mocker, lxd):
    failed, result = run(mocker, instance_snapshot.main, instance='db1', name='s1', expiry='1w', expires_at='never')
    assert failed and 'mutually exclusive' in result['msg']
    failed, result = run(mocker, instance_snapshot_info.main, instance='gone')
    assert failed and result['missing'] == dict(type='instance', name='gone')
    failed, result = run(mocker, instance_snapshot_info.main, instance='-bad')
    assert failed and result['error'] == 'invalid' and lxd.mutations() == []

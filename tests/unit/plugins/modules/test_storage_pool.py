# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.modules import storage_pool, storage_pool_info
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'


def run(mocker, check_mode=False, **args):
    return run_module(mocker, storage_pool.main, dict(args, url=SOCKET), check_mode=check_mode, diff=True)


def test_create_predicted_then_made(mocker, lxd):
    failed, checked = run(mocker, check_mode=True, name='fast', driver='btrfs', size='1GiB')
    assert not failed and checked['actions'] == ['create'] and lxd.mutations() == []
    failed, made = run(mocker, name='fast', driver='btrfs', size='1GiB')
    assert made['diff'] == checked['diff'] and lxd.pools['fast']['config']['size'] == '1GiB'
    assert made['pool']['space_total'] == 4096
    failed, again = run(mocker, name='fast', driver='btrfs', size='1GiB')
    assert not again['changed'] and lxd.mutations() == [('POST', 'storage-pools')]


def test_missing_pool_without_driver_fails(mocker, lxd):
    failed, result = run(mocker, name='fast')
    assert failed and 'no driver was given' in result['msg'] and lxd.mutations() == []


def test_in_use_is_refused_and_images_do_not_count(mocker, lxd):
    lxd.add_pool('fast', used_by=['/1.0/images/abc', '/1.0/profiles/default'])
    failed, result = run(mocker, name='fast', state='absent')
    assert failed and '/1.0/profiles/default' in result['msg'] and '/images/' not in result['msg']
    lxd.pools['fast']['used_by'] = ['/1.0/images/abc']
    failed, result = run(mocker, name='fast', state='absent')
    assert not failed and result['actions'] == ['delete'] and lxd.pools == {}


def test_create_only_difference_warns_without_change(mocker, lxd):
    lxd.add_pool('fast', driver='zfs', config={'source': '/dev/sdb', 'zfs.pool_name': 'tank'})
    failed, result = run(mocker, name='fast', source='/dev/sdc', config={'zfs.pool_name': 'other'})
    assert not failed and not result['changed']
    assert 'source, zfs.pool_name only apply at creation' in result['warnings_seen'][0]


def test_info(mocker, lxd):
    lxd.add_pool('zed')
    lxd.add_pool('abc')
    failed, listed = run_module(mocker, storage_pool_info.main, dict(url=SOCKET))
    assert [p['name'] for p in listed['pools']] == ['abc', 'zed']
    failed, missing = run_module(mocker, storage_pool_info.main, dict(url=SOCKET, name='nope'))
    assert missing['pools'] == [] and lxd.mutations() == []

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest
import requests

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
    assert not again['changed'] and lxd.mutations() == [('POST', 'storage-pools'), ('PUT', 'storage-pools/fast')]


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


def test_cluster_pool_is_pending_on_every_member_then_created(mocker, lxd):
    lxd.members = ['m1', 'm2', 'm3']
    args = dict(name='fast', driver='btrfs', size='1GiB', config={'btrfs.mount_options': 'noatime'},
                member_config={'m2': {'size': '2GiB'}, 'm3': {'source': '/dev/sdc'}})
    failed, checked = run(mocker, check_mode=True, **args)
    assert not failed and checked['actions'] == ['create'] and lxd.mutations() == []
    failed, made = run(mocker, **args)
    assert not failed and made['diff'] == checked['diff']
    assert lxd.mutations() == [('POST', 'storage-pools')] * 4
    assert lxd.pools['fast']['config']['btrfs.mount_options'] == 'noatime' and lxd.pending == {}


def test_cluster_pool_failure_removes_the_pending_definitions(mocker, lxd):
    lxd.members = ['m1', 'm2']
    lxd.fail_next[('POST', 'storage-pools', 'm2')] = 'no space'
    failed, result = run(mocker, name='fast', driver='dir')
    assert failed and 'no space' in result['msg']
    assert lxd.pending == {} and lxd.pools == {}
    assert lxd.mutations()[-1] == ('DELETE', 'storage-pools/fast')


def test_cluster_pool_left_pending_is_deleted_and_made_again(mocker, lxd):
    """LXD stopped between the pending definitions and the pool (or during its creation): a rerun."""
    lxd.members = ['m1', 'm2']
    lxd.pending['fast'] = {'m1': {}, 'm2': {}}
    failed, checked = run(mocker, check_mode=True, name='fast', driver='dir')
    assert not failed and checked['actions'] == ['delete', 'create'] and lxd.mutations() == []
    failed, made = run(mocker, name='fast', driver='dir')
    assert not failed and made['actions'] == ['delete', 'create']
    assert made['warnings_seen'] == ['storage pool fast was left half made by an interrupted run (LXD stopped '
                                     'while creating it, status Pending): deleted and created again']
    assert lxd.pools['fast']['status'] == 'Created' and lxd.pending == {}
    failed, again = run(mocker, name='fast', driver='dir')
    assert not failed and not again['changed']


def test_a_failed_remake_says_the_half_made_pool_was_deleted(mocker, lxd):
    lxd.members = ['m1', 'm2']
    lxd.pending['fast'] = {'m1': {}, 'm2': {}}
    lxd.fail_next[('POST', 'storage-pools')] = 'Storage pool directory "/x/storage-pools/fast" already exists'
    failed, result = run(mocker, name='fast', driver='dir')
    assert failed and result['msg'].startswith('LXD POST /1.0/storage-pools failed: Storage pool directory')
    assert result['msg'].endswith('the half-made pool was deleted first (where LXD says a directory or file of the '
                                  'pool already exists, its interrupted creation left it on that member: remove it '
                                  'there, then rerun)')
    assert lxd.pending == {} and lxd.pools == {}


def test_a_share_pool_pending_on_some_members_is_not_half_made(mocker, lxd, tmp_path):
    """nfs and cifs pools stay Pending until every member's run has defined them."""
    from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.ops import half_made
    from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.spec import request_from_params
    view = dict(config={}, status='Pending')
    assert not half_made(view, request_from_params(nfs_args(tmp_path)))
    assert half_made(view, request_from_params(dict(name='fast', driver='dir')))
    assert not half_made(view, request_from_params(dict(name='fast', state='absent')))


def test_member_config_refusals(mocker, lxd):
    failed, result = run(mocker, name='fast', driver='dir', member_config={'m1': {'source': '/srv'}})
    assert failed and 'this one is not clustered' in result['msg']
    lxd.members = ['m1', 'm2']
    failed, result = run(mocker, name='fast', driver='dir', member_config={'m9': {'source': '/srv'}})
    assert failed and 'member_config names m9, not a member of this cluster (members: m1, m2)' in result['msg']
    failed, result = run(mocker, name='fast', driver='dir', member_config={'m1': {'btrfs.mount_options': 'x'}})
    assert failed and 'btrfs.mount_options is not a per-member key' in result['msg']
    assert lxd.mutations() == []


def nfs_args(tmp_path, **extra):
    args = dict(name='shared', driver='nfs', server='198.18.0.2', export='/srv/lxd',
                mount_path=str(tmp_path / 'mnt/shared'))
    args.update(extra)
    return args


@pytest.fixture
def host(mocker, tmp_path):
    from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import mount as _mount
    from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import mount_ops as _mount_ops
    from ansible_collections.armhv.hypervisor.tests.unit.plugins.module_utils._pool.test_mount_ops import FakeHost
    mocker.patch.object(_mount_ops, 'FSTAB', str(tmp_path / 'fstab'))
    mocker.patch.object(_mount, 'CREDENTIALS_DIR', str(tmp_path / 'credentials'))
    fake = FakeHost(systemd=False)
    params = dict(nfs_args(tmp_path), share=None, mount_opts=None, username=None, password=None)
    fake.share = _mount.share_from_params(params)
    mocker.patch.object(storage_pool, 'Host', lambda run_command: fake)
    return fake


def test_nfs_pool_mounts_then_creates_a_dir_pool_in_a_member_directory(mocker, lxd, host, tmp_path):
    failed, checked = run(mocker, check_mode=True, **nfs_args(tmp_path))
    assert not failed and checked['actions'] == ['persist_mount', 'mount', 'create']
    assert 'cannot test whether' in checked['warnings_seen'][0] and lxd.mutations() == [] and host.commands == []
    failed, made = run(mocker, **nfs_args(tmp_path))
    assert not failed and made['actions'] == checked['actions']
    source = str(tmp_path / 'mnt/shared/node1')
    assert lxd.pools['shared']['driver'] == 'dir' and lxd.pools['shared']['config']['source'] == source
    assert os.path.isdir(source)
    assert made['pool']['mount'] == dict(server='198.18.0.2', export='/srv/lxd', mounted=True,
                                         mount_path=str(tmp_path / 'mnt/shared'))
    failed, again = run(mocker, **nfs_args(tmp_path))
    assert not failed and again['actions'] == []


def test_nfs_pool_not_mounted_is_refused_with_nothing_made(mocker, lxd, host, tmp_path):
    host.mounts_work = False
    failed, result = run(mocker, **nfs_args(tmp_path))
    assert failed and 'refusing to create or use storage pool shared' in result['msg']
    assert lxd.pools == {} and lxd.mutations() == []
    assert not (tmp_path / 'fstab').exists() or 'armhv' not in (tmp_path / 'fstab').read_text()
    assert not (tmp_path / 'mnt/shared').exists()


def test_nfs_pool_absent_deletes_the_pool_then_the_mount(mocker, lxd, host, tmp_path):
    run(mocker, **nfs_args(tmp_path))
    os.rmdir(str(tmp_path / 'mnt/shared/node1'))  # LXD removes its pool directory with the pool
    failed, result = run(mocker, state='absent', **nfs_args(tmp_path))
    assert not failed and result['actions'] == ['delete', 'unmount', 'remove_mount']
    assert lxd.pools == {} and host.mounted == [] and not (tmp_path / 'mnt/shared').exists()
    assert 'armhv' not in (tmp_path / 'fstab').read_text()


def test_nfs_pool_in_use_is_not_deleted_and_stays_mounted(mocker, lxd, host, tmp_path):
    run(mocker, **nfs_args(tmp_path))
    lxd.pools['shared']['used_by'] = ['/1.0/instances/web1']
    failed, result = run(mocker, state='absent', **nfs_args(tmp_path))
    assert failed and 'web1' in result['msg'] and host.mounted and 'shared' in lxd.pools


def test_share_options_need_a_share_driver(mocker, lxd):
    failed, result = run(mocker, name='fast', driver='dir', server='198.18.0.2')
    assert failed and 'server only apply to nfs and cifs pools' in result['msg']
    failed, result = run(mocker, name='fast', driver='nfs', server='198.18.0.2', export='/x', source='/y')
    assert failed and 'source is not an option' in result['msg']


def test_nfs_pool_on_a_cluster_is_defined_by_each_member_and_created_by_the_last(mocker, lxd, host, tmp_path):
    lxd.members = ['node1', 'node2']
    failed, first = run(mocker, **nfs_args(tmp_path))
    assert not failed and first['actions'] == ['persist_mount', 'mount', 'define']
    assert first['pool']['status'] == 'Pending' and first['pool']['locations'] == ['node1']
    assert lxd.pending['shared'] == {'node1': {'source': str(tmp_path / 'mnt/shared/node1')}}
    lxd.server_name = 'node2'
    failed, checked = run(mocker, check_mode=True, **nfs_args(tmp_path))
    assert checked['actions'] == ['define', 'create']
    failed, second = run(mocker, **nfs_args(tmp_path))
    assert not failed and second['actions'] == ['define', 'create'] and lxd.pending == {}
    assert second['pool']['status'] == 'Created' and second['pool']['locations'] == ['node1', 'node2']
    failed, again = run(mocker, **nfs_args(tmp_path))
    assert not failed and again['actions'] == []


def test_a_half_made_pool_is_made_again_unless_used(mocker, lxd):
    lxd.add_pool('fast', driver='btrfs', status='Unavailable', config={'size': '1GiB', 'user.armhv.creating': 'true'})
    failed, checked = run(mocker, check_mode=True, name='fast', driver='btrfs', size='1GiB')
    failed, made = run(mocker, name='fast', driver='btrfs', size='1GiB')
    assert not failed and checked['actions'] == made['actions'] == ['delete', 'create']
    assert 'half made' in made['warnings_seen'][0]
    assert lxd.pools['fast']['status'] == 'Created' and 'user.armhv.creating' not in lxd.pools['fast']['config']
    lxd.add_pool('used', status='Unavailable', used_by=['/1.0/instances/web1'], config={'user.armhv.creating': 'true'})
    failed, refused = run(mocker, name='used', driver='dir')
    assert failed and 'in use by /1.0/instances/web1; nothing was changed' in refused['msg']


def test_lxd_gone_during_a_pool_create_says_what_may_be_left(mocker, lxd):
    def vanish(rest, kwargs):
        lxd.unreachable = True
        raise requests.exceptions.ConnectionError('Connection aborted')
    mocker.patch.object(lxd, '_post_storage_pools', side_effect=vanish)
    failed, result = run(mocker, name='fast', driver='btrfs', size='1GiB')
    assert failed and 'creating storage pool fast failed' in result['msg']
    assert 'the next run deletes and creates it again' in result['msg']

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import plan as pool


def view(**config):
    return pool.pool_view(dict(name='fast', driver='btrfs', status='Created', description='',
                               config=dict(dict(source='/var/lib/lxd/disks/fast.img', size='1GiB'), **config)))


@pytest.mark.parametrize('config, description, changed, differing', [
    ({}, None, [], []),
    ({'size': '1GiB'}, None, [], []),
    ({'size': '2GiB'}, None, ['config.size'], []),
    ({'source': '/dev/sdb'}, None, [], ['source']),
    ({'source': '/var/lib/lxd/disks/fast.img'}, None, [], []),
    ({'btrfs.mount_options': 'compress=zstd'}, 'x', ['config.btrfs.mount_options', 'description'], []),
    ({'size': None}, None, ['config.size'], []),
])
def test_compute_update(config, description, changed, differing):
    desired = dict(config=config, description=description)
    after, found, creation_only = pool.compute_update(view(), desired)
    assert (found, creation_only) == (changed, differing)
    assert after['config']['source'] == '/var/lib/lxd/disks/fast.img', 'create-only keys are never sent changed'


def test_users_blocking_delete_leave_out_cached_images():
    shown = pool.pool_view(dict(used_by=['/1.0/images/abc', '/1.0/instances/web1', '/1.0/profiles/default',
                                         '/1.0/storage-pools/fast/volumes/custom/data']))
    assert pool.users_blocking_delete(shown) == ['/1.0/instances/web1', '/1.0/profiles/default',
                                                 '/1.0/storage-pools/fast/volumes/custom/data']


def test_pool_view_space_and_diff_view():
    shown = pool.pool_view(dict(name='p', config={'source': '/x', 'size': '1GiB'}), dict(space=dict(used=1, total=2)))
    assert (shown['space_used'], shown['space_total']) == (1, 2)
    assert pool.diff_view(shown, dict(config={'size': '1GiB'}))['config'] == {'size': '1GiB'}
    assert pool.diff_view(None, dict(config={})) == {}

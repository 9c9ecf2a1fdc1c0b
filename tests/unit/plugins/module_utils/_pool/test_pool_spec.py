# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import spec as pool


def params(**extra):
    base = dict(name='fast', driver='btrfs', source=None, size=None, config=None, description=None)
    base.update(extra)
    return base


@pytest.mark.parametrize('extra, config', [
    (dict(size='5GiB'), {'size': '5GiB'}),
    (dict(source='/dev/sdb', config={'zfs.pool_name': 'tank'}), {'source': '/dev/sdb', 'zfs.pool_name': 'tank'}),
    (dict(config={'volume.size': 10, 'btrfs.mount_options': None}), {'volume.size': '10', 'btrfs.mount_options': None}),
])
def test_request_from_params(extra, config):
    assert pool.request_from_params(params(**extra))['desired']['config'] == config


@pytest.mark.parametrize('extra, message', [
    (dict(name='-bad'), 'invalid storage pool name'),
    (dict(size='1GiB', config={'size': '2GiB'}), 'size either as the size option or inside config'),
    (dict(source='/a', config={'source': '/b'}), 'source either as the source option or inside config'),
])
def test_request_from_params_refuses(extra, message):
    with pytest.raises(ArmhvError, match=message):
        pool.request_from_params(params(**extra))


def test_request_shape():
    request = pool.request_from_params(params(description='fast disks'))
    assert sorted(request) == ['create_only', 'desired', 'name', 'share', 'state']
    assert request['desired'] == dict(driver='btrfs', config={}, description='fast disks', member_config={})
    assert (request['name'], request['state'], request['share']) == ('fast', 'present', None)

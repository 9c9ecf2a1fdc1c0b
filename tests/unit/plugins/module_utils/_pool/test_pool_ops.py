# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_pool and list_pools through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.ops import ensure_pool, list_pools
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd


def request(**params):
    return request_from_params(dict(dict(name='fast', driver='dir', state='present', config={}), **params))


def test_check_mode_predicts_the_create_a_real_run_makes():
    fake = FakeLxd()
    predicted = ensure_pool(fake.client(), request(), True)
    assert fake.mutations() == []
    made = ensure_pool(fake.client(), request(), False)
    assert predicted['actions'] == made['actions'] == ['create']
    assert ensure_pool(fake.client(), request(), False)['changed'] is False


def test_a_pool_in_use_is_a_conflict_naming_its_users():
    fake = FakeLxd()
    ensure_pool(fake.client(), request(), False)
    fake.pools['fast']['used_by'] = ['/1.0/instances/web1']
    with pytest.raises(Conflict) as caught:
        ensure_pool(fake.client(), request(state='absent'), False)
    assert caught.value.blockers and 'web1' in caught.value.msg and 'fast' in fake.pools


def test_a_missing_pool_without_a_driver_is_not_found():
    with pytest.raises(NotFound) as caught:
        ensure_pool(FakeLxd().client(), request(driver=None), False)
    assert caught.value.result()['missing'] == dict(type='pool', name='fast')


def test_list_pools_sorted_or_the_one_named():
    fake = FakeLxd()
    for name in ('slow', 'fast'):
        ensure_pool(fake.client(), request(name=name), False)
    assert [pool['name'] for pool in list_pools(fake.client())] == ['fast', 'slow']
    assert [pool['name'] for pool in list_pools(fake.client(), 'slow')] == ['slow']


def test_a_create_only_request_refuses_an_existing_pool():
    fake = FakeLxd()
    ensure_pool(fake.client(), request(), False)
    with pytest.raises(Conflict, match='storage pool fast already exists'):
        ensure_pool(fake.client(), request(create_only=True), False)

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_profile and list_profiles through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile.ops import ensure_profile, list_profiles
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

ROOT = {'type': 'disk', 'path': '/', 'pool': 'default'}
NIC = {'type': 'nic', 'name': 'eth0', 'network': 'armhvnet0'}


def ensure(fake, check_mode=False, **params):
    return ensure_profile(fake.client(), request_from_params(dict(dict(name='small'), **params)), check_mode)


def test_check_apply_check_apply():
    fake = FakeLxd()
    params = dict(config={'limits.memory': '256MiB'}, devices={'root': ROOT}, description='small')
    predicted = ensure(fake, True, **params)
    assert fake.mutations() == [] and predicted['actions'] == ['create']
    made = ensure(fake, **params)
    assert made['actions'] == ['create'] and made['profile'] == predicted['profile']
    assert fake.profiles['small']['devices'] == {'root': ROOT}
    assert ensure(fake, True, **params)['changed'] is False
    assert ensure(fake, **params)['changed'] is False


def test_merge_leaves_other_devices_and_keys_alone_replace_removes_devices():
    fake = FakeLxd()
    fake.add_profile('small', config={'user.a': '1'}, devices={'root': ROOT})
    merged = ensure(fake, devices={'eth0': NIC}, config={'limits.cpu': 1})
    assert merged['actions'] == ['update']
    assert fake.profiles['small']['devices'] == {'root': ROOT, 'eth0': NIC}
    assert fake.profiles['small']['config'] == {'user.a': '1', 'limits.cpu': '1'}
    replaced = ensure(fake, devices={'eth0': NIC}, devices_mode='replace')
    assert replaced['diff'] == dict(before=dict(config={}, devices={'root': ROOT, 'eth0': NIC}),
                                    after=dict(config={}, devices={'eth0': NIC}))
    assert fake.profiles['small']['devices'] == {'eth0': NIC}


def test_a_profile_in_use_is_not_deleted_and_its_users_are_named():
    fake = FakeLxd()
    fake.add_profile('small', used_by=['/1.0/instances/web1', '/1.0/instances/db?project=tenant'])
    with pytest.raises(Conflict) as caught:
        ensure(fake, state='absent')
    assert caught.value.blockers == ['instance db (project tenant)', 'instance web1']
    assert 'web1' in caught.value.msg and fake.mutations() == []


def test_default_is_changed_never_deleted():
    fake = FakeLxd()
    with pytest.raises(InvalidRequest):
        ensure(fake, name='default', state='absent')
    assert fake.requests == []
    assert ensure(fake, name='default', devices={'root': ROOT})['actions'] == ['update']


def test_absent_twice():
    fake = FakeLxd()
    fake.add_profile('small')
    assert ensure(fake, True, state='absent')['actions'] == ['delete'] and 'small' in fake.profiles
    assert ensure(fake, state='absent')['actions'] == ['delete'] and 'small' not in fake.profiles
    assert ensure(fake, state='absent')['changed'] is False


def test_create_only_refuses_an_existing_one():
    fake = FakeLxd()
    with pytest.raises(Conflict):
        ensure_profile(fake.client(), request_from_params(dict(name='default', create_only=True)), False)


def test_list_profiles_sorted_or_the_one_named():
    fake = FakeLxd()
    fake.add_profile('b')
    fake.add_profile('a')
    assert [p['name'] for p in list_profiles(fake.client())] == ['a', 'b', 'default']
    assert [p['name'] for p in list_profiles(fake.client(), 'b')] == ['b']
    assert list_profiles(fake.client(), 'nope') == []

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""storage_volume's request, ensure_volume and list_volumes through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._volume.ops import ensure_volume, list_volumes
from ansible_collections.armhv.hypervisor.plugins.module_utils._volume.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd


def pooled():
    fake = FakeLxd()
    fake.add_pool('default')
    return fake


def ensure(fake, check_mode=False, **params):
    return ensure_volume(fake.client(), request_from_params(dict(dict(name='data', pool='default'), **params)),
                         check_mode)


def test_size_is_a_config_key_and_values_become_strings():
    request = request_from_params(dict(name='data', pool='default', size='10GiB', config={'security.shifted': True}))
    assert request['desired'] == dict(config={'size': '10GiB', 'security.shifted': 'true'}, description=None,
                                      content_type=None)
    assert request['target'] is None and request['pool'] == 'default'


@pytest.mark.parametrize('params, words', [
    (dict(name='-x', pool='default'), 'invalid storage volume name'),
    (dict(name='a/b', pool='default'), 'invalid storage volume name'),
    (dict(name='data', pool='a b'), 'invalid storage pool name'),
    (dict(name='data', pool='default', target='-m'), 'invalid cluster member name'),
])
def test_bad_input_is_refused_naming_the_option(params, words):
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(params)
    assert words in caught.value.msg


def test_check_apply_check_apply():
    fake = pooled()
    params = dict(size='64MiB', description='db')
    predicted = ensure(fake, True, **params)
    assert fake.mutations() == [] and predicted['actions'] == ['create']
    made = ensure(fake, **params)
    assert made['volume'] == predicted['volume']
    assert made['volume']['content_type'] == 'filesystem' and made['volume']['config'] == {'size': '64MiB'}
    assert ensure(fake, True, **params)['changed'] is False
    assert ensure(fake, **params)['changed'] is False


def test_only_named_keys_change_and_null_removes():
    fake = pooled()
    fake.add_volume('default', 'data', config={'size': '1GiB', 'snapshots.expiry': '7d'})
    changed = ensure(fake, config={'snapshots.expiry': None}, description='x')
    assert changed['actions'] == ['update']
    assert fake.volumes[('default', 'data')]['config'] == {'size': '1GiB'}
    assert changed['diff'] == dict(before=dict(config={'snapshots.expiry': '7d'}, description=''),
                                   after=dict(config={}, description='x'))


def test_target_goes_with_every_request_to_the_member():
    fake = pooled()
    made = ensure(fake, target='m2')
    assert made['volume']['location'] == 'm2' and fake.volumes[('default', 'data')]['location'] == 'm2'


def test_an_attached_volume_is_not_deleted_and_its_users_are_named():
    fake = pooled()
    fake.add_volume('default', 'data', used_by=['/1.0/instances/db1', '/1.0/instances/db2?project=t'])
    with pytest.raises(Conflict) as caught:
        ensure(fake, state='absent')
    assert caught.value.blockers == ['instance db1', 'instance db2 (project t)']
    assert fake.mutations() == []


def test_the_content_type_is_never_changed():
    fake = pooled()
    fake.add_volume('default', 'data', content_type='block')
    assert ensure(fake)['changed'] is False
    with pytest.raises(Conflict) as caught:
        ensure(fake, content_type='filesystem')
    assert 'holds a block, not a filesystem' in caught.value.msg and fake.mutations() == []


def test_a_missing_pool_is_named_before_anything_is_sent():
    fake = FakeLxd()
    with pytest.raises(NotFound) as caught:
        ensure(fake, True)
    assert caught.value.result()['missing'] == dict(type='pool', name='default')
    with pytest.raises(NotFound):
        list_volumes(fake.client(), 'default')


def test_list_sorted_by_name_and_member_and_narrowed_by_name():
    fake = pooled()
    fake.add_volume('default', 'b')
    fake.add_volume('default', 'a', location='m2')
    assert [v['name'] for v in list_volumes(fake.client(), 'default')] == ['a', 'b']
    assert [v['location'] for v in list_volumes(fake.client(), 'default', 'a')] == ['m2']
    assert list_volumes(fake.client(), 'default', 'zz') == []

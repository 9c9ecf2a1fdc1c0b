# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_network and list_networks through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, DaemonRefused
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import CREATING
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.ops import ensure_network, list_networks
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

CONFIG = {'ipv4.address': '198.18.24.1/24', 'ipv4.nat': True}


def ensure(fake, check_mode=False, **params):
    return ensure_network(fake.client(), request_from_params(dict(dict(name='armhvnet0'), **params)), check_mode)


def test_check_apply_check_apply_and_the_mark_is_gone():
    fake = FakeLxd()
    predicted = ensure(fake, True, config=CONFIG)
    assert fake.mutations() == [] and predicted['actions'] == ['create']
    made = ensure(fake, config=CONFIG)
    assert made['actions'] == ['create'] and made['network']['type'] == 'bridge'
    assert fake.networks['armhvnet0']['config'] == {'ipv4.address': '198.18.24.1/24', 'ipv4.nat': 'true'}
    assert ensure(fake, True, config=CONFIG)['changed'] is False
    assert ensure(fake, config=dict(CONFIG, **{'ipv4.nat': False}))['actions'] == ['update']


def test_a_half_made_network_is_deleted_and_made_again_with_a_warning():
    fake = FakeLxd()
    fake.add_network('armhvnet0', config={CREATING: 'true'})
    result = ensure(fake, config=CONFIG)
    assert result['actions'] == ['delete', 'create'] and 'half made' in result['warnings'][0]
    assert CREATING not in fake.networks['armhvnet0']['config']


def test_on_a_cluster_pending_per_member_then_global():
    fake = FakeLxd()
    fake.members = ['m1', 'm2']
    result = ensure(fake, type='macvlan', member_config={'m1': {'parent': 'eth0'}, 'm2': {'parent': 'eth1'}})
    assert result['actions'] == ['create'] and fake.networks['armhvnet0']['type'] == 'macvlan'
    assert fake.mutations() == [('POST', 'networks')] * 3
    assert ensure(fake, type='macvlan', member_config={'m1': {'parent': 'eth0'}, 'm2': {'parent': 'eth1'}})[
        'changed'] is False


def test_a_failed_global_step_removes_the_pending_definitions():
    fake = FakeLxd()
    fake.members = ['m1', 'm2']
    fake.fail_next[('POST', 'networks', None)] = 'Network create failed'
    with pytest.raises(DaemonRefused):
        ensure(fake, config=CONFIG)
    assert fake.network_pending == {} and 'armhvnet0' not in fake.networks


def test_a_failed_first_definition_is_the_error_reported():
    fake = FakeLxd()
    fake.members = ['m1', 'm2']
    fake.fail_next[('POST', 'networks', 'm1')] = 'no such parent'
    with pytest.raises(DaemonRefused) as caught:
        ensure(fake, config=CONFIG)
    assert 'no such parent' in caught.value.msg and ('DELETE', 'networks/armhvnet0') not in fake.requests


def test_refusals_name_what_is_in_the_way():
    fake = FakeLxd()
    fake.add_network('eth0', managed=False)
    with pytest.raises(Conflict) as caught:
        ensure(fake, name='eth0')
    assert 'does not manage' in caught.value.msg
    assert ensure(fake, name='eth0', state='absent')['changed'] is False
    fake.add_network('armhvnet0', used_by=['/1.0/profiles/default', '/1.0/instances/web1'])
    with pytest.raises(Conflict) as caught:
        ensure(fake, state='absent')
    assert caught.value.blockers == ['instance web1', 'profile default']
    with pytest.raises(Conflict) as caught:
        ensure(fake, type='macvlan')
    assert 'never rebuilt' in caught.value.msg and fake.mutations() == []


def test_list_networks_leaves_unmanaged_interfaces_out():
    fake = FakeLxd()
    fake.add_network('eth0', managed=False)
    fake.add_network('b')
    fake.add_network('a')
    assert [n['name'] for n in list_networks(fake.client())] == ['a', 'b']
    assert list_networks(fake.client(), 'eth0') == [] and len(list_networks(fake.client(), 'a')) == 1

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_bridge and list_bridges through the one netlink double (FakeIPRoute)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.ops import ensure_bridge, list_bridges
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.spec import request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, NotFound
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_netlink import FakeIPRoute


def request(**params):
    return request_from_params(dict(dict(name='br0', ports=['eth1'], addresses=['198.18.0.1/24'], persist=False),
                                    **params))


@pytest.fixture
def ipr():
    fake = FakeIPRoute()
    fake.add_link('lo', up=True)
    fake.add_link('eth1')
    return fake


def changes(fake):
    return [call for call in fake.calls if not call.startswith('dump')]


def test_check_mode_predicts_the_steps_a_real_run_takes(ipr):
    predicted = ensure_bridge(ipr, request(), True)
    assert changes(ipr) == [], 'check mode changes nothing'
    made = ensure_bridge(ipr, request(), False)
    assert predicted['actions'] == made['actions'] and made['actions'][0] == 'create br0'
    assert predicted['bridge']['ports'] == made['bridge']['ports'] == ['eth1']
    ipr.calls[:] = []
    assert ensure_bridge(ipr, request(), False)['changed'] is False and changes(ipr) == []


def test_a_missing_port_is_not_found_before_anything_changes(ipr):
    with pytest.raises(NotFound) as caught:
        ensure_bridge(ipr, request(ports=['eth9']), False)
    assert caught.value.what == 'interface' and changes(ipr) == []


def test_the_uplink_is_a_conflict_naming_it(ipr):
    ipr.default_routes.append((2, 'eth1'))
    with pytest.raises(Conflict) as caught:
        ensure_bridge(ipr, request(), False)
    assert caught.value.blockers == ['eth1'] and 'force: true' in caught.value.msg
    assert 'force' not in caught.value.reason, 'the reason leaves the way out to the caller'
    assert changes(ipr) == []


def test_list_bridges_sorted_or_the_one_named(ipr):
    ipr.add_link('eth2')
    ensure_bridge(ipr, request(name='brb', ports=['eth2'], addresses=[]), False)
    ensure_bridge(ipr, request(name='bra', addresses=[]), False)
    assert [bridge['name'] for bridge in list_bridges(ipr)] == ['bra', 'brb']
    assert [bridge['name'] for bridge in list_bridges(ipr, 'brb')] == ['brb']
    assert list_bridges(ipr, 'eth1') == [], 'a port is not a bridge'

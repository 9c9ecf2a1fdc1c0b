# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge import plan as br
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError


def current(**extra):
    base = dict(name='br0', ifindex=4, mtu=1500, mac_address='02:00:00:00:00:01', operstate='UP',
                operstate_up=True, stp=False, vlan_filtering=False, priority=32768, forward_delay=1500,
                hello_time=200, max_age=2000, ageing_time=30000, ports=['eth1'], addresses=['198.18.0.1/24'])
    base.update(extra)
    return base


LINKS = {'eth1': {'master': 'br0', 'up': True}, 'eth2': {'master': None, 'up': False},
         'veth9': {'master': 'br0', 'up': True}, 'br0': {'master': None, 'up': True}}


@pytest.mark.parametrize('have, want, purge, steps', [
    (None, dict(), False, [('create', 'br0'), ('up', 'br0')]),
    (None, dict(ports=['eth2'], mtu=9000, stp=True), False,
     [('create', 'br0'), ('set', 'stp', True), ('attach', 'eth2'), ('set', 'mtu', 9000), ('up', 'br0')]),
    (current(), dict(ports=['eth1']), False, []),
    (current(), dict(ports=['eth1'], addresses=['198.18.0.1/24']), False, []),
    (current(addresses=['198.18.0.1/24', 'fe80::1/64']), dict(addresses=['198.18.0.1/24']), False, []),
    (current(), dict(addresses=['198.18.0.2/24', 'fd00::1/64']), False,
     [('remove_address', '198.18.0.1/24'), ('add_address', '198.18.0.2/24'), ('add_address', 'fd00::1/64')]),
    (current(), dict(addresses=[]), False, [('remove_address', '198.18.0.1/24')]),
    (current(), dict(mtu=1500), False, []),
    (current(), dict(mtu=1400), False, [('set', 'mtu', 1400)]),
    (current(), dict(mtu=1500, ports=['eth1', 'eth2']), False,
     [('attach', 'eth2'), ('set', 'mtu', 1500)]),
    (current(ports=['eth1', 'veth9']), dict(ports=['eth1']), False, []),
    (current(ports=['eth1', 'veth9']), dict(ports=['eth1']), True, [('detach', 'veth9')]),
    (current(operstate_up=False), dict(), False, [('up', 'br0')]),
    (current(), dict(forward_delay=400, stp=True), False, [('set', 'forward_delay', 400), ('set', 'stp', True)]),
    (current(), dict(vlan_filtering=True), False, [('set', 'vlan_filtering', True)]),
    (current(vlan_filtering=True), dict(vlan_filtering=True), False, []),
])
def test_plan_present(have, want, purge, steps):
    desired = dict(name='br0', ports=[], addresses=None)
    desired.update(want)
    assert br.plan_present(have, desired, LINKS, purge) == steps
    predicted = br.apply_plan(have, desired, steps)
    assert br.plan_present(dict(predicted, operstate_up=True), desired,
                           dict(LINKS, eth2={'master': 'br0', 'up': True}), purge) in ([], [('set', 'mtu', 1500)])


def test_plan_present_refuses_missing_ports_first():
    with pytest.raises(ArmhvError, match='port nope0, nope1 does not exist'):
        br.plan_present(current(), dict(name='br0', ports=['eth1', 'nope0', 'nope1'], addresses=None), LINKS, False)


def test_attaching_a_down_port_and_bringing_listed_ports_up():
    links = dict(LINKS, eth1={'master': 'br0', 'up': False})
    assert br.plan_present(current(), dict(name='br0', ports=['eth1'], addresses=None), links, False) == [('up', 'eth1')]


@pytest.mark.parametrize('done, have, undo', [
    ([('create', 'br0'), ('set', 'stp', True), ('attach', 'eth2'), ('up', 'br0')], None,
     [('detach', 'eth2', None), ('down', 'eth2'), ('delete', 'br0')]),
    ([('set', 'stp', True), ('set', 'mtu', 9000)], current(), [('set', 'mtu', 1500), ('set', 'stp', False)]),
    ([('detach', 'veth9'), ('add_address', 'fd00::1/64'), ('remove_address', '198.18.0.1/24')], current(),
     [('add_address', '198.18.0.1/24'), ('remove_address', 'fd00::1/64'), ('attach', 'veth9')]),
    ([('up', 'br0')], current(operstate_up=False), [('down', 'br0')]),
])
def test_undo_steps(done, have, undo):
    assert br.undo_steps('br0', done, have, LINKS) == undo


def test_attach_undo_returns_the_port_to_its_old_bridge():
    links = dict(LINKS, eth2={'master': 'lxdbr0', 'up': True})
    assert br.undo_steps('br0', [('attach', 'eth2')], current(), links) == [('detach', 'eth2', 'lxdbr0')]


def test_bridge_view_in_seconds():
    view = br.bridge_view(current(forward_delay=400, ageing_time=0))
    assert view['forward_delay'] == 4.0 and view['ageing_time'] == 0.0 and view['hello_time'] == 2.0
    assert br.bridge_view(None) == {}
    assert br.foreign_ports(current(ports=['eth1', 'veth9']), ['eth1']) == ['veth9']

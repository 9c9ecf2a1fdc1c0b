# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket

import pytest

from ansible_collections.armhv.hypervisor.plugins.modules import net_bridge, net_bridge_info
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_netlink import FakeIPRoute
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module


@pytest.fixture
def ipr(mocker):
    fake = FakeIPRoute()
    fake.add_link('lo', up=True)
    fake.add_link('eth1')
    mocker.patch('ansible_collections.armhv.hypervisor.plugins.modules.net_bridge.open_netlink', return_value=fake)
    mocker.patch('ansible_collections.armhv.hypervisor.plugins.modules.net_bridge_info.open_netlink',
                 return_value=fake)
    return fake


def run(mocker, check_mode=False, **args):
    failed, result = run_module(mocker, net_bridge.main, dict(args, persist=False), check_mode=check_mode, diff=True)
    assert not failed, result['msg']
    return result


SPEC = dict(name='br0', ports=['eth1'], addresses=['198.18.0.1/24'], stp=True, forward_delay=4, mtu=1400)


def test_noop_costs_one_dump_per_managed_object(mocker, ipr):
    run(mocker, **SPEC)
    ipr.calls[:] = []
    result = run(mocker, **SPEC)
    assert not result['changed']
    assert ipr.calls == ['dump links', 'dump addresses'], 'the bridge and its ports in one dump, addresses in one'
    assert ipr.closed


def test_check_mode_changes_nothing_and_predicts_the_run(mocker, ipr):
    checked = run(mocker, check_mode=True, **SPEC)
    assert [c for c in ipr.calls if not c.startswith('dump')] == []
    applied = run(mocker, **SPEC)
    assert checked['steps'] == applied['steps'] and checked['diff'] == applied['diff']
    assert ipr.links['br0']['mtu'] == 1400 and ipr.links['eth1']['master'] == 'br0'
    assert ipr.links['br0']['bridge']['forward_delay'] == 400, 'seconds become centiseconds'


def test_the_kernels_link_local_address_is_not_a_difference(mocker, ipr):
    """The kernel adds fe80::/64 when the bridge gets a carrier: whether before the module reads the
    bridge back or after, the diff is the one check mode predicted."""
    checked = run(mocker, check_mode=True, **SPEC)
    set_link = ipr.link

    def carrier_brings_link_local(command, **kwargs):
        set_link(command, **kwargs)
        if kwargs.get('state') == 'up':
            ipr.addresses.setdefault(ipr._name(kwargs['index']), []).append('fe80::1/64')

    mocker.patch.object(ipr, 'link', side_effect=carrier_brings_link_local)
    applied = run(mocker, **SPEC)
    assert ipr.addresses['br0'] == ['198.18.0.1/24', 'fe80::1/64']
    assert checked['diff'] == applied['diff']


def test_mtu_is_set_after_the_ports(mocker, ipr):
    result = run(mocker, **SPEC)
    assert result['steps'].index('set mtu 1400') > result['steps'].index('attach eth1')


def test_info_lists_bridges_only(mocker, ipr):
    run(mocker, **SPEC)
    failed, result = run_module(mocker, net_bridge_info.main, {})
    assert not failed and [b['name'] for b in result['bridges']] == ['br0']
    assert result['bridges'][0]['ports'] == ['eth1'] and result['bridges'][0]['forward_delay'] == 4.0
    failed, missing = run_module(mocker, net_bridge_info.main, dict(name='eth1'))
    assert missing['bridges'] == [], 'an interface that is not a bridge is not listed'


def test_not_a_bridge_fails(mocker, ipr):
    failed, result = run_module(mocker, net_bridge.main, dict(name='eth1', persist=False))
    assert failed and 'exists and is not a bridge' in result['msg']


@pytest.mark.parametrize('args, message', [
    (dict(name='br0', confirm_timeout=0), 'confirm_timeout must be a whole number from 1 to 86400 seconds'),
    (dict(name='br0', state='absent', confirm_timeout=30), 'cannot guard state: absent'),
    (dict(name='br0', netns='lab', persist=True), 'netns needs persist: false'),
])
def test_option_combinations_refused_before_netlink(mocker, ipr, args, message):
    failed, result = run_module(mocker, net_bridge.main, dict(dict(persist=False), **args))
    assert failed and message in result['msg']
    assert ipr.calls == []


def test_the_uplink_is_refused_unless_forced_or_guarded(mocker, ipr):
    ipr.default_routes.append((socket.AF_INET6, 'eth1'))
    failed, result = run_module(mocker, net_bridge.main, dict(SPEC, persist=False))
    assert failed and 'refusing to attach eth1 to bridge br0 (eth1: it carries the default route)' in result['msg']
    assert result['error'] == 'conflict' and 'uplinks' not in result and 'force: true' in result['msg'] and 'confirm_timeout' in result['msg']
    assert [c for c in ipr.calls if not c.startswith('dump')] == [], 'refused before anything changed'
    assert run(mocker, force=True, **SPEC)['changed']


def test_the_uplink_is_attached_with_a_revert_armed(mocker, ipr):
    ipr.default_routes.append((socket.AF_INET, 'eth1'))
    arm = mocker.patch('ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.ops.arm')
    assert run(mocker, confirm_timeout=60, **SPEC)['revert'] == 'armed' and arm.called


def test_a_port_without_the_default_route_needs_no_force(mocker, ipr):
    ipr.add_link('eth2')
    ipr.default_routes.append((socket.AF_INET, 'eth2'))
    assert run(mocker, **SPEC)['changed']

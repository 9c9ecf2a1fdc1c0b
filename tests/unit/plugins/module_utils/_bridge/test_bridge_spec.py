# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge import spec as br
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError


def params(**extra):
    base = dict(name='br0', ports=None, addresses=None)
    base.update(extra)
    return base


@pytest.mark.parametrize('extra, expected', [
    (dict(forward_delay=4), {'forward_delay': 400}),
    (dict(hello_time=1.5), {'hello_time': 150}),
    (dict(max_age=6, ageing_time=0), {'max_age': 600, 'ageing_time': 0}),
    (dict(stp=True, vlan_filtering=False, priority=0), {'stp': True, 'vlan_filtering': False, 'priority': 0}),
    (dict(mtu=9000, mac_address='02:00:00:AA:BB:CC'), {'mtu': 9000, 'mac_address': '02:00:00:aa:bb:cc'}),
    (dict(addresses=['198.18.0.1/24', 'fd00::1/64', '198.18.0.1/24']),
     {'addresses': ['198.18.0.1/24', 'fd00::1/64']}),
    (dict(addresses=[]), {'addresses': []}),
])
def test_desired_from_params(extra, expected):
    desired = br.desired_from_params(params(**extra))
    for key, value in expected.items():
        assert desired[key] == value


@pytest.mark.parametrize('extra, message', [
    (dict(name='br/0'), 'invalid bridge name'),
    (dict(ports=['eth 0']), 'invalid port name'),
    (dict(ports=['br0']), 'cannot be a port of itself'),
    (dict(forward_delay=1), 'forward_delay must be between 2 and 30'),
    (dict(hello_time=11), 'hello_time must be between 1 and 10'),
    (dict(max_age=41), 'max_age must be between 6 and 40'),
    (dict(priority=65536), 'priority must be between'),
    (dict(mtu=67), 'mtu must be between'),
    (dict(mac_address='01:00:00:00:00:01'), 'unicast MAC'),
    (dict(mac_address='nope'), 'unicast MAC'),
    (dict(addresses=['198.18.0.1']), 'needs a prefix length'),
    (dict(addresses=['198.18.0.300/24']), 'invalid address'),
])
def test_desired_from_params_refuses(extra, message):
    with pytest.raises(ArmhvError, match=message):
        br.desired_from_params(params(**extra))


def test_request_shape():
    request = br.request_from_params(dict(name='br0', ports=['eth1'], persist=False))
    assert sorted(request) == sorted(('name', 'state', 'desired', 'request_address', 'create_only') + br.SETTINGS)
    assert request['desired']['name'] == 'br0' and request['desired']['ports'] == ['eth1']
    assert (request['state'], request['persist'], request['netns']) == ('present', False, None)


@pytest.mark.parametrize('extra, message', [
    (dict(netns='../../etc'), 'invalid netns'),
    (dict(netns='lab'), 'netns needs persist: false'),
    (dict(confirm_timeout=0, persist=False), 'confirm_timeout must be'),
    (dict(confirm_timeout=30, state='absent', persist=False), 'cannot guard state: absent'),
])
def test_request_from_params_refuses(extra, message):
    with pytest.raises(ArmhvError, match=message):
        br.request_from_params(params(**extra))

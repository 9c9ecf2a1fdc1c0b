# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure managed network logic: what a creation needs, what is compared on a cluster."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.plan import check_parent, comparable


def desired(**fields):
    return dict(dict(type=None, config={}, description=None, member_config={}), **fields)


@pytest.mark.parametrize('wanted, members, refused', [
    (desired(), [], False),
    (desired(type='macvlan'), [], True),
    (desired(type='macvlan', config={'parent': 'eth0'}), [], False),
    (desired(type='physical', member_config={'m1': {'parent': 'eth1'}}), ['m1', 'm2'], True),
    (desired(type='physical', member_config={'m1': {'parent': 'eth1'}, 'm2': {'parent': 'eth1'}}), ['m1', 'm2'], False),
])
def test_macvlan_and_physical_need_a_parent_everywhere(wanted, members, refused):
    if refused:
        with pytest.raises(InvalidRequest) as caught:
            check_parent('n', wanted, members)
        assert 'parent' in caught.value.msg
    else:
        check_parent('n', wanted, members)


def test_member_keys_are_not_compared_on_a_cluster():
    wanted = desired(config={'parent': 'eth0', 'mtu': '1500'})
    assert comparable(wanted, True)['config'] == {'mtu': '1500'}
    assert comparable(wanted, False)['config'] == {'parent': 'eth0', 'mtu': '1500'}

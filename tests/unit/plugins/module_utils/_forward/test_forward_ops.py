# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_forward and list_forwards through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.ops import ensure_forward, list_forwards
from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

PORTS = [{'protocol': 'tcp', 'listen_port': 80, 'target_address': '198.18.24.10', 'target_port': 8080}]


def ensure(fake, check_mode=False, **params):
    params = dict(dict(network='armhvnet0', listen_address='198.18.25.10'), **params)
    return ensure_forward(fake.client(), request_from_params(params), check_mode)


def test_check_apply_check_apply_change_delete():
    fake = FakeLxd()
    fake.add_network('armhvnet0')
    assert ensure(fake, True, ports=PORTS)['actions'] == ['create'] and fake.mutations() == []
    assert ensure(fake, ports=PORTS)['forward']['ports'][0]['target_port'] == '8080'
    assert ensure(fake, True, ports=PORTS)['changed'] is False
    assert ensure(fake, ports=PORTS)['changed'] is False
    assert ensure(fake, target_address='198.18.24.11')['actions'] == ['update']
    assert [f['listen_address'] for f in list_forwards(fake.client())] == ['198.18.25.10']
    assert ensure(fake, state='absent')['actions'] == ['delete']
    assert ensure(fake, state='absent')['changed'] is False and list_forwards(fake.client(), 'armhvnet0') == []


def test_a_missing_network_is_not_found():
    with pytest.raises(NotFound) as caught:
        ensure(FakeLxd(), ports=PORTS)
    assert caught.value.result()['missing'] == dict(type='network', name='armhvnet0')

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_acl and list_acls through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.ops import ensure_acl, list_acls
from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.spec import request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

DROP_PING = [{'action': 'drop', 'protocol': 'icmp4'}]


def ensure(fake, check_mode=False, **params):
    return ensure_acl(fake.client(), request_from_params(dict(dict(name='noping'), **params)), check_mode)


def test_check_apply_check_apply_then_a_rule_list_replaced():
    fake = FakeLxd()
    assert ensure(fake, True, egress=DROP_PING)['actions'] == ['create'] and fake.mutations() == []
    made = ensure(fake, egress=DROP_PING)
    assert made['acl']['egress'][0]['action'] == 'drop' and made['acl']['ingress'] == []
    assert ensure(fake, True, egress=DROP_PING)['changed'] is False
    assert ensure(fake, egress=DROP_PING)['changed'] is False
    changed = ensure(fake, egress=[{'action': 'allow', 'protocol': 'icmp4'}])
    assert changed['actions'] == ['update'] and fake.acls['noping']['egress'][0]['action'] == 'allow'
    assert ensure(fake, ingress=DROP_PING)['actions'] == ['update']
    assert len(fake.acls['noping']['egress']) == 1


def test_an_acl_in_use_is_not_deleted():
    fake = FakeLxd()
    fake.add_acl('noping', used_by=['/1.0/networks/armhvnet0'])
    with pytest.raises(Conflict) as caught:
        ensure(fake, state='absent')
    assert caught.value.blockers == ['network armhvnet0']
    fake.acls['noping']['used_by'] = []
    assert ensure(fake, state='absent')['actions'] == ['delete'] and list_acls(fake.client()) == []

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""managed_network's request: names, values as the daemon's strings, per-member keys only."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.spec import request_from_params


def test_values_become_strings():
    request = request_from_params(dict(name='armhvnet0', config={'ipv4.nat': True, 'bridge.mtu': 1400},
                                       member_config={'m1': {'parent': 'eth0'}}))
    assert request['desired'] == dict(type=None, config={'ipv4.nat': 'true', 'bridge.mtu': '1400'},
                                      description=None, member_config={'m1': {'parent': 'eth0'}})


@pytest.mark.parametrize('params, words', [
    (dict(name='a-name-longer-than-15'), 'invalid network name'),
    (dict(name='n', member_config={'m1': {'ipv4.address': 'auto'}}), 'ipv4.address is not a per-member key'),
    (dict(name='n', member_config={'-m': {}}), 'invalid cluster member name'),
])
def test_bad_input_is_refused_naming_it(params, words):
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(params)
    assert words in caught.value.msg

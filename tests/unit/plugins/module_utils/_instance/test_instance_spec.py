# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance import spec as inst


def test_request_shape():
    request = inst.request_from_params(dict(name='web1', image='busybox', config={'limits.cpu': 2}), timeout=20)
    assert sorted(request) == ['create_only', 'desired', 'force_stop', 'name', 'remotes', 'state', 'stop_timeout',
                               'timeout', 'wait_for_ipv4']
    assert request['name'] == 'web1' and request['state'] == 'started' and request['timeout'] == 20
    assert sorted(request['desired']) == sorted(inst.DESIRED + ('image_remote', 'image_certificate'))
    assert request['desired']['config'] == {'limits.cpu': '2'} and request['desired']['image'] == 'busybox'


@pytest.mark.parametrize('params, message', [
    (dict(name='1bad'), 'invalid instance name'),
    (dict(name='ok', profiles=['bad profile']), 'invalid profile name'),
    (dict(name='ok', stop_timeout=-1, timeout=30), 'stop_timeout must be a whole number from 0 to 86400 seconds'),
    (dict(name='ok', stop_timeout=1, timeout=0), '^timeout must be a whole number from 1 to 86400 seconds, not 0'),
    (dict(name='ok', stop_timeout=10 ** 30, timeout=30), 'stop_timeout must be'),
    (dict(name='ok', stop_timeout=1, timeout=float('inf')), '^timeout must be'),
    (dict(name='ok', stop_timeout=1, timeout=1, config={'a': [1]}), 'config.a must be a string'),
])
def test_request_from_params_refuses(params, message):
    with pytest.raises(ArmhvError, match=message):
        inst.request_from_params(params)

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""profile's request: names, values as the daemon's strings, devices left alone unless given."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile.spec import request_from_params


def test_values_become_strings_and_devices_stay_unmanaged_unless_given():
    request = request_from_params(dict(name='small_1.x', config={'limits.cpu': 1, 'security.nesting': True}))
    assert request['desired'] == dict(config={'limits.cpu': '1', 'security.nesting': 'true'}, devices=None,
                                      description=None)
    assert request['state'] == 'present' and request['replace_devices'] is False


def test_replace_mode():
    request = request_from_params(dict(name='p', devices={}, devices_mode='replace'))
    assert request['desired']['devices'] == {} and request['replace_devices'] is True


@pytest.mark.parametrize('params, words', [
    (dict(name='-bad'), 'invalid profile name'),
    (dict(name='a/b'), 'invalid profile name'),
    (dict(name='p', devices={'root': {'path': '/'}}), 'devices.root needs a "type"'),
    (dict(name='p', config={'limits.cpu': [1]}), 'config.limits.cpu must be a string'),
])
def test_bad_input_is_refused_naming_the_option(params, words):
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(params)
    assert words in caught.value.msg

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.armhv.hypervisor.plugins.filter.instance_risks import FilterModule

instance_risks = FilterModule().filters()['instance_risks']


def test_instances_use_expanded_settings_and_profiles_their_own():
    instances = [
        dict(name='plain', config={'security.privileged': 'true'}, expanded_config={'limits.cpu': '1'},
             expanded_devices={'root': {'type': 'disk', 'path': '/', 'pool': 'default'}}),
        dict(name='nested', expanded_config={'security.nesting': 'true'}, expanded_devices={}),
        dict(name='hostdisk', expanded_config={}, expanded_devices={'d': {'type': 'disk', 'source': '/', 'path': '/h'}}),
    ]
    assert instance_risks(instances) == {'nested': ['security.nesting'], 'hostdisk': ['devices.d (disk)']}
    profiles = [dict(name='default', config={}, devices={}), dict(name='priv', config={'security.privileged': 'true'})]
    assert instance_risks(profiles) == {'priv': ['security.privileged']}


@pytest.mark.parametrize('value', [{'name': 'x'}, ['x'], [{'config': {}}]])
def test_bad_input_is_a_clear_error(value):
    with pytest.raises(AnsibleFilterError, match='instance_risks'):
        instance_risks(value)

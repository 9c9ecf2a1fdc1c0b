# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The api role's project restrictions are the policy table's: the role's vars go through the filter,
and the filter refuses every row of the table."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest
import yaml

from ansible.errors import AnsibleFilterError

from ansible_collections.armhv.hypervisor.plugins.filter.api_project_restrictions import FilterModule
from ansible_collections.armhv.hypervisor.plugins.module_utils._policy import RULES, project_restrictions

api_project_restrictions = FilterModule().filters()['api_project_restrictions']
ROLE = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'roles', 'api')


def role_file(path):
    with open(os.path.join(ROLE, path)) as handle:
        return yaml.safe_load(handle)


def test_the_role_takes_its_project_from_the_table():
    wanted = role_file('vars/main.yml')['__api_project_wanted'].replace('\n', ' ')
    assert wanted.startswith('{{ api_policy_admin_allowed | armhv.hypervisor.api_project_restrictions(api_lxd_networks)')
    assert not [key for key in role_file('vars/main.yml')['__api_project_features'] if key.startswith('restricted')]
    defaults = role_file('defaults/main.yml')
    project = api_project_restrictions(defaults['api_policy_admin_allowed'], defaults['api_lxd_networks'])
    for rule in RULES:
        for key in rule.blocked:
            assert project[key] != 'allow', (rule.name, key)
    assert project['restricted.devices.nic'] == 'block'


def test_the_filter_is_the_table():
    assert api_project_restrictions(['proxy'], ['br0']) == project_restrictions(['proxy'], ['br0'])


@pytest.mark.parametrize('allowed, networks', [('proxy', []), ([1], []), ([], 'br0'), ([], [None])])
def test_bad_input_is_a_clear_error(allowed, networks):
    with pytest.raises(AnsibleFilterError, match='api_project_restrictions'):
        api_project_restrictions(allowed, networks)

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""entry_problems: each entry a module would refuse, named, with the module's own message."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.armhv.hypervisor.plugins.filter.entry_problems import entry_problems


def test_good_entries_have_no_problems():
    entries = [dict(name='default', devices={'root': {'type': 'disk', 'path': '/', 'pool': 'default'}}),
               dict(name='small', config={'limits.cpu': 1}, project='tenant', url='unix:/x')]
    assert entry_problems(entries, 'profile') == []


def test_each_refused_entry_is_named():
    entries = [dict(name='ok'), dict(name='bad name'), dict(name='x', colour='blue'), dict(config={}), 'text']
    assert entry_problems(entries, 'project') == [
        "entry 2 (bad name): invalid project name 'bad name': must be 1 to 63 characters, only ASCII letters, "
        "digits, '-', '_' and '.', starting with a letter or digit",
        'entry 3 (x): unknown option colour',
        'entry 4 (no name): missing name',
        'entry 5 (?): must be a dict of the module options']


def test_managed_networks_are_checked_with_their_own_rules():
    problems = entry_problems([dict(name='armhvnet0', member_config={'m1': {'mtu': 1}})], 'managed_network')
    assert problems == ['entry 1 (armhvnet0): member_config.m1: mtu is not a per-member key; these are: parent, '
                        'bridge.external_interfaces']


@pytest.mark.parametrize('entries, module', [([], 'instance'), ('x', 'profile')])
def test_wrong_use_is_a_filter_error(entries, module):
    with pytest.raises(AnsibleFilterError):
        entry_problems(entries, module)

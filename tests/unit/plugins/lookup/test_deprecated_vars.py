# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""deprecated_vars warns once per old variable the play still sets."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleLookupError

from ansible_collections.armhv.hypervisor.plugins.lookup import deprecated_vars

RENAMED = {'host_daemon_dir': ['harden_lxd_dir', 'backup_lxd_dir'], 'cluster_member_address': ['cluster_address']}


@pytest.fixture
def warned(mocker):
    display = mocker.patch.object(deprecated_vars, 'Display')
    return display.return_value.deprecated


def run(terms, variables):
    return deprecated_vars.LookupModule().run(terms, variables=variables, version='0.3.0')


def test_one_warning_per_old_name_the_play_sets(warned):
    assert run([RENAMED], {'harden_lxd_dir': '/var/lib/lxd', 'cluster_address': '198.18.0.1', 'other': 1}) == [
        ['cluster_address', 'harden_lxd_dir']]
    assert warned.call_args_list[0][0][0] == 'the variable cluster_address is deprecated; set cluster_member_address instead'
    assert warned.call_args_list[1][1] == dict(version='0.3.0', collection_name='armhv.hypervisor')


def test_nothing_set_no_warning(warned):
    assert run([RENAMED], {}) == [[]]
    warned.assert_not_called()


def test_anything_but_one_mapping_is_refused():
    with pytest.raises(AnsibleLookupError, match='one mapping'):
        run(['harden_lxd_dir'], {})

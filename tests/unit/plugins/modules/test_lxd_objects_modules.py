# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The modules of the daemon's named objects (profile, project, managed_network, network_acl,
network_forward and their _info companions) in-process: the one main() they share (_module), their
results, their refusals as documented failed results."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.modules import (
    managed_network, managed_network_info, network_acl_info, network_forward, network_forward_info, profile,
    profile_info, project, project_info)
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'


def run(mocker, main, check_mode=False, **args):
    return run_module(mocker, main, dict(args, url=SOCKET), check_mode=check_mode, diff=True)


def test_profile_check_then_apply_with_diff_and_identity(mocker, lxd):
    failed, checked = run(mocker, profile.main, True, name='small', config={'limits.cpu': 1})
    assert not failed and checked['actions'] == ['create'] and lxd.mutations() == []
    failed, made = run(mocker, profile.main, name='small', config={'limits.cpu': 1})
    assert made['diff'] == checked['diff'] and made['server'] == 'lxd' and made['server_version'] == '5.0.2'
    assert made['profile']['config'] == {'limits.cpu': '1'}


def test_refusals_are_failed_results_with_their_kind(mocker, lxd):
    lxd.add_project('tenant', used_by=['/1.0/instances/a?project=tenant'])
    failed, result = run(mocker, project.main, name='tenant', state='absent')
    assert failed and result['error'] == 'conflict' and 'instance a (project tenant)' in result['msg']
    before = len(lxd.requests)
    failed, result = run(mocker, managed_network.main, name='a-name-much-too-long')
    assert failed and result['error'] == 'invalid' and len(lxd.requests) == before
    failed, result = run(mocker, network_forward.main, network='nonet', listen_address='198.18.25.10', ports=[])
    assert failed and result['error'] == 'not_found' and result['missing'] == dict(type='network', name='nonet')


def test_info_modules_list_and_check_the_name(mocker, lxd):
    lxd.add_network('armhvnet0')
    lxd.add_network('eth0', managed=False)
    lxd.add_acl('web')
    cases = [(profile_info.main, {}, 'profiles', ['default']), (project_info.main, {}, 'projects', ['default']),
             (managed_network_info.main, {}, 'networks', ['armhvnet0']),
             (network_acl_info.main, dict(name='web'), 'acls', ['web']),
             (network_forward_info.main, dict(network='armhvnet0'), 'forwards', [])]
    for main, args, key, names in cases:
        failed, listed = run(mocker, main, True, **args)
        assert not failed and not listed['changed'], listed
        assert [item.get('name', item.get('listen_address')) for item in listed[key]] == names
    failed, result = run(mocker, profile_info.main, name='no/slash')
    assert failed and 'invalid profile name' in result['msg'] and lxd.mutations() == []

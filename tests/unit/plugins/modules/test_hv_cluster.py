# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils import basic

from ansible_collections.armhv.hypervisor.plugins.modules import hv_cluster
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'


def run(mocker, **args):
    return run_module(mocker, hv_cluster.main, dict(args, url=SOCKET), diff=True)


def test_bad_input_fails_before_any_request(mocker, lxd):
    bad_pem = '-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----'
    for args, message in ((dict(server_name='node_1'), 'invalid cluster member name'),
                          (dict(server_name='m1', server_address='h:99999'), 'invalid port'),
                          (dict(server_name='m1', cluster_cert=bad_pem), 'not a PEM')):
        failed, result = run(mocker, **args)
        assert failed and message in result['msg']
    assert lxd.requests == []


def test_secrets_the_work_hides_are_masked_by_ansible(mocker, lxd):
    seen = {}

    def fake_ensure(api, desired, check_mode, context):
        context.hide('s3cr3t-token')
        seen['module'] = context.hide.__self__
        return dict(changed=True, actions=['join'], members=[], diff={})
    mocker.patch.object(hv_cluster, 'ensure_cluster', fake_ensure)
    failed, result = run(mocker, server_name='m2', server_address='198.18.0.12', cluster_address='198.18.0.11')
    assert not failed and result['actions'] == ['join']
    assert 's3cr3t-token' in seen['module']
    # What exit_json and fail_json strip from everything they print.
    assert basic.remove_values('token s3cr3t-token', seen['module']) == 'token ********'

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit callback records task results as each ansible-core names their parts."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleActionFail
from ansible.playbook.task import Task

from ansible_collections.armhv.hypervisor.playbooks.action_plugins import armhv_audit_report as audit_report
from ansible_collections.armhv.hypervisor.plugins.callback import audit
from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _audit


class Host:
    name = 'hv1'


class NewResult:  # ansible-core 2.19
    def __init__(self, task, data):
        self.host, self.task, self.result = Host(), task, data


class OldResult:  # ansible-core 2.16 to 2.18
    def __init__(self, task, data):
        self._host, self._task, self._result = Host(), task, data


@pytest.fixture(autouse=True)
def fresh():
    _audit.reset()
    _audit.ENABLED[0] = False
    yield
    _audit.reset()
    _audit.ENABLED[0] = False


def test_ok_failed_and_unreachable_results_are_recorded():
    callback = audit.CallbackModule()
    assert _audit.ENABLED[0]
    pools = Task.load(dict(name='Pools', action='armhv.hypervisor.storage_pool'))
    bridges = Task.load(dict(name='Bridges', action='armhv.hypervisor.net_bridge'))
    callback.v2_runner_on_ok(NewResult(pools, dict(changed=True)))
    callback.v2_runner_on_failed(OldResult(bridges, dict(failed=True, msg='no such port')))
    pool, bridge = _audit.host_report('hv1')['resources']
    assert pool['resource'] == 'Pools' and pool['changed'] and not pool['failed']
    assert bridge['failed'] and bridge['msg'] == 'no such port'


def test_the_report_refuses_to_run_without_the_callback():
    action = audit_report.ActionModule.__new__(audit_report.ActionModule)
    with pytest.raises(AnsibleActionFail, match='ANSIBLE_CALLBACKS_ENABLED=armhv.hypervisor.audit'):
        action.run(task_vars={})


def test_loaded_twice_only_the_first_records():
    first, second = audit.CallbackModule(), audit.CallbackModule()
    task = Task.load(dict(name='Pools', action='armhv.hypervisor.storage_pool'))
    for callback in (first, second):
        callback.v2_runner_on_ok(NewResult(task, dict(changed=True, diff=dict(before='a', after='b'))))
    assert _audit.host_report('hv1')['resources'][0]['diff'] == [dict(before='a', after='b')]


def test_the_event_says_failed_or_skipped_where_the_result_does_not():
    callback = audit.CallbackModule()
    refuse = Task.load(dict(name='Refuse risky ones', action='ansible.builtin.assert'))
    hold = Task.load(dict(name='Hold the package', action='ansible.builtin.command'))
    # ansible-core 2.19 drops these keys from the result it hands callbacks.
    callback.v2_runner_on_failed(NewResult(refuse, dict(msg='instance rogue: security.privileged')), ignore_errors=True)
    callback.v2_runner_on_skipped(NewResult(hold, dict(changed=False, false_condition='pending')))
    refused, held = _audit.host_report('hv1')['resources']
    assert refused['failed'] and refused['msg'] == 'instance rogue: security.privileged'
    assert not held['changed'] and held['note'] == 'skipped: pending'

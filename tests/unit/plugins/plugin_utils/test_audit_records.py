# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit's records and reports."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from xml.etree import ElementTree

import pytest

from ansible_collections.armhv.hypervisor.playbooks.action_plugins.armhv_audit_report import write
from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _audit


@pytest.fixture(autouse=True)
def fresh():
    _audit.reset()
    yield
    _audit.reset()


def task(name, action='armhv.hypervisor.net_bridge', role='armhv.hypervisor.network', **extra):
    return dict(dict(name=name, action=action, role=role, no_log=False, changed_when=[]), **extra)


def test_loop_items_are_resources_and_a_check_pass_merges_with_the_real_one():
    _audit.record('hv1', task('Check every bridge first'), dict(results=[
        dict(item=dict(name='br0'), _ansible_item_label='br0', changed=True, diff=dict(before='a', after='b')),
        dict(item=dict(name='br1'), _ansible_item_label='br1', changed=False)]))
    _audit.record('hv1', task('Bridges'), dict(results=[
        dict(_ansible_item_label='br0', changed=True), dict(_ansible_item_label='br1', skipped=True)]))
    report = _audit.host_report('hv1')
    # A skipped item is a resource in sync, with the condition that skipped it.
    assert [(r['resource'], r['changed'], r['tasks']) for r in report['resources']] == [
        ('br0', True, ['Check every bridge first', 'Bridges']), ('br1', False, ['Check every bridge first', 'Bridges'])]
    assert report['drift'] == 1 and report['failed'] == 0 and report['in_sync'] == 1
    assert report['resources'][0]['diff'] == [dict(before='a', after='b')]
    assert report['resources'][1]['note'] == 'skipped: nothing to do'


def test_bulk_entries_are_resources_with_their_own_diff():
    data = dict(changed=True, instances=[dict(name='web1', changed=True, actions=['start']),
                                         dict(name='web2', changed=False, actions=[])],
                diff=[dict(before_header='web1', after_header='web1', before={'status': 'Stopped'},
                           after={'status': 'Running'})])
    _audit.record('hv1', task('Instances', 'armhv.hypervisor.lxc_containers', 'armhv.hypervisor.instances'), data)
    web1, web2 = _audit.host_report('hv1')['resources']
    assert web1['changed'] and web1['changes'] == [dict(key='status', before='Stopped', after='Running')]
    assert web1['diff'] == [dict(actions=['start'])]
    assert not web2['changed'] and web2['diff'] == [] and web2['changes'] == []


def test_object_diffs_are_key_by_key_config_keys_by_their_own_names():
    before = dict(config={'limits.memory': '128MiB', 'limits.cpu': '2'}, devices=dict(eth0=dict(network='a')),
                  status='Running')
    after = dict(config={'limits.memory': '64MiB', 'limits.cpu': '2'}, devices=dict(eth0=dict(network='b')),
                 status='Running')
    assert _audit.key_changes(dict(before=before, after=after)) == [
        dict(key='devices.eth0.network', before='a', after='b'),
        dict(key='limits.memory', before='128MiB', after='64MiB')]
    assert _audit.key_changes(dict(before='text\n', after='other\n')) is None


def test_a_setting_item_with_its_running_value_is_a_key_change():
    item = dict(name='kernel.dmesg_restrict', now='0', value='1')
    _audit.record('hv1', task('The settings', 'ansible.posix.sysctl', 'armhv.hypervisor.harden'), dict(results=[
        dict(item=item, _ansible_item_label=item['name'], changed=True, diff=[]),
        dict(item=dict(name='kernel.kptr_restrict', now='at boot: 1', value='1'), skipped=True,
             false_condition='item.name in pending', _ansible_item_label='kernel.kptr_restrict')]))
    drift, in_sync = _audit.host_report('hv1')['resources']
    assert drift['changes'] == [dict(key='kernel.dmesg_restrict', before='0', after='1')]
    assert _audit.describe(drift) == 'would change: kernel.dmesg_restrict: 0 -> 1'
    assert not in_sync['changed'] and in_sync['note'] == 'skipped: item.name in pending'


def test_a_refusal_is_recorded_though_an_assert_is_no_resource():
    _audit.record('hv1', task('Refuse risky ones', 'ansible.builtin.assert', 'armhv.hypervisor.harden'),
                  dict(failed=True, msg='instance rogue: security.privileged'))
    _audit.record('hv1', task('Check settings', 'ansible.builtin.assert', 'armhv.hypervisor.harden'), dict(changed=False))
    report = _audit.host_report('hv1')
    assert [(r['resource'], r['failed'], r['msg']) for r in report['resources']] == [
        ('Refuse risky ones', True, 'instance rogue: security.privileged')]
    error = ElementTree.fromstring(_audit.junit(report)).find('testsuite/testcase/error')
    assert error.get('message') == 'instance rogue: security.privileged'


def test_undeclared_instances_keys_and_devices_are_findings():
    found = [dict(name='web1', status='Running', location='none',
                  config={'limits.memory': '64MiB', 'limits.cpu': '1', 'user.note': 'x', 'volatile.uuid': 'u',
                          'image.os': 'busybox'},
                  devices=dict(eth0={}, extra=dict(type='disk'))),
             dict(name='rogue', status='Stopped', location='none', config={}, devices={}),
             dict(name='elsewhere', status='Running', location='hv2', config={}, devices={})]
    declared = [dict(name='web1', config={'limits.memory': '64MiB'}, devices=dict(eth0={}))]
    web1, rogue = _audit.unmanaged('hv1', found, declared, ['hv1', 'hv2'])
    assert web1['unmanaged'] and [c['key'] for c in web1['changes']] == ['limits.cpu', 'user.note', 'devices.extra']
    assert web1['msg'] == 'instance web1 has keys its entry does not name: limits.cpu, user.note, devices.extra'
    assert rogue['resource'] == 'rogue' and rogue['msg'] == 'instance rogue is not declared in the inventory'
    report = _audit.host_report('hv1', [web1, rogue], dict(time='T'))
    assert (report['unmanaged'], report['drift'], report['in_sync'], report['time']) == (2, 0, 0, 'T')
    suite = ElementTree.fromstring(_audit.junit(report)).find('testsuite')
    assert suite.get('failures') == '2' and suite.get('tests') == '2'


@pytest.mark.parametrize('extra', [dict(action='ansible.builtin.set_fact'), dict(action='debug'),
                                   dict(changed_when=[False]), dict(changed_when='false')])
def test_probes_and_non_resources_are_left_out(extra):
    _audit.record('hv1', task('Read something', **extra), dict(changed=False))
    assert _audit.host_report('hv1')['resources'] == []


def test_a_failed_task_is_an_error_and_no_log_hides_its_message_and_diff():
    _audit.record('hv1', task('Secret', no_log=True), dict(changed=True, failed=True, msg='token abc', diff={'x': 1}))
    entry = _audit.host_report('hv1')['resources'][0]
    assert entry['failed'] and entry['msg'] == 'output hidden (no_log)' and entry['diff'] == []


def test_junit_has_one_case_per_resource_drift_as_failure():
    _audit.record('hv1', task('Pools', 'armhv.hypervisor.storage_pool', 'armhv.hypervisor.storage'),
                  dict(results=[dict(_ansible_item_label='default', changed=False),
                                dict(_ansible_item_label='fast', changed=True)]))
    suite = ElementTree.fromstring(_audit.junit(_audit.host_report('hv1'))).find('testsuite')
    cases = suite.findall('testcase')
    assert suite.get('tests') == '2' and suite.get('failures') == '1'
    assert [c.get('name') for c in cases] == ['default', 'fast']
    assert cases[0].find('failure') is None and cases[1].find('failure') is not None


def test_reports_are_written_per_host(tmp_path):
    _audit.record('hv1', task('Bridges'), dict(results=[dict(_ansible_item_label='br0', changed=True)]))
    files = write(str(tmp_path / 'out'), [_audit.host_report('hv1'), _audit.host_report('hv2')])
    assert sorted(p.rsplit('/', 1)[-1] for p in files) == ['hv1.json', 'hv1.xml', 'hv2.json', 'hv2.xml']
    assert json.loads((tmp_path / 'out' / 'hv1.json').read_text())['drift'] == 1
    assert json.loads((tmp_path / 'out' / 'hv2.json').read_text())['resources'] == []

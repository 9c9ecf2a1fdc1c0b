# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import requests

from ansible_collections.armhv.hypervisor.plugins.modules import lxc_container, lxc_container_info
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'


def run(mocker, check_mode=False, diff=True, **args):
    """The result of a run that must succeed."""
    failed, result = run_module(mocker, lxc_container.main, dict(args, url=SOCKET), check_mode=check_mode, diff=diff)
    assert not failed, result['msg']
    return result


def fail(mocker, **args):
    """The result of a run that must fail."""
    failed, result = run_module(mocker, lxc_container.main, dict(args, url=SOCKET))
    assert failed, result
    return result


def test_create_started_in_check_mode_changes_nothing(mocker, lxd):
    result = run(mocker, check_mode=True, name='web1', image='busybox', config={'limits.cpu': 2})
    assert result['changed']
    assert result['actions'] == ['create', 'start']
    assert lxd.mutations() == [] and lxd.instances == {}
    assert result['instance']['status'] == 'Running'
    assert result['instance']['config'] == {'image.os': 'busybox', 'limits.cpu': '2'}


def test_create_predicted_equals_created(mocker, lxd):
    predicted = run(mocker, check_mode=True, name='web1', image='busybox', config={'a': True})
    created = run(mocker, name='web1', image='busybox', config={'a': True})
    assert created['actions'] == predicted['actions'] == ['create', 'start']
    assert created['diff'] == predicted['diff']
    assert lxd.instances['web1']['config']['a'] == 'true'
    assert lxd.connected['url'] == 'http+unix://%2Ffake%2Funix.socket/1.0'


def test_noop_costs_one_request(mocker, lxd):
    lxd.add_instance('web1', config={'limits.cpu': '2'})
    result = run(mocker, name='web1', image='busybox', config={'limits.cpu': 2})
    assert not result['changed'] and result['actions'] == []
    assert lxd.requests == [('GET', ''), ('GET', 'instances/web1')], 'which daemon answers, then the instance'
    assert (result['server'], result['server_version']) == ('lxd', '5.0.2')
    assert lxd.state_reads == 0, 'run state (addresses) costs LXD 20 times more: only read when asked'


def test_the_result_names_an_incus_server(mocker, lxd):
    lxd.server, lxd.server_version = 'incus', '6.0.4'
    result = run(mocker, name='web1', image='busybox')
    assert result['changed'] and (result['server'], result['server_version']) == ('incus', '6.0.4')


@pytest.mark.parametrize('status, state, actions, final', [
    ('Running', 'stopped', ['stop'], 'Stopped'),
    ('Stopped', 'frozen', ['start', 'freeze'], 'Frozen'),
    ('Frozen', 'started', ['unfreeze'], 'Running'),
    ('Running', 'restarted', ['restart'], 'Running'),
    ('Stopped', 'present', [], 'Stopped'),
])
def test_state_changes(mocker, lxd, status, state, actions, final):
    lxd.add_instance('web1', status=status)
    checked = run(mocker, check_mode=True, name='web1', state=state)
    assert lxd.mutations() == []
    result = run(mocker, name='web1', state=state)
    assert checked['actions'] == result['actions'] == actions
    assert result['instance']['status'] == checked['instance']['status'] == final
    assert lxd.instances['web1']['status'] == final


def test_config_change_on_stopped_instance_does_not_start_it(mocker, lxd):
    lxd.add_instance('web1', status='Stopped')
    result = run(mocker, name='web1', state='present', config={'limits.cpu': 1})
    assert result['actions'] == ['update']
    assert lxd.instances['web1']['status'] == 'Stopped'
    assert lxd.instances['web1']['config']['volatile.uuid'] == 'x', 'volatile keys survive the PUT'


def test_stop_goes_before_update_for_state_stopped(mocker, lxd):
    lxd.add_instance('web1')
    result = run(mocker, name='web1', state='stopped', config={'x': 1})
    assert result['actions'] == ['stop', 'update']


def test_absent_twice(mocker, lxd):
    lxd.add_instance('web1')
    first = run(mocker, name='web1', state='absent')
    second = run(mocker, name='web1', state='absent')
    assert first['actions'] == ['stop', 'delete'] and first['instance'] == {}
    assert first['diff']['after'] == {} and first['diff']['before']['status'] == 'Running'
    assert not second['changed'] and lxd.instances == {}


def test_missing_instance_without_image_fails(mocker, lxd):
    result = fail(mocker, name='web1')
    assert 'no image was given' in result['msg']
    assert lxd.mutations() == []


def test_unknown_image_fails_before_create(mocker, lxd):
    result = fail(mocker, name='web1', image='nope')
    assert "'nope' is neither an alias nor a fingerprint" in result['msg']
    assert lxd.mutations() == []


def test_image_by_fingerprint_prefix(mocker, lxd):
    result = run(mocker, name='web1', image='ffffffffffff', state='present')
    assert result['actions'] == ['create']
    assert lxd.instances['web1']['config']['volatile.base_image'] == 'ffffffffffff'


def test_bad_name_makes_no_connection(mocker, lxd):
    result = fail(mocker, name='9lives', image='busybox')
    assert 'invalid instance name' in result['msg']
    assert not hasattr(lxd, 'connected'), 'no client was created'


def test_failed_start_after_create_deletes_the_instance(mocker, lxd):
    original = lxd._post_instances

    def post_then_break_start(rest, kwargs):
        response = original(rest, kwargs)
        lxd.instances[kwargs['json']['name']]['start_fails'] = True
        return response
    lxd._post_instances = post_then_break_start
    result = fail(mocker, name='web1', image='busybox')
    assert 'deleted again' in result['msg'] and 'Failed to start device' in result['msg']
    assert lxd.instances == {}


def test_failed_start_after_update_restores_the_config(mocker, lxd):
    lxd.add_instance('web1', status='Stopped', start_fails=True, config={'limits.cpu': '1'})
    result = fail(mocker, name='web1', config={'limits.cpu': 4})
    assert 'reverted' in result['msg']
    assert lxd.instances['web1']['config']['limits.cpu'] == '1'


def test_graceful_stop_timeout_hints_force_stop(mocker, lxd):
    lxd.add_instance('web1', ignores_shutdown=True)
    result = fail(mocker, name='web1', state='stopped', stop_timeout=1)
    assert 'force_stop' in result['msg']
    forced = run(mocker, name='web1', state='stopped', force_stop=True)
    assert forced['actions'] == ['stop'] and lxd.instances['web1']['status'] == 'Stopped'


def test_type_mismatch_fails_without_change(mocker, lxd):
    lxd.add_instance('web1')
    result = fail(mocker, name='web1', type='virtual-machine')
    assert 'type only applies at creation' in result['msg']
    assert lxd.mutations() == []


def test_target_on_existing_instance_warns(mocker, lxd):
    lxd.add_instance('web1', location='node1')
    result = run(mocker, name='web1', target='node2')
    assert not result['changed'] and 'not moved' in result['warnings_seen'][0]


def test_create_on_target_member(mocker, lxd):
    result = run(mocker, name='web1', image='busybox', target='node2', type='virtual-machine', state='present')
    assert result['instance']['location'] == 'node2' and result['instance']['type'] == 'virtual-machine'


def test_ephemeral_instance_stopping_returns_empty(mocker, lxd):
    lxd.add_instance('web1', ephemeral=True)
    result = run(mocker, name='web1', state='stopped')
    assert result['actions'] == ['stop'] and result['instance'] == {}


def test_wait_for_ipv4_polls_the_state(mocker, lxd):
    mocker.patch('ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops.POLL_SECONDS', 0)
    raw = lxd.add_instance('web1', status='Stopped')
    original = lxd._state
    calls = []

    def state_with_address(instance):
        calls.append(1)
        if len(calls) > 2:
            instance['network'] = {'eth0': {'addresses': [{'address': '198.18.10.5', 'scope': 'global'}]}}
        return original(instance)
    lxd._state = state_with_address
    result = run(mocker, name='web1', wait_for_ipv4=True)
    assert result['instance']['addresses'] == {'eth0': ['198.18.10.5']}
    assert raw['status'] == 'Running'


def test_no_diff_without_diff_mode(mocker, lxd):
    lxd.add_instance('web1')
    result = run(mocker, diff=False, name='web1')
    assert 'diff' not in result


def test_info_lists_sorted_and_gets_one(mocker, lxd):
    lxd.add_instance('zed')
    lxd.add_instance('abc', status='Stopped')
    info = lxc_container_info.main
    listed = run_module(mocker, info, dict(url=SOCKET))[1]
    one = run_module(mocker, info, dict(url=SOCKET, name='zed'))[1]
    missing = run_module(mocker, info, dict(url=SOCKET, name='nope'))[1]
    failed, invalid = run_module(mocker, info, dict(url=SOCKET, name='-bad'))
    assert [i['name'] for i in listed['instances']] == ['abc', 'zed']
    assert one['instances'][0]['status'] == 'Running' and missing['instances'] == []
    assert failed and 'invalid instance name' in invalid['msg']
    assert lxd.mutations() == []


def test_the_create_request_marks_the_instance_until_lxd_has_made_it(mocker, lxd):
    post = lxd._post_instances
    sent = []
    mocker.patch.object(lxd, '_post_instances', side_effect=lambda rest, kwargs: sent.append(kwargs['json']) or post(rest, kwargs))
    result = run(mocker, name='web1', image='busybox', state='started')
    assert sent[0]['config']['user.armhv.creating'] == 'true'
    assert 'user.armhv.creating' not in lxd.instances['web1']['config']
    assert 'user.armhv.creating' not in result['instance']['config']


def test_a_half_made_instance_is_made_again(mocker, lxd):
    lxd.add_instance('web1', status='Stopped', config={'user.armhv.creating': 'true'})
    predicted = run(mocker, check_mode=True, name='web1', image='busybox', state='started')
    result = run(mocker, name='web1', image='busybox', state='started')
    assert predicted['actions'] == result['actions'] == ['delete', 'create', 'start']
    assert 'half made' in result['warnings_seen'][0]
    assert lxd.instances['web1']['status'] == 'Running'
    assert 'user.armhv.creating' not in lxd.instances['web1']['config']


def test_lxd_gone_during_a_create_says_what_may_be_left(mocker, lxd):
    def vanish(rest, kwargs):
        lxd.unreachable = True
        raise requests.exceptions.ConnectionError('Connection aborted')
    mocker.patch.object(lxd, '_post_instances', side_effect=vanish)
    result = fail(mocker, name='web1', image='busybox', state='started')
    assert 'creating instance web1 failed' in result['msg'] and 'may be left half made' in result['msg']
    assert 'the next run deletes and creates it again' in result['msg']

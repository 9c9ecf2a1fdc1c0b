# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.modules import lxc_containers
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'


def run(mocker, instances, check_mode=False, diff=True, **args):
    return run_module(mocker, lxc_containers.main, dict(args, instances=instances, url=SOCKET),
                      check_mode=check_mode, diff=diff)


def names(result):
    return [entry['name'] for entry in result['instances']]


def test_results_keep_the_list_order_when_operations_finish_out_of_order(mocker, lxd):
    lxd.delays = {'a': 0.3, 'b': 0.0, 'c': 0.15}
    failed, result = run(mocker, [dict(name=n, image='busybox') for n in 'abc'], parallel=3)
    assert not failed, result['msg']
    assert [f for f in lxd.finished if f][:3] != ['a', 'b', 'c'], 'the waits overlapped and ended out of order'
    assert names(result) == ['a', 'b', 'c']
    assert all(entry['actions'] == ['create', 'start'] for entry in result['instances'])
    assert all(lxd.instances[n]['status'] == 'Running' for n in 'abc')


def test_parallel_bounds_the_operations_in_flight(mocker, lxd):
    lxd.delays = dict((n, 0.1) for n in 'abcd')
    failed, result = run(mocker, [dict(name=n, image='busybox') for n in 'abcd'], parallel=1)
    assert not failed
    assert lxd.finished == [n for n in 'abcd' for step in ('create', 'unmark', 'start')], 'one entry at a time'


def test_check_mode_predicts_per_entry_and_changes_nothing(mocker, lxd):
    lxd.add_instance('keep', config={'limits.cpu': '1', 'image.os': 'busybox'})
    lxd.add_instance('gone', status='Stopped')
    entries = [dict(name='new', image='busybox'), dict(name='keep', config={'limits.cpu': 1}),
               dict(name='gone', state='absent')]
    failed, checked = run(mocker, entries, check_mode=True)
    assert not failed and lxd.mutations() == []
    failed, applied = run(mocker, entries)
    assert [e['actions'] for e in checked['instances']] == [e['actions'] for e in applied['instances']]
    assert [e['actions'] for e in applied['instances']] == [['create', 'start'], [], ['delete']]
    assert checked['changed'] and applied['changed']
    assert [d['before_header'] for d in applied['diff']] == ['new', 'gone'], 'a diff per changed entry'
    failed, again = run(mocker, entries)
    assert not again['changed'] and all(e['actions'] == [] for e in again['instances'])


def test_a_bad_entry_anywhere_changes_nothing_and_is_named(mocker, lxd):
    entries = [dict(name='a', image='busybox'), dict(name='b', image='busybox', colour='red'),
               dict(name='1c', image='busybox'), dict(name='d', stop_timeout='soon'), dict(name='a')]
    failed, result = run(mocker, entries)
    assert failed and lxd.mutations() == [] and lxd.requests == []
    for part in ('instances[1] (b): Unsupported parameters', 'instances[2] (1c): invalid instance name',
                 "instances[3] (d): argument 'stop_timeout'", 'instances[4] (a): instance a is named by an'):
        assert part in result['msg']


def test_a_failing_entry_is_rolled_back_and_the_others_converge(mocker, lxd):
    lxd.images = dict(lxd.images)
    entries = [dict(name='a', image='busybox'), dict(name='b', image='nosuchimage'), dict(name='c', image='busybox')]
    lxd.fail_next[('PUT', 'instances/c/state')] = 'Failed to start device "eth9"'
    failed, result = run(mocker, entries)
    assert failed and result['failed_names'] == ['b', 'c']
    assert sorted(lxd.instances) == ['a'], 'b was never created, c was deleted again'
    by_name = dict((e['name'], e) for e in result['instances'])
    assert 'neither an alias nor a fingerprint' in by_name['b']['msg']
    assert 'deleted again' in by_name['c']['msg']
    assert not by_name['a']['failed'] and result['changed']
    assert result['msg'].startswith('2 of 3 instances failed: b: ')


def test_images_by_architecture_only_when_an_entry_needs_one(mocker, lxd):
    lxd.add_instance('old')
    failed, result = run(mocker, [dict(name='old')], images={'aarch64': 'busybox'})
    assert not failed and lxd.requests == [('GET', ''), ('GET', 'instances')], 'only the identity read'
    lxd.requests[:] = []
    lxd.members = ['node1', 'node2']
    lxd.member_architectures = {'node2': 'x86_64'}
    lxd.images['e' * 64] = dict(fingerprint='e' * 64, architecture='x86_64', properties={})
    lxd.aliases['busybox-amd64'] = 'e' * 64
    failed, result = run(mocker, [dict(name='here'), dict(name='there', target='node2')],
                         images={'aarch64': 'busybox', 'x86_64': 'busybox-amd64'})
    assert not failed, result['msg']
    assert lxd.instances['here']['architecture'] == 'aarch64'
    assert lxd.instances['there']['architecture'] == 'x86_64'
    assert lxd.requests.count(('GET', '')) == 1, 'the architecture and the identity come from one read'


def test_task_options_are_checked(mocker, lxd):
    failed, result = run(mocker, [dict(name='a')], parallel=0)
    assert failed and 'parallel must be a whole number from 1 to 64' in result['msg']
    failed, result = run(mocker, [dict(name='a')], parallel=1000000000)
    assert failed and result['error'] == 'invalid' and lxd.requests == []
    failed, result = run(mocker, [dict(name='a')], images={'aarch64': 'bad?name'})
    assert failed and lxd.requests == []


def test_a_noop_costs_one_request_and_an_image_is_looked_up_once(mocker, lxd):
    for name in 'abc':
        lxd.add_instance(name)
    failed, result = run(mocker, [dict(name=n, image='busybox') for n in 'abc'])
    assert not failed and not result['changed']
    assert lxd.requests == [('GET', ''), ('GET', 'instances')], 'one list for every entry, no state read'
    assert result['server'] == 'lxd' and result['server_version'] == '5.0.2'
    lxd.requests[:] = []
    failed, result = run(mocker, [dict(name=n, image='busybox') for n in 'xyz'])
    assert not failed
    assert lxd.requests.count(('GET', 'images/aliases/busybox')) == 1

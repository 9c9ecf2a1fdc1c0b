# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugins that answer a no-op themselves (plugin_utils/_lxd_noop): their answer is the
module's result, and anything else runs the module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import shlex

from unittest.mock import MagicMock

import pytest

from ansible.playbook.task import Task

from ansible_collections.armhv.hypervisor.plugins.action import lxc_containers as containers_action
from ansible_collections.armhv.hypervisor.plugins.action import storage_pool as pool_action
from ansible_collections.armhv.hypervisor.plugins.modules import lxc_containers, storage_pool
from ansible_collections.armhv.hypervisor.plugins.plugin_utils._lxd_noop import NotRead, ReadLxd, options_as_given
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'
ENTRIES = [dict(name='a', image='busybox'), dict(name='b', state='stopped', config={'limits.cpu': 1}),
           dict(name='gone', state='absent')]
VARS = {'ansible_python_interpreter': '/usr/bin/python3'}


class Recorded(object):
    """An action plugin with the managed node's answers canned: the probe's output, the module's result."""
    probe_answer = (3, '')
    commands = ()

    def _low_level_execute_command(self, cmd, sudoable=True, in_data=None, executable=None,
                                   encoding_errors='surrogate_then_replace', chdir=None):
        self.commands += (cmd,)
        rc, out = self.probe_answer
        return dict(rc=rc, stdout=out, stderr='')

    def _execute_module(self, *args, **kwargs):
        return dict(changed=True, ran='module')

    def _remove_tmp_path(self, tmp_path, force=False):
        pass


class ContainersAction(Recorded, containers_action.ActionModule):
    pass


class PoolAction(Recorded, pool_action.ActionModule):
    pass


def plugin(cls, args, probe_answer=(3, ''), async_val=0, diff=False):
    task = MagicMock(Task)
    task.args = args
    task.async_val = async_val
    task.delegate_to = None
    task.diff = diff
    task.environment = [{'LXD_DIR': '/srv/lxd'}]
    templar = MagicMock()
    templar.template.side_effect = lambda value: value
    connection = MagicMock()
    connection._shell.env_prefix.side_effect = lambda **env: ' '.join('%s=%s' % item for item in env.items())
    connection.has_native_async = False
    found = cls(task, connection, MagicMock(), loader=None, templar=templar, shared_loader_obj=None)
    found.probe_answer = probe_answer
    return found


def read(lxd, path, **params):
    return lxd.handle('GET', path, dict(params=dict(params, project='default'), timeout=30)).json()['metadata']


def probed(lxd, *paths):
    """What the probe prints for this fake LXD."""
    reads = []
    for path in paths:
        path, dummy, query = path.partition('?')
        reads.append(read(lxd, path, **dict((k, int(v)) for k, v in (p.split('=') for p in query.split('&') if p))))
    return dict(server=read(lxd, ''), reads=reads)


def answered(cls, lxd, args, diff=False):
    """The plugin's answer from what the probe would read; None when it leaves the task to the module."""
    found = plugin(cls, args)
    given = options_as_given(cls.ARGUMENT_SPEC, args)
    if given is None:
        return None
    params = given[0]
    read = probed(lxd, *found.reads(params))
    try:
        return found.answer(params, ReadLxd(read['server'], dict(zip(found.reads(params), read['reads']))), diff)
    except NotRead:
        return None


def fill(lxd):
    lxd.add_instance('a', config={'volatile.base_image': 'abcdef012345' * 4, 'image.os': 'busybox'})
    lxd.add_instance('b', status='Stopped', config={'limits.cpu': '1', 'image.os': 'busybox'})


@pytest.mark.parametrize('diff', [True, False])
def test_containers_noop_answered_here_is_what_the_module_returns(mocker, lxd, diff):
    fill(lxd)
    failed, module = run_module(mocker, lxc_containers.main, dict(instances=ENTRIES, url=SOCKET), diff=diff)
    assert not failed and not module['changed']
    module.pop('warnings_seen')
    assert answered(ContainersAction, lxd, dict(instances=ENTRIES, url=SOCKET), diff) == module


@pytest.mark.parametrize('entries, why', [
    ([dict(name='a', state='stopped')], 'a change'),
    ([dict(name='new', image='busybox')], 'a create, which needs reads the probe did not make'),
    ([dict(name='a', image='0123456789ab')], 'a warning (image only applies at creation)'),
    ([dict(name='b', type='virtual-machine')], 'a failing entry'),
    ([dict(name='a'), dict(name='1bad')], 'an invalid entry'),
])
def test_containers_anything_but_a_clean_noop_is_the_module(lxd, entries, why):
    fill(lxd)
    assert answered(ContainersAction, lxd, dict(instances=entries)) is None, why


def test_containers_half_made_instance_is_the_module(lxd):
    lxd.add_instance('a', config={'user.armhv.creating': 'true'})
    assert answered(ContainersAction, lxd, dict(instances=[dict(name='a')])) is None


def test_options_the_module_would_refuse_are_the_module():
    spec = ContainersAction.ARGUMENT_SPEC
    assert options_as_given(spec, dict(instances=ENTRIES, parallel='many')) is None
    assert options_as_given(spec, dict(instances=ENTRIES, colour='red')) is None
    checked, invocation = options_as_given(spec, dict(instances=ENTRIES))
    assert checked['url'] is None and checked['project'] == 'default', 'the managed node\'s fallbacks decide'
    assert invocation == dict(module_args=checked)


def test_secrets_are_masked_in_the_invocation():
    args = dict(name='share', driver='cifs', server='198.18.0.1', share='data', password='s3cret')
    dummy, invocation = options_as_given(PoolAction.ARGUMENT_SPEC, args)
    assert invocation['module_args']['password'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


@pytest.mark.parametrize('diff', [True, False])
def test_pool_noop_answered_here_is_what_the_module_returns(mocker, lxd, diff):
    lxd.add_pool('fast', config={'source': '/srv/fast'}, description='ssd')
    args = dict(name='fast', driver='dir', description='ssd', url=SOCKET)
    failed, module = run_module(mocker, storage_pool.main, args, check_mode=True, diff=diff)
    assert not failed and not module['changed']
    module.pop('warnings_seen')
    assert answered(PoolAction, lxd, args, diff) == module


@pytest.mark.parametrize('args, why', [
    (dict(name='fast', description='hdd'), 'a change'),
    (dict(name='fast', source='/srv/other'), 'a warning (source only applies at creation)'),
    (dict(name='fast', driver='zfs'), 'a failure (the driver differs)'),
    (dict(name='share', driver='nfs', server='198.18.0.1', export='/srv'), 'a share pool (its mount is the node\'s)'),
])
def test_pool_anything_but_a_clean_noop_is_the_module(lxd, args, why):
    lxd.add_pool('fast', config={'source': '/srv/fast'}, description='ssd')
    lxd.add_pool('share', config={'source': '/mnt/share'})
    assert answered(PoolAction, lxd, args) is None, why


def test_a_noop_runs_the_probe_not_the_module(lxd):
    fill(lxd)
    found = plugin(ContainersAction, dict(instances=ENTRIES))
    found.probe_answer = (0, json.dumps(probed(lxd, 'instances?recursion=1')))
    result = found.run(task_vars=VARS)
    assert 'ran' not in result and result['changed'] is False and len(result['instances']) == 3
    assert result['invocation']['module_args']['instances'][0] == dict(ENTRIES[0])
    assert found.commands[0].startswith('LXD_DIR=/srv/lxd /usr/bin/python3 -c '), 'the task environment and interpreter'
    assert json.loads(shlex.split(found.commands[0])[-1])['paths'] == ['instances?recursion=1']


@pytest.mark.parametrize('answer, task_vars, async_val', [
    ((3, ''), VARS, 0),
    ((0, 'not json'), VARS, 0),
    ((0, '{"server": {}, "reads": []}'), VARS, 0),
    ((0, '{}'), {}, 0),
    ((0, '{}'), {'ansible_python_interpreter': 'auto_silent'}, 0),
    ((0, '{}'), VARS, 30),
])
def test_the_module_runs_when_the_probe_cannot_answer(answer, task_vars, async_val):
    found = plugin(ContainersAction, dict(instances=ENTRIES), answer, async_val)
    assert found.run(task_vars=task_vars)['ran'] == 'module'


def test_a_remote_url_runs_the_module_without_a_probe():
    found = plugin(ContainersAction, dict(instances=ENTRIES, url='https://198.18.0.1:8443'), (0, '{}'))
    assert found.run(task_vars=VARS)['ran'] == 'module' and found.commands == ()

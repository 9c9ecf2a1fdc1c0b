# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import socket
import subprocess
import sys
import threading

from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest.mock import MagicMock

import pytest

from ansible.playbook.task import Task

from ansible_collections.armhv.hypervisor.plugins.action import lxc_containers as action
from ansible_collections.armhv.hypervisor.plugins.modules import lxc_containers
from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _lxd_probe
from ansible_collections.armhv.hypervisor.tests.unit.fakes.module_runner import run_module

SOCKET = '/fake/unix.socket'
ENTRIES = [dict(name='a', image='busybox'), dict(name='b', state='stopped', config={'limits.cpu': 1}),
           dict(name='gone', state='absent')]


def fill(lxd):
    lxd.add_instance('a', config={'volatile.base_image': 'abcdef012345' * 4, 'image.os': 'busybox'})
    lxd.add_instance('b', status='Stopped', config={'limits.cpu': '1', 'image.os': 'busybox'})


def probed(lxd):
    """What the probe would print for this fake LXD."""
    def read(path, **params):
        return lxd.handle('GET', path, dict(params=dict(params, project='default'), timeout=30)).json()['metadata']
    return dict(server=read(''), reads=[read('instances', recursion=1)])


def params(instances, **args):
    return action.options_as_given(dict(args, instances=instances))


def test_a_noop_answered_here_is_what_the_module_returns(mocker, lxd):
    fill(lxd)
    failed, module = run_module(mocker, lxc_containers.main, dict(instances=ENTRIES, url=SOCKET), diff=True)
    assert not failed and not module['changed']
    read = probed(lxd)
    here = action.unchanged_result(params(ENTRIES), read['server'], read['reads'][0], True)
    module.pop('warnings_seen')
    assert here == module


@pytest.mark.parametrize('entries, why', [
    ([dict(name='a', state='stopped')], 'a change'),
    ([dict(name='new', image='busybox')], 'a create, which needs reads the probe did not make'),
    ([dict(name='a', image='0123456789ab')], 'a warning (image only applies at creation)'),
    ([dict(name='b', type='virtual-machine')], 'a failing entry'),
    ([dict(name='a'), dict(name='1bad')], 'an invalid entry'),
])
def test_anything_but_a_clean_noop_leaves_it_to_the_module(lxd, entries, why):
    fill(lxd)
    read = probed(lxd)
    assert action.unchanged_result(params(entries), read['server'], read['reads'][0], False) is None, why


def test_a_half_made_instance_leaves_it_to_the_module(lxd):
    lxd.add_instance('a', config={'user.armhv.creating': 'true'})
    read = probed(lxd)
    assert action.unchanged_result(params([dict(name='a')]), read['server'], read['reads'][0], False) is None


def test_options_the_module_would_refuse_leave_it_to_the_module():
    assert params(ENTRIES, parallel='many') is None
    assert params(ENTRIES, colour='red') is None
    checked = params(ENTRIES)
    assert checked['url'] is None and checked['project'] == 'default', 'the managed node\'s fallbacks decide'


def plugin(args, task_vars_probe=None, async_val=0):
    task = MagicMock(Task)
    task.args = args
    task.async_val = async_val
    task.delegate_to = None
    task.diff = False
    task.environment = [{'LXD_DIR': '/srv/lxd'}]
    templar = MagicMock()
    templar.template.side_effect = lambda value: value
    connection = MagicMock()
    connection._shell.env_prefix.side_effect = lambda **env: ' '.join('%s=%s' % item for item in env.items())
    connection.has_native_async = False
    found = ActionModuleUnderTest(task, connection, MagicMock(), loader=None, templar=templar,
                                  shared_loader_obj=None)
    found.probe_answer = task_vars_probe
    return found


class ActionModuleUnderTest(action.ActionModule):
    """The plugin with the managed node's answers canned: the probe's output, the module's result."""
    probe_answer = None
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


VARS = {'ansible_python_interpreter': '/usr/bin/python3'}


def test_a_noop_runs_the_probe_not_the_module(lxd):
    fill(lxd)
    found = plugin(dict(instances=ENTRIES), (0, json.dumps(probed(lxd))))
    result = found.run(task_vars=VARS)
    assert 'ran' not in result and result['changed'] is False and len(result['instances']) == 3
    command = found.commands[0]
    assert command.startswith('LXD_DIR=/srv/lxd /usr/bin/python3 -c '), 'the task environment and interpreter'


@pytest.mark.parametrize('answer, task_vars, async_val', [
    ((3, ''), VARS, 0),
    ((0, 'not json'), VARS, 0),
    ((0, '{}'), {}, 0),
    ((0, '{}'), {'ansible_python_interpreter': 'auto_silent'}, 0),
    ((0, '{}'), VARS, 30),
])
def test_the_module_runs_when_the_probe_cannot_answer(answer, task_vars, async_val):
    found = plugin(dict(instances=ENTRIES), answer, async_val)
    assert found.run(task_vars=task_vars)['ran'] == 'module'


class FakeDaemon(BaseHTTPRequestHandler):
    answers = {}

    def do_GET(self):
        status, body = self.answers.get(self.path, (404, {'error': 'not found'}))
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class UnixHTTPServer(HTTPServer):
    address_family = socket.AF_UNIX

    def server_bind(self):
        self.socket.bind(self.server_address)

    def get_request(self):
        request, dummy = self.socket.accept()
        return request, ('local', 0)


@pytest.fixture
def daemon(tmp_path):
    path = str(tmp_path / 'unix.socket')
    server = UnixHTTPServer(path, FakeDaemon)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield path
    server.shutdown()


def probe(args, environ):
    args = dict(dict(url=None, project=None, timeout=5, dir_variables=['LXD_DIR', 'INCUS_DIR'],
                     sockets=['/nonexistent/unix.socket'], paths=['instances?recursion=1']), **args)
    done = subprocess.run([sys.executable, _lxd_probe.__file__, json.dumps(args)], env=environ,
                          capture_output=True, text=True, timeout=30, check=False)
    return done.returncode, done.stdout


def test_the_probe_reads_the_socket_the_modules_would(daemon):
    FakeDaemon.answers = {'/1.0': (200, {'metadata': {'environment': {'server': 'incus'}}}),
                          '/1.0/instances?recursion=1&project=web': (200, {'metadata': [{'name': 'a'}]})}
    folder = os.path.dirname(daemon)
    rc, out = probe({}, dict(INCUS_DIR=folder, ARMHV_LXD_PROJECT='web'))
    assert rc == 0 and json.loads(out) == dict(server={'environment': {'server': 'incus'}}, reads=[[{'name': 'a'}]])
    rc, out = probe(dict(url='unix:' + daemon, project='web'), {})
    assert rc == 0
    rc, out = probe(dict(sockets=['/nonexistent/unix.socket', daemon], project='web'), {})
    assert rc == 0


@pytest.mark.parametrize('args, environ', [
    (dict(url='https://198.18.0.1:8443'), {}),
    (dict(), dict(ARMHV_LXD_URL='https://198.18.0.1:8443')),
    (dict(), {}),
    (dict(project='other'), 'daemon'),
])
def test_the_probe_leaves_it_to_the_module(daemon, args, environ):
    FakeDaemon.answers = {'/1.0': (200, {'metadata': {}})}
    environ = dict(LXD_DIR=os.path.dirname(daemon)) if environ == 'daemon' else environ
    rc, out = probe(args, environ)
    assert rc == _lxd_probe.MUST_USE_MODULE and out == ''

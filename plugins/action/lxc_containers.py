# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""lxc_containers: answer a no-op from one read of LXD, else run the module.

A fleet converged by an earlier run is the common case, and the module's own start on the managed
node (AnsiballZ, ansible.module_utils.basic, pylxd) costs far more than LXD takes to list every
instance. So the plugin first reads the instances and the server over the local socket with a
standard-library probe (plugin_utils/_lxd_probe), then walks the module's own check-mode path
(_instance_ops.ensure_instances) here on the controller against what it read. When no entry would
change, warn or fail, that is the task's result, exactly what the module would return; anything else
(a change, a read the probe did not make, a remote url, async, delegation) runs the module as usual."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import shlex

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance_entries import (
    ARGUMENT_SPEC, check_task_options, requests_from_entries, summarize)
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance_ops import ensure_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd_values import (
    DIR_VARIABLES, SOCKETS, server_identity)
from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _lxd_probe

# What the probe reads: the one list ensure_instances starts from.
INSTANCES = 'instances?recursion=1'


class NotRead(Exception):
    """The check needs an answer the probe did not read: the module runs instead."""


class Snapshot:
    """The client ensure_instances talks to on the controller: GET /1.0 and the instance list, as read."""

    def __init__(self, server, instances):
        self._server = server
        self._instances = instances

    @property
    def name(self):
        return 'Incus' if self.identity()['server'] == 'incus' else 'LXD'

    def server(self):
        return self._server

    def identity(self):
        return server_identity(self._server)

    def get(self, path, params=None):
        if path == 'instances' and params == {'recursion': 1}:
            return self._instances
        raise NotRead(path)

    def call(self, method, path, body=None, params=None, wait=None):
        if method == 'GET':
            return self.get(path, params)
        raise NotRead('%s %s' % (method, path))


def options_as_given(args):
    """The task's options checked as the module checks them, minus the environment fallbacks, which
    are the managed node's (url, project: None leaves them to the probe)."""
    spec = dict((name, dict((key, value) for key, value in option.items() if key != 'fallback'))
                for name, option in ARGUMENT_SPEC.items())
    checked = ArgumentSpecValidator(spec).validate(args)
    if checked.errors.errors:
        return None
    return checked.validated_parameters


def unchanged_result(params, server, instances, with_diff):
    """The module's result when no entry changes, warns or fails; else None."""
    try:
        check_task_options(params)
        requests = requests_from_entries(params['instances'], params['timeout'])
        results = ensure_instances(Snapshot(server, instances), requests, True, 1, params['images'])
    except (ArmhvError, NotRead):
        return None
    summary, warnings = summarize(results, server_identity(server), with_diff)
    if warnings or summary['changed'] or summary.get('failed'):
        return None
    return summary


class ActionModule(ActionBase):
    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        known = self._unchanged(task_vars or {})
        if known is not None:
            return merge_hash(result, known)
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _unchanged(self, task_vars):
        interpreter = self._interpreter(task_vars)
        params = options_as_given(self._task.args)
        if interpreter is None or params is None or self._task.async_val or self._task.delegate_to:
            return None
        read = self._probe(interpreter, params)
        if read is None:
            return None
        return unchanged_result(params, read['server'], read['reads'][0], self._task.diff)

    def _interpreter(self, task_vars):
        """The Python the module would run under, when it is known without discovery."""
        interpreter = task_vars.get('ansible_python_interpreter') or \
            (task_vars.get('ansible_facts') or {}).get('discovered_interpreter_python')
        interpreter = self._templar.template(interpreter) if interpreter else None
        return None if not interpreter or interpreter.startswith('auto') else interpreter

    def _probe(self, interpreter, params):
        with open(_lxd_probe.__file__.replace('.pyc', '.py')) as handle:
            source = handle.read()
        args = dict(url=self._task.args.get('url'), project=self._task.args.get('project'),
                    timeout=params['timeout'], dir_variables=list(DIR_VARIABLES), sockets=list(SOCKETS),
                    paths=[INSTANCES])
        command = ' '.join(part for part in (self._compute_environment_string(), interpreter, '-c',
                                             shlex.quote(source), shlex.quote(json.dumps(args))) if part)
        done = self._low_level_execute_command(command, sudoable=True)
        if done['rc'] != 0:
            return None
        try:
            return json.loads(done['stdout'])
        except ValueError:
            return None

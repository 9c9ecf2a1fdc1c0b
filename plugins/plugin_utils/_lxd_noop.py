# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Answer an LXD task that changes nothing without starting its module on the managed node.

Converged is the common case, and a module's own start (AnsiballZ, ansible.module_utils.basic, pylxd)
costs far more than the LXD reads it needs to find that out. An action plugin built on NoopFirst reads
what the module would read with a standard-library probe (_lxd_probe, over the local socket), then
walks the module's own check-mode ensure_* path here on the controller against a client that answers
those reads only. When nothing would change, warn or fail, that is the task's result, exactly what the
module returns; anything else (a change, a read the probe did not make, a remote url, async,
delegation, an interpreter not known yet) runs the module as usual."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import shlex

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import (
    DIR_VARIABLES, SOCKETS, server_identity)
from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _lxd_probe


class NotRead(Exception):
    """The check needs an answer the probe did not read: the module runs instead."""


def read_key(path, params=None):
    """A read as the probe is asked for it: the API path below /1.0 and its query, project aside."""
    return path + ('?' + '&'.join('%s=%s' % item for item in sorted(params.items())) if params else '')


class ReadLxd:
    """The client an ensure_* path talks to on the controller: GET /1.0 and the reads the probe made."""

    def __init__(self, server, reads):
        self._server = server
        self._reads = reads

    @property
    def name(self):
        return 'Incus' if self.identity()['server'] == 'incus' else 'LXD'

    def server(self):
        return self._server

    def identity(self):
        return server_identity(self._server)

    def get(self, path, params=None):
        key = read_key(path, params)
        if key not in self._reads:
            raise NotRead(key)
        return self._reads[key]

    def call(self, method, path, body=None, params=None, wait=None):
        if method == 'GET':
            return self.get(path, params)
        raise NotRead('%s %s' % (method, path))


def options_as_given(spec, args):
    """The task's options checked as the module checks them (None when it would refuse them), minus
    the environment fallbacks, which are the managed node's: url and project are left to the probe.
    Returns (the options, the result's invocation, secrets masked as the module masks them)."""
    spec = dict((name, dict((key, value) for key, value in option.items() if key != 'fallback'))
                for name, option in spec.items())
    checked = ArgumentSpecValidator(spec).validate(args)
    if checked.errors.errors:
        return None
    params = checked.validated_parameters
    return params, dict(module_args=remove_values(params, checked._no_log_values))


def run_module(action, result, task_vars):
    """The module's result merged into result, as a plain action plugin runs it (async included)."""
    wrap_async = action._task.async_val and not action._connection.has_native_async
    result = merge_hash(result, action._execute_module(task_vars=task_vars, wrap_async=wrap_async))
    if not wrap_async:
        action._remove_tmp_path(action._connection._shell.tmpdir)
    return result


class NoopFirst(ActionBase):
    """An action plugin that answers a no-op itself. Subclasses set ARGUMENT_SPEC (the module's) and
    define reads(params), the read_key()s the check needs, and answer(params, client, with_diff), the
    module's result when nothing changes, warns or fails, else None."""
    _supports_check_mode = True
    _supports_async = True
    ARGUMENT_SPEC = {}

    def reads(self, params):
        raise NotImplementedError

    def answer(self, params, client, with_diff):
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        result = super(NoopFirst, self).run(tmp, task_vars)
        del tmp
        known = self._unchanged(task_vars or {})
        if known is not None:
            return merge_hash(result, known)
        return run_module(self, result, task_vars)

    def _unchanged(self, task_vars):
        interpreter = self._interpreter(task_vars)
        given = options_as_given(self.ARGUMENT_SPEC, self._task.args)
        if interpreter is None or given is None or self._task.async_val or self._task.delegate_to:
            return None
        params, invocation = given
        if params['url'] and not params['url'].startswith(('unix:', '/')):
            return None  # the probe reads the local socket only
        paths = self.reads(params)
        read = self._probe(interpreter, params, paths)
        if read is None:
            return None
        try:
            found = self.answer(params, ReadLxd(read['server'], dict(zip(paths, read['reads']))), self._task.diff)
        except NotRead:
            return None
        return None if found is None else dict(found, invocation=invocation)

    def _interpreter(self, task_vars):
        """The Python the module would run under, when it is known without discovery."""
        interpreter = task_vars.get('ansible_python_interpreter') or \
            (task_vars.get('ansible_facts') or {}).get('discovered_interpreter_python')
        interpreter = self._templar.template(interpreter) if interpreter else None
        return None if not interpreter or interpreter.startswith('auto') else interpreter

    def _probe(self, interpreter, params, paths):
        with open(_lxd_probe.__file__.replace('.pyc', '.py')) as handle:
            source = handle.read()
        args = dict(url=self._task.args.get('url'), project=self._task.args.get('project'),
                    timeout=params['timeout'], dir_variables=list(DIR_VARIABLES), sockets=list(SOCKETS),
                    paths=paths)
        command = ' '.join(part for part in (self._compute_environment_string(), interpreter, '-c',
                                             shlex.quote(source), shlex.quote(json.dumps(args))) if part)
        done = self._low_level_execute_command(command, sudoable=True)
        if done['rc'] != 0:
            return None
        try:
            read = json.loads(done['stdout'])
        except ValueError:
            return None
        return read if len(read.get('reads') or []) == len(paths) else None

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a module's main() in-process and capture what it would have returned."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json

from ansible.module_utils import basic

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    from unittest import mock

    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()):
            yield


class ModuleResult(Exception):
    def __init__(self, failed, result):
        super(ModuleResult, self).__init__(result.get('msg'))
        self.failed = failed
        self.result = result


def _exit(self, **result):
    raise ModuleResult(False, result)


def _fail(self, msg, **result):
    result['msg'] = msg
    raise ModuleResult(True, result)


def run_module(mocker, main, args, check_mode=False, diff=False):
    """Return (failed, result) of one module run."""
    mocker.patch.object(basic.AnsibleModule, 'exit_json', _exit)
    mocker.patch.object(basic.AnsibleModule, 'fail_json', _fail)
    mocker.patch.object(basic.AnsibleModule, 'warn', lambda self, msg: self._warnings_seen.append(msg),
                        create=True)
    basic.AnsibleModule._warnings_seen = []
    full = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    with patch_module_args(full):
        try:
            main()
        except ModuleResult as outcome:
            outcome.result['warnings_seen'] = list(basic.AnsibleModule._warnings_seen)
            return outcome.failed, outcome.result
    raise AssertionError('the module returned without exit_json or fail_json')

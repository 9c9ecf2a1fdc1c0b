# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The one shape of every ensure_<resource>(client, request, check_mode) call: a Run records what the
call does (in check mode: would do), and its Result is what the module returns and the API reads.

No Ansible import here: the management API uses it too."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class Result(dict):
    """changed, actions, warnings, diff and the resource's view under its own key (instance, pool, ...).

    A dict, so a module hands it to exit_json as it is."""

    @property
    def changed(self):
        return self['changed']


class Run:
    """One ensure_* call: the client it talks through, the validated request, and its record."""

    def __init__(self, client, request, check_mode):
        self.client = client
        self.request = request
        self.check_mode = check_mode
        self.actions = []
        self.warnings = []

    def act(self, action, change=None):
        """Record action, and carry it out with change() unless this is a check run; a check run walks
        the same path, so it predicts the same actions as a real one."""
        self.actions.append(action)
        if change is not None and not self.check_mode:
            return change()
        return None

    def warn(self, message):
        self.warnings.append(message)

    def result(self, **values):
        return Result(changed=bool(self.actions), actions=list(self.actions), warnings=list(self.warnings),
                      **values)


def module_result(module, result):
    """Turn an ensure_* result into what exit_json takes: warnings emitted, diff only with --diff."""
    for warning in result.pop('warnings', []):
        module.warn(warning)
    if not module._diff:
        result.pop('diff', None)
    return dict(result)

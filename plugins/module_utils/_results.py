# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The one shape of every ensure_<resource>(client, request, check_mode, context=None) call: a Run records
what the call does (in check mode: would do), and its Result is what the module returns and the API reads.

No Ansible import here: the management API uses it too."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class Result(dict):
    """changed, actions, warnings, diff and the resource's view under its own key (instance, pool, ...).

    A dict, so a module hands it to exit_json as it is."""

    @property
    def changed(self):
        return self['changed']


class Context:
    """What only some ensure_* calls need, in one object.

    mounter: the host that mounts a pool's share (_pool.mount_ops.Host); connect_remote(address): (LxdApi,
    pinned PEM or None) for another cluster member, to join through; hide(secret): keeps a value out of
    everything the module returns."""

    def __init__(self, mounter=None, connect_remote=None, hide=None):
        self.mounter = mounter
        self.connect_remote = connect_remote
        self.hide = hide or (lambda secret: None)


class Run:
    """One ensure_* call: the client it talks through, the validated request, its context, and its record."""

    def __init__(self, client, request, check_mode, context=None):
        self.client = client
        self.request = request
        self.check_mode = check_mode
        self.context = context or Context()
        self.actions = []
        self.warnings = []

    def act(self, action, change=None):
        """Record action (or a list of actions one change carries out together), and carry it out with
        change() unless this is a check run; a check run walks the same path, so it predicts the same
        actions as a real one."""
        self.actions.extend(action if isinstance(action, list) else [action])
        if change is not None and not self.check_mode:
            return change()
        return None

    def send(self, action, method, path, body=None, params=None, wait=None):
        """act() for the change most steps make: one request to the run's daemon."""
        return self.act(action, lambda: self.client.call(method, path, body, params=params, wait=wait))

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

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Confirm-or-revert: arm a detached revert before a risky change, disarm it when a later task confirms."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import inspect
import json
import os
import signal
import subprocess
import sys
import time

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge import steps as _bridge_steps
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, Conflict

SCRIPT = 'armhv_bridge_revert.py'


def arm(name, netns, undo, files, timeout):
    """Write the revert record and start the process that applies it after timeout seconds."""
    if not os.path.isdir(_bridge_steps.REVERT_DIR):
        os.makedirs(_bridge_steps.REVERT_DIR, 0o700)
    path = _bridge_steps.record_path(name, netns)
    if os.path.exists(path):
        raise Conflict('a revert is already armed for bridge %s (%s); confirm it first' % (name, path))
    if os.path.exists(path + '.reverted'):
        # Reported by this run (earlier_revert_ran); left, a later confirm would find it instead of this
        # run's record and leave this change to be reverted.
        os.unlink(path + '.reverted')
    record = dict(name=name, netns=netns, undo=undo, deadline=time.time() + timeout,
                  root=files['root'] if files else '/', files=_previous_files(files))
    script = os.path.join(_bridge_steps.REVERT_DIR, SCRIPT)
    try:
        with open(script, 'w') as handle:
            # Our own source: the module's payload is gone by the time the revert runs.
            handle.write(inspect.getsource(_bridge_steps))
        with open(path, 'w') as handle:
            json.dump(record, handle)
        os.chmod(path, 0o600)
        process = subprocess.Popen([sys.executable, script, path], start_new_session=True, close_fds=True,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (IOError, OSError) as exc:
        raise ArmhvError('cannot arm the revert for bridge %s: %s' % (name, exc))
    with open(path + '.pid', 'w') as handle:
        handle.write(str(process.pid))
    return path


def _previous_files(files):
    """Each persisted file as it was (None: it did not exist), for every file the change touches."""
    if not files:
        return {}
    touched = set(files['before']) | set(files['after'])
    return dict((path, files['before'].get(path)) for path in touched)


def earlier_revert_ran(name, netns):
    """A revert armed by an earlier run has run and no confirm has reported it yet."""
    return os.path.exists(_bridge_steps.record_path(name, netns) + '.reverted')


def pending(name, netns):
    """What disarm would report, without changing anything (check mode)."""
    path = _bridge_steps.record_path(name, netns)
    if os.path.exists(path + '.reverted'):
        return 'reverted'
    return 'confirmed' if os.path.exists(path) else 'none'


def disarm(name, netns):
    """'confirmed' when an armed revert was stopped, 'reverted' when it already ran, else 'none'."""
    path = _bridge_steps.record_path(name, netns)
    if os.path.exists(path + '.reverted'):
        os.unlink(path + '.reverted')
        return 'reverted'
    if not os.path.exists(path):
        return 'none'
    # Removing the record is what disarms it: the process checks for it before reverting.
    os.unlink(path)
    try:
        with open(path + '.pid') as handle:
            os.kill(int(handle.read()), signal.SIGTERM)
    except (IOError, OSError, ValueError):
        pass  # it has already exited, or never wrote its pid: nothing left to stop
    if os.path.exists(path + '.pid'):
        os.unlink(path + '.pid')
    return 'confirmed'

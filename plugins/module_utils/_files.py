# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Reading and atomically writing the configuration files the modules own."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import stat
import tempfile

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError


def read_file(path):
    """The file's text, or None when it does not exist."""
    try:
        with open(path) as handle:
            return handle.read()
    except (IOError, OSError):
        return None


def file_mode(path, default=0o644):
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return default


def write_file(path, content, mode):
    """Atomic write: a half-written file must never be what the host boots with."""
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        os.makedirs(folder, 0o755)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix='.armhv-')
    try:
        with os.fdopen(handle, 'w') as out:
            out.write(content)
        os.chmod(temporary, mode)
        os.rename(temporary, path)
    except (IOError, OSError) as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise ArmhvError('cannot write %s: %s' % (path, exc))


def remove_file(path):
    try:
        os.unlink(path)
    except OSError as exc:
        if os.path.exists(path):
            raise ArmhvError('cannot remove %s: %s' % (path, exc))

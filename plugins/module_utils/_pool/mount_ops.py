# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Mounting the share under an nfs or cifs pool, persistently, and undoing it. Every change made is
recorded with its undo, so a refused mount or a failed pool creation leaves nothing behind."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._files import file_mode, read_file, remove_file, write_file
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.mount import (
    FSTAB, UNIT_DIR, credentials_path, fstab_with, fstab_without, mounted_share, parse_mountinfo,
    render_credentials, render_unit, source, unit_name)


class Host:
    """The managed host as the mount code sees it; tests replace it."""

    def __init__(self, run_command):
        self._run_command = run_command

    def systemd(self):
        return os.path.isdir('/run/systemd/system')

    def mounts(self):
        with open('/proc/self/mountinfo') as handle:
            return parse_mountinfo(handle.read())

    def run(self, args):
        rc, out, err = self._run_command(args)
        if rc != 0:
            raise ArmhvError('%s failed: %s' % (' '.join(args), (err or out).strip()))


def wanted_files(share, systemd):
    """{path: (content, mode)} that mount the share at boot; a None content removes the file."""
    files = {}
    if credentials_path(share):
        files[credentials_path(share)] = (render_credentials(share), 0o600)
    if systemd:
        files[os.path.join(UNIT_DIR, unit_name(share['mount_path']))] = (render_unit(share), 0o644)
    else:
        files[FSTAB] = (fstab_with(read_file(FSTAB) or '', share), 0o644)
    return files


def ensure_mounted(run, share):
    """Persist and mount the share through run.context.mounter; return the undo steps of what this run
    changed.

    Refuses, after undoing its own changes, when the share is not mounted afterwards."""
    host = run.context.mounter
    systemd = host.systemd()
    files = dict((path, want) for path, want in wanted_files(share, systemd).items() if read_file(path) != want[0])
    mounted = mounted_share(host.mounts(), share)
    if run.check_mode and not mounted:
        run.warn('check mode cannot test whether %s mounts at %s' % (source(share), share['mount_path']))
    actions = (['persist_mount'] if files else []) + ([] if mounted else ['mount'])
    if not actions:
        return []
    return run.act(actions, lambda: mount_share(host, share, systemd, files, mounted)) or []


def mount_share(host, share, systemd, files, mounted):
    # Undo runs in reverse: the last step, a reload, sees the unit file already put back.
    undo = [lambda: _quiet(host, ['systemctl', 'daemon-reload'])] if systemd and files else []
    try:
        for path, (content, mode) in sorted(files.items()):
            undo.extend(lambda folder=folder: _remove_dir(folder) for folder in _missing_folders(path))
            undo.append(_restore(path, read_file(path), file_mode(path)))
            write_file(path, content, mode)
        if not mounted:
            _mount(host, share, systemd, undo)
        if not mounted_share(host.mounts(), share):
            raise ArmhvError('%s is not mounted at %s after mounting it' % (source(share), share['mount_path']))
    except ArmhvError as exc:
        run_undo(undo)
        raise exc.reworded('refusing to create or use storage pool %s: %s. Nothing was left behind, so no data '
                           'lands on the local disk' % (share['pool'], exc.msg.rstrip('.')))
    return undo


def _mount(host, share, systemd, undo):
    """Mount now and at boot; each step's undo goes on undo first, so a failing step is undone too."""
    if not os.path.isdir(share['mount_path']):
        os.makedirs(share['mount_path'], 0o755)
        undo.append(lambda: _remove_dir(share['mount_path']))
    if systemd:
        unit = unit_name(share['mount_path'])
        host.run(['systemctl', 'daemon-reload'])
        undo.append(lambda: host.run(['systemctl', 'disable', unit]))
        host.run(['systemctl', 'enable', unit])
        undo.append(lambda: _quiet(host, ['systemctl', 'stop', unit]))
        host.run(['systemctl', 'start', unit])
    else:
        undo.append(lambda: _quiet(host, ['umount', share['mount_path']]))
        host.run(['mount', share['mount_path']])


def remove_share(run, share):
    """Unmount, then remove the unit or fstab line, the credentials file and the empty mount point."""
    host = run.context.mounter
    mounted = mounted_share(host.mounts(), share)
    unit = os.path.join(UNIT_DIR, unit_name(share['mount_path']))
    files = [path for path in (credentials_path(share), unit) if path and read_file(path) is not None]
    fstab = read_file(FSTAB)
    in_fstab = fstab is not None and fstab_without(fstab, share) != fstab
    actions = (['unmount'] if mounted else []) + (
        ['remove_mount'] if files or in_fstab or os.path.isdir(share['mount_path']) else [])
    if actions:
        run.act(actions, lambda: unmount_share(host, share, unit, files, fstab if in_fstab else None))


def unmount_share(host, share, unit, files, fstab):
    """fstab: its text when it has the share's line, else None."""
    systemd = host.systemd()
    if systemd and unit in files:
        _quiet(host, ['systemctl', 'disable', '--now', os.path.basename(unit)])
    if mounted_share(host.mounts(), share):
        host.run(['umount', share['mount_path']])
    for path in files:
        remove_file(path)
    if fstab is not None:
        write_file(FSTAB, fstab_without(fstab, share), 0o644)
    if systemd and files:
        host.run(['systemctl', 'daemon-reload'])
    _remove_dir(share['mount_path'])


def run_undo(undo):
    for step in reversed(undo):
        try:
            step()
        except (ArmhvError, OSError):
            pass  # undo what can be undone; the error that started it is what the user sees


def _restore(path, content, mode):
    return lambda: remove_file(path) if content is None else write_file(path, content, mode)


def _missing_folders(path):
    """The folders writing path will create, outermost first."""
    missing = []
    folder = os.path.dirname(path)
    while folder and folder != '/' and not os.path.isdir(folder):
        missing.insert(0, folder)
        folder = os.path.dirname(folder)
    return missing


def _quiet(host, args):
    try:
        host.run(args)
    except ArmhvError:
        pass


def _remove_dir(path):
    try:
        os.rmdir(path)
    except OSError:
        pass  # not empty or already gone: never delete data

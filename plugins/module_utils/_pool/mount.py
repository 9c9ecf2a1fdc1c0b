# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure logic of NFS and CIFS shares under storage pools: what to mount, the systemd unit or fstab
line that mounts it at boot, the CIFS credentials file, and whether /proc/self/mountinfo shows it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import posixpath
import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest

MOUNT_ROOT = '/var/lib/armhv/mounts'
CREDENTIALS_DIR = '/etc/armhv/credentials'
UNIT_DIR = '/etc/systemd/system'
FSTAB = '/etc/fstab'
# The kernel reports nfs4 for NFS version 4 mounts; CIFS shows as cifs (or smb3 on new kernels).
FSTYPES = dict(nfs=('nfs', 'nfs4'), cifs=('cifs', 'smb3'))
_OPTION = re.compile(r'^[A-Za-z0-9_.=:/@+-]+$')


def share_from_params(params):
    """The share a pool sits on, validated before anything is touched."""
    driver, name = params['driver'], params['name']
    where = params.get('export') if driver == 'nfs' else params.get('share')
    needed = 'export' if driver == 'nfs' else 'share'
    if not params.get('server') or not where:
        raise InvalidRequest('a %s pool needs server and %s' % (driver, needed))
    if driver == 'nfs' and not where.startswith('/'):
        raise InvalidRequest('export must be an absolute path on the NFS server, not %r' % where)
    if driver == 'nfs' and (params.get('username') or params.get('password')):
        raise InvalidRequest('username and password are for cifs pools; NFS authenticates hosts')
    mount_path = posixpath.normpath(params.get('mount_path') or posixpath.join(MOUNT_ROOT, name))
    if not mount_path.startswith('/') or mount_path == '/':
        raise InvalidRequest('mount_path must be an absolute path below /, not %r' % params.get('mount_path'))
    options = [o.strip() for o in (params.get('mount_opts') or '').split(',') if o.strip()]
    bad = [o for o in options if not _OPTION.match(o) or o.split('=')[0] in ('credentials', 'username', 'password')]
    if bad:
        raise InvalidRequest('mount_opts: %s not allowed (credentials come from username and password; '
                             'no spaces or quotes)' % ', '.join(bad))
    return dict(kind=driver, pool=name, server=params['server'], where=where, mount_path=mount_path,
                options=options, username=params.get('username'), password=params.get('password'))


def source(share):
    """What mount(8) calls the device: server:/export or //server/share."""
    if share['kind'] == 'nfs':
        return '%s:%s' % (share['server'], share['where'])
    return '//%s/%s' % (share['server'], share['where'].strip('/'))


def credentials_path(share):
    return posixpath.join(CREDENTIALS_DIR, 'cifs-%s' % share['pool']) if share['username'] else None


def mount_options(share):
    """_netdev: wait for the network at boot. The credentials file keeps secrets out of unit and fstab."""
    options = ['_netdev'] + [o for o in share['options'] if o != '_netdev']
    if credentials_path(share):
        options.append('credentials=%s' % credentials_path(share))
    return ','.join(options)


def unit_name(path):
    """systemd's name for the mount unit of path (systemd-escape --path --suffix=mount)."""
    trimmed = path.strip('/')
    escaped = []
    for index, char in enumerate(trimmed):
        if char == '/':
            escaped.append('-')
        elif char.isalnum() and ord(char) < 128 or char in ':_' or (char == '.' and index > 0):
            escaped.append(char)
        else:
            escaped.extend('\\x%02x' % byte for byte in char.encode('utf-8'))
    return (''.join(escaped) or '-') + '.mount'


def render_unit(share):
    return '\n'.join([
        '# Managed by armhv.hypervisor (storage pool %s): changes are overwritten.' % share['pool'],
        '[Unit]',
        'Description=Share of LXD storage pool %s' % share['pool'],
        'After=network-online.target',
        'Wants=network-online.target',
        '',
        '[Mount]',
        'What=%s' % source(share),
        'Where=%s' % share['mount_path'],
        'Type=%s' % share['kind'],
        'Options=%s' % mount_options(share),
        '',
        '[Install]',
        'WantedBy=remote-fs.target',
        '',
    ])


def fstab_marker(share):
    return '# armhv.hypervisor storage pool %s' % share['pool']


def render_fstab_line(share):
    return '%s %s %s %s 0 0' % (_fstab_escape(source(share)), _fstab_escape(share['mount_path']),
                                share['kind'], mount_options(share))


def _fstab_escape(text):
    return text.replace('\\', '\\134').replace(' ', '\\040').replace('\t', '\\011')


def fstab_with(current, share):
    """fstab text with this pool's marked line in place (added, replaced, or left as it is)."""
    kept = _without(current, share)
    return kept + ('' if not kept or kept.endswith('\n') else '\n') + \
        '%s\n%s\n' % (fstab_marker(share), render_fstab_line(share))


def fstab_without(current, share):
    return _without(current, share)


def _without(current, share):
    lines, skip = [], False
    for line in current.splitlines(True):
        if skip:
            skip = False
            continue
        if line.rstrip('\n') == fstab_marker(share):
            skip = True
            continue
        lines.append(line)
    return ''.join(lines)


def render_credentials(share):
    return 'username=%s\npassword=%s\n' % (share['username'], share['password'] or '')


def parse_mountinfo(text):
    """[(mount point, fstype, source)] from /proc/self/mountinfo."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if ' - ' not in line or len(fields) < 10:
            continue
        tail = line.split(' - ', 1)[1].split()
        mounts.append((_unescape(fields[4]), tail[0], _unescape(tail[1])))
    return mounts


def _unescape(text):
    return re.sub(r'\\([0-7]{3})', lambda m: chr(int(m.group(1), 8)), text)


def mounted_share(mounts, share):
    """True when the last mount on mount_path is this share (a later mount hides earlier ones)."""
    on_path = [m for m in mounts if m[0] == share['mount_path']]
    if not on_path:
        return False
    _point, fstype, device = on_path[-1]
    wanted = source(share)
    if share['kind'] == 'cifs':
        # The kernel may spell //server/share with backslashes or a trailing slash.
        device, wanted = device.replace('\\', '/').rstrip('/').lower(), wanted.rstrip('/').lower()
    return fstype in FSTYPES[share['kind']] and device.rstrip('/') == wanted.rstrip('/')


def pool_source(share, member):
    """The LXD dir pool lives in a subdirectory per member: if the share is missing at boot, LXD finds
    no directory and fails, instead of writing to the empty mount point on local disk."""
    return os.path.join(share['mount_path'], member)


def mount_facts(share, mounted):
    facts = dict(server=share['server'], mount_path=share['mount_path'], mounted=mounted)
    facts['export' if share['kind'] == 'nfs' else 'share'] = share['where']
    return facts

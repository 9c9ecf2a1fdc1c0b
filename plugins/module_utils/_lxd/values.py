# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure helpers for LXD key/value maps (config, devices), and where the daemons listen: no I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest

SNAP_SOCKET = '/var/snap/lxd/common/lxd/unix.socket'
DEB_SOCKET = '/var/lib/lxd/unix.socket'
# Incus, LXD's community fork, serves the same REST API: Debian's package keeps its socket in
# /var/lib/incus; /run/incus is where its socket-activated builds put it.
INCUS_SOCKETS = ('/var/lib/incus/unix.socket', '/run/incus/unix.socket')
SOCKETS = (SNAP_SOCKET, DEB_SOCKET) + INCUS_SOCKETS
# Each daemon's own directory variable, as its CLI reads it.
DIR_VARIABLES = ('LXD_DIR', 'INCUS_DIR')

# Seconds to wait for an LXD operation when the caller does not say (the modules' timeout option).
DEFAULT_TIMEOUT = 30

# Set in a create request and removed as soon as the daemon has made the object (an instance or a pool):
# one that still carries it was left half made (the daemon stopped during its creation), and the next
# run makes it again.
CREATING = 'user.armhv.creating'

# volatile.* keys are LXD's runtime bookkeeping; comparing them would make every run differ.
VOLATILE_PREFIX = 'volatile.'


def server_identity(server):
    """server (lxd or incus) and server_version from GET /1.0's answer.

    The daemons name themselves in environment.server; LXD 5.0 says "lxd", Incus "incus"."""
    environment = server.get('environment') or {}
    return dict(server=environment.get('server') or 'lxd', server_version=environment.get('server_version') or '')


def lxd_string(value, where):
    """LXD stores every config value as a string; convert so the next run compares equal."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value
    raise InvalidRequest('%s must be a string, number or boolean, not %s' % (where, type(value).__name__))


def normalize_config(config, where='config'):
    """Map of key -> LXD string, or None for a key to remove."""
    result = {}
    for key, value in (config or {}).items():
        label = '%s.%s' % (where, key)
        result[str(key)] = None if value is None else lxd_string(value, label)
    return result


def normalize_devices(devices):
    """Map of device name -> dict of LXD strings, or None for a device to remove."""
    result = {}
    for name, device in (devices or {}).items():
        if device is None:
            result[str(name)] = None
            continue
        if not isinstance(device, dict):
            raise InvalidRequest('devices.%s must be a dict of device keys or null' % name)
        values = normalize_config(device, 'devices.%s' % name)
        if None in values.values() or 'type' not in values:
            raise InvalidRequest('devices.%s needs a "type" and no null values' % name)
        result[str(name)] = values
    return result


def merge_keys(current, desired):
    """Apply only the keys named in desired (None removes); return (after, changed keys)."""
    after = dict(current)
    changed = []
    for key in sorted(desired):
        value = desired[key]
        if value is None:
            if key in after:
                del after[key]
                changed.append(key)
        elif after.get(key) != value:
            after[key] = value
            changed.append(key)
    return after, changed


def without_volatile(config):
    return dict((k, v) for k, v in (config or {}).items() if not k.startswith(VOLATILE_PREFIX))

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Instance settings that give a container's root a way to become root on the host. One list for the
management API's policy, the harden role's check (through the instance_risks filter) and the LXD
project the api role restricts.

No Ansible import here: the management API runs this file without Ansible."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Config keys, exactly or by prefix (an entry ending in '.' is a prefix).
RISKY_KEYS = (
    'security.privileged',
    'security.nesting',
    'security.idmap.',
    'security.syscalls.intercept.',
    'raw.',
    'linux.kernel_modules',
)
# Device types that reach host objects; disks are risky only with a host path as their source.
RISKY_DEVICE_TYPES = ('unix-char', 'unix-block', 'usb', 'gpu', 'pci')
# Boolean keys (by name or prefix): set to one of FALSE_VALUES they are off. Any other key is off only
# when empty: security.idmap.base = "0" is the most dangerous value there is.
BOOLEAN_KEYS = ('security.privileged', 'security.nesting', 'security.idmap.isolated',
                'security.syscalls.intercept.')
FALSE_VALUES = ('false', '0', 'no', 'off')


def falls_under(key, entry):
    return key == entry or (entry.endswith('.') and key.startswith(entry))


def risky_key(key):
    """The RISKY_KEYS entry that `key` falls under, or None."""
    for entry in RISKY_KEYS:
        if falls_under(key, entry):
            return entry
    return None


def risky_settings(config=None, devices=None):
    """Sorted names of the risky settings in an instance's config and devices: config keys as they are,
    devices as 'devices.NAME (TYPE)'. A key set to false or empty is not risky."""
    found = set()
    for key, value in (config or {}).items():
        if risky_key(key) and not is_off(key, value):
            found.add(key)
    for name, device in (devices or {}).items():
        kind = (device or {}).get('type')
        if kind in RISKY_DEVICE_TYPES or (kind == 'disk' and host_path_source(device)):
            found.add('devices.%s (%s)' % (name, kind))
    return sorted(found)


def is_off(key, value):
    text = str(value).strip().lower()
    boolean = any(falls_under(key, entry) for entry in BOOLEAN_KEYS)
    return text == '' or (boolean and text in FALSE_VALUES)


def host_path_source(device):
    """A disk device whose source is a host path (not a volume of a storage pool, not a Ceph volume)."""
    return str(device.get('source') or '').startswith('/')

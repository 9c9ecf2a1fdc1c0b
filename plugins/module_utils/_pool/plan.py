# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure storage pool logic: desired state, comparison, users of a pool. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import merge_keys

# LXD only takes these when a pool is created: a different value on an existing pool is reported.
CREATE_ONLY = ('source', 'zfs.pool_name', 'lvm.vg_name', 'lvm.thinpool_name', 'lvm.use_thinpool')
SHARE_DRIVERS = ('nfs', 'cifs')
SHARE_OPTIONS = ('server', 'export', 'share', 'mount_path', 'mount_opts', 'username', 'password')
# Keys a cluster keeps per member: each member's pending definition carries them.
MEMBER_KEYS = ('source', 'size', 'zfs.pool_name', 'lvm.vg_name', 'lvm.thinpool_name')


def pool_view(raw, resources=None):
    """The module's return value from LXD's pool JSON (and its resources, when read)."""
    space = (resources or {}).get('space') or {}
    return dict(name=raw.get('name'), driver=raw.get('driver'), status=raw.get('status'),
                description=raw.get('description') or '', config=dict(raw.get('config') or {}),
                used_by=list(raw.get('used_by') or []), space_used=space.get('used'),
                space_total=space.get('total'), locations=sorted(raw.get('locations') or []))


def users_blocking_delete(view):
    """Instances, profiles and custom volumes on the pool; cached images are LXD's to clean."""
    return [user for user in view['used_by'] if not user.startswith('/1.0/images/')]


def compute_update(view, desired):
    """(after view, changed keys, create-only keys that differ) when desired is applied."""
    creation_only = dict((k, v) for k, v in desired['config'].items() if k in CREATE_ONLY)
    mutable = dict((k, v) for k, v in desired['config'].items() if k not in CREATE_ONLY)
    after = dict(view)
    after['config'], changed = merge_keys(view['config'], mutable)
    changed = ['config.%s' % key for key in changed]
    if desired['description'] is not None and desired['description'] != view['description']:
        after['description'] = desired['description']
        changed.append('description')
    differing = sorted(k for k, v in creation_only.items() if v is not None and view['config'].get(k) != v)
    return after, changed, differing


def planned_view(name, desired, config=None, locations=('none',)):
    """What a pool not created yet will look like (check mode and diff): config and locations as LXD
    will show them (a standalone LXD says 'none', a cluster names its members)."""
    if config is None:
        config = dict((k, v) for k, v in desired['config'].items() if v is not None)
    return dict(name=name, driver=desired['driver'], status='Created',
                description=desired['description'] or '', config=config, used_by=[],
                space_used=None, space_total=None, locations=sorted(locations))


def diff_view(view, desired):
    """What --diff shows: the managed config keys only (LXD fills in others, such as source, itself)."""
    if not view:
        return {}
    shown = dict((k, view[k]) for k in ('driver', 'description'))
    shown['config'] = dict((k, v) for k, v in view['config'].items() if k in desired['config'])
    return shown

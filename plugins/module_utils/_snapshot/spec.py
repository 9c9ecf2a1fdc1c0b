# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The options of an instance's snapshot and of a custom volume's, and the one validated request made
from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import (
    check_lxd_name, check_member_name, check_object_name)
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.plan import (
    NEVER, UTC, expiry_time, parse_time, time_text)
from ansible_collections.armhv.hypervisor.plugins.module_utils._volume.plan import member_params, volume_path

SNAPSHOT_OPTIONS = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent', 'restored']),
    expires_at=dict(type='str'),
    expiry=dict(type='str'),
    stateful=dict(type='bool', default=False),
)


def expiry_settings(params, now):
    """(expires_at, created_expires_at): the time enforced on the snapshot (NEVER clears it), and the
    one a new snapshot gets from expiry (counted from now, left alone afterwards)."""
    if params['expires_at'] is not None and params['expiry'] is not None:
        raise InvalidRequest('expires_at and expiry are mutually exclusive: give the time or the delay')
    if params['expires_at'] is not None:
        text = str(params['expires_at'])
        return (NEVER if text == 'never' else time_text(parse_time(text))), None
    if params['expiry'] is not None:
        return None, time_text(expiry_time(params['expiry'], now or datetime.datetime.now(UTC)))
    return None, None


def request_from_params(params, now=None):
    """desired: the snapshot's expiry (see expiry_settings) and whether a new one is stateful; owner:
    the instance it belongs to, in words and as the daemon's path. Raises InvalidRequest before any
    API call."""
    params = with_defaults(SNAPSHOT_OPTIONS, params)
    return snapshot_request(params, now, owner_request(params['instance']))


def snapshot_request(params, now, owned):
    """The request either owner's snapshot makes, given the part that names the owner (owned)."""
    check_object_name(params['name'], 'snapshot')
    expires_at, created_expires_at = expiry_settings(params, now)
    desired = dict(expires_at=expires_at, created_expires_at=created_expires_at, stateful=params.get('stateful', False))
    return make_request(params['name'], params['state'], desired, **owned)


def owner_request(instance):
    """The part of a request that names the instance: its path, its field in the view, its words."""
    check_lxd_name(instance, 'instance')
    return dict(parent='instances/%s' % instance, owner=dict(instance=instance), owner_kind=('instance', instance))


VOLUME_SNAPSHOT_OPTIONS = dict(
    pool=dict(type='str', required=True),
    volume=dict(type='str', required=True),
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent', 'restored']),
    expires_at=dict(type='str'),
    expiry=dict(type='str'),
    target=dict(type='str'),
)


def volume_request_from_params(params, now=None):
    """A custom volume's snapshot: the same request as an instance's, its owner the volume (on its
    cluster member, target), and never stateful."""
    params = with_defaults(VOLUME_SNAPSHOT_OPTIONS, params)
    return snapshot_request(params, now, volume_owner_request(params['pool'], params['volume'], params['target']))


def volume_owner_request(pool, volume, target=None):
    check_lxd_name(pool, 'storage pool')
    check_object_name(volume, 'storage volume')
    if target is not None:
        check_member_name(target)
    return dict(parent=volume_path(pool, volume), owner=dict(pool=pool, volume=volume),
                owner_kind=('storage volume', '%s/%s' % (pool, volume)), params=member_params(target))

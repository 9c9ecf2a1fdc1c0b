# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Storage pool changes against LXD; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import (
    compute_update, diff_view, planned_view, pool_view, users_blocking_delete)


def get_pool(api, name, with_space=False):
    raw = api.get('storage-pools/%s' % name)
    if raw is None:
        return None
    return pool_with_space(api, raw) if with_space else pool_view(raw)


def pool_with_space(api, raw):
    return pool_view(raw, api.get('storage-pools/%s/resources' % raw['name']))


def ensure_pool(api, params, desired, check_mode):
    name = desired['name']
    before = get_pool(api, name, with_space=True)
    actions, warnings = [], []
    if params['state'] == 'absent':
        after = ensure_absent(api, before, actions, check_mode)
    elif before is None:
        after = ensure_created(api, desired, actions, check_mode)
    else:
        after = ensure_updated(api, before, desired, actions, warnings, check_mode)
    if actions and after and not check_mode:
        after = get_pool(api, name, with_space=True)
    return dict(changed=bool(actions), actions=actions, pool=after or {}, warnings=warnings,
                diff=dict(before=diff_view(before, desired), after=diff_view(after, desired)))


def ensure_absent(api, view, actions, check_mode):
    if view is None:
        return None
    users = users_blocking_delete(view)
    if users:
        raise ArmhvError('storage pool %s is in use by %s; nothing was deleted' % (view['name'], ', '.join(users)))
    actions.append('delete')
    if not check_mode:
        api.call('DELETE', 'storage-pools/%s' % view['name'])
    return None


def ensure_created(api, desired, actions, check_mode):
    if not desired['driver']:
        raise ArmhvError('storage pool %s does not exist and no driver was given to create it' % desired['name'])
    view = planned_view(desired)
    actions.append('create')
    if not check_mode:
        body = dict(name=view['name'], driver=view['driver'], config=view['config'], description=view['description'])
        api.call('POST', 'storage-pools', body)
    return view


def ensure_updated(api, view, desired, actions, warnings, check_mode):
    if desired['driver'] and desired['driver'] != view['driver']:
        raise ArmhvError('storage pool %s uses driver %s, not %s: an existing pool is never rebuilt'
                         % (view['name'], view['driver'], desired['driver']))
    after, changed, differing = compute_update(view, desired)
    if differing:
        warnings.append('storage pool %s: %s only appl%s at creation and differ%s; the pool was not changed '
                        'for %s' % (view['name'], ', '.join(differing), 'ies' if len(differing) == 1 else 'y',
                                    's' if len(differing) == 1 else '', 'it' if len(differing) == 1 else 'them'))
    if changed:
        actions.append('update')
        if not check_mode:
            api.call('PUT', 'storage-pools/%s' % view['name'],
                     dict(config=after['config'], description=after['description']))
    return after

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Custom storage volume changes against the daemon; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import (
    diff_view, planned_view, updated_view, user_names)
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run
from ansible_collections.armhv.hypervisor.plugins.module_utils._volume.plan import (
    create_body, member_params, volume_path, volume_view)


def get_volume(api, pool, name, target=None):
    raw = api.get(volume_path(pool, name), params=member_params(target))
    return volume_view(raw, pool) if raw is not None else None


def check_pool(api, pool):
    if api.get('storage-pools/%s' % pool) is None:
        raise NotFound('storage pool %s does not exist' % pool, 'pool', pool)


def list_volumes(api, pool, name=None):
    """The custom volumes of pool in the connection's project, sorted by name and member (on a cluster
    each member's volume of that name); only those named name when it is given."""
    check_pool(api, pool)
    raws = api.get(volume_path(pool), params={'recursion': 1}) or []
    views = [volume_view(raw, pool) for raw in raws if name is None or raw['name'] == name]
    return sorted(views, key=lambda view: (view['name'], view['location']))


def ensure_volume(api, request, check_mode, context=None):
    """Converge one custom volume to a request from _volume.spec.request_from_params; returns a Result."""
    run = Run(api, request, check_mode, context)
    name, pool, target = request['name'], request['pool'], request['target']
    before = get_volume(api, pool, name, target)
    if before is None:
        check_pool(api, pool)
    if before and request['create_only']:
        raise Conflict('storage volume %s already exists in pool %s' % (name, pool), blockers=[name])
    shown = comparable(request['desired'])
    if request['state'] == 'absent':
        after = ensure_absent(run, before)
    elif before is None:
        after = ensure_created(run, request)
    else:
        after = ensure_updated(run, before, request['desired'])
    if run.actions and after and not check_mode:
        after = get_volume(api, pool, name, target)
    return run.result(volume=after or {}, diff=dict(before=diff_view(before, shown), after=diff_view(after, shown)))


def comparable(desired):
    """What a volume's update can change: the content type is fixed when it is made."""
    return dict(config=desired['config'], description=desired['description'])


def ensure_absent(run, view):
    if view is None:
        return None
    if view['used_by']:
        users = user_names(view['used_by'])
        raise Conflict('storage volume %s is attached to %s; nothing was deleted (detach it first)'
                       % (view['name'], ', '.join(users)), blockers=users)
    run.send('delete', 'DELETE', volume_path(view['pool'], view['name']), params=member_params(run.request['target']))
    return None


def ensure_created(run, request):
    desired = request['desired']
    view = planned_view(request['name'], comparable(desired), pool=request['pool'],
                        content_type=desired['content_type'] or 'filesystem', location=request['target'] or 'none')
    run.send('create', 'POST', volume_path(request['pool']), create_body(view), params=member_params(request['target']))
    return view


def ensure_updated(run, view, desired):
    if desired['content_type'] not in (None, view['content_type']):
        raise Conflict('storage volume %s holds a %s, not a %s: an existing volume is never remade'
                       % (view['name'], view['content_type'], desired['content_type']), blockers=[view['name']])
    after, changed = updated_view(view, comparable(desired))
    if changed:
        run.send('update', 'PUT', volume_path(view['pool'], view['name']),
                 dict(config=after['config'], description=after['description']),
                 params=member_params(run.request['target']))
    return after

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Storage pool changes against LXD; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Conflict, InvalidRequest, NotFound)
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.mount import mount_facts, pool_source
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.mount_ops import (
    ensure_mounted, remove_share, run_undo)
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import CREATING
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import global_config, member_definitions
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.pending import (
    UNFINISHED, cluster_members, create_global, create_marked, create_on_cluster)
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.plan import (
    MEMBER_KEYS, compute_update, diff_view, planned_view, pool_view, users_blocking_delete)

# LXD removes a pending pool's records, not what its interrupted creation made on a member's disk.
REMADE_FAILED = ('; the half-made pool was deleted first (where LXD says a directory or file of the pool already '
                 'exists, its interrupted creation left it on that member: remove it there, then rerun)')


def get_pool(api, name, with_space=False):
    raw = api.get('storage-pools/%s' % name)
    if raw is None:
        return None
    return pool_with_space(api, raw) if with_space else pool_view(raw)


def pool_with_space(api, raw):
    # A pool still pending on a cluster has no space to report yet.
    if raw.get('status') == 'Pending':
        return pool_view(raw)
    return pool_view(raw, api.get('storage-pools/%s/resources' % raw['name']))


def list_pools(api, name=None):
    """Pools with their space figures, sorted by name: what storage_pool_info and the API list. One
    pool when name is given (an empty list when it does not exist)."""
    if name is not None:
        found = get_pool(api, name, with_space=True)
        return [found] if found else []
    # recursion=1: every pool's definition in one request; space still needs one request per pool.
    pools = api.get('storage-pools', params={'recursion': 1}) or []
    return [pool_with_space(api, raw) for raw in sorted(pools, key=lambda raw: raw['name'])]


def ensure_pool(api, request, check_mode, context=None):
    """Converge one pool to a request from _pool.request_from_params; returns a Result. The context's
    mounter (a mount_ops.Host) mounts the share of nfs and cifs pools."""
    run = Run(api, request, check_mode, context)
    before = get_pool(api, request['name'], with_space=True)
    remade = half_made(before, request)
    if remade:
        before = remove_half_made(run, before)
    if before and request['create_only']:
        raise Conflict('storage pool %s already exists' % request['name'], blockers=[request['name']])
    try:
        after = converge_pool(run, before)
    except ArmhvError as exc:
        if remade:
            raise exc.reworded(exc.msg + REMADE_FAILED)
        raise
    if run.actions and after and not check_mode:
        after = get_pool(api, request['name'], with_space=True)
    if after and request['share']:
        # ensure_mounted refuses unless the share is mounted (or, in check mode, predicts it).
        after['mount'] = mount_facts(request['share'], True)
    desired = request['desired']
    return run.result(pool=after or {}, diff=dict(before=diff_view(before, desired), after=diff_view(after, desired)))


def converge_pool(run, before):
    request = run.request
    if request['share']:
        return ensure_share_pool(run, before)
    if request['state'] == 'absent':
        return ensure_absent(run, before)
    if before is None:
        return ensure_created(run, request['desired'])
    return ensure_updated(run, before, request['desired'])


def half_made(view, request):
    """A pool an interrupted create left behind: a standalone one still marked, or a cluster one that
    never left Pending (or ended Errored). nfs and cifs pools are Pending on purpose until every member
    has run; their runs complete them instead."""
    if view is None or request['state'] == 'absent':
        return False
    return CREATING in view['config'] or (not request['share'] and view['status'] in UNFINISHED)


def ensure_share_pool(run, before):
    """A dir pool in a per-member directory of a mounted NFS or CIFS share."""
    api, desired, check_mode = run.client, run.request['desired'], run.check_mode
    share = run.request['share']
    if run.request['state'] == 'absent':
        ensure_absent(run, before)
        remove_share(run, share)
        return None
    if before and before['driver'] != 'dir':
        raise Conflict('storage pool %s uses driver %s, not a dir pool on a share: an existing pool is never '
                       'rebuilt' % (before['name'], before['driver']))
    undo = ensure_mounted(run, share)
    try:
        member = api.server()['environment']['server_name']
        source = pool_source(share, member)
        on_share = dict(desired, driver='dir', config=dict(desired['config'], source=source))
        if before and before['status'] != 'Pending':
            return ensure_updated(run, before, on_share)
        if not check_mode and not os.path.isdir(source):
            os.mkdir(source, 0o711)
            undo.append(lambda: os.rmdir(source))
        members = cluster_members(api)
        if members:
            return define_on_member(run, before, on_share, member, members)
        return ensure_created(run, on_share, members)
    except ArmhvError:
        run_undo(undo)
        raise


def define_on_member(run, before, desired, member, members):
    """On a cluster each member mounts its own share: its run defines the pool on itself, and the run
    that completes the set of members creates the pool (LXD creates it on every member at once)."""
    name = run.request['name']
    locations = list(before['locations']) if before else []
    if member not in locations:
        pending = dict(name=name, driver='dir', config=dict(source=desired['config']['source']))
        run.send('define', 'POST', 'storage-pools', pending, params={'target': member})
        locations.append(member)
    missing = sorted(set(members) - set(locations))
    config = global_config(desired['config'], MEMBER_KEYS)
    if missing:
        return dict(planned_view(name, desired, config, locations), status='Pending')
    body = dict(name=name, driver='dir', config=config, description=desired['description'] or '')
    run.act('create', lambda: create_global(run.client, 'storage-pools', body))
    return planned_view(name, desired, config, locations)


def ensure_absent(run, view):
    if view is None:
        return None
    users = users_blocking_delete(view)
    if users:
        raise Conflict('storage pool %s is in use by %s; nothing was deleted' % (view['name'], ', '.join(users)),
                       blockers=users)
    run.send('delete', 'DELETE', 'storage-pools/%s' % view['name'])
    return None


def ensure_created(run, desired, members=None):
    name = run.request['name']
    if not desired['driver']:
        raise NotFound('storage pool %s does not exist and no driver was given to create it' % name, 'pool', name)
    api = run.client
    members = cluster_members(api) if members is None else members
    if desired['member_config'] and not members:
        raise InvalidRequest('member_config is for clustered LXD; this one is not clustered')
    definitions = member_definitions(desired['config'], desired['member_config'], members, MEMBER_KEYS) if members else {}
    view = planned_view(name, desired, global_config(desired['config'], MEMBER_KEYS) if members else None,
                        members or ['none'])
    body = dict(name=view['name'], driver=view['driver'], config=view['config'], description=view['description'])
    if members:
        run.act('create', lambda: create_on_cluster(api, 'storage-pools', 'storage pool', body, definitions))
    else:
        run.act('create', lambda: create_marked(api, 'storage-pools', 'storage pool', body))
    return view


def remove_half_made(run, view):
    """Delete a pool an interrupted run left half made, unless something uses it; None."""
    users = users_blocking_delete(view)
    if users:
        raise Conflict('storage pool %s was left half made by an interrupted run (status %s) and is in use by '
                       '%s; nothing was changed' % (view['name'], view['status'], ', '.join(users)), blockers=users)
    run.warn('storage pool %s was left half made by an interrupted run (LXD stopped while creating it, status '
             '%s): deleted and created again' % (view['name'], view['status']))
    return ensure_absent(run, view)


def ensure_updated(run, view, desired):
    if desired['driver'] and desired['driver'] != view['driver']:
        raise Conflict('storage pool %s uses driver %s, not %s: an existing pool is never rebuilt'
                       % (view['name'], view['driver'], desired['driver']))
    after, changed, differing = compute_update(view, desired)
    if differing:
        one = len(differing) == 1
        run.warn('storage pool %s: %s only appl%s at creation and differ%s; the pool was not changed for %s'
                 % (view['name'], ', '.join(differing), 'ies' if one else 'y', 's' if one else '', 'it' if one else 'them'))
    if changed:
        body = dict(config=after['config'], description=after['description'])
        run.send('update', 'PUT', 'storage-pools/%s' % view['name'], body)
    return after

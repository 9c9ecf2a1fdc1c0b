# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Snapshot changes against the daemon; check mode skips each mutation and walks the same path.

A request names its owner's path (instances/web1, or a custom volume's) and the query that reaches it
(a volume's cluster member), so one set of ops serves both."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.plan import (
    NEVER, create_body, same_expiry, snapshot_view)


def get_snapshot(api, request, name):
    raw = api.get('%s/snapshots/%s' % (request['parent'], name), params=request.get('params'))
    return snapshot_view(raw, request['owner']) if raw is not None else None


def check_owner(api, request):
    kind, name = request['owner_kind']
    if api.get(request['parent'], params=request.get('params')) is None:
        raise NotFound('%s %s does not exist' % (kind, name), kind, name)


def list_snapshots(api, request, name=None):
    """The owner's snapshots, sorted by name (the one named, or [] when it does not exist)."""
    check_owner(api, request)
    if name is not None:
        found = get_snapshot(api, request, name)
        return [found] if found else []
    raws = api.get('%s/snapshots' % request['parent'], params=dict(request.get('params') or {}, recursion=1)) or []
    return sorted((snapshot_view(raw, request['owner']) for raw in raws), key=lambda view: view['name'])


def ensure_snapshot(api, request, check_mode, context=None):
    """Converge one snapshot to a request from _snapshot.spec.request_from_params; returns a Result."""
    run = Run(api, request, check_mode, context)
    before = get_snapshot(api, request, request['name'])
    if before is None:
        check_owner(api, request)
    if request['state'] == 'absent':
        after = ensure_absent(run, before)
    elif request['state'] == 'restored':
        after = ensure_restored(run, before)
    elif before is None:
        after = ensure_created(run)
    else:
        after = ensure_expiry(run, before, request['desired']['expires_at'])
    if run.actions and after and not check_mode:
        after = get_snapshot(api, request, request['name'])
    return run.result(snapshot=after or {}, diff=dict(before=shown(before), after=shown(after)))


def shown(view):
    return dict((k, view[k]) for k in ('name', 'expires_at', 'stateful')) if view else {}


def snapshot_path(run):
    return '%s/snapshots/%s' % (run.request['parent'], run.request['name'])


def ensure_absent(run, view):
    if view is not None:
        run.send('delete', 'DELETE', snapshot_path(run), params=run.request.get('params'))
    return None


def ensure_restored(run, view):
    """Every run restores: nothing tells whether the owner still holds what the snapshot holds."""
    if view is None:
        kind, owner = run.request['owner_kind']
        raise NotFound('%s %s has no snapshot %s to restore' % (kind, owner, run.request['name']),
                       'snapshot', '%s/%s' % (owner, run.request['name']))
    body = dict(restore=view['name'])
    if view['stateful']:
        body['stateful'] = True
    run.send('restore', 'PUT', run.request['parent'], body, params=run.request.get('params'))
    return view


def ensure_created(run):
    request, desired = run.request, run.request['desired']
    body = create_body(request['name'], desired)
    expires = desired['expires_at'] or desired['created_expires_at']
    view = dict(name=request['name'], created_at=None, expires_at=None if expires in (None, NEVER) else expires,
                stateful=bool(desired['stateful']), **request['owner'])

    def create():
        run.client.call('POST', '%s/snapshots' % request['parent'], body, params=request.get('params'))
        if expires == NEVER:
            # A new snapshot without a time gets its owner's snapshots.expiry; never means none at all.
            run.client.call('PUT', snapshot_path(run), dict(expires_at=NEVER), params=request.get('params'))
    run.act('create', create)
    return view


def ensure_expiry(run, view, wanted):
    if wanted is None or same_expiry(view['expires_at'], wanted):
        return view
    run.send('update', 'PUT', snapshot_path(run), dict(expires_at=wanted), params=run.request.get('params'))
    return dict(view, expires_at=None if wanted == NEVER else wanted)

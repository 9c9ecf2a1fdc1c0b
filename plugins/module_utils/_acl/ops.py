# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Network ACL changes against the daemon; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.plan import acl_view
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import (
    diff_view, planned_view, updated_view, user_names)
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run

FIELDS = ('description', 'config', 'ingress', 'egress')


def get_acl(api, name):
    raw = api.get('network-acls/%s' % name)
    return acl_view(raw) if raw is not None else None


def list_acls(api, name=None):
    """The connection's project's ACLs, sorted by name (the one named, or [] when it does not exist)."""
    if name is not None:
        found = get_acl(api, name)
        return [found] if found else []
    raws = api.get('network-acls', params={'recursion': 1}) or []
    return [acl_view(raw) for raw in sorted(raws, key=lambda raw: raw['name'])]


def ensure_acl(api, request, check_mode, context=None):
    """Converge one network ACL to a request from _acl.spec.request_from_params; returns a Result."""
    run = Run(api, request, check_mode, context)
    name, desired = request['name'], request['desired']
    before = get_acl(api, name)
    if before and request['create_only']:
        raise Conflict('network ACL %s already exists' % name, blockers=[name])
    if request['state'] == 'absent':
        after = ensure_absent(run, before)
    elif before is None:
        after = planned_view(name, desired, ingress=desired['ingress'] or [], egress=desired['egress'] or [])
        run.send('create', 'POST', 'network-acls', dict((k, after[k]) for k in ('name',) + FIELDS))
    else:
        after, changed = updated_view(before, desired)
        if changed:
            run.send('update', 'PUT', 'network-acls/%s' % name, dict((k, after[k]) for k in FIELDS))
    if run.actions and after and not check_mode:
        after = get_acl(api, name)
    return run.result(acl=after or {}, diff=dict(before=diff_view(before, desired), after=diff_view(after, desired)))


def ensure_absent(run, view):
    if view is None:
        return None
    if view['used_by']:
        users = user_names(view['used_by'])
        raise Conflict('network ACL %s is in use by %s; nothing was deleted' % (view['name'], ', '.join(users)),
                       blockers=users)
    run.send('delete', 'DELETE', 'network-acls/%s' % view['name'])
    return None

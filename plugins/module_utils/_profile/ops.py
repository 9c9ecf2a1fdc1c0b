# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Profile changes against the daemon; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import (
    diff_view, planned_view, updated_view, user_names)
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile.plan import DEFAULT_PROFILE, profile_view
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run


def get_profile(api, name):
    raw = api.get('profiles/%s' % name)
    return profile_view(raw) if raw is not None else None


def list_profiles(api, name=None):
    """The connection's project's profiles, sorted by name (the one named, or [] when it does not exist)."""
    if name is not None:
        found = get_profile(api, name)
        return [found] if found else []
    raws = api.get('profiles', params={'recursion': 1}) or []
    return [profile_view(raw) for raw in sorted(raws, key=lambda raw: raw['name'])]


def ensure_profile(api, request, check_mode, context=None):
    """Converge one profile to a request from _profile.spec.request_from_params; returns a Result."""
    run = Run(api, request, check_mode, context)
    name, desired, replace = request['name'], request['desired'], request['replace_devices']
    if request['state'] == 'absent' and name == DEFAULT_PROFILE:
        raise InvalidRequest('the default profile cannot be deleted (every instance falls back on it); '
                             'it can be changed')
    before = get_profile(api, name)
    if before and request['create_only']:
        raise Conflict('profile %s already exists' % name, blockers=[name])
    if request['state'] == 'absent':
        after = ensure_absent(run, before)
    elif before is None:
        after = planned_view(name, desired)
        run.send('create', 'POST', 'profiles', dict((k, after[k]) for k in ('name', 'description', 'config', 'devices')))
    else:
        after = ensure_updated(run, before, desired, replace)
    if run.actions and after and not check_mode:
        after = get_profile(api, name)
    diff = dict(before=diff_view(before, desired, replace), after=diff_view(after, desired, replace))
    return run.result(profile=after or {}, diff=diff)


def ensure_absent(run, view):
    if view is None:
        return None
    if view['used_by']:
        users = user_names(view['used_by'])
        raise Conflict('profile %s is in use by %s; nothing was deleted' % (view['name'], ', '.join(users)),
                       blockers=users)
    run.send('delete', 'DELETE', 'profiles/%s' % view['name'])
    return None


def ensure_updated(run, view, desired, replace):
    after, changed = updated_view(view, desired, replace)
    if changed:
        body = dict((k, after[k]) for k in ('description', 'config', 'devices'))
        run.send('update', 'PUT', 'profiles/%s' % view['name'], body)
    return after

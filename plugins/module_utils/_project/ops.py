# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Project changes against the daemon; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import (
    diff_view, planned_view, updated_view, user_names)
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.plan import (
    DEFAULT_PROJECT, changed_features, held, project_view)
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run


def get_project(api, name):
    raw = api.get('projects/%s' % name)
    return project_view(raw) if raw is not None else None


def list_projects(api, name=None):
    """The projects the credential sees, sorted by name (the one named, or [] when it does not exist)."""
    if name is not None:
        found = get_project(api, name)
        return [found] if found else []
    raws = api.get('projects', params={'recursion': 1}) or []
    return [project_view(raw) for raw in sorted(raws, key=lambda raw: raw['name'])]


def ensure_project(api, request, check_mode, context=None):
    """Converge one project to a request from _project.spec.request_from_params; returns a Result."""
    run = Run(api, request, check_mode, context)
    name, desired = request['name'], request['desired']
    if request['state'] == 'absent' and name == DEFAULT_PROJECT:
        raise InvalidRequest('the default project cannot be deleted')
    before = get_project(api, name)
    if before and request['create_only']:
        raise Conflict('project %s already exists' % name, blockers=[name])
    if request['state'] == 'absent':
        after = ensure_absent(run, before)
    elif before is None:
        after = planned_view(name, desired)
        run.send('create', 'POST', 'projects', dict((k, after[k]) for k in ('name', 'description', 'config')))
    else:
        after = ensure_updated(run, before, desired)
    if run.actions and after and not check_mode:
        after = get_project(api, name)
    return run.result(project=after or {}, diff=dict(before=diff_view(before, desired), after=diff_view(after, desired)))


def ensure_absent(run, view):
    if view is None:
        return None
    holds = user_names(held(view))
    if holds:
        raise Conflict('project %s holds %s; nothing was deleted' % (view['name'], ', '.join(holds)), blockers=holds)
    run.send('delete', 'DELETE', 'projects/%s' % view['name'])
    return None


def ensure_updated(run, view, desired):
    after, changed = updated_view(view, desired)
    features = changed_features(changed)
    holds = user_names(held(view)) if features else []
    if holds:
        raise Conflict('project %s: %s can change only while the project is empty, and it holds %s; nothing '
                       'was changed' % (view['name'], ', '.join(features), ', '.join(holds)), blockers=holds)
    if changed:
        run.send('update', 'PUT', 'projects/%s' % view['name'],
                 dict((k, after[k]) for k in ('description', 'config')))
    return after

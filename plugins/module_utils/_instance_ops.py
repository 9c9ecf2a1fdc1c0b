# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Instance changes against LXD. Every mutation goes through record(), which check mode skips,
so a check run walks the same path and predicts the same actions as a real run."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from urllib.parse import quote

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance import (
    FINGERPRINT, STATUS_AFTER, addresses, compute_update, create_body, create_only_warnings,
    diff_view, has_ipv4, image_source, instance_view, plan_transitions, planned_view, put_body)

POLL_SECONDS = 0.5


class Run:
    """What one task run knows and has done so far."""

    def __init__(self, api, params, check_mode):
        self.api = api
        self.params = params
        self.check_mode = check_mode
        self.actions = []
        self.warnings = []

    @property
    def path(self):
        return 'instances/%s' % self.params['name']


def record(run, action, method, path, body=None, params=None, wait=None):
    run.actions.append(action)
    if not run.check_mode:
        run.api.call(method, path, body, params=params, wait=wait)


def get_instance(api, name, with_state=False):
    """The instance's JSON, or None. with_state adds its run state (addresses) in the same request,
    but costs LXD 20 times as much (it spawns a helper to read the addresses in the instance)."""
    return api.get('instances/%s' % name, params={'recursion': 1} if with_state else None)


def ensure_instance(api, params, desired, check_mode):
    run = Run(api, params, check_mode)
    raw = get_instance(api, params['name'])
    before = instance_view(raw) if raw else None
    if params['state'] == 'absent':
        after = ensure_absent(run, before)
    elif before is None:
        after = ensure_created(run, desired)
    else:
        after = ensure_existing(run, raw, before, desired)
    return dict(changed=bool(run.actions), actions=run.actions, instance=after or {},
                warnings=run.warnings, diff=dict(before=diff_view(before), after=diff_view(after)))


def ensure_absent(run, view):
    if view is None:
        return None
    if view['status'] != 'Stopped':
        change_state(run, 'stop', force=True)
    record(run, 'delete', 'DELETE', run.path)
    return None


def ensure_created(run, desired):
    params = run.params
    if not params.get('image'):
        raise ArmhvError('instance %s does not exist and no image was given to create it' % params['name'])
    source, image = resolve_image(run.api, params)
    view = planned_view(dict(params, type=params.get('type') or 'container'), desired, image)
    body = create_body(view, source)
    target = {'target': params['target']} if params.get('target') else None
    try:
        record(run, 'create', 'POST', 'instances', body, params=target)
        view = apply_state(run, view)
    except ArmhvError as exc:
        if run.check_mode or not remove_half_made(run):
            raise
        raise ArmhvError('%s; the instance this task created was deleted again' % exc.msg)
    return refreshed(run, view)


def ensure_existing(run, raw, view, desired):
    wanted_type = run.params.get('type')
    if wanted_type and wanted_type != view['type']:
        raise ArmhvError('instance %s is a %s, not a %s: type only applies at creation'
                         % (view['name'], view['type'], wanted_type))
    run.warnings.extend(create_only_warnings(view, run.params))
    after, changed = compute_update(view, desired)
    update = put_body(raw, after) if changed else None
    # A stop goes first so that changes LXD refuses on a running instance can still apply.
    if run.params['state'] == 'stopped':
        after = apply_state(run, after)
        apply_update(run, update)
    else:
        apply_update(run, update)
        after = restoring_on_failure(run, raw, view, update, lambda: apply_state(run, after))
    return refreshed(run, after)


def apply_update(run, body):
    if body is not None:
        record(run, 'update', 'PUT', run.path, body)


def restoring_on_failure(run, raw, view, update, step):
    """Run step; if it fails after this task updated the instance, put the old definition back."""
    try:
        return step()
    except ArmhvError as exc:
        if update is None or run.check_mode:
            raise
        run.api.call('PUT', run.path, put_body(raw, view))
        raise ArmhvError('%s; the configuration change was reverted' % exc.msg)


def apply_state(run, view):
    state = run.params['state']
    for action in plan_transitions(view['status'], state):
        change_state(run, action)
    if state in STATUS_AFTER:
        view = dict(view, status=STATUS_AFTER[state])
    return view


def change_state(run, action, force=False):
    body = dict(action=action, timeout=run.params['timeout'])
    wait = run.params['timeout']
    if action in ('stop', 'restart'):
        force = force or run.params['force_stop']
        body.update(force=force, timeout=-1 if force else run.params['stop_timeout'])
        wait += run.params['stop_timeout']
    try:
        record(run, action, 'PUT', run.path + '/state', body, wait=wait)
    except ArmhvError as exc:
        if action in ('stop', 'restart') and not force:
            raise ArmhvError('%s: the instance did not shut down within stop_timeout (%s seconds); '
                             'raise stop_timeout or set force_stop: true' % (exc.msg, run.params['stop_timeout']))
        raise


def remove_half_made(run):
    """Delete what this task created; True when something was deleted."""
    raw = get_instance(run.api, run.params['name'])
    if raw is None:
        return False
    if raw.get('status') != 'Stopped':
        run.api.call('PUT', run.path + '/state', dict(action='stop', force=True, timeout=-1))
    deadline = time.time() + run.params['timeout']
    while True:
        try:
            run.api.call('DELETE', run.path)
            return True
        except ArmhvError as exc:
            # After a failed start LXD holds the instance's "stop" lock for a few seconds.
            if 'busy' not in exc.msg or time.time() > deadline:
                raise
        time.sleep(POLL_SECONDS)


def resolve_image(api, params):
    """(POST source, local image metadata or None); fails before anything is created."""
    image = params['image']
    if params.get('image_server'):
        return image_source(image, False, params), None
    alias = api.get('images/aliases/%s' % quote(image, safe=''))
    if alias is not None:
        return image_source(image, True, params), api.get('images/%s' % alias['target'])
    found = api.get('images/%s' % image) if FINGERPRINT.match(image) else None
    if found is not None:
        return image_source(image, False, params), found
    raise ArmhvError('image %r is neither an alias nor a fingerprint in the local image store; '
                     'import it first or set image_server' % image)


def refreshed(run, view):
    """The instance as LXD reports it after the changes (check mode: as predicted)."""
    if not run.check_mode and run.actions:
        raw = get_instance(run.api, run.params['name'])
        # An ephemeral instance deletes itself when it stops.
        view = instance_view(raw) if raw else None
    if view and run.params.get('wait_for_ipv4') and view['status'] == 'Running' and not run.check_mode:
        view = wait_for_ipv4(run, view)
    return view


def wait_for_ipv4(run, view):
    deadline = time.time() + run.params['timeout']
    while True:
        view = dict(view, addresses=addresses(run.api.get(run.path + '/state')))
        if has_ipv4(view):
            return view
        if time.time() > deadline:
            raise ArmhvError('instance %s has no IPv4 address after %s seconds'
                             % (view['name'], run.params['timeout']))
        time.sleep(POLL_SECONDS)

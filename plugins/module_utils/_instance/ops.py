# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Instance changes against LXD. Every mutation goes through Run.send or Run.act, which check mode
skips, so a check run walks the same path and predicts the same actions as a real run."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

from concurrent.futures import ThreadPoolExecutor

from urllib.parse import quote

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Busy, Conflict, DaemonRefused, LxdConnectionError, NotFound)
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.plan import reached_limits
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.remotes import image_fields, resolved
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.plan import (
    FINGERPRINT, STATUS_AFTER, addresses, compute_update, create_body, create_only_warnings,
    diff_view, has_ipv4, image_source, instance_view, plan_transitions, planned_view, put_body)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import CREATING

POLL_SECONDS = 0.5


def instance_path(run):
    return 'instances/%s' % run.request['name']


def get_instance(api, name, with_state=False):
    """The instance's JSON, or None. with_state adds its run state (addresses) in the same request,
    but costs LXD 20 times as much (it spawns a helper to read the addresses in the instance)."""
    return api.get('instances/%s' % name, params={'recursion': 1} if with_state else None)


def list_instances(api, name=None, project=None):
    """Instances with their run state (addresses), sorted by name: what lxc_container_info, the inventory
    plugin and the API list. One instance when name is given (an empty list when it does not exist).
    project: another project than the connection's (the inventory plugin lists them all)."""
    if name is not None:
        raw = get_instance(api, name, with_state=True)
        return [instance_view(raw)] if raw else []
    # recursion=2 brings every instance's state in the same request.
    params = dict(recursion=2, project=project) if project else dict(recursion=2)
    found = api.get('instances', params=params) or []
    return sorted((instance_view(raw) for raw in found), key=lambda view: view['name'])


def ensure_instance(api, request, check_mode):
    """Converge one instance to a request from _instance.request_from_params; returns a Result."""
    return converge(Run(api, request, check_mode), get_instance(api, request['name']), resolve_image)


def ensure_instances(api, requests, check_mode, parallel=8, images=None):
    """Converge many instances, at most `parallel` at a time (LXD runs each operation on its own, so
    the waits overlap). One Result per request, in the requests' order, each with name, failed and msg:
    an entry that fails (its own changes rolled back) leaves the others converging. images: an image
    per architecture for entries that name none (see ImagesByArchitecture).

    One list request reads every instance, and each image is looked up once, however many entries
    use it: per entry, that is two to four requests fewer for LXD to answer."""
    known = dict((raw['name'], raw) for raw in api.get('instances', params={'recursion': 1}) or [])
    picker = ImagesByArchitecture(api, images) if images else None
    resolve = ImageLookups()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return list(pool.map(lambda request: ensure_entry(
            Run(api, request, check_mode), known.get(request['name']), picker, resolve), requests))


def ensure_entry(run, raw, picker, resolve):
    request = run.request
    try:
        desired = request['desired']
        if picker and not desired['image'] and request['state'] != 'absent' and raw is None:
            picked = picker.image_for(desired['target'])
            if picked:
                desired.update(image_fields(picked, request['remotes']))
        result = converge(run, raw, resolve)
        result.update(failed=False, msg='')
    except ArmhvError as exc:
        # Check mode across tasks (plugin_utils/_check_plan) reads a missing instance from `missing`.
        result = run.result(instance={}, diff={}, failed=True, **exc.result())
    result['name'] = request['name']
    return result


def converge(run, raw, resolve):
    """raw: the instance's JSON as read before (None: it does not exist); resolve: resolve_image or a
    cache of it."""
    request = run.request
    before = instance_view(raw) if raw else None
    if before and CREATING in before['config'] and request['state'] != 'absent':
        run.warn('instance %s was left half made by an interrupted run (LXD stopped while creating it): '
                 'deleted and created again' % request['name'])
        ensure_absent(run, before)
        before = None
    if before and request['create_only']:
        raise Conflict('instance %s already exists' % request['name'], blockers=[request['name']])
    if request['state'] == 'absent':
        after = ensure_absent(run, before)
    elif before is None:
        after = ensure_created(run, resolve)
    else:
        after = ensure_existing(run, raw, before)
    return run.result(instance=after or {}, diff=dict(before=diff_view(before), after=diff_view(after)))


class ImageLookups:
    """resolve_image, remembered per image and source for the threads of one call."""

    def __init__(self):
        self._lock = threading.Lock()
        self._found = {}

    def __call__(self, api, desired):
        key = (desired['image'], desired['image_remote'], desired['image_server'], desired['image_protocol'])
        with self._lock:
            if key not in self._found:
                self._found[key] = resolve_image(api, desired)
            return self._found[key]


def ensure_absent(run, view):
    if view is None:
        return None
    if view['status'] != 'Stopped':
        change_state(run, 'stop', force=True)
    run.send('delete', 'DELETE', instance_path(run))
    return None


def ensure_created(run, resolve):
    name, desired = run.request['name'], run.request['desired']
    if not desired['image']:
        raise NotFound('instance %s does not exist and no image was given to create it' % name, 'instance', name)
    source, image = resolve(run.client, desired)
    view = planned_view(name, desired, image)
    body = create_body(dict(view, config=dict(view['config'], **{CREATING: 'true'})), source)
    target = {'target': desired['target']} if desired['target'] else None
    try:
        run.send('create', 'POST', 'instances', body, params=target)
        if not run.check_mode:
            unmark(run)
        view = apply_state(run, view)
    except ArmhvError as exc:
        exc = exc.reworded(exc.msg + from_server(source)) if source.get('server') else exc
        if run.check_mode or not removed_after_failure(run, exc):
            raise over_limits(run, exc)
        raise exc.reworded('%s; the instance this task created was deleted again' % exc.msg)
    return refreshed(run, view)


def from_server(source):
    """Which image the daemon was to download, for a message: its own says only that it found none."""
    return ' (image %s from %s, %s)' % (source.get('alias') or source.get('fingerprint'), source['server'],
                                        source['protocol'])


def over_limits(run, exc):
    """A refused create in a project whose usage has reached a limit is a Conflict naming the limits (the
    API answers it 409); any other failure stays what it was."""
    if not isinstance(exc, DaemonRefused):
        return exc
    reached = reached_limits(run.client.get('projects/%s/state' % run.client.project), exc.msg)
    if not reached:
        return exc
    return Conflict('instance %s was not created: it does not fit in project %s\'s %s (%s)'
                    % (run.request['name'], run.client.project, ', '.join(reached), exc.msg),
                    reason='no room in project %s\'s %s' % (run.client.project, ', '.join(reached)),
                    blockers=[limit.split(' ')[0] for limit in reached])


def unmark(run):
    raw = get_instance(run.client, run.request['name'])
    view = instance_view(raw)
    view['config'].pop(CREATING, None)
    run.client.call('PUT', instance_path(run), put_body(raw, view))


def removed_after_failure(run, exc):
    """remove_created, saying what is left when LXD cannot be asked (it stopped meanwhile)."""
    try:
        return remove_created(run)
    except LxdConnectionError as gone:
        # Still a connection error: the API answers it 503 (LXD unavailable), not as bad input.
        raise gone.reworded('creating instance %s failed: %s; %s then did not answer (%s), so the instance '
                            'may be left half made: the next run deletes and creates it again'
                            % (run.request['name'], exc.msg, run.client.name, gone.msg))


def ensure_existing(run, raw, view):
    desired = run.request['desired']
    wanted_type = desired['type']
    if wanted_type and wanted_type != view['type']:
        raise Conflict('instance %s is a %s, not a %s: type only applies at creation'
                       % (view['name'], view['type'], wanted_type))
    for warning in create_only_warnings(view, desired):
        run.warn(warning)
    after, changed = compute_update(view, desired)
    update = put_body(raw, after) if changed else None
    # A stop goes first so that changes LXD refuses on a running instance can still apply.
    if run.request['state'] == 'stopped':
        after = apply_state(run, after)
        apply_update(run, update)
    else:
        apply_update(run, update)
        after = restoring_on_failure(run, raw, view, update, lambda: apply_state(run, after))
    return refreshed(run, after)


def apply_update(run, body):
    if body is not None:
        run.send('update', 'PUT', instance_path(run), body)


def restoring_on_failure(run, raw, view, update, step):
    """Run step; if it fails after this task updated the instance, put the old definition back."""
    try:
        return step()
    except ArmhvError as exc:
        if update is None or run.check_mode:
            raise
        run.client.call('PUT', instance_path(run), put_body(raw, view))
        raise exc.reworded('%s; the configuration change was reverted' % exc.msg)


def apply_state(run, view):
    state = run.request['state']
    for action in plan_transitions(view['status'], state):
        change_state(run, action)
    if state in STATUS_AFTER:
        view = dict(view, status=STATUS_AFTER[state])
    return view


def change_state(run, action, force=False):
    body = dict(action=action, timeout=run.request['timeout'])
    wait = run.request['timeout']
    if action in ('stop', 'restart'):
        force = force or run.request['force_stop']
        body.update(force=force, timeout=-1 if force else run.request['stop_timeout'])
        wait += run.request['stop_timeout']
    try:
        run.send(action, 'PUT', instance_path(run) + '/state', body, wait=wait)
    except ArmhvError as exc:
        if action in ('stop', 'restart') and not force:
            raise exc.reworded('%s: the instance did not shut down within stop_timeout (%s seconds); '
                               'raise stop_timeout or set force_stop: true' % (exc.msg, run.request['stop_timeout']))
        raise


def remove_created(run):
    """Delete the instance this task created, after a later step failed; True when it was there."""
    raw = get_instance(run.client, run.request['name'])
    if raw is None:
        return False
    if raw.get('status') != 'Stopped':
        run.client.call('PUT', instance_path(run) + '/state', dict(action='stop', force=True, timeout=-1))
    deadline = time.time() + run.request['timeout']
    while True:
        try:
            run.client.call('DELETE', instance_path(run))
            return True
        except Busy:
            # After a failed start LXD holds the instance's "stop" lock for a few seconds.
            if time.time() > deadline:
                raise
        time.sleep(POLL_SECONDS)


def resolve_image(api, desired):
    """(POST source, local image metadata or None); fails before anything is created."""
    image = desired['image']
    if desired['image_server'] or desired['image_remote']:
        return image_source(image, False, resolved(desired, api.identity()['server'])), None
    alias = api.get('images/aliases/%s' % quote(image, safe=''))
    if alias is not None:
        return image_source(image, True, desired), api.get('images/%s' % alias['target'])
    found = api.get('images/%s' % image) if FINGERPRINT.match(image) else None
    if found is not None:
        return image_source(image, False, desired), found
    raise NotFound('image %r is neither an alias nor a fingerprint in the local image store; '
                   'import it first or set image_server' % image, 'image', image)


def refreshed(run, view):
    """The instance as LXD reports it after the changes (check mode: as predicted)."""
    if not run.check_mode and run.actions:
        raw = get_instance(run.client, run.request['name'])
        # An ephemeral instance deletes itself when it stops.
        view = instance_view(raw) if raw else None
    if view and run.request.get('wait_for_ipv4') and view['status'] == 'Running' and not run.check_mode:
        view = wait_for_ipv4(run, view)
    return view


def wait_for_ipv4(run, view):
    deadline = time.time() + run.request['timeout']
    while True:
        view = dict(view, addresses=addresses(run.client.get(instance_path(run) + '/state')))
        if has_ipv4(view):
            return view
        if time.time() > deadline:
            raise ArmhvError('instance %s has no IPv4 address after %s seconds'
                             % (view['name'], run.request['timeout']))
        time.sleep(POLL_SECONDS)


class ImagesByArchitecture:
    """The image to create an entry from when it names none: `images` maps LXD architecture names to
    images, and the entry lands on its target member or else on the server. Architectures are read from
    LXD once, when the first entry needs one, and shared by the threads."""

    def __init__(self, api, images):
        self.api = api
        self.images = images
        self._lock = threading.Lock()
        self._known = {}

    def image_for(self, target):
        with self._lock:
            if target and 'members' not in self._known:
                found = self.api.get('cluster/members', params={'recursion': 1}) or []
                self._known['members'] = dict((m['server_name'], m.get('architecture')) for m in found)
            if 'server' not in self._known:
                self._known['server'] = (self.api.server().get('environment') or {}).get('kernel_architecture')
        server = self._known['server']
        return self.images.get(self._known['members'].get(target, server) if target else server)

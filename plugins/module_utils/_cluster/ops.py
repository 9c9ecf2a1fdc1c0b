# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Cluster membership changes against LXD. Each mutation goes through Run.send or Run.act, which check mode
skips, so a check run walks the same path and predicts the same actions as a real run."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ssl
import time

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, Conflict, InvalidRequest, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.plan import (
    RUNNING, evacuation_blocker, find_member, join_token, member_put_body, member_view, planned_member,
    removal_blocker, settings_changes)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import pem_fingerprint
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run

# What LXD says about a member in each state, so check mode can predict it.
MESSAGES = dict(Online='Fully operational', Evacuated='Unavailable due to maintenance')


def list_members(api, name=None):
    """Member views sorted by name, [] when this LXD is not clustered: what hv_cluster_info, the
    inventory plugin and the API list. One member when name is given ([] when there is none)."""
    members = read_cluster(api)[1]
    return [member for member in members if name is None or member['name'] == name]


def read_cluster(api):
    """(this LXD's cluster info, member views sorted by name); no members when it is not clustered."""
    info = api.get('cluster') or {}
    if not info.get('enabled'):
        return info, []
    found = api.get('cluster/members', params={'recursion': 1}) or []
    return info, sorted((member_view(raw) for raw in found), key=lambda member: member['name'])


def ensure_cluster(api, request, check_mode, context=None):
    """Bring the member named request['name'] (from _cluster.request_from_params) to request['state'];
    returns a Result. The context's connect_remote reaches the member to join through, and its hide keeps
    the join token out of the result."""
    run = Run(api, request, check_mode, context)
    info, members = read_cluster(api)
    before = find_member(members, request['name'])
    state = request['state']
    if state == 'present':
        members = ensure_present(run, info, members)
    elif state == 'absent':
        members = ensure_absent(run, members)
    else:
        members = ensure_maintenance(run, info, members)
    after = find_member(members, request['name'])
    return run.result(members=members, diff=dict(before=dict(member=before), after=dict(member=after)))


def ensure_present(run, info, members):
    request = run.request
    if info.get('enabled'):
        if info.get('server_name') != request['name']:
            raise Conflict('this LXD is cluster member %s, not %s' % (info.get('server_name'), request['name']))
        return ensure_settings(run, members)
    if not request['server_address']:
        raise InvalidRequest('server_address is required to bootstrap or join a cluster')
    # In check mode this LXD has not bootstrapped or joined, so it would answer "not clustered" when
    # asked for the cluster's groups: the step says which there are.
    members, known_groups = join(run) if request['cluster_address'] else bootstrap(run)
    return ensure_settings(run, members, known_groups)


def bootstrap(run):
    """(members, the cluster's group URLs in check mode, None after a real bootstrap)."""
    request, api = run.request, run.client
    server = api.server()
    previous = server['config'].get('cluster.https_address', '')
    if previous != request['server_address']:
        run.send('configure', 'PATCH', '', dict(config={'cluster.https_address': request['server_address']}))
    try:
        run.send('bootstrap', 'PUT', 'cluster', dict(server_name=request['name'], enabled=True))
    except ArmhvError:
        if previous != request['server_address']:
            api.call('PATCH', '', dict(config={'cluster.https_address': previous}))
        raise
    if run.check_mode:
        arch = server['environment'].get('kernel_architecture')
        return ([planned_member(request['name'], request['server_address'], arch, ['database-leader', 'database'])],
                ['/1.0/cluster/groups/default'])
    return list_members(api), None


def join(run):
    """(members, the cluster's group URLs in check mode, None after a real join)."""
    request = run.request
    remote, pem = run.context.connect_remote(request['cluster_address'])
    members = remote_members(remote, request, run.client.identity()['server'])
    joined = run.act('join', lambda: join_through(run, remote, pem))
    if run.check_mode:
        arch = run.client.server()['environment'].get('kernel_architecture')
        return members + [planned_member(request['name'], request['server_address'], arch, [])], remote.get('cluster/groups')
    return joined, None


def join_through(run, remote, pem):
    """Join with a token made by the member at cluster_address; the members afterwards. A token that
    failed to join is revoked, and never shown."""
    operation = remote.start('POST', 'cluster/members', dict(server_name=run.request['name']))
    try:
        send_join(run, pem, operation)
    except ArmhvError as exc:
        revoke(remote, operation)
        raise exc.reworded(scrub(exc.msg, operation))
    return list_members(run.client)


# How each daemon's CLI trusts a client certificate file (Incus's `trust add` makes a token instead).
TRUST_COMMANDS = dict(lxd='lxc config trust add', incus='incus config trust add-certificate')


def revoke(remote, operation):
    """Cancel a join token that failed to join: an unused one stays valid for hours."""
    try:
        remote.call('DELETE', 'operations/%s' % operation['id'])
    except ArmhvError:
        pass  # LXD already ended it (a join that used it and then failed): nothing to revoke


def remote_members(remote, request, daemon):
    """The members of the cluster at cluster_address, checking that it will take us.

    daemon is the joining server's (lxd or incus): the cluster's members run the same one, and an
    untrusted client cannot ask them."""
    where = request['cluster_address']
    if not wait_for_trust(remote):
        raise ArmhvError('the client certificate is not trusted by %s (waited %d s); trust it there (%s) '
                         'before joining' % (where, remote.timeout, TRUST_COMMANDS.get(daemon, TRUST_COMMANDS['lxd'])))
    info, members = read_cluster(remote)
    if not info.get('enabled'):
        raise Conflict('%s is not a cluster member: bootstrap the cluster there first' % where)
    if find_member(members, request['name']):
        raise Conflict('the cluster at %s already has a member named %s; remove it first (state: absent, '
                       'force: true when it is gone)' % (where, request['name']))
    return members


def wait_for_trust(remote):
    """True once remote trusts the client certificate, within its timeout. A member that joined
    moments ago learns the cluster's trusted certificates only at a later heartbeat (seen: 12 to 20 s),
    so joining through the newest member must wait for it."""
    deadline = time.monotonic() + remote.timeout
    answer = remote.server()  # read when connecting: the first look costs no request
    while answer.get('auth') != 'trusted':
        if time.monotonic() >= deadline:
            return False
        time.sleep(1)
        answer = remote.get('')
    return True


def send_join(run, pem, operation):
    request = run.request
    token = join_token(operation)
    run.context.hide(token)
    run.context.hide(operation['metadata']['secret'])
    pem = pem or fetch_certificate(request['cluster_address'])
    if pem_fingerprint(pem) != operation['metadata']['fingerprint']:
        raise ArmhvError('the certificate of %s is not the cluster certificate its join token names'
                         % request['cluster_address'])
    body = dict(server_name=request['name'], enabled=True, server_address=request['server_address'],
                cluster_address=request['cluster_address'], cluster_certificate=pem,
                member_config=request['member_config'])
    body[token_field(run.client)] = token
    run.client.call('PUT', 'cluster', body)


def token_field(api):
    # LXD 5.0 reads the join token from cluster_password; Incus dropped that field for cluster_token.
    return 'cluster_token' if api.identity()['server'] == 'incus' else 'cluster_password'


def fetch_certificate(address):
    """The certificate a member presents (validate_certs: false and no cluster_cert: trust on first use)."""
    host, port = address.rsplit(':', 1)
    try:
        return ssl.get_server_certificate((host.strip('[]'), int(port)))
    except (OSError, ValueError) as exc:
        raise ArmhvError('cannot read the certificate of %s: %s' % (address, exc))


def scrub(text, operation):
    meta = operation.get('metadata') or {}
    for secret in (meta.get('secret'), join_token(operation) if meta.get('secret') else None):
        if secret:
            text = text.replace(secret, '********')
    return text


def ensure_settings(run, members, known_groups=None):
    request = run.request
    member = find_member(members, request['name'])
    changes = settings_changes(member, request['desired'])
    if not changes:
        return members
    created = create_groups(run, changes['groups'], known_groups) if 'groups' in changes else []
    try:
        run.send('update', 'PUT', 'cluster/members/%s' % request['name'], member_put_body(member, changes))
    except ArmhvError:
        for group in created:
            run.client.call('DELETE', 'cluster/groups/%s' % group)
        raise
    if run.check_mode:
        return [dict(m, **changes) if m is member else m for m in members]
    return list_members(run.client)


def create_groups(run, names, known_groups):
    urls = known_groups if known_groups is not None else run.client.get('cluster/groups')
    existing = set(url.rstrip('/').rsplit('/', 1)[-1] for url in urls or [])
    missing = [group for group in names if group not in existing]
    for group in missing:
        run.send('create_group', 'POST', 'cluster/groups', dict(name=group, description=''))
    return missing


def ensure_absent(run, members):
    request = run.request
    member = find_member(members, request['name'])
    if member is None:
        return members
    running = member['status'] in RUNNING
    if not running and not request['force']:
        raise Conflict('cluster member %s is %s: it cannot leave gracefully; force: true removes it from '
                       'the cluster database' % (member['name'], member['status']))
    guard(request, removal_blocker(members, member['name']), 'removal')
    if member['status'] == 'Online':
        # Evacuate first so LXD moves the instances; forced past the guard, LXD refuses to remove a
        # member that still has instances.
        blocker = evacuation_blocker(members, member['name'])
        guard(request, blocker, 'evacuation before removal')
        if not blocker:
            run.send('evacuate', 'POST', 'cluster/members/%s/state' % member['name'], dict(action='evacuate'))
    run.send('remove', 'DELETE', 'cluster/members/%s' % member['name'], params=None if running else {'force': 1})
    return [m for m in members if m is not member]


def ensure_maintenance(run, info, members):
    request = run.request
    if not info.get('enabled'):
        raise NotFound('this LXD is not clustered: there is no member %s to %s'
                       % (request['name'], 'evacuate' if request['state'] == 'evacuated' else 'restore'),
                       'member', request['name'])
    member = find_member(members, request['name'])
    if member is None:
        raise NotFound('the cluster has no member named %s' % request['name'], 'member', request['name'])
    if member['status'] not in RUNNING:
        raise Conflict('cluster member %s is %s' % (member['name'], member['status']))
    want = 'Evacuated' if request['state'] == 'evacuated' else 'Online'
    if member['status'] == want:
        return members
    instances = run.client.get('instances', params={'recursion': 1}) or []
    if want == 'Evacuated':
        guard(request, evacuation_blocker(members, member['name']), 'evacuation')
        remove_move_leftovers(run, instances, member['name'])
    action = 'evacuate' if want == 'Evacuated' else 'restore'
    try:
        run.send(action, 'POST', 'cluster/members/%s/state' % member['name'], dict(action=action))
    except ArmhvError as exc:
        raise exc.reworded('%s cluster member %s failed: %s; %s' % (
            'evacuating' if action == 'evacuate' else 'restoring', member['name'], exc.msg,
            rolled_back(run.client, member['name'], instances)))
    if run.check_mode:
        return [dict(m, status=want, message=MESSAGES[want]) if m is member else m for m in members]
    return list_members(run.client)


def remove_move_leftovers(run, instances, name):
    """Delete the stopped copies (lxd-move-of-UUID) an interrupted move of this member's instances left on
    another member: LXD gives a new move the same name, so it would fail while one is there."""
    uuids = dict((i['config'].get('volatile.uuid'), i['name']) for i in instances if i.get('location') == name)
    for leftover in instances:
        prefix, dummy, uuid = leftover['name'].partition('-move-of-')
        if prefix in ('lxd', 'incus') and uuid in uuids and leftover['status'] == 'Stopped':
            run.warn('deleted %s, the copy of %s an interrupted move left on %s'
                     % (leftover['name'], uuids[uuid], leftover.get('location')))
            run.send('delete_leftover', 'DELETE', 'instances/%s' % leftover['name'])


def moved_by(instance, name):
    """Whether evacuating (it is there) or restoring (it came from there) member name moves this instance."""
    return instance.get('location') == name or instance['config'].get('volatile.evacuate.origin') == name


def rolled_back(api, name, before):
    """Start again the instances of this member that ran before an interrupted evacuation or restore and
    were stopped for it; say what is left."""
    try:
        members = list_members(api)
        now = dict((i['name'], i) for i in api.get('instances', params={'recursion': 1}) or [])
        for instance in (i for i in before if moved_by(i, name) and i['status'] == 'Running'):
            found = now.get(instance['name'])
            if found and found['status'] == 'Stopped' and found.get('location') == instance.get('location'):
                api.call('PUT', 'instances/%s/state' % found['name'], dict(action='start', timeout=30))
                found['status'] = 'Running (started again)'
    except ArmhvError as exc:
        return 'what it left is unknown (%s)' % exc.msg
    member = find_member(members, name)
    here = ['%s (%s)' % (key, now[key]['status']) for key in sorted(now) if now[key].get('location') == name]
    return ('%s is now %s and holds %s; a rerun once the cause is fixed does it again'
            % (name, member['status'] if member else 'gone', ', '.join(here) or 'no instance'))


def guard(request, blocker, what):
    if blocker and not request['force']:
        reason = '%s refused: %s' % (what, blocker)
        raise Conflict(reason + '; force: true overrides', reason=reason)

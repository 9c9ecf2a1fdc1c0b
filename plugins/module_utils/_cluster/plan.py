# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure cluster logic: desired membership, member views, quorum and evacuation guards. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import split_host_port

DEFAULT_PORT = 8443
DATABASE_ROLES = ('database', 'database-leader')
# Members whose daemon runs; an evacuated member still serves its share of the database.
RUNNING = ('Online', 'Evacuated')


def normalize_host_port(address, option):
    """host:port as LXD stores cluster addresses (8443 when no port is given; an IPv6 host in brackets)."""
    text = (address or '').strip()
    if text.startswith('https://'):
        text = text[len('https://'):]
    text = text.rstrip('/')
    if not text or '/' in text or ' ' in text:
        raise InvalidRequest('%s must be host[:port] or https://host[:port], not %r' % (option, address))
    host, port = split_host_port(text, option, DEFAULT_PORT)
    return '%s:%d' % ('[%s]' % host if ':' in host else host, port)


def member_view(raw):
    """The module's view of one member from LXD's JSON."""
    return dict(name=raw.get('server_name'), url=raw.get('url'), roles=list(raw.get('roles') or []),
                status=raw.get('status'), message=raw.get('message'), architecture=raw.get('architecture'),
                failure_domain=raw.get('failure_domain'), groups=sorted(raw.get('groups') or []),
                description=raw.get('description') or '', config=dict(raw.get('config') or {}))


def find_member(members, name):
    for member in members:
        if member['name'] == name:
            return member
    return None


def planned_member(name, address, architecture, roles):
    """What a member looks like right after it bootstrapped or joined (check mode's prediction)."""
    return dict(name=name, url='https://' + address, roles=roles, status='Online',
                message='Fully operational', architecture=architecture, failure_domain='default',
                groups=['default'], description='', config={})


def member_put_body(member, changes):
    """LXD's PUT body for a member: everything it has, with changes applied (roles as they are)."""
    body = dict((key, member[key]) for key in ('roles', 'failure_domain', 'groups', 'description', 'config'))
    body.update(changes)
    return body


def settings_changes(member, desired):
    """The member fields to change: failure_domain and groups, when the task names them."""
    changes = {}
    if desired['failure_domain'] is not None and member['failure_domain'] != desired['failure_domain']:
        changes['failure_domain'] = desired['failure_domain']
    if desired['groups'] is not None and member['groups'] != desired['groups']:
        changes['groups'] = desired['groups']
    return changes


def removal_blocker(members, name):
    """Why removing name would break quorum, or None.

    Refused when the database voters left, counting only running ones, are not a majority of the
    voters left: the cluster would lose its database quorum (raft needs more than half)."""
    voters_left = [m for m in members if m['name'] != name and set(m['roles']) & set(DATABASE_ROLES)]
    running = [m['name'] for m in voters_left if m['status'] in RUNNING]
    if voters_left and 2 * len(running) <= len(voters_left):
        return ('removing %s would leave %d of %d database voters running (%s), not a majority'
                % (name, len(running), len(voters_left), ', '.join(running) or 'none'))
    return None


def evacuation_blocker(members, name):
    """Why evacuating name would strand its instances, or None."""
    member = find_member(members, name)
    hosts = [m['name'] for m in members if m['name'] != name and m['status'] == 'Online'
             and m['architecture'] == member['architecture']]
    if not hosts:
        return ('no other Online, non-evacuated %s member can take the instances of %s'
                % (member['architecture'], name))
    return None


def join_token(operation):
    """The token `lxc cluster add` prints, from LXD's token operation metadata.

    The daemon takes the whole encoded token when joining over its API (cluster_password in LXD 5.0,
    cluster_token in Incus)."""
    meta = operation['metadata']
    token = dict(server_name=meta['serverName'], fingerprint=meta['fingerprint'], addresses=meta['addresses'],
                 secret=meta['secret'], expires_at=meta.get('expiresAt'))
    return base64.b64encode(json.dumps(token).encode()).decode()

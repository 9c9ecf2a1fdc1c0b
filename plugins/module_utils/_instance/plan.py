# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure instance logic: views of LXD's JSON, desired state, comparison, transitions. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import merge_keys, without_volatile

FINGERPRINT = re.compile(r'^[0-9a-f]{12,64}$')
STATUS_AFTER = {'started': 'Running', 'restarted': 'Running', 'stopped': 'Stopped', 'frozen': 'Frozen'}
MUTABLE_FIELDS = ('config', 'devices', 'profiles', 'description', 'ephemeral')


def plan_transitions(status, state):
    """The state actions that take an instance in `status` to the wanted `state`, in order."""
    running, frozen = status == 'Running', status == 'Frozen'
    if state == 'started':
        return ['unfreeze'] if frozen else ([] if running else ['start'])
    if state == 'stopped':
        return ['unfreeze', 'stop'] if frozen else (['stop'] if running else [])
    if state == 'restarted':
        return ['unfreeze', 'restart'] if frozen else (['restart'] if running else ['start'])
    if state == 'frozen':
        return [] if frozen else (['freeze'] if running else ['start', 'freeze'])
    return []


def addresses(state):
    """Global addresses per interface (loopback and link-local left out)."""
    result = {}
    for iface, net in sorted(((state or {}).get('network') or {}).items()):
        if iface == 'lo':
            continue
        found = [a['address'] for a in net.get('addresses') or [] if a.get('scope') == 'global']
        result[iface] = found
    return result


def has_ipv4(view):
    return any('.' in address for found in view['addresses'].values() for address in found)


def instance_view(raw):
    """The module's return value from LXD's instance JSON (own config, not expanded)."""
    return dict(
        name=raw.get('name'),
        status=raw.get('status'),
        type=raw.get('type') or 'container',
        architecture=raw.get('architecture'),
        location=raw.get('location') or None,
        config=dict(raw.get('config') or {}),
        devices=dict(raw.get('devices') or {}),
        profiles=list(raw.get('profiles') or []),
        description=raw.get('description') or '',
        ephemeral=bool(raw.get('ephemeral')),
        created_at=raw.get('created_at'),
        addresses=addresses(raw.get('state')),
    )


def diff_view(view):
    """What --diff shows: the managed fields, volatile keys left out."""
    if not view:
        return {}
    shown = dict((k, view[k]) for k in MUTABLE_FIELDS + ('status',))
    shown['config'] = without_volatile(view['config'])
    return shown


def compute_update(view, desired):
    """(after view, names of changed fields) when desired is applied to the current view."""
    after = dict(view)
    changed = []
    for field in ('config', 'devices'):
        after[field], keys = merge_keys(view[field], desired[field])
        changed.extend('%s.%s' % (field, key) for key in keys)
    for field in ('profiles', 'description', 'ephemeral'):
        if desired[field] is not None and desired[field] != view[field]:
            after[field] = desired[field]
            changed.append(field)
    return after, changed


def put_body(raw, after):
    """A full PUT body: LXD replaces the whole object, so send every writable field."""
    body = dict((field, after[field]) for field in MUTABLE_FIELDS)
    body['architecture'] = raw.get('architecture')
    body['stateful'] = bool(raw.get('stateful'))
    return body


def planned_view(name, desired, image=None):
    """What a not-yet-created instance will look like (check mode and diff).

    LXD copies a local image's properties into the new instance's config as image.* keys."""
    image = image or {}
    view = dict(
        name=name, status='Stopped', type=desired['type'] or 'container', architecture=image.get('architecture'),
        location=desired['target'], description=desired['description'] or '',
        ephemeral=bool(desired['ephemeral']), created_at=None, addresses={},
        profiles=desired['profiles'] if desired['profiles'] is not None else ['default'],
    )
    config = dict(('image.%s' % k, v) for k, v in (image.get('properties') or {}).items())
    config.update(desired['config'])
    view['config'] = dict((k, v) for k, v in config.items() if v is not None)
    view['devices'] = dict((k, v) for k, v in desired['devices'].items() if v is not None)
    return view


def create_body(view, source):
    body = dict((field, view[field]) for field in MUTABLE_FIELDS)
    body.update(name=view['name'], type=view['type'], source=source)
    return body


def image_source(image, alias_exists, desired):
    """The POST source for `image`: a local alias when one exists, else a fingerprint."""
    if desired['image_server']:
        source = dict(type='image', mode='pull', server=desired['image_server'],
                      protocol=desired['image_protocol'] or 'simplestreams')
        key = 'fingerprint' if FINGERPRINT.match(image) else 'alias'
        source[key] = image
        if desired.get('image_certificate'):
            source['certificate'] = desired['image_certificate']
        return source
    if alias_exists:
        return dict(type='image', alias=image)
    return dict(type='image', fingerprint=image)


def create_only_warnings(view, desired):
    """Options that only matter at creation, given differently for an existing instance."""
    warnings = []
    target = desired['target']
    if target and view['location'] and target != view['location']:
        warnings.append('instance %s runs on %s, not target %s: target only applies at creation; '
                        'it was not moved' % (view['name'], view['location'], target))
    base = view['config'].get('volatile.base_image', '')
    image = desired['image'] or ''
    if FINGERPRINT.match(image) and base and not base.startswith(image):
        warnings.append('instance %s was made from image %s, not %s: image only applies at creation'
                        % (view['name'], base[:12], image))
    return warnings

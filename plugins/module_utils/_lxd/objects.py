# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""What the daemon's named objects share (profiles, projects, managed networks, ACLs): their view, the
update that enforces only the keys a task names, the part --diff shows, and who uses them. Pure: no
client, no I/O.

No Ansible import here: the management API uses it too."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import merge_keys, normalize_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_member_name

# What a used_by URL's first path part holds, in the words a refusal uses.
USER_KINDS = {'instances': 'instance', 'profiles': 'profile', 'images': 'image', 'networks': 'network',
              'storage-pools': 'storage volume', 'network-acls': 'network ACL', 'projects': 'project'}


def object_view(raw, *fields):
    """name, description, config and used_by (sorted) from the daemon's JSON, and each of fields
    (devices, ingress, ...) as the daemon gives it."""
    view = dict(name=raw.get('name'), description=raw.get('description') or '',
                config=dict(raw.get('config') or {}), used_by=sorted(raw.get('used_by') or []))
    for field in fields:
        view[field] = raw.get(field)
    return view


def replaced_devices(current, desired):
    """desired for devices_mode replace: the devices named, and every other one removed."""
    return dict(desired, **dict((name, None) for name in current if name not in desired))


def updated_view(view, desired, replace_devices=False):
    """(after, changed) when desired is applied: config keys and devices named in desired only (None
    removes one; replace_devices removes the devices not named too), description and every other field
    of desired (a list, such as an ACL's rules) replaced when given. changed names each difference."""
    after = dict(view)
    after['config'], keys = merge_keys(view['config'], desired.get('config') or {})
    changed = ['config.%s' % key for key in keys]
    if desired.get('devices') is not None:
        wanted = desired['devices']
        if replace_devices:
            wanted = replaced_devices(view['devices'] or {}, wanted)
        after['devices'], names = merge_keys(view['devices'] or {}, wanted)
        changed.extend('devices.%s' % name for name in names)
    for field, value in sorted(desired.items()):
        if field not in ('config', 'devices') and value is not None and value != view.get(field):
            after[field] = value
            changed.append(field)
    return after, changed


def planned_view(name, desired, **fields):
    """What an object not created yet will look like (check mode and diff): the keys given, the removed
    ones left out."""
    view = dict(name=name, description=desired.get('description') or '',
                config=dict((k, v) for k, v in (desired.get('config') or {}).items() if v is not None),
                used_by=[])
    if 'devices' in desired:
        view['devices'] = dict((k, v) for k, v in (desired['devices'] or {}).items() if v is not None)
    view.update((field, value) for field, value in desired.items()
                if field not in view and field != 'devices' and value is not None)
    view.update(fields)
    return view


def diff_view(view, desired, replace_devices=False):
    """What --diff shows: the config keys and devices the task manages (every device when it replaces
    them) and the other fields it gives."""
    if not view:
        return {}
    shown = dict((field, view.get(field)) for field, value in desired.items()
                 if field not in ('config', 'devices') and value is not None)
    shown['config'] = dict((k, v) for k, v in view['config'].items() if k in (desired.get('config') or {}))
    if desired.get('devices') is not None:
        shown['devices'] = dict((k, v) for k, v in (view.get('devices') or {}).items()
                                if replace_devices or k in desired['devices'])
    return shown


def user_name(url):
    """'instance web1', 'profile base (project tenant)' from a used_by URL such as
    /1.0/profiles/base?project=tenant."""
    path, dummy, query = url.partition('?')
    parts = path.split('/')[2:]
    kind = USER_KINDS.get(parts[0], parts[0]) if parts else url
    name = '/'.join(parts[1:])
    project = dict(pair.partition('=')[::2] for pair in query.split('&') if pair).get('project')
    text = '%s %s' % (kind, name)
    return '%s (project %s)' % (text, project) if project and project != 'default' else text


def user_names(urls):
    return [user_name(url) for url in urls]


def checked_member_config(given, member_keys):
    """member_config as the task gives it ({member: {key: value}}), each member's name and keys checked
    and its values normalised; only member_keys may be set per member."""
    result = {}
    for member, keys in (given or {}).items():
        check_member_name(member)
        if not isinstance(keys, dict):
            raise InvalidRequest('member_config.%s must be a dict of %s' % (member, ', '.join(member_keys)))
        unknown = sorted(set(keys) - set(member_keys))
        if unknown:
            raise InvalidRequest('member_config.%s: %s %s; these are: %s'
                                 % (member, ', '.join(unknown),
                                    'is not a per-member key' if len(unknown) == 1 else 'are not per-member keys',
                                    ', '.join(member_keys)))
        result[member] = normalize_config(keys, 'member_config.%s' % member)
    return result


def member_definitions(config, member_config, members, member_keys):
    """Each member's pending definition: the member-specific keys of config, overridden by that member's
    entry of member_config. Raises InvalidRequest for a member the cluster does not have."""
    unknown = sorted(set(member_config) - set(members))
    if unknown:
        raise InvalidRequest('member_config names %s, not %s of this cluster (members: %s)'
                             % (', '.join(unknown), 'a member' if len(unknown) == 1 else 'members', ', '.join(members)))
    shared = dict((k, v) for k, v in config.items() if k in member_keys and v is not None)
    return dict((member, dict(shared, **member_config.get(member, {}))) for member in members)


def global_config(config, member_keys):
    """The keys a cluster keeps once for the whole object."""
    return dict((k, v) for k, v in config.items() if k not in member_keys and v is not None)

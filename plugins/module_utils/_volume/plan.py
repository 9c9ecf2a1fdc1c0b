# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure storage volume logic: the view, and what the daemon is sent. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import object_view


def volume_path(pool, name=None):
    path = 'storage-pools/%s/volumes/custom' % pool
    return path if name is None else '%s/%s' % (path, name)


def volume_view(raw, pool):
    """name, pool, description, config, content_type, location (the member holding it, or none) and
    used_by (the instances and profiles that attach it, as URLs)."""
    view = object_view(raw, 'content_type', 'location')
    view['pool'] = pool
    view['location'] = view['location'] or 'none'
    return view


def member_params(target):
    """The query that sends a request to the member holding the volume (a cluster's local pools)."""
    return {'target': target} if target else None


def create_body(view):
    return dict(name=view['name'], type='custom', content_type=view['content_type'], config=view['config'],
                description=view['description'])

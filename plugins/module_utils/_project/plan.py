# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure project logic: the view, what a project holds, what can change on one that holds something.
No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import object_view

# Where every object without a project of its own lives: never deleted.
DEFAULT_PROJECT = 'default'
FEATURES = 'features.'


def project_view(raw):
    """name, description, config, used_by (what the project holds, as URLs)."""
    return object_view(raw)


def held(view):
    """What the project holds, but its own default profile (made and deleted with the project)."""
    own_default = '/1.0/profiles/default?project=%s' % view['name']
    return [url for url in view['used_by'] if url != own_default and url != '/1.0/profiles/default']


def changed_features(changed):
    """The features.* keys among the changed ones: the daemons change them on an empty project only."""
    return [key[len('config.'):] for key in changed if key.startswith('config.' + FEATURES)]


def reached_limits(state, refusal=''):
    """The limits in the way of a refused create, from GET /1.0/projects/NAME/state, as
    'limits.containers (2 of 2 used)': those the usage has reached, and those the daemon's refusal names
    (an aggregate limit such as limits.memory refuses an instance that would go over it while usage is
    still below). A resource without a limit says -1. LXD 5.0 spells the fields Limit and Usage, Incus
    limit and usage."""
    reached = []
    for name, found in sorted(((state or {}).get('resources') or {}).items()):
        limit = found.get('limit', found.get('Limit', -1))
        usage = found.get('usage', found.get('Usage', 0))
        key = 'limits.%s' % name
        if limit >= 0 and (usage >= limit or '"%s"' % key in refusal):
            reached.append('%s (%s of %s used)' % (key, usage, limit))
    return reached

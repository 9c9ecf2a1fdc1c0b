# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Objects the daemon may leave half made when it stops while creating them (storage pools, managed
networks). A standalone daemon creates them marked, and the mark goes once they exist; a cluster
creates them in two steps (a pending definition on every member with its member-specific keys, then
the object cluster-wide), and removes the pending definitions when a step fails. Either way the next
run finds what is left (marked, or Pending or Errored), deletes it, and creates it again.

No Ansible import here: the management API uses it too."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, LxdConnectionError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import CREATING

# The statuses an object is left in when its creation stopped before the daemon made it on every member.
UNFINISHED = ('Pending', 'Errored')


def cluster_members(api):
    """Names of the cluster's members, or [] when this daemon is not clustered."""
    if not (api.get('cluster') or {}).get('enabled'):
        return []
    return sorted(url.rstrip('/').rsplit('/', 1)[-1] for url in api.get('cluster/members') or [])


def create_on_cluster(api, collection, what, body, definitions):
    """POST collection?target=member for each member's definition, then the object itself. A
    failure removes the pending definitions, which would otherwise block the next try; when the daemon
    itself went away, the next run removes them (the object is left Pending or Errored)."""
    defined = False
    try:
        for member in sorted(definitions):
            pending = dict(name=body['name'], config=definitions[member])
            pending.update((key, body[key]) for key in ('driver', 'type') if key in body)
            api.call('POST', collection, pending, params={'target': member})
            defined = True
        create_global(api, collection, body)
    except LxdConnectionError as exc:
        raise exc.reworded('creating %s %s on the cluster failed: %s; the %s may be left half made (pending on '
                           'its members): the next run deletes and creates it again'
                           % (what, body['name'], exc.msg, what.split()[-1]))
    except ArmhvError:
        # Nothing to remove when the first definition was refused (the daemon would answer 404).
        if defined:
            api.call('DELETE', '%s/%s' % (collection, body['name']))
        raise


def create_global(api, collection, body):
    """The cluster-wide step."""
    api.call('POST', collection, body)
    if body.get('description'):
        # LXD 5.0 drops the description here when the members' definitions carry keys of their own.
        api.call('PUT', '%s/%s' % (collection, body['name']), dict(config=body['config'], description=body['description']))


def create_marked(api, collection, what, body):
    """Create the object with the CREATING mark in its config, then take the mark away."""
    try:
        api.call('POST', collection, dict(body, config=dict(body['config'], **{CREATING: 'true'})))
    except LxdConnectionError as exc:
        # Still a connection error: the API answers it 503 (the daemon unavailable), not as bad input.
        raise exc.reworded('creating %s %s failed: %s; the %s may be left half made: the next run deletes and '
                           'creates it again' % (what, body['name'], exc.msg, what.split()[-1]))
    path = '%s/%s' % (collection, body['name'])
    made = api.get(path)
    config = dict((k, v) for k, v in made['config'].items() if k != CREATING)
    api.call('PUT', path, dict(config=config, description=made.get('description') or ''))

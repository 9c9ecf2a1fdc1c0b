# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Network forward changes against the daemon; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.plan import forward_view
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import diff_view, updated_view
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run

FIELDS = ('description', 'config', 'ports')


def get_forward(api, network, listen_address):
    raw = api.get('networks/%s/forwards/%s' % (network, listen_address))
    return forward_view(raw, network) if raw is not None else None


def list_forwards(api, network=None):
    """The forwards of one network, or of every managed network, sorted by network and listen address."""
    if network is not None:
        networks = [network] if api.get('networks/%s' % network) is not None else []
    else:
        networks = sorted(raw['name'] for raw in api.get('networks', params={'recursion': 1}) or []
                          if raw.get('managed') and raw.get('type') == 'bridge')
    found = []
    for name in networks:
        raws = api.get('networks/%s/forwards' % name, params={'recursion': 1}) or []
        found.extend(sorted((forward_view(raw, name) for raw in raws), key=lambda view: view['listen_address']))
    return found


def ensure_forward(api, request, check_mode, context=None):
    """Converge one forward to a request from _forward.spec.request_from_params; returns a Result."""
    run = Run(api, request, check_mode, context)
    network, listen, desired = request['network'], request['name'], request['desired']
    path = 'networks/%s/forwards' % network
    before = get_forward(api, network, listen)
    if before and request['create_only']:
        raise Conflict('network forward %s on %s already exists' % (listen, network), blockers=[listen])
    if request['state'] == 'absent':
        if before:
            run.send('delete', 'DELETE', '%s/%s' % (path, listen))
        after = None
    elif before is None:
        if api.get('networks/%s' % network) is None:
            raise NotFound('network %s does not exist' % network, 'network', network)
        after = dict(network=network, listen_address=listen, description=desired['description'] or '',
                     config=dict(desired['config']), ports=desired['ports'] or [], location='')
        run.send('create', 'POST', path, dict((k, after[k]) for k in ('listen_address',) + FIELDS))
    else:
        after, changed = updated_view(before, desired)
        if changed:
            run.send('update', 'PUT', '%s/%s' % (path, listen), dict((k, after[k]) for k in FIELDS))
    if run.actions and after and not check_mode:
        after = get_forward(api, network, listen)
    return run.result(forward=after or {}, diff=dict(before=diff_view(before, desired), after=diff_view(after, desired)))

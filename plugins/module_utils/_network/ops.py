# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Managed network changes against the daemon; check mode skips each mutation and walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, Conflict, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import (
    diff_view, global_config, member_definitions, planned_view, updated_view, user_names)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.pending import (
    UNFINISHED, cluster_members, create_marked, create_on_cluster)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import CREATING
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.plan import (
    MEMBER_KEYS, check_parent, comparable, create_type, network_view)
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run

REMADE_FAILED = '; the half-made network was deleted first'


def get_network(api, name):
    """The managed network, or None; an interface the daemon only reports (managed false) is returned as
    it is, so ensure_network can refuse it."""
    raw = api.get('networks/%s' % name)
    if raw is None:
        return None
    return network_view(raw) if raw.get('managed') else dict(name=name, managed=False)


def list_networks(api, name=None):
    """The managed networks, sorted by name (the one named, or [] when there is no such managed network)."""
    if name is not None:
        found = get_network(api, name)
        return [found] if found and found.get('managed') is not False else []
    raws = api.get('networks', params={'recursion': 1}) or []
    return [network_view(raw) for raw in sorted(raws, key=lambda raw: raw['name']) if raw.get('managed')]


def ensure_network(api, request, check_mode, context=None):
    """Converge one managed network to a request from _network.spec.request_from_params; returns a Result."""
    run = Run(api, request, check_mode, context)
    name, desired = request['name'], request['desired']
    before = get_network(api, name)
    if before and before.get('managed') is False:
        if request['state'] == 'absent':
            return run.result(network={}, diff=dict(before={}, after={}))
        raise Conflict('%s is a host interface the daemon does not manage (net_bridge manages host bridges): '
                       'a managed network needs a name of its own' % name, blockers=[name])
    remade = half_made(before, request)
    if remade:
        before = remove_half_made(run, before)
    if before and request['create_only']:
        raise Conflict('network %s already exists' % name, blockers=[name])
    try:
        after = converge(run, before)
    except ArmhvError as exc:
        raise exc.reworded(exc.msg + REMADE_FAILED) if remade else exc
    if run.actions and after and not check_mode:
        after = get_network(api, name)
    shown = comparable(desired, False)
    return run.result(network=after or {}, diff=dict(before=diff_view(before, shown), after=diff_view(after, shown)))


def converge(run, before):
    if run.request['state'] == 'absent':
        return ensure_absent(run, before)
    if before is None:
        return ensure_created(run, run.request['desired'])
    return ensure_updated(run, before, run.request['desired'])


def half_made(view, request):
    """A network an interrupted create left behind: marked on a standalone daemon, Pending or Errored on
    a cluster."""
    if view is None or request['state'] == 'absent':
        return False
    return CREATING in view['config'] or view['status'] in UNFINISHED


def remove_half_made(run, view):
    if view['used_by']:
        users = user_names(view['used_by'])
        raise Conflict('network %s was left half made by an interrupted run (status %s) and is in use by %s; '
                       'nothing was changed' % (view['name'], view['status'], ', '.join(users)), blockers=users)
    run.warn('network %s was left half made by an interrupted run (status %s): deleted and created again'
             % (view['name'], view['status']))
    return ensure_absent(run, view)


def ensure_absent(run, view):
    if view is None:
        return None
    if view['used_by']:
        users = user_names(view['used_by'])
        raise Conflict('network %s is in use by %s; nothing was deleted' % (view['name'], ', '.join(users)),
                       blockers=users)
    run.send('delete', 'DELETE', 'networks/%s' % view['name'])
    return None


def ensure_created(run, desired):
    api, name = run.client, run.request['name']
    members = cluster_members(api)
    if desired['member_config'] and not members:
        raise InvalidRequest('member_config is for a cluster; this daemon is not clustered')
    check_parent(name, desired, members)
    config = global_config(desired['config'], MEMBER_KEYS) if members else \
        dict((k, v) for k, v in desired['config'].items() if v is not None)
    view = planned_view(name, dict(config=config, description=desired['description']), type=create_type(desired),
                        status='Created', locations=members or ['none'])
    body = dict(name=name, type=view['type'], config=config, description=view['description'])
    if members:
        definitions = member_definitions(desired['config'], desired['member_config'], members, MEMBER_KEYS)
        run.act('create', lambda: create_on_cluster(api, 'networks', 'network', body, definitions))
    else:
        run.act('create', lambda: create_marked(api, 'networks', 'network', body))
    return view


def ensure_updated(run, view, desired):
    if desired['type'] and desired['type'] != view['type']:
        raise Conflict('network %s is of type %s, not %s: an existing network is never rebuilt'
                       % (view['name'], view['type'], desired['type']), blockers=[view['name']])
    after, changed = updated_view(view, comparable(desired, view['locations'] != ['none']))
    if changed:
        run.send('update', 'PUT', 'networks/%s' % view['name'],
                 dict(config=after['config'], description=after['description']))
    return after

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure network ACL logic: rules in the daemon's full shape, the view. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import object_view
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import lxd_string

# A rule as the daemons keep it: every field, '' for "any".
RULE_FIELDS = ('action', 'source', 'destination', 'protocol', 'source_port', 'destination_port', 'icmp_type',
               'icmp_code', 'description', 'state')
ACTIONS = ('allow', 'reject', 'drop')
STATES = ('enabled', 'disabled', 'logged')


def full_rule(rule):
    """A rule with every field, as the daemon answers it: unset fields '', state 'enabled'."""
    full = dict((field, '') for field in RULE_FIELDS)
    full.update((k, v) for k, v in rule.items() if v is not None)
    full['state'] = full['state'] or 'enabled'
    return full


def normalize_rules(rules, direction):
    """The rules of one direction in full shape, each checked; None when the task leaves them alone."""
    if rules is None:
        return None
    result = []
    for index, rule in enumerate(rules):
        where = '%s[%d]' % (direction, index)
        if not isinstance(rule, dict):
            raise InvalidRequest('%s must be a dict of %s' % (where, ', '.join(RULE_FIELDS)))
        unknown = sorted(set(rule) - set(RULE_FIELDS))
        if unknown:
            raise InvalidRequest('%s: %s not a rule field; the fields are %s'
                                 % (where, ', '.join(unknown), ', '.join(RULE_FIELDS)))
        full = full_rule(dict((k, None if v is None else lxd_string(v, '%s.%s' % (where, k))) for k, v in rule.items()))
        if full['action'] not in ACTIONS:
            raise InvalidRequest('%s.action must be one of %s, not %r' % (where, ', '.join(ACTIONS), full['action']))
        if full['state'] not in STATES:
            raise InvalidRequest('%s.state must be one of %s, not %r' % (where, ', '.join(STATES), full['state']))
        result.append(full)
    return result


def acl_view(raw):
    """name, description, config, used_by, ingress and egress (rules in full shape)."""
    view = object_view(raw, 'ingress', 'egress')
    for direction in ('ingress', 'egress'):
        view[direction] = [full_rule(rule) for rule in view[direction] or []]
    return view

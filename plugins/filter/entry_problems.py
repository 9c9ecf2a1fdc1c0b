# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""entry_problems: what the module would refuse in each entry of a role's list, found on the controller
with the module's own checks (its spec's request_from_params), so a role refuses a bad list before it
applies any entry, without a check-mode pass per entry."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._network import spec as network
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile import spec as profile
from ansible_collections.armhv.hypervisor.plugins.module_utils._project import spec as project

SPECS = {
    'profile': (profile.PROFILE_OPTIONS, profile.request_from_params),
    'project': (project.PROJECT_OPTIONS, project.request_from_params),
    'managed_network': (network.NETWORK_OPTIONS, network.request_from_params),
}


def entry_problems(entries, module):
    """One line per refused entry ('entry 2 (web): ...'); [] when every entry would be taken."""
    if module not in SPECS:
        raise AnsibleFilterError('entry_problems: the module is one of %s, not %r' % (', '.join(sorted(SPECS)), module))
    if not isinstance(entries, list):
        raise AnsibleFilterError('entry_problems expects a list of %s entries' % module)
    options, request_from_params = SPECS[module]
    known = set(options) | set(LXD_CONNECTION_SPEC)
    problems = []
    for index, entry in enumerate(entries, 1):
        label = 'entry %d (%s)' % (index, entry.get('name', 'no name') if isinstance(entry, dict) else '?')
        problem = _problem(entry, options, known, request_from_params)
        if problem:
            problems.append('%s: %s' % (label, problem))
    return problems


def _problem(entry, options, known, request_from_params):
    if not isinstance(entry, dict):
        return 'must be a dict of the module options'
    unknown = sorted(set(entry) - known)
    if unknown:
        return 'unknown option%s %s' % ('s' if len(unknown) > 1 else '', ', '.join(unknown))
    missing = sorted(name for name, spec in options.items() if spec.get('required') and entry.get(name) is None)
    if missing:
        return 'missing %s' % ', '.join(missing)
    try:
        request_from_params(dict((k, v) for k, v in entry.items() if k in options))
    except ArmhvError as exc:
        return exc.msg
    return None


class FilterModule(object):
    def filters(self):
        return {'entry_problems': entry_problems}

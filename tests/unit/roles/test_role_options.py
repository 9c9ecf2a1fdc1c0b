"""The network and storage roles spell out their module's options (one task argument per option) and
refuse entries with other keys: both lists must stay the module's own. The storage role passes an
entry's LXD connection options through the task's module_defaults, so the play's own module_defaults
still apply to the options an entry leaves out."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest
import yaml

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.spec import BRIDGE_OPTIONS
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._network.spec import NETWORK_OPTIONS
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.spec import POOL_OPTIONS
from ansible_collections.armhv.hypervisor.plugins.module_utils._profile.spec import PROFILE_OPTIONS
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.spec import PROJECT_OPTIONS

ROLES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'roles')
CASES = [
    ('network', '__network_bridge_options', 'armhv.hypervisor.net_bridge', set(BRIDGE_OPTIONS), set()),
    ('storage', '__storage_pool_options', 'armhv.hypervisor.storage_pool', set(POOL_OPTIONS),
     set(LXD_CONNECTION_SPEC)),
]


def load(role, *parts):
    with open(os.path.join(ROLES, role, *parts)) as handle:
        return yaml.safe_load(handle)


def accepted(role, variable):
    """The keys the role accepts in an entry (a list, or for storage the sum of two lists)."""
    role_vars = load(role, 'vars', 'main.yml')
    names = role_vars[variable]
    if isinstance(names, str):
        names = [item for part in re.findall(r'(__\w+)', names) for item in role_vars[part]]
    return set(names)


@pytest.mark.parametrize('role, variable, module, options, connection', CASES)
def test_the_refusal_list_is_the_modules_options(role, variable, module, options, connection):
    assert accepted(role, variable) == options | connection


@pytest.mark.parametrize('role, variable, module, options, connection', CASES)
def test_every_option_is_passed_from_the_entry(role, variable, module, options, connection):
    tasks = [task for task in load(role, 'tasks', 'main.yml') if module in task]
    assert len(tasks) == 2  # the check-mode pass and the real one
    for task in tasks:
        args = task[module]
        assert set(args) == options
        for option, value in args.items():
            assert re.match(r'^\{\{ item\.%s( \| default\(omit\))? \}\}$' % option, value), (option, value)
        if connection:
            assert set(load(role, 'vars', 'main.yml')['__storage_connection_options']) == connection
            assert '__storage_connection_options' in task['module_defaults'][module]


LISTS = [
    ('profiles', 'armhv.hypervisor.profile', PROFILE_OPTIONS, '__profiles_connection_options', 'profile'),
    ('projects', 'armhv.hypervisor.project', PROJECT_OPTIONS, '__projects_connection_options', 'project'),
    ('network', 'armhv.hypervisor.managed_network', NETWORK_OPTIONS, '__network_connection_options', 'managed_network'),
]


@pytest.mark.parametrize('role, module, options, connection, kind', LISTS)
def test_one_task_per_list_checked_first_by_the_modules_own_checks(role, module, options, connection, kind):
    tasks = load(role, 'tasks', 'main.yml')
    applying = [task for task in tasks if module in task]
    assert len(applying) == 1  # no check-mode pass
    args = applying[0][module]
    assert set(args) == set(options)
    for option, value in args.items():
        assert re.match(r'^\{\{ item\.%s( \| default\(omit\))? \}\}$' % option, value), (option, value)
    assert connection in applying[0]['module_defaults'][module]
    assert set(load(role, 'vars', 'main.yml')[connection]) == set(LXD_CONNECTION_SPEC)
    checks = [task for task in tasks[:tasks.index(applying[0])] if 'ansible.builtin.assert' in task]
    assert any("entry_problems('%s')" % kind in str(task.get('vars')) for task in checks)

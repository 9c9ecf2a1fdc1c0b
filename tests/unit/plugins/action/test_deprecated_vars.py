from __future__ import absolute_import, division, print_function

__metaclass__ = type

from unittest.mock import MagicMock

import pytest

from ansible.errors import AnsibleActionFail
from ansible.playbook.task import Task

from ansible_collections.armhv.hypervisor.plugins.action.deprecated_vars import ActionModule


def action(args):
    task = MagicMock(Task)
    task.args = args
    task.async_val = 0
    task.check_mode = False
    task.diff = False
    plugin = ActionModule(task, MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    plugin._display = MagicMock()
    return plugin


ARGS = {'names': ['harden_lxd_dir', 'backup_lxd_dir'], 'instead': 'host_daemon_dir', 'version': '0.3.0'}


def test_one_warning_per_variable_the_play_sets():
    plugin = action(dict(ARGS))
    result = plugin.run(task_vars={'harden_lxd_dir': '/var/lib/lxd', 'other': 1})
    assert result['deprecated'] == ['harden_lxd_dir']
    assert result['changed'] is False
    plugin._display.deprecated.assert_called_once_with(
        'the variable harden_lxd_dir is deprecated; set host_daemon_dir instead',
        version='0.3.0', collection_name='armhv.hypervisor')


def test_nothing_set_no_warning():
    plugin = action(dict(ARGS))
    assert plugin.run(task_vars={})['deprecated'] == []
    plugin._display.deprecated.assert_not_called()


@pytest.mark.parametrize('args', [
    {'names': 'harden_lxd_dir', 'instead': 'x', 'version': '0.3.0'},
    {'names': ['harden_lxd_dir'], 'version': '0.3.0'},
])
def test_bad_arguments(args):
    with pytest.raises(AnsibleActionFail, match='needs names'):
        action(args).run(task_vars={})

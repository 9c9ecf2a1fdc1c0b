# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""lxc_container: the module, and in check mode the instances earlier tasks of the run would create
(plugin_utils/_check_plan)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _check_plan


class ActionModule(ActionBase):
    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        if not self._task.check_mode or wrap_async:
            return result
        result = _check_plan.assume_created(result, task_vars, self._task.args)
        return _check_plan.remember(result, task_vars, _check_plan.created_by_this_task(result, self._task.args))

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""lxc_container: the module, and in check mode the instances earlier tasks of the run would create
(plugin_utils/_check_plan)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _check_plan
from ansible_collections.armhv.hypervisor.plugins.plugin_utils._lxd_noop import run_module


class ActionModule(ActionBase):
    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        return _check_plan.carry(self, run_module(self, result, task_vars), task_vars)

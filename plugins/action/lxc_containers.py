# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""lxc_containers: a no-op answered from one read of the instance list (plugin_utils/_lxd_noop), else
the module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.entries import (
    ARGUMENT_SPEC, check_task_options, requests_from_entries, summarize)
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import ensure_instances
from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _check_plan
from ansible_collections.armhv.hypervisor.plugins.plugin_utils._lxd_noop import NoopFirst, read_key


class ActionModule(NoopFirst):
    ARGUMENT_SPEC = ARGUMENT_SPEC

    def run(self, tmp=None, task_vars=None):
        return _check_plan.carry(self, super(ActionModule, self).run(tmp, task_vars), task_vars)

    def reads(self, params):
        # The one list ensure_instances starts from.
        return [read_key('instances', {'recursion': 1})]

    def answer(self, params, client, with_diff):
        try:
            check_task_options(params)
            requests = requests_from_entries(params['instances'], params['timeout'], params['remotes'])
            results = ensure_instances(client, requests, True, 1, params['images'])
        except ArmhvError:
            return None
        summary, warnings = summarize(results, client.identity(), with_diff)
        return None if warnings or summary['changed'] or summary.get('failed') else summary

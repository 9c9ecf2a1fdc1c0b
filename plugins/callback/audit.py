# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: audit
type: aggregate
short_description: Records what every task changed or would change, for the drift audit
version_added: 0.1.0
description:
  - Records, per host and resource (a loop's item, an entry of M(armhv.hypervisor.lxc_containers), or
    the task), whether it changed or would change and its diff, for the audit playbook's report action
    (C(armhv_audit_report), next to the playbook) to write at the end of the run. It prints nothing.
  - The collection's playbooks load it themselves (from C(playbooks/callback_plugins), next to them),
    so the audit playbook (C(armhv.hypervisor.audit)) needs no configuration. A playbook of your own
    that imports the collection's audit playbook under another name and loads the callback by name needs it enabled
    (C(callbacks_enabled) in C(ansible.cfg), or E(ANSIBLE_CALLBACKS_ENABLED)).
  - Tasks that only read (C(changed_when) false) and tasks that are no resource (set_fact, debug, assert,
    include, ...) are not recorded unless they fail (a role's refusal is a finding); a skipped task or
    loop item is a resource in sync; a no_log task's message and diff are not kept.
author:
  - armhv.hypervisor maintainers (@armhv)
'''

from ansible.plugins.callback import CallbackBase

from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _audit


def task_facts(task):
    role = getattr(task, '_role', None)
    return dict(name=task.get_name(), role=role.get_name() if role else '', action=task.action or '',
                no_log=bool(task.no_log), changed_when=task.changed_when)


def parts_of(result):
    """host name, task and result data, as ansible-core 2.19 (host, task, result) or older
    releases (_host, _task, _result) name them."""
    host = getattr(result, 'host', None) or result._host
    task = getattr(result, 'task', None) or result._task
    data = getattr(result, 'result', None)
    return host.name, task, data if isinstance(data, dict) else result._result


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'armhv.hypervisor.audit'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        # Loaded twice (next to the playbook and by name), the second one stays silent.
        self._recording = not _audit.ENABLED[0]
        _audit.ENABLED[0] = True

    def _record(self, result, **extra):
        if not self._recording:
            return
        host, task, data = parts_of(result)
        _audit.record(host, task_facts(task), dict(data, **extra))

    def v2_runner_on_ok(self, result):
        self._record(result)

    # ansible-core 2.19 hands callbacks the result without its "failed", "unreachable" and "skipped"
    # keys: the event says which.
    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, failed=True)

    def v2_runner_on_unreachable(self, result):
        self._record(result, unreachable=True)

    def v2_runner_on_skipped(self, result):
        self._record(result, skipped=True)

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""deprecated_vars: warn, as Ansible warns for a deprecated option, about role variables the play
still sets. Roles call it with the names they replaced; nothing runs on the managed node."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleActionFail
from ansible.module_utils.six import string_types
from ansible.plugins.action import ActionBase

COLLECTION = 'armhv.hypervisor'


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('names', 'instead', 'version'))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        names = self._task.args.get('names', [])
        instead = self._task.args.get('instead')
        version = self._task.args.get('version')
        if isinstance(names, string_types) or not isinstance(instead, string_types) \
                or not isinstance(version, string_types):
            raise AnsibleActionFail('deprecated_vars needs names (a list), instead and version (strings)')
        found = [name for name in names if name in (task_vars or {})]
        for name in found:
            self._display.deprecated(
                'the variable %s is deprecated; set %s instead' % (name, instead),
                version=version, collection_name=COLLECTION)
        result.update(changed=False, deprecated=found)
        return result

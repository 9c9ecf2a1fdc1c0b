# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: deprecated_vars
short_description: Warn about role variables the play still sets under a name they no longer have
version_added: 0.1.0
description:
  - For the collection's roles. Given a mapping of new variable names to the names they replaced,
    warns (as Ansible warns about a deprecated option) for every old name the play sets, and returns
    those names.
author:
  - armhv.hypervisor maintainers (@armhv)
options:
  _terms:
    description: 'One mapping of each new name to the old names it replaced, C({new: [old, ...]}).'
    required: true
    type: dict
  version:
    description: The collection version that stops reading the old names.
    type: str
    required: true
'''

EXAMPLES = r'''
- name: Old names still set
  ansible.builtin.set_fact:
    __found: "{{ lookup('armhv.hypervisor.deprecated_vars', {'host_daemon_dir': ['harden_lxd_dir']}, version='0.3.0') }}"
'''

RETURN = r'''
_raw:
  description: The old names the play sets.
  type: list
  elements: str
'''

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

COLLECTION = 'armhv.hypervisor'


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        version = kwargs.get('version')
        if len(terms) != 1 or not isinstance(terms[0], dict) or not isinstance(version, str):
            raise AnsibleLookupError('deprecated_vars takes one mapping of new names to the old names they replaced, '
                                     'and version')
        found = []
        for new, old_names in sorted(terms[0].items()):
            for name in old_names:
                if name in (variables or {}):
                    Display().deprecated('the variable %s is deprecated; set %s instead' % (name, new),
                                         version=version, collection_name=COLLECTION)
                    found.append(name)
        return [found]

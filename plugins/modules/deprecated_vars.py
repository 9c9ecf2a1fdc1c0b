#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: deprecated_vars
short_description: Warn about deprecated role variables the play still sets
description:
  - Emits one deprecation warning per variable of O(names) that is defined for the host, naming the
    variable to set instead and the collection version that removes the old one.
  - The collection's roles call it where a variable was replaced; it runs on the controller only.
version_added: 0.1.0
author:
  - armhv.hypervisor maintainers (@armhv)
options:
  names:
    description: The deprecated variables.
    type: list
    elements: str
    required: true
  instead:
    description: What to set instead, as the warning names it.
    type: str
    required: true
  version:
    description: The collection version that removes the variables.
    type: str
    required: true
extends_documentation_fragment:
  - armhv.hypervisor.attributes.INFO_MODULE
'''

EXAMPLES = r'''
- name: Warn where the play still sets the old directory variables
  armhv.hypervisor.deprecated_vars:
    names: [harden_lxd_dir, backup_lxd_dir]
    instead: host_daemon_dir
    version: 0.3.0
'''

RETURN = r'''
deprecated:
  description: The variables of O(names) that are set.
  returned: always
  type: list
  elements: str
  sample: [harden_lxd_dir]
'''

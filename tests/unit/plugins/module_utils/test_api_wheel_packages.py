# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The management API's wheel carries every module_utils package: one left out installs fine and fails
only when the service imports it (a new resource package did, in the Molecule API checks)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
PREFIX = 'ansible_collections.armhv.hypervisor.plugins.module_utils'


def test_every_module_utils_package_is_in_the_wheel():
    with open(os.path.join(TOP, 'pyproject.toml')) as handle:
        listed = set(re.findall(r'"%s\.(\w+)"' % re.escape(PREFIX), handle.read()))
    folder = os.path.join(TOP, 'plugins', 'module_utils')
    packages = set(name for name in os.listdir(folder) if os.path.isfile(os.path.join(folder, name, '__init__.py')))
    assert packages and listed == packages

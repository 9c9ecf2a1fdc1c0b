# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""No role changes profiles, projects or networks through the daemon's CLI: the modules do that (the
remaining CLI calls are listed in docs/development.md)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import re

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
# `lxc profile ...`, `incus network ...`, also through a variable naming the CLI and in argv lists.
CLI = r'''(\blxc|\bincus|cli\s*\}\}|_cli\s*\}\}|cli\s*\}\}"|_cli\s*\}\}")[\s,'"\[]*'''
COMMAND = re.compile(CLI + r'''(profile|project|network)\b''')
# `query -X PUT /1.0/profiles...`, with the method and path as separate argv items or not.
QUERY = re.compile(r'''query\b.*(-X|--request)[\s,'"]*(PUT|POST|PATCH|DELETE)\b.*/1\.0/(profiles|projects|networks)''')


def task_lines():
    for path in sorted(glob.glob(os.path.join(TOP, 'roles', '*', 'tasks', '*.yml'))):
        with open(path) as handle:
            for number, line in enumerate(handle, 1):
                if not line.lstrip().startswith('#'):
                    yield '%s:%d' % (os.path.relpath(path, TOP), number), line


def test_no_role_shells_out_for_what_the_modules_do():
    found = [where for where, line in task_lines() if COMMAND.search(line) or QUERY.search(line)]
    assert found == []


def test_the_patterns_catch_the_forms_roles_used():
    for line in ('{{ local_lxd_cli }} profile device add default root disk',
                 'argv: ["{{ host_platform.cli }}", query, -X, PUT, "/1.0/profiles/default?project=x"',
                 'argv: ["{{ host_platform.cli }}", query, -X, POST, /1.0/projects, --data',
                 'lxc network create br0', 'incus project create t'):
        assert COMMAND.search(line) or QUERY.search(line), line
    assert not QUERY.search('ansible.builtin.command: "{{ host_platform.cli }} query /1.0/networks?recursion=1"')

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: audit_report
short_description: Write the audit's drift report (JSON and JUnit XML) on the controller
description:
  - Writes, for each host of O(hosts), what the P(armhv.hypervisor.audit#callback) callback recorded
    for it, as one JSON file and one JUnit XML file (one test case per resource; a
    failure is drift, an error a task that failed) in O(dest) on the controller, named after the host.
  - Returns the summary the audit playbook publishes with M(ansible.builtin.set_stats).
  - It runs on the controller only and changes nothing on any host. It fails, saying how to enable
    it, when the P(armhv.hypervisor.audit#callback) callback is not loaded (the collection's audit
    playbook loads it; a playbook of your own must enable it).
version_added: 0.1.0
author:
  - armhv.hypervisor maintainers (@armhv)
options:
  dest:
    description: Folder on the controller for the reports; made when missing. Required unless O(preflight).
    type: path
  hosts:
    description:
      - The hosts to report on (a host the callback saw no task for gets an empty report). Required
        unless O(preflight).
    type: list
    elements: str
  preflight:
    description: Only check that the callback is enabled (the audit's first task), and write nothing.
    type: bool
    default: false
extends_documentation_fragment:
  - armhv.hypervisor.attributes.INFO_MODULE
'''

EXAMPLES = r'''
- name: Reports of the audited hosts
  armhv.hypervisor.audit_report:
    dest: ./armhv-audit
    hosts: "{{ query('ansible.builtin.inventory_hostnames', 'all') }}"
'''

RETURN = r'''
files:
  description: The files written.
  returned: always
  type: list
  elements: str
  sample: [./armhv-audit/hv1.json, ./armhv-audit/hv1.xml]
summary:
  description: Per host, how many resources were checked, how many would change, how many failed.
  returned: always
  type: dict
  sample: {hv1: {resources: 21, drift: 1, failed: 0}}
drifted:
  description: The hosts with drift.
  returned: always
  type: list
  elements: str
drift:
  description: Resources that would change, over all hosts.
  returned: always
  type: int
failed_resources:
  description: Resources whose task failed, over all hosts.
  returned: always
  type: int
'''

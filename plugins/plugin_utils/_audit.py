# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This plugin_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The audit's records: what each task of a check-mode run reported, per host and resource.

The audit callback records every task result here as the run goes; the audit_report action reads
them at the end and writes the reports. Both run in the controller's main process."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from xml.etree import ElementTree

# Tasks that change nothing anywhere and are no resource: left out of the report.
NOT_RESOURCES = frozenset(
    'ansible.builtin.' + name for name in (
        'set_fact', 'debug', 'assert', 'fail', 'include_tasks', 'import_tasks', 'include_role', 'import_role',
        'include_vars', 'meta', 'set_stats', 'add_host', 'group_by', 'stat', 'slurp', 'wait_for',
        'setup', 'gather_facts', 'package_facts', 'service_facts', 'validate_argument_spec')) | frozenset(
    ['armhv.hypervisor.deprecated_vars', 'armhv.hypervisor.audit_report'])

RECORDS = {}
# Set by the audit callback when Ansible loads it: the audit refuses to run without it.
ENABLED = [False]


def reset():
    RECORDS.clear()


def short_action(action):
    return action if '.' in action else 'ansible.builtin.' + action


def is_probe(changed_when):
    """A task whose changed_when is a literal false only reads (a command that asks something)."""
    conditions = changed_when if isinstance(changed_when, list) else [changed_when]
    return any(str(value).strip().lower() == 'false' for value in conditions)


def record(host, task, data):
    """Record one task result. task: dict(name, role, action, no_log, changed_when)."""
    if short_action(task['action']) in NOT_RESOURCES or is_probe(task.get('changed_when')):
        return
    store = RECORDS.setdefault(host, {})
    for label, part in parts(task['name'], data):
        key = '%s|%s' % (task.get('role') or '', label)
        entry = store.setdefault(key, dict(role=task.get('role') or '', resource=label, tasks=[],
                                           changed=False, failed=False, msg='', diff=[]))
        merge(entry, task, part)


def parts(name, data):
    """(resource label, result) per resource: loop items, the bulk module's entries, or the task."""
    if isinstance(data.get('results'), list):
        for item in data['results']:
            if isinstance(item, dict) and not item.get('skipped'):
                label = item.get('_ansible_item_label', item.get('item'))
                yield _label(label), item
        return
    entries = data.get('instances')
    if isinstance(entries, list) and entries and all(isinstance(e, dict) and 'changed' in e for e in entries):
        # The bulk module heads each entry's diff with its name.
        diffs = dict((d.get('before_header'), d) for d in data.get('diff') or [] if isinstance(d, dict))
        for entry in entries:
            yield _label(entry.get('name')), dict(entry, diff=diffs.get(entry.get('name')))
        return
    if not data.get('skipped'):
        yield name, data


def _label(value):
    if isinstance(value, dict):
        value = value.get('name', value)
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def merge(entry, task, part):
    if task['name'] not in entry['tasks']:
        entry['tasks'].append(task['name'])
    changed = bool(part.get('changed'))
    entry['changed'] = entry['changed'] or changed
    if part.get('failed') or part.get('unreachable'):
        entry['failed'] = True
        entry['msg'] = 'output hidden (no_log)' if task.get('no_log') else str(part.get('msg') or 'failed')
    if changed and not task.get('no_log'):
        found = part.get('diff')
        for diff in found if isinstance(found, list) else ([found] if found else []):
            entry['diff'].append(diff)
        if part.get('actions'):
            entry['diff'].append(dict(actions=part['actions']))


def host_report(host):
    resources = list(RECORDS.get(host, {}).values())
    return dict(host=host, resources=resources,
                drift=sum(1 for r in resources if r['changed']),
                failed=sum(1 for r in resources if r['failed']))


def junit(report):
    """JUnit XML: one test case per resource; a failure is drift, an error a task that failed."""
    suite = ElementTree.Element('testsuite', name=report['host'], tests=str(len(report['resources'])),
                                failures=str(report['drift']), errors=str(report['failed']))
    for resource in report['resources']:
        case = ElementTree.SubElement(suite, 'testcase', classname=resource['role'] or 'playbook',
                                      name=resource['resource'])
        if resource['failed']:
            ElementTree.SubElement(case, 'error', message=resource['msg'] or 'failed').text = \
                ', '.join(resource['tasks'])
        elif resource['changed']:
            ElementTree.SubElement(case, 'failure', message='drift: %s' % ', '.join(resource['tasks'])).text = \
                json.dumps(resource['diff'], indent=2, sort_keys=True, default=str)
    root = ElementTree.Element('testsuites')
    root.append(suite)
    return ElementTree.tostring(root, encoding='unicode')

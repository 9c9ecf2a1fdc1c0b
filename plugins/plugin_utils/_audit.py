# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This plugin_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The audit's records: what each task of a check-mode run reported, per host and resource.

The audit callback records every task result here as the run goes; the audit playbook's armhv_audit_report action reads
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
    # The collection's own helpers, beside the audit playbook and in the host role.
    'ansible.builtin.' + name for name in ('armhv_deprecated_vars', 'armhv_audit_report'))

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
    """Record one task result. task: dict(name, role, action, no_log, changed_when). A task that only
    reads or is no resource is left out unless it failed: a role's refusal (a failed assert) is a
    finding too."""
    failed = data.get('failed') or data.get('unreachable')
    if not failed and (short_action(task['action']) in NOT_RESOURCES or is_probe(task.get('changed_when'))):
        return
    store = RECORDS.setdefault(host, {})
    for label, part in parts(task['name'], data):
        key = '%s|%s' % (task.get('role') or '', label)
        entry = store.setdefault(key, new_entry(task.get('role') or '', label))
        merge(entry, task, part)


def new_entry(role, label):
    return dict(role=role, resource=label, tasks=[], changed=False, failed=False, unmanaged=False, msg='',
                note='', changes=[], diff=[])


def parts(name, data):
    """(resource label, result) per resource: loop items (skipped ones are in sync), the bulk module's
    entries, or the task (a skipped task had nothing to change)."""
    if isinstance(data.get('results'), list):
        for item in data['results']:
            if isinstance(item, dict):
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
    yield name, data


def _label(value):
    if isinstance(value, dict):
        value = value.get('name', value)
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def merge(entry, task, part):
    if task['name'] not in entry['tasks']:
        entry['tasks'].append(task['name'])
    changed = bool(part.get('changed')) and not part.get('skipped')
    entry['changed'] = entry['changed'] or changed
    if part.get('skipped') and not entry['note']:
        # Nothing to do, or nothing that applies here: the condition says which.
        entry['note'] = 'skipped: %s' % (part.get('false_condition') or part.get('skip_reason') or 'nothing to do')
    if part.get('failed') or part.get('unreachable'):
        entry['failed'] = True
        entry['msg'] = 'output hidden (no_log)' if task.get('no_log') else str(part.get('msg') or 'failed')
    if changed and not task.get('no_log'):
        add_diff(entry, part)


def add_diff(entry, part):
    found = part.get('diff')
    for diff in found if isinstance(found, list) else ([found] if found else []):
        changes = key_changes(diff)
        if changes is None:
            entry['diff'].append(diff)
        else:
            entry['changes'].extend(c for c in changes if c not in entry['changes'])
    item = part.get('item')
    if not found and isinstance(item, dict) and {'name', 'now', 'value'} <= set(item):
        # A setting the task names with its running value (the harden role's sysctl keys).
        entry['changes'].append(dict(key=item['name'], before=item['now'], after=item['value']))
    if part.get('actions'):
        entry['diff'].append(dict(actions=part['actions']))


def key_changes(diff):
    """The keys a before/after diff of two objects changes, one by one; None for another kind of diff
    (text, a file's content)."""
    if not isinstance(diff, dict):
        return None
    before, after = diff.get('before'), diff.get('after')
    if not isinstance(before, dict) or not isinstance(after, dict):
        return None
    old, new = flatten(before), flatten(after)
    return [dict(key=key, before=old.get(key), after=new.get(key))
            for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]


def flatten(value, prefix=''):
    """{dotted key: value}; an instance's config keys keep their own names (limits.memory), other
    nested keys are joined with dots (devices.eth0.network)."""
    out = {}
    for key, item in value.items():
        name = prefix + str(key)
        if isinstance(item, dict) and item:
            out.update(flatten(item, '' if not prefix and key == 'config' else name + '.'))
        else:
            out[name] = item
    return out


# Keys the daemon writes itself, never declared.
DAEMON_KEYS = ('volatile.', 'image.')


def unmanaged(host, found, declared, hosts):
    """Resources for what the daemon has and no inventory entry declares: instances (reported by the
    host their location names, or by every host when it names none of them) and, on declared
    instances, config keys and devices their entry does not name."""
    entries = dict((e['name'], e) for e in declared if isinstance(e, dict) and e.get('name'))
    out = []
    for instance in found:
        name = instance.get('name')
        location = instance.get('location')
        if location in hosts and location != host:
            continue
        entry = entries.get(name)
        if entry is None:
            out.append(finding(name, [dict(key='instance', before=instance.get('status'), after=None)],
                               'instance %s is not declared in the inventory' % name))
            continue
        changes = undeclared_keys(instance, entry)
        if changes:
            out.append(finding(name + ' (undeclared keys)', changes, 'instance %s has keys its entry does not name: %s'
                               % (name, ', '.join(c['key'] for c in changes))))
    return out


def undeclared_keys(instance, entry):
    config = entry.get('config') or {}
    devices = entry.get('devices') or {}
    changes = [dict(key=key, before=value, after=None) for key, value in sorted((instance.get('config') or {}).items())
               if key not in config and not key.startswith(DAEMON_KEYS)]
    changes += [dict(key='devices.' + key, before=value, after=None)
                for key, value in sorted((instance.get('devices') or {}).items()) if key not in devices]
    return changes


def finding(label, changes, msg):
    entry = new_entry('armhv.hypervisor.instances', label)
    entry.update(unmanaged=True, msg=msg, changes=changes, tasks=['Instances the inventory does not declare'])
    return entry


def host_report(host, extra=(), facts=None):
    """One host's report: what the run recorded, the findings in extra, and facts (time, version,
    inventory) at the top."""
    resources = list(RECORDS.get(host, {}).values()) + list(extra)
    report = dict(facts or {}, host=host, resources=resources,
                  drift=sum(1 for r in resources if r['changed']),
                  unmanaged=sum(1 for r in resources if r.get('unmanaged')),
                  failed=sum(1 for r in resources if r['failed']))
    report['in_sync'] = len(resources) - sum(1 for r in resources if r['changed'] or r['failed'] or r.get('unmanaged'))
    return report


def describe(resource):
    """One line for a resource that is not in sync: its message, or its changes key by key."""
    if resource['failed'] or resource.get('unmanaged'):
        return resource['msg'] or 'failed'
    shown = ['%s: %s -> %s' % (c['key'], _shown(c['before']), _shown(c['after'])) for c in resource['changes']]
    return 'would change: ' + ('; '.join(shown) if shown else ', '.join(resource['tasks']))


def _shown(value):
    return '(none)' if value is None else value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def junit(report):
    """JUnit XML: one test case per resource checked; drift and undeclared resources are failures, a
    task that failed (a role's refusal among them) an error."""
    suite = ElementTree.Element('testsuite', name=report['host'], tests=str(len(report['resources'])),
                                failures=str(report['drift'] + report.get('unmanaged', 0)),
                                errors=str(report['failed']), timestamp=str(report.get('time', '')))
    for resource in report['resources']:
        case = ElementTree.SubElement(suite, 'testcase', classname=resource['role'] or 'playbook',
                                      name=resource['resource'])
        if resource['failed']:
            ElementTree.SubElement(case, 'error', message=describe(resource)).text = ', '.join(resource['tasks'])
        elif resource['changed'] or resource.get('unmanaged'):
            ElementTree.SubElement(case, 'failure', message=describe(resource)).text = json.dumps(
                dict(changes=resource['changes'], diff=resource['diff']), indent=2, sort_keys=True, default=str)
        elif resource.get('note'):
            ElementTree.SubElement(case, 'system-out').text = resource['note']
    root = ElementTree.Element('testsuites')
    root.append(suite)
    return ElementTree.tostring(root, encoding='unicode')

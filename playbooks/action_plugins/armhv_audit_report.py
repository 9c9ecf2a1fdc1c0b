# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""armhv_audit_report (beside the audit playbook): write what the audit callback recorded, per host, as JSON and JUnit XML on the
controller, and return the summary the audit playbook publishes with set_stats."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
from datetime import datetime, timezone

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.action import ActionBase

from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _audit


NOT_ENABLED = ('the audit needs its callback, which records what each task would change; the collection\'s '
               'audit playbook loads it, a playbook of your own needs '
               'ANSIBLE_CALLBACKS_ENABLED=armhv.hypervisor.audit or armhv.hypervisor.audit in callbacks_enabled '
               '(ansible.cfg). Nothing was checked or changed.')


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('dest', 'hosts', 'preflight', 'unmanaged'))

    def run(self, tmp=None, task_vars=None):
        if not _audit.ENABLED[0]:
            raise AnsibleActionFail(NOT_ENABLED)
        result = super(ActionModule, self).run(tmp, task_vars)
        if self._task.args.get('preflight'):
            result.update(changed=False, msg='the audit callback is enabled')
            return result
        dest = self._task.args.get('dest')
        hosts = self._task.args.get('hosts')
        if not dest or not isinstance(hosts, list):
            raise AnsibleActionFail('armhv_audit_report needs dest (a folder) and hosts (a list)')
        unmanaged = self._task.args.get('unmanaged', 'report')
        if unmanaged not in ('report', 'ignore'):
            raise AnsibleActionFail('audit_unmanaged must be report or ignore, not %r' % unmanaged)
        facts = dict(time=datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), collection='armhv.hypervisor',
                     collection_version=collection_version(),
                     inventory_sources=[str(s) for s in task_vars.get('ansible_inventory_sources') or []])
        hostvars = task_vars.get('hostvars') or {}
        reports = [_audit.host_report(host, unmanaged_of(host, hostvars, hosts) if unmanaged == 'report' else (), facts)
                   for host in hosts]
        try:
            files = write(os.path.expanduser(dest), reports)
        except (IOError, OSError) as exc:
            raise AnsibleActionFail('cannot write the audit report to %s: %s' % (dest, to_native(exc)))
        summary = dict((r['host'], dict(resources=len(r['resources']), drift=r['drift'], unmanaged=r['unmanaged'],
                                        failed=r['failed'])) for r in reports)
        drifted = sorted(host for host, s in summary.items() if s['drift'] or s['unmanaged'] or s['failed'])
        findings = [dict(host=r['host'], resource=x['resource'], finding=_audit.describe(x))
                    for r in reports for x in r['resources'] if x['changed'] or x['failed'] or x.get('unmanaged')]
        result.update(changed=False, files=files, summary=summary, drifted=drifted, findings=findings,
                      drift=sum(s['drift'] for s in summary.values()),
                      unmanaged=sum(s['unmanaged'] for s in summary.values()),
                      failed_resources=sum(s['failed'] for s in summary.values()))
        return result


def unmanaged_of(host, hostvars, hosts):
    """What host's daemon has that no host's instances_list declares, from the instances the audit
    listed there (__audit_found); nothing when it listed none."""
    found = (hostvars.get(host) or {}).get('__audit_found') or {}
    if not isinstance(found, dict) or not isinstance(found.get('instances'), list):
        return []
    declared = [entry for name in hosts for entry in (hostvars.get(name) or {}).get('instances_list') or []]
    return _audit.unmanaged(host, found['instances'], declared, hosts)


def collection_version():
    """This collection's version, from the MANIFEST.json an installed collection has."""
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        with open(os.path.join(top, 'MANIFEST.json')) as handle:
            return json.load(handle)['collection_info']['version']
    except (IOError, OSError, ValueError, KeyError):
        return None


def write(dest, reports):
    if not os.path.isdir(dest):
        os.makedirs(dest)
    files = []
    for report in reports:
        base = os.path.join(dest, report['host'].replace('/', '_'))
        # Written whole to a temporary name, then renamed: a reader never sees half a report.
        for path, text in ((base + '.json', json.dumps(report, indent=2, sort_keys=True, default=str)),
                           (base + '.xml', _audit.junit(report))):
            with open(path + '.tmp', 'w') as handle:
                handle.write(text + '\n')
            os.rename(path + '.tmp', path)
            files.append(path)
    return files

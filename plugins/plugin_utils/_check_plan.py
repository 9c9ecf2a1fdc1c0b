# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This plugin_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Check mode across tasks: what earlier tasks of this run predicted they would create.

In check mode nothing is created, so a later task that changes the instance an earlier task would
create finds it missing. The instance action plugins remember, as a host fact, the instances a
check-mode task would create; a later task that finds one of them missing predicts its own change
with a note instead of failing. The fact names the run (the ansible-playbook process) so that a
persistent fact cache never carries it into another run."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.entries import failures

FACT = 'armhv_check_mode_creates'


def _run():
    # Workers are forked from the ansible-playbook process: its pid names the run.
    return os.getppid()


def key(args, name):
    """An instance as its daemon and project name it."""
    return '%s|%s|%s' % (args.get('url') or '', args.get('project') or '', name)


def planned(task_vars):
    found = ((task_vars or {}).get('ansible_facts') or {}).get(FACT) or {}
    return list(found.get('keys') or []) if found.get('run') == _run() else []


def remember(result, task_vars, keys):
    """Add the instances this task would create to the run's fact."""
    if keys:
        known = sorted(set(planned(task_vars)) | set(keys))
        result.setdefault('ansible_facts', {})[FACT] = dict(run=_run(), keys=known)
    return result


def created_by_this_task(result, args):
    """Keys of the instances a check-mode result would create: the task's one instance, or the
    entries of a bulk task (each with its name and actions)."""
    if isinstance(result.get('instances'), list):
        entries = [entry for entry in result['instances'] if isinstance(entry, dict)]
    else:
        entries = [dict(name=args.get('name'), actions=result.get('actions'))]
    return [key(args, entry['name']) for entry in entries
            if entry.get('name') and 'create' in (entry.get('actions') or [])]


def carry(action, result, task_vars):
    """An instance task's result in a check run: a failure on an instance an earlier task would create
    becomes the change it predicts, and the instances this task would create are remembered."""
    if not action._task.check_mode or action._task.async_val:
        return result
    result = assume_created(result, task_vars, action._task.args)
    return remember(result, task_vars, created_by_this_task(result, action._task.args))


def assume_created(result, task_vars, args):
    """A check-mode failure on an instance an earlier task would create, as the change it predicts: the
    task's own (one instance) or each such entry's (a bulk task, whose summary is then recounted)."""
    if not result.get('failed'):
        return result
    planned_keys = planned(task_vars)
    if isinstance(result.get('instances'), list):
        return assume_entries_created(result, args, planned_keys)
    name = missing_instance(result)
    if not name or key(args, name) not in planned_keys:
        return result
    return dict(changed=True, actions=['change after create'], name=name, note=note(name))


def assume_entries_created(result, args, planned_keys):
    entries = [predicted(entry) if key(args, missing_instance(entry)) in planned_keys else entry
               for entry in result['instances']]
    result = dict(result, instances=entries, changed=any(entry['changed'] for entry in entries))
    for name in ('failed', 'failed_names', 'msg'):
        result.pop(name, None)
    result.update(failures(entries))
    return result


def predicted(entry):
    entry = dict(entry, changed=True, failed=False, msg='', actions=['change after create'], note=note(entry['name']))
    for failed_key in ('error', 'missing'):
        entry.pop(failed_key, None)
    return entry


def missing_instance(result):
    """The instance a failed result found missing (its documented `missing` key), or None."""
    missing = result.get('missing') or {}
    return missing.get('name') if missing.get('type') == 'instance' else None


def note(name):
    return ('instance %s does not exist yet: an earlier task of this run would create it (check mode), '
            'so this task predicts a change without comparing keys' % name)

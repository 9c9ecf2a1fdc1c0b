# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""lxc_containers' entries and result, shared by the module and its action plugin (which answers a
no-op without running the module)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.spec import INSTANCE_OPTIONS, request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.remotes import checked_remotes, image_fields
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import check_range

ARGUMENT_SPEC = dict(
    instances=dict(type='list', elements='dict', required=True),
    images=dict(type='dict', default={}),
    remotes=dict(type='dict'),
    parallel=dict(type='int', default=8),
    **LXD_CONNECTION_SPEC
)


def requests_from_entries(entries, timeout, remotes=None):
    """Every entry checked as lxc_container checks its options (the task's remotes for an entry that
    declares none); all problems in one error, so nothing changes unless every entry is valid."""
    entry_spec = ArgumentSpecValidator(INSTANCE_OPTIONS)
    requests, problems, seen = [], [], set()
    for index, entry in enumerate(entries):
        label = 'instances[%d]%s' % (index, ' (%s)' % entry['name'] if isinstance(entry.get('name'), str) else '')
        checked = entry_spec.validate(entry)
        try:
            if checked.errors.errors:
                raise InvalidRequest('; '.join(option_problem(error) for error in checked.errors.errors))
            params = checked.validated_parameters
            request = request_from_params(dict(params, timeout=timeout, remotes=params['remotes'] or remotes))
            if request['name'] in seen:
                raise InvalidRequest('instance %s is named by an earlier entry too' % request['name'])
        except ArmhvError as exc:
            problems.append('%s: %s' % (label, exc.msg))
            continue
        seen.add(request['name'])
        requests.append(request)
    if problems:
        raise InvalidRequest('invalid entries, nothing was changed: %s' % '; '.join(problems))
    return requests


def option_problem(error):
    # Ansible words an unsupported option as the bare name and the list of supported ones.
    return ('Unsupported parameters: %s' % error) if isinstance(error, UnsupportedError) else str(error)


def check_task_options(params):
    # More than the daemon's own workers only queues: 64 is far beyond what helps.
    check_range('parallel', params['parallel'], 1, 64)
    remotes = checked_remotes(params['remotes'])
    for architecture, image in params['images'].items():
        if not isinstance(image, str):
            raise InvalidRequest('images.%s must be an image name' % architecture)
        image_fields(image, remotes)


def summarize(results, identity, with_diff):
    """(the task's result, its warnings) for one Result per entry: diffs, headed by the entry's name,
    only with --diff; failed, msg and failed_names when an entry failed."""
    warnings, diffs = [], []
    for result in results:
        warnings.extend(result.pop('warnings'))
        diff = result.pop('diff')
        if result['changed'] and diff:
            diffs.append(dict(diff, before_header=result['name'], after_header=result['name']))
    summary = dict(identity, changed=any(result['changed'] for result in results), instances=results)
    if with_diff:
        summary['diff'] = diffs
    summary.update(failures(results))
    return summary, warnings


def failures(results):
    """failed, failed_names and msg for the entries that failed; {} when none did."""
    failed = [result for result in results if result['failed']]
    if not failed:
        return {}
    return dict(failed=True, failed_names=[result['name'] for result in failed],
                msg='%d of %d instances failed: %s' % (len(failed), len(results), '; '.join(
                    '%s: %s' % (result['name'], result['msg']) for result in failed)))

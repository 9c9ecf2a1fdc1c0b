# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode across tasks: what earlier tasks would create."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _check_plan

ARGS = dict(name='web1', url='unix:/s')
MISSING = dict(failed=True, error='not_found', missing=dict(type='instance', name='web1'),
               msg='instance web1 does not exist and no image was given to create it')


def facts(result):
    return dict(ansible_facts=result.get('ansible_facts', {}))


def test_a_planned_create_lets_a_later_change_predict_itself():
    first = _check_plan.remember({}, {}, _check_plan.created_by_this_task(dict(changed=True, actions=['create', 'start']), ARGS))
    later = _check_plan.assume_created(dict(MISSING), facts(first), ARGS)
    assert later['changed'] and not later.get('failed') and 'earlier task of this run' in later['note']


def test_without_a_planned_create_or_on_another_daemon_the_failure_stands():
    assert _check_plan.assume_created(dict(MISSING), {}, ARGS) == MISSING
    first = _check_plan.remember({}, {}, _check_plan.created_by_this_task(dict(actions=['create']), ARGS))
    assert _check_plan.assume_created(dict(MISSING), facts(first), dict(ARGS, url='https://other:8443')) == MISSING


def test_bulk_entries_are_remembered_and_another_run_s_fact_is_not_read():
    bulk = dict(instances=[dict(name='a', actions=['create']), dict(name='b', actions=['start'])])
    result = _check_plan.remember({}, {}, _check_plan.created_by_this_task(bulk, dict(url='unix:/s')))
    assert _check_plan.planned(facts(result)) == ['unix:/s||a']
    stale = dict(ansible_facts={_check_plan.FACT: dict(run=os.getppid() + 1, keys=['unix:/s||web1'])})
    assert _check_plan.planned(stale) == []


def test_a_bulk_entry_on_a_planned_instance_predicts_its_change_and_the_others_stand():
    first = _check_plan.remember({}, {}, ['unix:/s||a'])
    other = dict(name='c', failed=True, changed=False, msg='boom')
    bulk = dict(changed=False, failed=True, failed_names=['a', 'c'], msg='2 of 3 instances failed: …', instances=[
        dict(MISSING, name='a', missing=dict(type='instance', name='a'), changed=False), dict(name='b', failed=False, changed=False, msg=''),
        other])
    later = _check_plan.assume_created(bulk, facts(first), dict(url='unix:/s'))
    assert later['instances'][0]['changed'] and 'earlier task of this run' in later['instances'][0]['note']
    assert later['changed'] and later['failed_names'] == ['c'] and later['msg'] == '1 of 3 instances failed: c: boom'
    del bulk['instances'][2]
    assert not _check_plan.assume_created(bulk, facts(first), dict(url='unix:/s')).get('failed')

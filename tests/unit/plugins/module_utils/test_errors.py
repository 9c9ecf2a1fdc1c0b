# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Busy, Conflict, DaemonRefused, InvalidRequest, LxdConnectionError, NotFound)


@pytest.mark.parametrize('error, kind', [
    (ArmhvError('x'), 'failed'), (InvalidRequest('x'), 'invalid'), (Conflict('x'), 'conflict'),
    (DaemonRefused('x', 400, 'PUT'), 'refused'), (Busy('x', 500, 'DELETE'), 'busy'),
    (LxdConnectionError('x'), 'connection'),
])
def test_a_failed_result_has_the_message_and_the_kind_only(error, kind):
    assert error.result() == dict(msg='x', error=kind)


def test_not_found_names_what_is_missing():
    error = NotFound('instance web1 does not exist', 'instance', 'web1')
    assert error.result() == dict(msg='instance web1 does not exist', error='not_found',
                                  missing=dict(type='instance', name='web1'))


def test_reworded_keeps_the_kind_and_its_fields():
    error = Conflict('pool p is in use by a; nothing was deleted', blockers=['a'])
    other = error.reworded(error.msg + '; more')
    assert isinstance(other, Conflict) and other.blockers == ['a'] and other.reason == error.msg
    assert other.msg == str(other) == 'pool p is in use by a; nothing was deleted; more'
    assert error.msg == 'pool p is in use by a; nothing was deleted', 'the original is left as it was'
    refused = DaemonRefused('LXD PUT failed', 500, 'PUT').reworded('context: LXD PUT failed')
    assert (refused.status, refused.method) == (500, 'PUT')


def test_a_conflicts_reason_defaults_to_its_message():
    assert Conflict('in use').reason == 'in use' and Conflict('in use').blockers == []

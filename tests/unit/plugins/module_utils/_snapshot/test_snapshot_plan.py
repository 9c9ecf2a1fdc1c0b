# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The daemon's expiry expressions and times, and instance_snapshot's request."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.plan import (
    NEVER, UTC, expires_view, expiry_time, parse_time, same_expiry, time_text)
from ansible_collections.armhv.hypervisor.plugins.module_utils._snapshot.spec import request_from_params

NOW = datetime.datetime(2026, 1, 31, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize('expiry, expected', [
    ('30M', '2026-01-31T12:30:00Z'),
    ('2H', '2026-01-31T14:00:00Z'),
    ('7d', '2026-02-07T12:00:00Z'),
    ('1w 12H', '2026-02-08T00:00:00Z'),
    # m is months; a day past the month's end carries over, as the daemon's date arithmetic does.
    ('1m', '2026-03-03T12:00:00Z'),
    ('11m', '2026-12-31T12:00:00Z'),
    ('1y', '2027-01-31T12:00:00Z'),
])
def test_expiry_units_are_the_daemons(expiry, expected):
    assert time_text(expiry_time(expiry, NOW)) == expected


@pytest.mark.parametrize('expiry', ['', '7', '7 days', '1x', '1d 2d', '-1d', '1.5d'])
def test_bad_expiry_names_the_rule(expiry):
    with pytest.raises(InvalidRequest) as caught:
        expiry_time(expiry, NOW)
    assert 'M minutes' in caught.value.msg and 'm months' in caught.value.msg


def test_times_with_offsets_and_nanoseconds():
    assert time_text(parse_time('2031-03-01T12:00:00+02:00')) == '2031-03-01T10:00:00Z'
    assert parse_time('2026-12-07T09:18:19.885647299Z').microsecond == 885647
    assert expires_view(NEVER) is None and expires_view('2027-01-01T00:00:00Z') == '2027-01-01T00:00:00Z'
    assert same_expiry('2031-03-01T10:00:00.000000001Z', '2031-03-01T10:00:00Z') is True
    assert same_expiry(None, NEVER) is True and same_expiry('2031-03-01T10:00:00Z', NEVER) is False
    assert same_expiry(None, '2031-03-01T10:00:00Z') is False
    for bad in ('tomorrow', '2026-02-30T00:00:00Z', '2026-01-01 00:00'):
        with pytest.raises(InvalidRequest):
            parse_time(bad)


def test_request_expiry_counts_from_now_and_expires_at_is_enforced():
    request = request_from_params(dict(instance='db1', name='s1', expiry='7d'), now=NOW)
    assert request['desired'] == dict(expires_at=None, created_expires_at='2026-02-07T12:00:00Z', stateful=False)
    assert request['parent'] == 'instances/db1' and request['owner'] == dict(instance='db1')
    assert request_from_params(dict(instance='db1', name='s1', expires_at='never'))['desired']['expires_at'] == NEVER
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(dict(instance='db1', name='s1', expiry='7d', expires_at='never'))
    assert 'mutually exclusive' in caught.value.msg
    with pytest.raises(InvalidRequest):
        request_from_params(dict(instance='-db', name='s1'))

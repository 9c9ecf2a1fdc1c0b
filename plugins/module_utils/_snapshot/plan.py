# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure snapshot logic: expiry expressions and times, the view, the bodies. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest

# The daemon's own units (snapshots.expiry): M is minutes and m is months.
EXPIRY_UNITS = (('M', 'minutes'), ('H', 'hours'), ('d', 'days'), ('w', 'weeks'), ('m', 'months'), ('y', 'years'))
EXPIRY_RULE = ('an expression such as "7d" or "1w 12H": numbers each followed by a unit, M minutes, H hours, '
               'd days, w weeks, m months, y years')
_EXPIRY_PART = re.compile(r'^([0-9]{1,6})([MHdwmy])$')
_TIME = re.compile(r'^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?'
                   r'([Zz]|[+-][0-9]{2}:[0-9]{2})$')
UTC = datetime.timezone.utc
# What the daemon answers for a snapshot that never expires, and takes to clear an expiry.
NEVER = '0001-01-01T00:00:00Z'


def parse_expiry(text):
    """{unit: count} from an expiry expression; InvalidRequest naming the rule otherwise."""
    counts = {}
    parts = str(text).split()
    for part in parts:
        match = _EXPIRY_PART.match(part)
        if not match or match.group(2) in counts:
            raise InvalidRequest('invalid expiry %r: must be %s, each unit once' % (text, EXPIRY_RULE))
        counts[match.group(2)] = int(match.group(1))
    if not parts:
        raise InvalidRequest('invalid expiry %r: must be %s' % (text, EXPIRY_RULE))
    return counts


def add_months(moment, months):
    """moment plus months, a day past the month's end carried into the next, as the daemon does."""
    total = moment.month - 1 + months
    first = moment.replace(year=moment.year + total // 12, month=total % 12 + 1, day=1)
    return first + datetime.timedelta(days=moment.day - 1)


def expiry_time(text, now):
    """now plus an expiry expression."""
    counts = parse_expiry(text)
    moment = add_months(now, counts.get('m', 0) + 12 * counts.get('y', 0))
    return moment + datetime.timedelta(minutes=counts.get('M', 0), hours=counts.get('H', 0),
                                       days=counts.get('d', 0), weeks=counts.get('w', 0))


def parse_time(text, option='expires_at'):
    """A timezone-aware datetime from an RFC 3339 time (the daemon's nanoseconds cut to microseconds)."""
    match = _TIME.match(str(text))
    if not match:
        raise InvalidRequest('invalid %s %r: must be an RFC 3339 time such as 2027-01-31T12:00:00Z, or never'
                             % (option, text))
    year, month, day, hour, minute, second = (int(match.group(n)) for n in range(1, 7))
    micro = int(((match.group(7) or '.0')[1:] + '000000')[:6])
    zone = match.group(8).upper()
    offset = datetime.timedelta(0) if zone == 'Z' else \
        (1 if zone[0] == '+' else -1) * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    try:
        return datetime.datetime(year, month, day, hour, minute, second, micro, datetime.timezone(offset))
    except ValueError as exc:
        raise InvalidRequest('invalid %s %r: %s' % (option, text, exc))


def time_text(moment):
    """The UTC form the daemon is sent (and answers with for it)."""
    return moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')


def expires_view(text):
    """A snapshot's expires_at as the modules return it: the daemon's time, or None when it never expires."""
    if not text or parse_time(text).year == 1:
        return None
    return text


def same_expiry(current, wanted):
    """Whether the daemon's expires_at (None: never) is wanted (an expires_at text or NEVER)."""
    if wanted == NEVER or current is None:
        return wanted == NEVER and current is None
    return parse_time(current) == parse_time(wanted)


def snapshot_view(raw, owner):
    """name (without the volume's prefix the daemon puts on a volume's snapshot), created_at, expires_at
    (None: never), stateful, and the owner (the instance or volume it belongs to)."""
    return dict(name=raw['name'].rpartition('/')[2], created_at=raw.get('created_at'),
                expires_at=expires_view(raw.get('expires_at')), stateful=bool(raw.get('stateful')), **owner)


def create_body(name, desired):
    body = dict(name=name)
    if desired.get('stateful'):
        body['stateful'] = True
    expires = desired['expires_at'] or desired['created_expires_at']
    if expires:
        body['expires_at'] = expires
    return body

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Option helpers every request_from_params shares: the request's shape, defaults from an argument
spec, and the ranges and forms of values (seconds, counts, host:port addresses, namespace names), each
refused with a message that names the option.

No Ansible import here: the management API uses it too."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest

# A day: longer than any wait a task should make, and far inside what time and socket calls take.
MAX_SECONDS = 86400
DNS_LABEL = re.compile(r'^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$')


def make_request(name, state, desired, **settings):
    """The request every resource's request_from_params returns: the object's name, the wanted state,
    `desired` (the object as the options describe it) and the resource's own settings (how to get
    there: timeouts, force, ...). Never the raw options beside them."""
    request = dict(name=name, state=state, desired=desired)
    request.update(settings)
    return request


def with_defaults(options, params):
    """params with every option of an argument spec present: given values kept, the rest defaulted.

    The API builds requests from bodies that name only some options; this keeps one set of defaults."""
    request = dict((name, spec.get('default')) for name, spec in options.items())
    request.update((name, value) for name, value in params.items() if value is not None or name not in request)
    return request


def check_range(option, value, low, high, unit=''):
    """value itself when it is a whole number from low to high (None passes: the option was left out)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidRequest('%s must be a whole number from %d to %d%s, not %s' % (option, low, high, unit, shown(value)))
    return value


def shown(value):
    """A value for a message: a number of 300 digits, as Ansible makes of "1e309", cut short."""
    text = repr(value)
    return text if len(text) <= 24 else text[:20] + '...'


def check_seconds(option, value, low=1):
    return check_range(option, value, low, MAX_SECONDS, ' seconds')


def host_problem(host):
    """None when host is an IP address or a DNS name, else the reason."""
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    if len(host) > 253 or not all(DNS_LABEL.match(label) for label in host.rstrip('.').split('.')):
        return 'is neither an IP address nor a DNS name'
    if host.rstrip('.').split('.')[-1].isdigit():
        return 'is not a valid IP address'
    return None


def split_host_port(text, option, default_port):
    """(host, port) of 'host', 'host:port', an IPv6 address, or '[IPv6]:port'."""
    bracketed = re.match(r'^\[([^\]]+)\](?::(.*))?$', text)
    if bracketed:
        host, port = bracketed.group(1), bracketed.group(2)
        if ':' not in host:
            raise InvalidRequest('%s: only an IPv6 address goes in brackets, not %r' % (option, text))
    elif text.count(':') > 1:
        host, port = text, None
    else:
        host, dummy, port = text.partition(':')
        port = port if dummy else None
    problem = host_problem(host) if host else 'is empty'
    if problem:
        raise InvalidRequest('%s %r: the host %s' % (option, text, problem))
    if port is None:
        return host, default_port
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidRequest('%s has an invalid port: %r' % (option, text))
    return host, int(port)


def netns_name_problem(name):
    """None when name can be a named network namespace (a file in /run/netns), else the reason."""
    if not name or name in ('.', '..') or '/' in name or '\0' in name:
        return 'must be a file name in /run/netns (not empty, no "/", not "." or "..")'
    if len(name.encode('utf-8')) > 255:
        return 'must be at most 255 bytes'
    return None

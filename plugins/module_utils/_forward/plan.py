# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure network forward logic: ports in the daemon's full shape, the view. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import lxd_string

PORT_FIELDS = ('description', 'protocol', 'listen_port', 'target_port', 'target_address')
REQUIRED = ('protocol', 'listen_port', 'target_address')
PROTOCOLS = ('tcp', 'udp')


def full_port(port):
    """A port entry with every field, as the daemon answers it ('' for unset)."""
    full = dict((field, '') for field in PORT_FIELDS)
    full.update((k, v) for k, v in port.items() if v is not None)
    return full


def check_address(value, option):
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise InvalidRequest('%s must be an IP address, not %r' % (option, value))


def normalize_ports(ports):
    """The port entries in full shape, each checked; None when the task leaves them alone."""
    if ports is None:
        return None
    result = []
    for index, port in enumerate(ports):
        where = 'ports[%d]' % index
        if not isinstance(port, dict):
            raise InvalidRequest('%s must be a dict of %s' % (where, ', '.join(PORT_FIELDS)))
        unknown = sorted(set(port) - set(PORT_FIELDS))
        if unknown:
            raise InvalidRequest('%s: %s not a port field; the fields are %s'
                                 % (where, ', '.join(unknown), ', '.join(PORT_FIELDS)))
        full = full_port(dict((k, None if v is None else lxd_string(v, '%s.%s' % (where, k))) for k, v in port.items()))
        missing = [field for field in REQUIRED if not full[field]]
        if missing:
            raise InvalidRequest('%s needs %s' % (where, ', '.join(missing)))
        if full['protocol'] not in PROTOCOLS:
            raise InvalidRequest('%s.protocol must be tcp or udp, not %r' % (where, full['protocol']))
        full['target_address'] = check_address(full['target_address'], where + '.target_address')
        result.append(full)
    return result


def forward_view(raw, network):
    """network, listen_address, description, config, ports (full shape), location."""
    return dict(network=network, listen_address=raw.get('listen_address'), description=raw.get('description') or '',
                config=dict(raw.get('config') or {}), ports=[full_port(port) for port in raw.get('ports') or []],
                location=raw.get('location') or '')

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Image remotes, as an LXD user names them (images:debian/12): client-side names for image servers,
declared once in a `remotes` mapping, with the `images` remote built in. Pure: no client, no I/O; the
daemon, not this code, contacts the server when it creates an instance."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_image_name, check_object_name

# Each daemon's own image server, as its client's default `images` remote (both simplestreams).
DEFAULT_SERVERS = {'images': {'lxd': 'https://images.lxd.canonical.com', 'incus': 'https://images.linuxcontainers.org'}}
PROTOCOLS = ('simplestreams', 'lxd')
_SERVER = re.compile(r'^https://[A-Za-z0-9.:\[\]-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$')


def checked_remotes(remotes):
    """{name: dict(server, protocol, certificate)} from a task's remotes, each checked."""
    if remotes is None:
        return {}
    if not isinstance(remotes, dict):
        raise InvalidRequest('remotes must be a dict of remote names to their server, protocol and certificate')
    return dict((name, checked_remote(name, remote)) for name, remote in remotes.items())


def checked_remote(name, remote):
    check_object_name(name, 'remote')
    where = 'remotes.%s' % name
    if not isinstance(remote, dict):
        raise InvalidRequest('%s must be a dict with server, and protocol and certificate if needed' % where)
    unknown = sorted(set(remote) - {'server', 'protocol', 'certificate'})
    if unknown:
        raise InvalidRequest('%s: unknown keys %s; these are: server, protocol, certificate' % (where, ', '.join(unknown)))
    server = remote.get('server')
    if not isinstance(server, str) or not _SERVER.match(server):
        raise InvalidRequest('%s.server must be an https:// URL of an image server, not %r' % (where, server))
    protocol = remote.get('protocol') or 'simplestreams'
    if protocol not in PROTOCOLS:
        raise InvalidRequest('%s.protocol must be simplestreams or lxd, not %r' % (where, protocol))
    certificate = remote.get('certificate')
    if certificate is not None and (not isinstance(certificate, str) or 'BEGIN CERTIFICATE' not in certificate):
        raise InvalidRequest('%s.certificate must be the server\'s PEM certificate' % where)
    return dict(server=server.rstrip('/'), protocol=protocol, certificate=certificate)


def image_fields(image, remotes):
    """The desired instance's image fields for an image name: a local alias or fingerprint, or
    remote:alias (remote:fingerprint) for a remote in remotes or built in. image_server is left None for
    a built-in remote, whose server depends on the daemon (server_for)."""
    remote, dummy, alias = image.rpartition(':') if ':' in image else (None, None, image)
    check_image_name(alias)
    if remote is None:
        return dict(image=alias, image_remote=None)
    if remote not in remotes and remote not in DEFAULT_SERVERS:
        known = sorted(set(remotes) | set(DEFAULT_SERVERS))
        raise InvalidRequest('image %r names remote %s, which is not declared (remotes: %s)'
                             % (image, remote, ', '.join(known)))
    declared = remotes.get(remote) or dict(server=None, protocol='simplestreams', certificate=None)
    return dict(image=alias, image_remote=remote, image_server=declared['server'],
                image_protocol=declared['protocol'], image_certificate=declared['certificate'])


def resolved(fields, server_kind):
    """Image fields (image_fields', or lxc_container's image_server and image_protocol) as the daemon of
    server_kind (lxd or incus) is sent them: a built-in remote's server for it, the protocol as it names it."""
    server = fields['image_server'] or server_for(fields['image_remote'], server_kind)
    return dict(fields, image_server=server,
                image_protocol=daemon_protocol(fields['image_protocol'] or 'simplestreams', server_kind))


def daemon_protocol(protocol, server_kind):
    """The protocol's name as the daemon takes it: Incus calls the daemons' own REST protocol incus."""
    return 'incus' if protocol == 'lxd' and server_kind == 'incus' else protocol


def server_for(remote, server_kind):
    """A built-in remote's server for this daemon (lxd or incus)."""
    return DEFAULT_SERVERS[remote].get(server_kind) or DEFAULT_SERVERS[remote]['lxd']

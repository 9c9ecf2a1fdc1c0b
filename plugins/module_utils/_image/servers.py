# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""What is read from an image server itself: which fingerprint an alias has for an architecture. Only a
copy for another architecture than the daemon's needs it (the daemon resolves its own); never in check
mode."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import tempfile

from urllib.parse import quote

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.plan import stream_fingerprint
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.plan import FINGERPRINT

try:
    import requests
except ImportError:  # pylxd needs it, and _module reports pylxd missing first
    requests = None


def remote_fingerprint(source, architecture, timeout):
    """The fingerprint of source's alias for architecture on its server (simplestreams or lxd)."""
    alias = source['image']
    if FINGERPRINT.match(alias):
        return alias
    with ServerReader(source['image_server'], source['image_certificate'], timeout) as reader:
        # Incus calls the daemons' own protocol incus (remotes.resolved names it as the daemon does).
        if source['image_protocol'] in ('lxd', 'incus'):
            return reader.lxd_fingerprint(alias, architecture)
        return reader.stream_fingerprint(alias, architecture)


class ServerReader:
    """GETs from one image server over HTTPS, its certificate pinned when one is given."""

    def __init__(self, server, certificate, timeout):
        self.server = server
        self.timeout = timeout
        self._pinned = None
        self.verify = True
        if certificate:
            handle, self._pinned = tempfile.mkstemp(suffix='.pem')
            with os.fdopen(handle, 'w') as pem:
                pem.write(certificate)
            self.verify = self._pinned

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self._pinned:
            os.unlink(self._pinned)

    def get(self, path, what):
        url = '%s/%s' % (self.server, path)
        try:
            response = requests.get(url, verify=self.verify, timeout=self.timeout)
        except requests.exceptions.RequestException as exc:
            raise ArmhvError('cannot read %s from image server %s: %s' % (what, self.server, exc))
        if response.status_code == 404:
            raise NotFound('image server %s has no %s' % (self.server, what), 'image', what)
        if response.status_code != 200:
            raise ArmhvError('image server %s answered %s for %s' % (self.server, response.status_code, what))
        try:
            return response.json()
        except ValueError:
            raise ArmhvError('image server %s did not answer JSON for %s' % (self.server, what))

    def stream_fingerprint(self, alias, architecture):
        index = self.get('streams/v1/index.json', 'simplestreams index')
        paths = [entry.get('path') for entry in (index.get('index') or {}).values()
                 if entry.get('datatype') == 'image-downloads' and entry.get('path')]
        if not paths:
            raise ArmhvError('image server %s lists no image downloads in its simplestreams index' % self.server)
        return stream_fingerprint(self.get(paths[0], 'image list'), alias, architecture, self.server)

    def lxd_fingerprint(self, alias, architecture):
        target = (self.get('1.0/images/aliases/%s' % quote(alias, safe=''), 'alias %s' % alias).get('metadata') or {})
        image = self.get('1.0/images/%s' % target.get('target'), 'image %s' % alias).get('metadata') or {}
        if image.get('architecture') != architecture:
            raise NotFound('%s has alias %s for %s only, not %s' % (self.server, alias, image.get('architecture'),
                                                                    architecture), 'image', alias)
        return image['fingerprint']

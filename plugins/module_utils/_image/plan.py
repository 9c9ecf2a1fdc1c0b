# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure image logic: the view of the daemon's image, and which image of a simplestreams index is an
alias's for an architecture (as LXD and Incus read those indexes). No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import NotFound

# Image servers name architectures as Debian does; the daemons as the kernel does.
ARCHITECTURES = {'amd64': 'x86_64', 'arm64': 'aarch64', 'armhf': 'armv7l', 'i386': 'i686', 'ppc64el': 'ppc64le',
                 's390x': 's390x', 'riscv64': 'riscv64'}
# A container's files in a version of a product, and the key of the metadata item that holds the
# fingerprint of the image they make (a combined tarball's own sha256 is its fingerprint).
COMBINED = ('lxd_combined.tar.gz', 'incus_combined.tar.gz')
METADATA = ('lxd.tar.xz', 'incus.tar.xz')
ROOTS = (('squashfs', 'combined_squashfs_sha256'), ('root.tar.xz', 'combined_rootxz_sha256'))


def image_view(raw):
    """fingerprint, architecture, type, aliases (names, sorted), auto_update, public, description,
    properties, size, and source (the server and alias it was copied from, or None for an imported one)."""
    origin = raw.get('update_source') or {}
    return dict(fingerprint=raw['fingerprint'], architecture=raw.get('architecture'), type=raw.get('type') or 'container',
                aliases=sorted(alias['name'] for alias in raw.get('aliases') or []),
                auto_update=bool(raw.get('auto_update')), public=bool(raw.get('public')),
                description=(raw.get('properties') or {}).get('description', ''),
                properties=dict(raw.get('properties') or {}), size=raw.get('size'),
                source=dict(server=origin['server'], protocol=origin.get('protocol'), alias=origin.get('alias'))
                if origin.get('server') else None)


def version_fingerprint(items):
    """The container image a product version's items make, as the daemons compute its fingerprint."""
    for item in items.values():
        if item.get('ftype') in COMBINED and item.get('sha256'):
            return item['sha256']
    meta = [item for item in items.values() if item.get('ftype') in METADATA]
    for root_type, key in ROOTS:
        if meta and meta[0].get(key) and any(item.get('ftype') == root_type for item in items.values()):
            return meta[0][key]
    return None


def stream_fingerprint(products, alias, architecture, server):
    """The newest container image of alias for architecture (the kernel's name) in a simplestreams
    products document; NotFound naming what the server has otherwise."""
    found = []
    for product in (products.get('products') or {}).values():
        aliases = [name.strip() for name in (product.get('aliases') or '').split(',')]
        if alias not in aliases:
            continue
        arch = ARCHITECTURES.get(product.get('arch'), product.get('arch'))
        for version, content in (product.get('versions') or {}).items():
            fingerprint = version_fingerprint(content.get('items') or {})
            if fingerprint:
                found.append((arch, version, fingerprint))
    wanted = sorted(entry for entry in found if entry[0] == architecture)
    if wanted:
        return wanted[-1][2]
    if found:
        raise NotFound('%s has alias %s for %s only, not %s' % (server, alias, ', '.join(sorted(set(a for a, v, f in found))),
                                                                architecture), 'image', alias)
    raise NotFound('%s has no container image with alias %s' % (server, alias), 'image', alias)

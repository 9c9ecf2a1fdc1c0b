"""Build a simplestreams image server's files from unified image tarballs, one per architecture
(Debian's names), listed under ALIAS the way LXD and Incus read such an index.

    make_stream.py ROOT ALIAS ARCH=TARBALL [ARCH=TARBALL ...]

Prints {kernel architecture: fingerprint} as JSON."""

import hashlib
import json
import os
import sys

KERNEL = {'amd64': 'x86_64', 'arm64': 'aarch64'}


def main(root, alias, *pairs):
    os.makedirs(os.path.join(root, 'streams', 'v1'), exist_ok=True)
    os.makedirs(os.path.join(root, 'images'), exist_ok=True)
    products, fingerprints = {}, {}
    for pair in pairs:
        arch, tarball = pair.split('=', 1)
        with open(tarball, 'rb') as handle:
            data = handle.read()
        sha = hashlib.sha256(data).hexdigest()
        path = 'images/%s.tar.gz' % sha
        with open(os.path.join(root, path), 'wb') as handle:
            handle.write(data)
        item = dict(path=path, sha256=sha, size=len(data))
        # LXD reads lxd_combined.tar.gz, Incus incus_combined.tar.gz: the same file for both.
        items = {'lxd_combined.tar.gz': dict(item, ftype='lxd_combined.tar.gz'),
                 'incus_combined.tar.gz': dict(item, ftype='incus_combined.tar.gz')}
        products['%s:%s:default' % (alias.replace('/', ':'), arch)] = dict(
            aliases=alias, arch=arch, os='busybox', release='1', release_title='1',
            versions={'20261207_00:00': dict(items=items)})
        fingerprints[KERNEL[arch]] = sha
    images = dict(content_id='images', datatype='image-downloads', format='products:1.0', products=products)
    index = dict(format='index:1.0', index=dict(images=dict(
        datatype='image-downloads', path='streams/v1/images.json', format='products:1.0',
        products=sorted(products))))
    for name, content in (('images.json', images), ('index.json', index)):
        with open(os.path.join(root, 'streams', 'v1', name), 'w') as handle:
            json.dump(content, handle)
    print(json.dumps(fingerprints))


if __name__ == '__main__':
    main(*sys.argv[1:])

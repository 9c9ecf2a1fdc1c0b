#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: image
short_description: Import, copy, alias and delete LXD and Incus images
version_added: 0.1.0
description:
  - Keeps an image in the daemon's local image store under a local O(alias), in the connection's
    O(project), imported from a unified image tarball on the host (O(file)) or copied from an image
    server (O(remote_image), a simplestreams server or another LXD or Incus).
  - An image is found by its alias, so a run whose alias exists changes nothing but the settings it names
    (O(aliases), O(auto_update), O(public)); a O(file) whose content changed is imported again and the alias
    moved to it (the old image stays in the store, unaliased).
  - Check mode never contacts an image server; it predicts a copy when the alias is missing.
  - On a cluster the image store is shared, so one task on any member makes the image available to every
    member (a member fetches the image's files from another when it first needs them).
  - To create instances straight from a server without keeping an alias, give
    M(armhv.hypervisor.lxc_container) a V(remote:alias) image instead.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  alias:
    description:
      - The local alias the image is kept under; it names the image for instances (O(armhv.hypervisor.lxc_container#module:image)).
    type: str
    required: true
  state:
    description:
      - V(present) makes sure the alias names such an image; V(absent) deletes the image the alias names
        (with all its aliases). Instances made from it keep running, as an instance does not need its image.
    type: str
    choices: [present, absent]
    default: present
  file:
    description:
      - A unified image tarball (metadata.yaml, templates and rootfs in one C(.tar.gz)) on the host, to
        import. Its SHA-256 is the image's fingerprint, so the file is only sent when the alias names another image.
      - Mutually exclusive with O(remote_image).
    type: path
  remote_image:
    description:
      - V(remote:alias) or V(remote:fingerprint) to copy from an image server when the alias is missing,
        with the remotes of O(remotes) or the built-in V(images) (the daemon's own image server).
    type: str
  remotes:
    description:
      - Image remotes by name, as M(armhv.hypervisor.lxc_container)'s O(armhv.hypervisor.lxc_container#module:remotes),
        each a dict of C(server) (an C(https://) URL), C(protocol) (V(simplestreams), the default, or V(lxd), the daemons' own REST protocol, which
        Incus calls C(incus))
        and C(certificate) (a PEM certificate to pin, for a server no public authority signs).
    type: dict
  architecture:
    description:
      - Which architecture's image to copy (the kernel's names, V(aarch64), V(x86_64)); the daemon's own when
        omitted. For another architecture the module reads the server's index (simplestreams) or the alias
        (lxd) itself to find that image's fingerprint, then the daemon copies it.
      - An alias that names an image of another architecture is moved to a copy of this one.
      - The daemon copies another architecture's image by its fingerprint, so it keeps no source for it, and
        such a copy is neither refreshed nor auto-updated.
    type: str
  aliases:
    description:
      - More local aliases for the same image; an alias that names another image is moved to this one.
        Aliases not listed are left alone.
    type: list
    elements: str
  auto_update:
    description:
      - Whether the daemon keeps a copied image up to date from its server. Left as it is when omitted
        (a new copy does not auto-update).
    type: bool
  public:
    description:
      - Whether untrusted clients may read and copy the image (so another daemon can use this one as an
        V(lxd) remote). Left as it is when omitted (a new image is private).
    type: bool
  refresh:
    description:
      - Ask the daemon to fetch a newer version of a copied image from its server now; the task reports a
        change only when there was one. Never in check mode (it would contact the server).
    type: bool
    default: false
seealso:
  - module: armhv.hypervisor.image_info
  - module: armhv.hypervisor.lxc_container
'''

EXAMPLES = r'''
- name: Debian 12 for this host's architecture, kept up to date by the daemon
  armhv.hypervisor.image:
    alias: debian12
    remote_image: images:debian/12
    auto_update: true

- name: The arm64 build too, under its own alias, on an x86_64 build host
  armhv.hypervisor.image:
    alias: debian12-arm64
    remote_image: images:debian/12
    architecture: aarch64

- name: From an in-house simplestreams mirror with its own certificate
  armhv.hypervisor.image:
    alias: base
    remote_image: mirror:base/2026
    remotes:
      mirror:
        server: https://images.example.internal
        certificate: "{{ lookup('file', 'mirror.crt') }}"

- name: Import a tarball built on the host, and share it with other daemons
  armhv.hypervisor.image:
    alias: appliance
    file: /var/tmp/appliance.tar.gz
    public: true

- name: Delete it
  armhv.hypervisor.image:
    alias: appliance
    state: absent
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: not_found
actions:
  description:
    - What was done (or, in check mode, would be done), from V(import), V(pull), V(alias), V(update),
      V(refresh), V(delete).
  returned: always
  type: list
  elements: str
  sample: [pull, alias]
image:
  description: The image after the task (in check mode, as predicted; a copy's fingerprint is null until made); empty when deleted.
  returned: always
  type: dict
  contains:
    fingerprint:
      description: Its SHA-256 fingerprint.
      type: str
    architecture:
      description: Its architecture.
      type: str
    type:
      description: V(container) or V(virtual-machine).
      type: str
    aliases:
      description: Its local aliases, sorted.
      type: list
      elements: str
    auto_update:
      description: Whether the daemon keeps it up to date from its server.
      type: bool
    public:
      description: Whether untrusted clients may read it.
      type: bool
    description:
      description: Its description property.
      type: str
    properties:
      description: Its properties (C(os), C(release), C(description), ...), as the image's metadata gives them.
      type: dict
    size:
      description: Its size in bytes.
      type: int
    source:
      description: The server, protocol and alias it was copied from; null for an imported image.
      type: dict
  sample:
    fingerprint: 9f04a4b71dd9f411ab32f6a46b2cbd7bc44dd5fc6ab270fef81a7047bd41286b
    architecture: aarch64
    type: container
    aliases: [debian12]
    auto_update: true
    public: false
    description: Debian bookworm arm64 (20261206_05:24)
    properties: {os: Debian, release: bookworm, architecture: arm64, description: Debian bookworm arm64 (20261206_05:24)}
    size: 96000000
    source: {server: "https://images.lxd.canonical.com", protocol: simplestreams, alias: debian/12}
server:
  description:
    - Which daemon answered, as it names itself in C(GET /1.0)'s C(environment.server)
      (V(lxd) or V(incus)).
  returned: success
  type: str
  sample: lxd
server_version:
  description: That daemon's version.
  returned: success
  type: str
  sample: 5.0.2
missing:
  description: What does not exist (its C(type) and C(name)), when RV(error) is V(not_found).
  returned: failure, when error is not_found
  type: dict
  sample: {type: image, name: debian/12}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._image.ops import ensure_image
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.spec import IMAGE_OPTIONS, request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import ensure_main


ARGUMENT_SPEC = dict(IMAGE_OPTIONS, **LXD_CONNECTION_SPEC)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True,
                           mutually_exclusive=[('file', 'remote_image')])
    ensure_main(module, request_from_params, ensure_image)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: image_info
short_description: List the images of LXD and Incus
version_added: 0.1.0
description:
  - Lists the images of the local image store in the connection's O(project), or gets the one a local
    alias names. Never changes anything and never contacts an image server.
author:
  - armhv.hypervisor maintainers (@armhv)
extends_documentation_fragment:
  - armhv.hypervisor.lxd
  - armhv.hypervisor.attributes.info_module
  - armhv.hypervisor.attributes.failures
  - armhv.hypervisor.attributes.actiongroup_lxd
options:
  alias:
    description:
      - Only the image this local alias names. The result is an empty list when there is none.
    type: str
seealso:
  - module: armhv.hypervisor.image
'''

EXAMPLES = r'''
- name: Every image, with its aliases and architecture
  armhv.hypervisor.image_info:
  register: found

- name: The aarch64 ones
  ansible.builtin.debug:
    msg: "{{ found.images | selectattr('architecture', 'eq', 'aarch64') | map(attribute='aliases') }}"
'''

RETURN = r'''
error:
  description: The kind of failure, one of those the notes list.
  returned: failure
  type: str
  sample: connection
images:
  description:
    - The images, sorted by their first alias (unaliased ones last) and fingerprint, each shaped like the
      C(image) return value of M(armhv.hypervisor.image).
  returned: always
  type: list
  elements: dict
  sample:
    - fingerprint: 9f04a4b71dd9f411ab32f6a46b2cbd7bc44dd5fc6ab270fef81a7047bd41286b
      architecture: aarch64
      type: container
      aliases: [debian12]
      auto_update: true
      public: false
      description: Debian bookworm arm64 (20261206_05:24)
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
  sample: {type: project, name: tenant-a}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.armhv.hypervisor.plugins.module_utils._image.ops import list_images
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.spec import check_local_alias
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.options import LXD_CONNECTION_SPEC
from ansible_collections.armhv.hypervisor.plugins.module_utils._module import info_main


ARGUMENT_SPEC = dict(
    alias=dict(type='str'),
    **LXD_CONNECTION_SPEC
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    info_main(module, 'alias', check_local_alias, list_images, 'images')


if __name__ == '__main__':
    main()

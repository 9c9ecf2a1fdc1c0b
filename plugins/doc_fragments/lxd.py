# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The LXD connection options every LXD-backed module takes.
    DOCUMENTATION = r'''
options:
  url:
    description:
      - How to reach LXD or Incus (both serve the same API; the result's C(server) says which answered).
        A unix socket path (V(/var/lib/lxd/unix.socket) or V(unix:/path/unix.socket)) or an HTTPS URL
        (V(https://198.18.0.10:8443)).
      - When not set, C($LXD_DIR/unix.socket) if the E(LXD_DIR) environment variable is set, else
        C($INCUS_DIR/unix.socket) if E(INCUS_DIR) is, else the first that exists of the LXD snap's socket
        V(/var/snap/lxd/common/lxd/unix.socket), the Debian/Ubuntu LXD package's V(/var/lib/lxd/unix.socket),
        and Incus's V(/var/lib/incus/unix.socket) and V(/run/incus/unix.socket).
      - Falls back to the E(ARMHV_LXD_URL) environment variable.
    type: str
  client_cert:
    description:
      - Client certificate (PEM) presented to an HTTPS URL. The server must trust it.
      - Defaults to the C(lxc) or C(incus) client's C(client.crt) (LXD snap, C(~/.config/lxc) or
        C(~/.config/incus), the first with both files) when present.
      - Falls back to the E(ARMHV_LXD_CLIENT_CERT) environment variable.
    type: path
  client_key:
    description:
      - Private key of O(client_cert). Give both or neither.
      - Falls back to the E(ARMHV_LXD_CLIENT_KEY) environment variable.
    type: path
  server_cert:
    description:
      - Pin the server's certificate (PEM). The connection is accepted only when the server presents
        exactly this certificate, whatever its host name or issuer; O(validate_certs) is then not used.
      - With pylxd older than 2.4 the certificate is used as the CA bundle instead, so the URL's host must
        match a name in it.
      - Falls back to the E(ARMHV_LXD_SERVER_CERT) environment variable.
    type: path
  validate_certs:
    description:
      - Verify the HTTPS server's certificate against the system CAs when O(server_cert) is not set.
    type: bool
    default: true
    aliases: [verify]
  project:
    description:
      - LXD project to work in.
      - Falls back to the E(ARMHV_LXD_PROJECT) environment variable.
    type: str
    default: default
  timeout:
    description:
      - Seconds to wait for an LXD operation (create, start, delete, ...) to finish.
    type: int
    default: 30
requirements:
  - pylxd >= 2.2.10 (Debian 12 C(python3-pylxd)) on the managed node
notes:
  - All LXD modules of this collection belong to the action group C(armhv.hypervisor.lxd), so
    C(module_defaults) can set the connection options once for all of them.
'''

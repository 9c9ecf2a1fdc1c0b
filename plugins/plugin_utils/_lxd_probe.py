# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A read of LXD over its local socket, run on the managed node as `python -c SOURCE ARGS`.

Action plugins send this file's source instead of a module when a read is all they need: with the
standard library only, it starts in a few hundredths of a second, against half a second to a second
for a module (AnsiballZ, ansible.module_utils.basic, pylxd). ARGS is JSON: url and project as the task
gave them (None: the module's environment fallbacks apply), dir_variables and sockets in the order the
modules try them (_lxd.client.resolve_url), and paths, the API paths to read. Prints
{"server": GET /1.0, "reads": [one metadata per path]}; exits 3, printing nothing, when the module
must run instead (a remote url, no socket, an answer that is not 200)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import socket
import sys

try:
    from http.client import HTTPConnection
    from urllib.parse import quote
except ImportError:  # Python 2 on the managed node: the module runs instead.
    sys.exit(3)

MUST_USE_MODULE = 3


class UnixConnection(HTTPConnection):
    def __init__(self, path, timeout):
        HTTPConnection.__init__(self, 'lxd', timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def socket_path(args, environ):
    url = args['url'] if args['url'] is not None else environ.get('ARMHV_LXD_URL')
    if url:
        return url[len('unix:'):] if url.startswith('unix:') else url if url.startswith('/') else None
    for variable in args['dir_variables']:
        if environ.get(variable):
            return os.path.join(environ[variable], 'unix.socket')
    return next((path for path in args['sockets'] if os.path.exists(path)), None)


def read(connection, path):
    connection.request('GET', path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        return None
    return json.loads(body.decode('utf-8')).get('metadata')


def main():
    args = json.loads(sys.argv[1])
    path = socket_path(args, os.environ)
    if path is None:
        sys.exit(MUST_USE_MODULE)
    project = args['project'] or os.environ.get('ARMHV_LXD_PROJECT') or 'default'
    connection = UnixConnection(path, args['timeout'])
    try:
        server = read(connection, '/1.0')
        reads = [read(connection, '/1.0/%s%sproject=%s' % (item, '&' if '?' in item else '?', quote(project)))
                 for item in args['paths']]
    except (IOError, OSError, ValueError):
        sys.exit(MUST_USE_MODULE)
    if server is None or any(found is None for found in reads):
        sys.exit(MUST_USE_MODULE)
    print(json.dumps(dict(server=server, reads=reads)))


if __name__ == '__main__':
    main()

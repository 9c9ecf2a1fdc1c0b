# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The probe action plugins run on the managed node (python -c SOURCE ARGS), against a fake daemon
on a real unix socket."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import socket
import subprocess
import sys
import threading

from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ansible_collections.armhv.hypervisor.plugins.plugin_utils import _lxd_probe


class FakeDaemon(BaseHTTPRequestHandler):
    answers = {}

    def do_GET(self):
        status, body = self.answers.get(self.path, (404, {'error': 'not found'}))
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class UnixHTTPServer(HTTPServer):
    address_family = socket.AF_UNIX

    def server_bind(self):
        self.socket.bind(self.server_address)

    def get_request(self):
        request, dummy = self.socket.accept()
        return request, ('local', 0)


@pytest.fixture
def daemon(tmp_path):
    path = str(tmp_path / 'unix.socket')
    server = UnixHTTPServer(path, FakeDaemon)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield path
    server.shutdown()


def probe(args, environ):
    args = dict(dict(url=None, project=None, timeout=5, dir_variables=['LXD_DIR', 'INCUS_DIR'],
                     sockets=['/nonexistent/unix.socket'], paths=['instances?recursion=1']), **args)
    done = subprocess.run([sys.executable, _lxd_probe.__file__, json.dumps(args)], env=environ,
                          capture_output=True, text=True, timeout=30, check=False)
    return done.returncode, done.stdout


def test_the_probe_reads_the_socket_the_modules_would(daemon):
    FakeDaemon.answers = {'/1.0': (200, {'metadata': {'environment': {'server': 'incus'}}}),
                          '/1.0/instances?recursion=1&project=web': (200, {'metadata': [{'name': 'a'}]})}
    folder = os.path.dirname(daemon)
    rc, out = probe({}, dict(INCUS_DIR=folder, ARMHV_LXD_PROJECT='web'))
    assert rc == 0 and json.loads(out) == dict(server={'environment': {'server': 'incus'}}, reads=[[{'name': 'a'}]])
    rc, out = probe(dict(url='unix:' + daemon, project='web'), {})
    assert rc == 0
    rc, out = probe(dict(sockets=['/nonexistent/unix.socket', daemon], project='web'), {})
    assert rc == 0


@pytest.mark.parametrize('args, environ', [
    (dict(url='https://198.18.0.1:8443'), {}),
    (dict(), dict(ARMHV_LXD_URL='https://198.18.0.1:8443')),
    (dict(), {}),
    (dict(project='other'), 'daemon'),
])
def test_the_probe_leaves_it_to_the_module(daemon, args, environ):
    FakeDaemon.answers = {'/1.0': (200, {'metadata': {}})}
    environ = dict(LXD_DIR=os.path.dirname(daemon)) if environ == 'daemon' else environ
    rc, out = probe(args, environ)
    assert rc == _lxd_probe.MUST_USE_MODULE and out == ''

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""LXD access shared by every LXD-backed module and the management API: connection, raw API calls.

No Ansible import here: the management API (api/armhv_api) runs this file without Ansible."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import os
import re
import ssl
import traceback

from urllib.parse import quote

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Busy, DaemonRefused, InvalidRequest, LxdConnectionError, NotFound)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import DIR_VARIABLES, SOCKETS, server_identity
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import check_seconds

PYLXD_IMPORT_ERROR = None
try:
    import pylxd
    import pylxd.client
    import pylxd.exceptions
    import requests
except ImportError:
    PYLXD_IMPORT_ERROR = traceback.format_exc()

LXC_CLIENT_DIRS = ('~/snap/lxd/common/config', '~/.config/lxc', '~/.config/incus')


def resolve_url(url, environ, exists=os.path.exists):
    """Return ('unix', socket path) or ('https', url) for the url option and environment."""
    if url:
        if url.startswith('unix:'):
            return 'unix', url[len('unix:'):]
        if url.startswith('/'):
            return 'unix', url
        if url.startswith('https://'):
            return 'https', url.rstrip('/')
        raise InvalidRequest('url must be a unix socket path, unix:/path or https://host[:port], not %r' % url)
    for variable in DIR_VARIABLES:
        if environ.get(variable):
            return 'unix', os.path.join(environ[variable], 'unix.socket')
    for path in SOCKETS:
        if exists(path):
            return 'unix', path
    raise LxdConnectionError('no LXD or Incus socket found (tried %s); is either installed and running? '
                             'Set url to reach another one' % ', '.join(SOCKETS))


def default_client_files(exists=os.path.exists):
    """The lxc command's own client certificate and key, when present."""
    for folder in LXC_CLIENT_DIRS:
        cert = os.path.expanduser(os.path.join(folder, 'client.crt'))
        key = os.path.expanduser(os.path.join(folder, 'client.key'))
        if exists(cert) and exists(key):
            return cert, key
    return None, None


def read_pem(path, option='server_cert'):
    """A PEM certificate file's text, checked to be one."""
    try:
        with open(path) as handle:
            return check_pem(handle.read(), option + ' ' + path)
    except (IOError, OSError) as exc:
        raise InvalidRequest('cannot read %s %s: %s' % (option, path, exc))


def pem_text(value, option):
    """A certificate given as PEM text or as the path of a PEM file, as PEM text."""
    if '-----BEGIN' not in value:
        return read_pem(value, option)
    return check_pem(value, option)


def check_pem(pem, what):
    # Loading it as a CA makes OpenSSL parse the whole certificate, not only its base64.
    try:
        ssl.create_default_context(cadata=pem.strip() + '\n')
    except (ssl.SSLError, ValueError) as exc:
        raise InvalidRequest('%s is not a PEM certificate: %s' % (what, exc))
    return pem.strip() + '\n'


def pem_fingerprint(pem):
    """SHA-256 fingerprint of a PEM certificate, as urllib3's assert_fingerprint and LXD spell it."""
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()


def cert_fingerprint(path):
    return pem_fingerprint(read_pem(path))


def https_session(verify, cert, fingerprint=None):
    """A requests session that verifies exactly as told: against CAs (verify: True or a CA path), not
    at all (False), or against one pinned certificate (fingerprint), whatever its name or CA.

    requests lets REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE override session.verify, so the adapter sets
    verify on every request itself."""
    adapter_base = requests.adapters.HTTPAdapter
    verify = False if fingerprint else verify

    class StrictAdapter(adapter_base):
        def init_poolmanager(self, *args, **kwargs):
            if fingerprint:
                kwargs['assert_fingerprint'] = fingerprint
            return adapter_base.init_poolmanager(self, *args, **kwargs)

        def send(self, request, **kwargs):
            kwargs['verify'] = verify
            return adapter_base.send(self, request, **kwargs)

    session = requests.Session()
    session.mount('https://', StrictAdapter())
    session.verify = verify
    session.cert = cert
    return session


def _client_kwargs(params, kind, target, server_pem=None):
    if kind == 'unix':
        return dict(endpoint='http+unix://' + quote(target, safe=''))
    cert, key = params.get('client_cert'), params.get('client_key')
    if not cert and not key:
        cert, key = default_client_files()
    if bool(cert) != bool(key):
        raise InvalidRequest('client_cert and client_key must be given together')
    pair = (cert, key) if cert else None
    if params.get('server_cert') and not server_pem:
        server_pem = read_pem(params['server_cert'])
    fingerprint = pem_fingerprint(server_pem) if server_pem else None
    return dict(endpoint=target, cert=pair, verify=params['validate_certs'],
                session=https_session(params['validate_certs'], pair, fingerprint))


NO_SERVER_CERT = (' -- the daemon\'s certificate is signed by no CA this machine trusts, and no server_cert was '
                  'given: set server_cert to the daemon\'s certificate (its server.crt) to pin it')


def lxd_connect(params, url=None, server_pem=None):
    """Connect with the shared connection options; return an LxdApi.

    url and server_pem reach another LXD (a cluster member) with the same client certificate."""
    check_seconds('timeout', params['timeout'])
    kind, target = resolve_url(url or params.get('url'), os.environ)
    kwargs = _client_kwargs(params, kind, target, server_pem)
    root = _api_root(kwargs, params['timeout'] + 10)
    api = LxdApi(root, params.get('project') or 'default', params['timeout'], target, kwargs.get('session'))
    # Which daemon this is, first: every later message names it.
    try:
        api.server()
    except LxdConnectionError as exc:
        if kind == 'https' and not (server_pem or params.get('server_cert')) and 'CERTIFICATE_VERIFY_FAILED' in exc.msg:
            raise exc.reworded(exc.msg + NO_SERVER_CERT)
        raise
    # A daemon answers 404 for anything in a missing project, which would read as "no such object".
    if api.project != 'default' and api.get('projects/%s' % api.project) is None:
        raise NotFound('%s project %r does not exist' % (api.name, api.project), 'project', api.project)
    return api


def _api_root(kwargs, timeout):
    """pylxd's API node for /1.0 (what pylxd.Client().api is).

    pylxd.Client() also builds a manager per object type, importing every pylxd model: 30 ms of each
    task's run for objects we never use. So the node is built directly when its constructor has a
    shape we know (pylxd 2.2/2.3: cert and verify; 2.4+: a session), else through pylxd.Client()."""
    node = getattr(pylxd.client, '_APINode', None)
    shape = _init_parameters(node)
    url = kwargs['endpoint'] + '/1.0'
    if 'session' in shape and hasattr(pylxd.client, 'get_session_for_url'):
        session = kwargs.get('session') or pylxd.client.get_session_for_url(kwargs['endpoint'])
        return node(url, session=session, timeout=timeout)
    if 'cert' in shape:
        return node(url, cert=kwargs.get('cert'), verify=kwargs.get('verify', True), timeout=timeout)
    try:
        return pylxd.Client(timeout=timeout, **dict((k, v) for k, v in kwargs.items() if k != 'session')).api
    except pylxd.exceptions.ClientConnectionFailed as exc:
        raise LxdConnectionError('cannot connect to LXD at %s: %s' % (kwargs['endpoint'], exc))


def _init_parameters(cls):
    try:
        from inspect import signature
        return signature(cls.__init__).parameters
    except (ImportError, ValueError, TypeError, AttributeError):
        return {}


def config_sent_with(body, text):
    """The config keys of a request whose values a refusal quotes without naming the key ("Invalid
    value: lots"), as key=value; '' when the refusal names its key or quotes no value of ours."""
    config = body.get('config') if isinstance(body, dict) else None
    if not isinstance(config, dict):
        return ''
    named = []
    for key, value in sorted(config.items()):
        if not isinstance(value, str) or len(value) < 2 or key in text:
            continue
        if re.search(r'(:\s*|")%s("|\s*$)' % re.escape(value), text):
            named.append('%s=%s' % (key, value))
    return ', '.join(named)


BUSY = re.compile(r'\bis busy running an? ')


def refusal(msg, status=None, method=None):
    """The daemon's error as its kind: Busy when it holds the object's lock for another operation. The
    daemon says so only in its text ("Instance is busy running a ... operation", answered 500 like any
    other failure), so this is the one place that reads it."""
    kind = Busy if BUSY.search(msg) else DaemonRefused
    return kind(msg, status=status, method=method)


def _lxd_error_text(exc):
    response = getattr(exc, 'response', None)
    try:
        return response.json().get('error') or str(exc)
    except Exception:  # a response that is not LXD's JSON: say what we have
        return str(exc) or exc.__class__.__name__


class LxdApi:
    """Raw LXD REST calls over pylxd's transport, with project and operation handling."""

    def __init__(self, root, project, timeout, where, session=None):
        self._root = root
        self.project = project
        self.timeout = timeout
        self.where = where
        self._session = session
        self._server = None

    def _node(self, path):
        node = self._root
        for part in path.strip('/').split('/') if path.strip('/') else []:
            node = node[part]
        if self._session is not None:
            # pylxd before 2.4 makes a plain session per node: send over ours, which verifies as told.
            node.session = self._session
        return node

    def call(self, method, path, body=None, params=None, wait=None):
        """Send one request; wait for an async operation up to `wait` (default: timeout) seconds."""
        try:
            data = self._send(method, path, body, params, wait or self.timeout)
            return None if data is None else self._finish(data, wait or self.timeout)
        except ArmhvError as exc:
            named = config_sent_with(body, exc.msg)
            if named:
                raise exc.reworded(exc.msg + ' (the config key sent with that value: %s)' % named)
            raise

    def start(self, method, path, body=None):
        """Send one request; return its operation's JSON without waiting for it to end.

        For operations that run until something else uses them, such as cluster join tokens."""
        data = self._send(method, path, body, None, self.timeout)
        return None if data is None else data.get('metadata')

    def upload(self, path, handle, wait=None):
        """POST an open file as the request's body (an image import); wait for its operation."""
        data = self._send('POST', path, None, None, wait or self.timeout, upload=handle)
        return None if data is None else self._finish(data, wait or self.timeout)

    def _send(self, method, path, body, params, wait, upload=None):
        # A request may name another project than the connection's (the inventory lists them all).
        query = dict(dict(project=self.project), **(params or {}))
        kwargs = dict(params=query, timeout=wait + 10)
        if body is not None:
            kwargs['json'] = body
        if upload is not None:
            kwargs.update(data=upload, headers={'Content-Type': 'application/octet-stream'})
        try:
            response = getattr(self._node(path), method.lower())(**kwargs)
        except pylxd.exceptions.NotFound as exc:
            # A missing object reads as None, and deleting one is done; a 404 on a change is a failure
            # (a create that names a missing image or project must not pass for a success).
            if method in ('GET', 'DELETE'):
                return None
            raise DaemonRefused('%s %s /1.0/%s failed: %s' % (self.name, method, path, _lxd_error_text(exc)),
                                status=404, method=method)
        except pylxd.exceptions.LXDAPIException as exc:
            # LXD answers 500 both for its own failure (its database closing as it stops) and for a change
            # it refuses (a pool driver whose tools are missing): callers tell them apart (see the API).
            raise refusal('%s %s /1.0/%s failed: %s' % (self.name, method, path, _lxd_error_text(exc)),
                          getattr(getattr(exc, 'response', None), 'status_code', None), method)
        except requests.exceptions.ConnectionError as exc:
            # Also TLS failures: no request reached the daemon.
            raise LxdConnectionError('cannot connect to %s at %s: %s' % (self.name, self.where, exc))
        except requests.exceptions.RequestException as exc:
            raise ArmhvError('%s %s /1.0/%s failed: %s' % (self.name, method, path, exc))
        return response.json()

    def get(self, path, params=None):
        """Metadata of a GET, or None when LXD answers 404."""
        return self.call('GET', path, params=params)

    @property
    def name(self):
        """LXD or Incus, for messages; LXD until the daemon has said otherwise."""
        return 'Incus' if self._server is not None and self.identity()['server'] == 'incus' else 'LXD'

    def server(self):
        """GET /1.0, read once per connection: which daemon answered, its version, its config."""
        if self._server is None:
            self._server = self.get('') or {}
        return self._server

    def identity(self):
        """server (lxd or incus) and server_version, for every module's result."""
        return server_identity(self.server())

    def _finish(self, data, wait):
        if data.get('type') != 'async':
            return data.get('metadata')
        # Clustered LXD appends ?project=... to the operation's URL.
        op_id = data['operation'].split('?', 1)[0].rstrip('/').rsplit('/', 1)[-1]
        result = self.call('GET', 'operations/%s/wait' % op_id, params={'timeout': wait}, wait=wait)
        if result is None:
            raise ArmhvError('%s operation %s vanished before it could be waited for' % (self.name, op_id))
        status = result.get('status')
        if status == 'Success':
            return result
        if status in ('Running', 'Pending'):
            raise ArmhvError('%s operation %s (%s) did not finish within %s seconds'
                             % (self.name, op_id, result.get('description'), wait))
        raise refusal('%s operation %s failed: %s' % (self.name, result.get('description'),
                                                      result.get('err') or status))

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import ssl

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd import client as lxd
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Busy, DaemonRefused, InvalidRequest, LxdConnectionError, NotFound)
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import DEB_SOCKET, INCUS_SOCKETS, SNAP_SOCKET
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd, FakeNode

SNAP, DEB = SNAP_SOCKET, DEB_SOCKET
INCUS, INCUS_RUN = INCUS_SOCKETS


@pytest.mark.parametrize('url, environ, existing, expected', [
    ('unix:/run/lxd.sock', {}, [], ('unix', '/run/lxd.sock')),
    ('/run/lxd.sock', {}, [], ('unix', '/run/lxd.sock')),
    ('https://198.18.0.10:8443/', {}, [], ('https', 'https://198.18.0.10:8443')),
    (None, {'LXD_DIR': '/srv/lxd1'}, [SNAP, DEB], ('unix', '/srv/lxd1/unix.socket')),
    (None, {}, [SNAP, DEB], ('unix', SNAP)),
    (None, {}, [DEB], ('unix', DEB)),
    ('unix:/explicit', {'LXD_DIR': '/srv/lxd1'}, [], ('unix', '/explicit')),
    (None, {'INCUS_DIR': '/srv/incus1'}, [DEB, INCUS], ('unix', '/srv/incus1/unix.socket')),
    (None, {'LXD_DIR': '/srv/lxd1', 'INCUS_DIR': '/srv/incus1'}, [], ('unix', '/srv/lxd1/unix.socket')),
    (None, {'LXD_DIR': ''}, [INCUS], ('unix', INCUS)),
    (None, {}, [DEB, INCUS], ('unix', DEB)),
    (None, {}, [INCUS, INCUS_RUN], ('unix', INCUS)),
    (None, {}, [INCUS_RUN], ('unix', INCUS_RUN)),
])
def test_resolve_url(url, environ, existing, expected):
    assert lxd.resolve_url(url, environ, exists=lambda p: p in existing) == expected


@pytest.mark.parametrize('url, message', [
    (None, 'no LXD or Incus socket found'),
    ('http://198.18.0.10:8443', 'url must be a unix socket path'),
    ('lxd.example', 'url must be'),
])
def test_resolve_url_refuses(url, message):
    with pytest.raises(ArmhvError, match=message):
        lxd.resolve_url(url, {}, exists=lambda p: False)


def test_default_client_files_prefers_snap(tmp_path, monkeypatch):
    monkeypatch.setenv('HOME', str(tmp_path))
    assert lxd.default_client_files() == (None, None)
    for folder in ('.config/lxc', 'snap/lxd/common/config'):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / 'client.crt').write_text(u'c')
        (tmp_path / folder / 'client.key').write_text(u'k')
    assert lxd.default_client_files()[0] == str(tmp_path / 'snap/lxd/common/config/client.crt')


def test_default_client_files_finds_incus(tmp_path, monkeypatch):
    monkeypatch.setenv('HOME', str(tmp_path))
    (tmp_path / '.config/incus').mkdir(parents=True)
    (tmp_path / '.config/incus/client.crt').write_text(u'c')
    assert lxd.default_client_files() == (None, None)
    (tmp_path / '.config/incus/client.key').write_text(u'k')
    assert lxd.default_client_files() == (str(tmp_path / '.config/incus/client.crt'),
                                          str(tmp_path / '.config/incus/client.key'))


@pytest.mark.parametrize('server, version', [('incus', '6.0.4'), ('lxd', '5.0.2')])
def test_identity_reads_the_server_once(server, version):
    fake = FakeLxd()
    fake.server, fake.server_version = server, version
    api = api_for(fake)
    assert api.identity() == dict(server=server, server_version=version)
    assert api.identity() == dict(server=server, server_version=version)
    assert [r for r in fake.requests if r == ('GET', '')] == [('GET', '')]


# A throwaway self-signed certificate (its key was never kept). The fingerprint is the SHA-256 of its DER form.
CERT = u'''-----BEGIN CERTIFICATE-----
MIIBjDCCATGgAwIBAgIUar6QuVaIXNNtEuePmfTPCk8lhCowCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPYXJtaHYtdW5pdC10ZXN0MCAXDTI2MTEyNTIwMzUxMFoYDzIx
MjYxMTAxMjAzNTEwWjAaMRgwFgYDVQQDDA9hcm1odi11bml0LXRlc3QwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAT1IsBI5n8Zf/iCrQxiTuPKh83sEODcp3kHbCW4
dZGM52wUtaiP+2zGVGGCH0NNg2UhibvyP+S6FCp6f4olV7Wco1MwUTAdBgNVHQ4E
FgQU2ylZKxiO4aPAY5VQU5HqzbM3HkowHwYDVR0jBBgwFoAU2ylZKxiO4aPAY5VQ
U5HqzbM3HkowDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA4T3C
/StedzcCfIyDXl7W1lynvMcuNlwncJIDnxAGBiYCIQCXvCZFCN6h9Lu/MzdqOFn6
PU6qiTtWwpkVeV6LsDh7jQ==
-----END CERTIFICATE-----
'''
DER = ssl.PEM_cert_to_DER_cert(CERT)


def test_cert_fingerprint(tmp_path):
    path = tmp_path / 'server.crt'
    path.write_text(CERT)
    assert lxd.cert_fingerprint(str(path)) == hashlib.sha256(DER).hexdigest()
    with pytest.raises(ArmhvError, match='cannot read server_cert'):
        lxd.cert_fingerprint(str(tmp_path / 'missing.crt'))


def params(**extra):
    base = dict(url='/fake/unix.socket', client_cert=None, client_key=None, server_cert=None,
                validate_certs=True, project='default', timeout=30)
    base.update(extra)
    return base


def test_client_kwargs_for_a_socket_quote_the_path():
    kwargs = lxd._client_kwargs(params(), 'unix', '/var/lib/lxd/unix.socket')
    assert kwargs == {'endpoint': 'http+unix://%2Fvar%2Flib%2Flxd%2Funix.socket'}


def test_client_kwargs_for_https(tmp_path, monkeypatch):
    monkeypatch.setenv('HOME', str(tmp_path))
    server = tmp_path / 'server.crt'
    server.write_text(CERT)
    kwargs = lxd._client_kwargs(params(client_cert='/c.crt', client_key='/c.key', server_cert=str(server)),
                                'https', 'https://198.18.0.10:8443')
    assert kwargs['cert'] == ('/c.crt', '/c.key')
    assert kwargs['session'].verify is False, 'the pinned fingerprint replaces CA verification'
    assert kwargs['session'].cert == ('/c.crt', '/c.key')
    with pytest.raises(ArmhvError, match='given together'):
        lxd._client_kwargs(params(client_cert='/c.crt'), 'https', 'https://h')


def test_connect_checks_a_named_project(mocker):
    fake = FakeLxd()
    mocker.patch.object(lxd.pylxd.client, '_APINode', fake.node_class())
    assert lxd.lxd_connect(params()).project == 'default'
    assert fake.requests == [('GET', '')], 'which daemon it is, and no project check for the default one'
    with pytest.raises(NotFound, match="project 'other' does not exist") as failed:
        lxd.lxd_connect(params(project='other'))
    assert failed.value.result()['missing'] == dict(type='project', name='other')
    fake.add_project('other')
    assert lxd.lxd_connect(params(project='other')).project == 'other'


def test_connect_builds_pylxd_24_node_with_a_session(mocker):
    fake = FakeLxd()
    mocker.patch.object(lxd.pylxd.client, '_APINode', fake.node_class('session'))
    client = mocker.patch.object(lxd.pylxd, 'Client')
    lxd.lxd_connect(params(timeout=5))
    assert fake.connected['url'] == 'http+unix://%2Ffake%2Funix.socket/1.0'
    assert fake.connected['timeout'] == 15 and fake.connected['session'] is not None
    assert not client.called, 'no pylxd.Client: its model managers cost 30 ms a task'


def test_connect_builds_pylxd_22_node_and_sends_over_the_pinned_session(mocker, tmp_path):
    fake = FakeLxd()
    mocker.patch.object(lxd.pylxd.client, '_APINode', fake.node_class('cert'))
    server = tmp_path / 'server.crt'
    server.write_text(CERT)
    api = lxd.lxd_connect(params(url='https://198.18.0.10:8443', client_cert='/c.crt', client_key='/c.key',
                                 server_cert=str(server)))
    assert fake.connected['url'] == 'https://198.18.0.10:8443/1.0'
    assert fake.connected['cert'] == ('/c.crt', '/c.key')
    pinned = api._node('instances/a').session
    assert pinned.get_adapter('https://198.18.0.10:8443').init_poolmanager is not None
    assert pinned is api._node('cluster').session, 'every request goes over the one pinned session'


def test_https_session_verifies_as_told_whatever_the_environment(mocker, monkeypatch):
    # requests would let these override session.verify (it did: pinning and validate_certs=false failed).
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt')
    monkeypatch.setenv('CURL_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt')
    send = mocker.patch.object(lxd.requests.adapters.HTTPAdapter, 'send', side_effect=RuntimeError('sent'))
    for verify, fingerprint, expected in ((False, None, False), (True, None, True), (True, 'ab' * 32, False)):
        with pytest.raises(RuntimeError, match='sent'):
            lxd.https_session(verify, None, fingerprint).get('https://198.18.0.10:8443/1.0')
        assert send.call_args[1]['verify'] is expected


def test_https_session_pins_the_fingerprint():
    session = lxd.https_session(True, ('/c.crt', '/c.key'), 'ab' * 32)
    adapter = session.get_adapter('https://198.18.0.10:8443')
    assert adapter.poolmanager.connection_pool_kw['assert_fingerprint'] == 'ab' * 32
    assert session.cert == ('/c.crt', '/c.key')
    plain = lxd.https_session(True, None).get_adapter('https://h')
    assert 'assert_fingerprint' not in plain.poolmanager.connection_pool_kw


def test_pem_text_takes_text_or_a_path_and_parses_the_whole_certificate(tmp_path):
    path = tmp_path / 'cluster.crt'
    path.write_text(CERT)
    assert lxd.pem_text(str(path), 'cluster_cert') == lxd.pem_text(CERT, 'cluster_cert') == CERT.strip() + '\n'
    with pytest.raises(ArmhvError, match='cluster_cert is not a PEM certificate'):
        lxd.pem_text('-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----', 'cluster_cert')
    with pytest.raises(ArmhvError, match='cannot read cluster_cert /missing'):
        lxd.pem_text('/missing', 'cluster_cert')


def test_operation_urls_with_a_project_query_are_waited_for():
    fake = FakeLxd()
    fake.operation_suffix = '?project=default'
    fake.add_instance('a', status='Stopped')
    api = lxd.LxdApi(FakeNode(fake, ''), 'default', 30, 'x')
    api.call('PUT', 'instances/a/state', dict(action='start'))
    assert ('GET', 'operations/%s/wait' % fake.last_operation) in fake.requests


def test_connect_falls_back_to_pylxd_client_for_unknown_node_shapes(mocker):
    class Unknown:
        def __init__(self, anything):
            pass
    mocker.patch.object(lxd.pylxd.client, '_APINode', Unknown)
    client = mocker.patch.object(lxd.pylxd, 'Client')
    assert lxd.lxd_connect(params())._root is client.return_value.api
    client.side_effect = lxd.pylxd.exceptions.ClientConnectionFailed('refused')
    with pytest.raises(ArmhvError, match='cannot connect to LXD at http.unix://%2Ffake%2Funix.socket: refused'):
        lxd.lxd_connect(params())


def test_unreachable_lxd_is_a_clear_error(mocker):
    fake = FakeLxd()
    fake.unreachable = True
    api = lxd.LxdApi(FakeNode(fake, ''), 'default', 30, '/var/lib/lxd/unix.socket')
    with pytest.raises(ArmhvError, match='cannot connect to LXD at /var/lib/lxd/unix.socket: .*refused'):
        api.get('instances/a')


def api_for(fake):
    return lxd.LxdApi(FakeNode(fake, ''), 'default', 30, '/fake/unix.socket')


def test_call_waits_for_operations_and_reports_failures():
    fake = FakeLxd()
    fake.add_instance('a', status='Stopped')
    api = api_for(fake)
    assert api.call('PUT', 'instances/a/state', {'action': 'start'})['status'] == 'Success'
    assert fake.requests[-1] == ('GET', 'operations/op1/wait')
    fake.instances['a']['start_fails'] = True
    with pytest.raises(ArmhvError, match='Failed to start device'):
        api.call('PUT', 'instances/a/state', {'action': 'restart'})


def test_call_not_found_is_none_and_errors_carry_lxd_text():
    fake = FakeLxd()
    api = api_for(fake)
    assert api.get('instances/missing', params={'recursion': 1}) is None
    fake.add_instance('a')
    fake.fail_next[('PUT', 'instances/a')] = 'Invalid devices: boom'
    with pytest.raises(ArmhvError, match='LXD PUT /1.0/instances/a failed: Invalid devices: boom'):
        api.call('PUT', 'instances/a', {})


def test_errors_carry_the_status_lxd_answered():
    fake = FakeLxd()
    api = api_for(fake)
    fake.fail_next[('GET', 'instances')] = (500, 'Failed to begin transaction: sql: database is closed')
    with pytest.raises(DaemonRefused) as failed:
        api.get('instances')
    assert failed.value.status == 500 and 'database is closed' in failed.value.msg
    assert failed.value.method == 'GET' and failed.value.result() == dict(msg=failed.value.msg, error='refused')
    fake.add_instance('a')
    fake.fail_next[('PUT', 'instances/a')] = 'Invalid devices: boom'
    with pytest.raises(DaemonRefused) as failed:
        api.call('PUT', 'instances/a', {})
    assert failed.value.status == 400 and not isinstance(failed.value, Busy)


def test_a_busy_lock_is_its_own_kind():
    fake = FakeLxd()
    fake.add_instance('a')
    api = api_for(fake)
    fake.fail_next[('DELETE', 'instances/a')] = (500, 'Instance is busy running a "stop" operation')
    with pytest.raises(Busy) as failed:
        api.call('DELETE', 'instances/a')
    assert failed.value.result()['error'] == 'busy'
    fake.fail_next[('DELETE', 'instances/a')] = (500, 'Device or resource busy')
    with pytest.raises(DaemonRefused) as failed:
        api.call('DELETE', 'instances/a')
    assert not isinstance(failed.value, Busy)


@pytest.mark.parametrize('daemon, name', [('lxd', 'LXD'), ('incus', 'Incus')])
def test_errors_name_the_daemon_once_it_has_answered(daemon, name):
    fake = FakeLxd()
    fake.server = daemon
    fake.add_instance('a')
    api = api_for(fake)
    fake.fail_next[('PUT', 'instances/a')] = 'Invalid devices: boom'
    with pytest.raises(ArmhvError, match='^LXD PUT /1.0/instances/a failed'):
        api.call('PUT', 'instances/a', {})
    api.server()
    fake.fail_next[('PUT', 'instances/a')] = 'Invalid devices: boom'
    with pytest.raises(ArmhvError, match='^%s PUT /1.0/instances/a failed: Invalid devices: boom' % name):
        api.call('PUT', 'instances/a', {})


def test_operation_still_running_is_a_timeout():
    fake = FakeLxd()
    fake.add_instance('a', status='Stopped')
    api = api_for(fake)
    api.call('PUT', 'instances/a/state', {'action': 'start'})
    fake._ops['op1']['status'] = 'Running'
    with pytest.raises(ArmhvError, match='did not finish within 5 seconds'):
        api._finish({'type': 'async', 'operation': '/1.0/operations/op1'}, 5)


def test_not_found_on_a_change_is_an_error_not_a_success():
    fake = FakeLxd()
    fake._post_instances = lambda rest, kwargs: fake._error(404, 'Image "nope" not found')
    with pytest.raises(ArmhvError, match='LXD POST /1.0/instances failed: Image "nope" not found'):
        api_for(fake).call('POST', 'instances', {'name': 'a'})
    assert api_for(fake).call('DELETE', 'instances/missing') is None


@pytest.mark.parametrize('text, named', [
    ('Failed creating instance record: Invalid value: lots', 'limits.memory=lots'),
    ('Invalid config: Invalid value for a boolean "maybe"', 'boot.autostart=maybe'),
    ('Invalid config: Unknown configuration key: user.x lots', ''),  # names nothing of ours by value
    ('Invalid value for limits.memory: lots', ''),  # the refusal names the key itself
])
def test_a_refusal_that_quotes_a_value_names_the_key_sent_with_it(text, named):
    body = dict(config={'limits.memory': 'lots', 'boot.autostart': 'maybe', 'limits.cpu': '2'})
    assert lxd.config_sent_with(body, text) == named


def test_an_unverified_https_daemon_without_server_cert_is_told_to_pin_it(mocker):
    fake = FakeLxd()
    mocker.patch.object(lxd.pylxd.client, '_APINode', fake.node_class('session'))
    refusal = 'cannot connect to LXD at https://198.18.0.10:8443: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed'
    mocker.patch.object(lxd.LxdApi, 'server', side_effect=LxdConnectionError(refusal))
    given = params(url='https://198.18.0.10:8443', client_cert='/c.crt', client_key='/c.key')
    with pytest.raises(LxdConnectionError, match='CERTIFICATE_VERIFY_FAILED.*set server_cert'):
        lxd.lxd_connect(given)
    mocker.patch.object(lxd.LxdApi, 'server', side_effect=LxdConnectionError('cannot connect: refused'))
    with pytest.raises(LxdConnectionError) as raised:
        lxd.lxd_connect(given)
    assert 'server_cert' not in raised.value.msg


@pytest.mark.parametrize('timeout', [0, -1, 86401, 10 ** 30, float('1e309'), '30', True])
def test_a_timeout_out_of_range_is_refused_before_connecting(timeout):
    with pytest.raises(InvalidRequest, match='^timeout must be a whole number from 1 to 86400 seconds'):
        lxd.lxd_connect(params(url='/nowhere/unix.socket', timeout=timeout))

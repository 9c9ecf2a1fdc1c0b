# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""remote:alias images: the remotes a task declares, the built-in images remote per daemon, and the
source the daemon is sent (it downloads; nothing here contacts a remote)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import ensure_instance, ensure_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.remotes import checked_remotes, image_fields
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
MIRROR = {'mirror': {'server': 'https://198.18.30.1:8443/', 'certificate': PEM}}


def test_local_names_stay_local_and_remotes_are_split():
    assert image_fields('busybox', {}) == dict(image='busybox', image_remote=None)
    assert image_fields('images:debian/12/arm64', {}) == dict(
        image='debian/12/arm64', image_remote='images', image_server=None, image_protocol='simplestreams',
        image_certificate=None)
    declared = image_fields('mirror:debian/12', checked_remotes(MIRROR))
    assert declared['image_server'] == 'https://198.18.30.1:8443' and declared['image_certificate'] == PEM


@pytest.mark.parametrize('image, remotes, words', [
    ('nowhere:debian/12', {}, 'names remote nowhere, which is not declared (remotes: images)'),
    ('images:../etc', {}, 'invalid image'),
    ('mirror:x', {'mirror': {'server': 'http://198.18.30.1'}}, 'remotes.mirror.server must be an https:// URL'),
    ('mirror:x', {'mirror': {'server': 'https://a', 'protocol': 'ftp'}}, 'protocol must be simplestreams or lxd'),
    ('mirror:x', {'mirror': {'server': 'https://a', 'certificate': 'x'}}, 'PEM certificate'),
    ('mirror:x', {'mirror': {'server': 'https://a', 'user': 'x'}}, 'unknown keys user'),
    ('mirror:x', {'bad name': {'server': 'https://a'}}, 'invalid remote name'),
])
def test_bad_remotes_and_names_are_refused(image, remotes, words):
    with pytest.raises(InvalidRequest) as caught:
        image_fields(image, checked_remotes(remotes))
    assert words in caught.value.msg


def test_a_remote_and_image_server_together_are_refused():
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(dict(name='web1', image='images:debian/12', image_server='https://a'))
    assert 'give one of them' in caught.value.msg


@pytest.mark.parametrize('server, url', [('lxd', 'https://images.lxd.canonical.com'),
                                         ('incus', 'https://images.linuxcontainers.org')])
def test_the_images_remote_is_the_daemons_own_server(server, url):
    fake = FakeLxd()
    fake.server = server
    predicted = ensure_instance(fake.client(), request_from_params(dict(name='web1', image='images:debian/12')), True)
    assert predicted['actions'] == ['create', 'start'] and fake.mutations() == []
    ensure_instance(fake.client(), request_from_params(dict(name='web1', image='images:debian/12')), False)
    assert fake.created_from == dict(type='image', mode='pull', server=url, protocol='simplestreams',
                                     alias='debian/12', target=None)


def test_a_declared_remote_sends_its_certificate_and_protocol():
    fake = FakeLxd()
    remotes = dict(MIRROR, other={'server': 'https://198.18.30.2:8443', 'protocol': 'lxd'})
    ensure_instance(fake.client(), request_from_params(dict(name='a', image='mirror:debian/12', remotes=remotes)), False)
    assert fake.created_from['certificate'] == PEM and fake.created_from['server'] == 'https://198.18.30.1:8443'
    ensure_instance(fake.client(), request_from_params(dict(name='b', image='other:' + 'c' * 64, remotes=remotes)), False)
    assert fake.created_from['protocol'] == 'lxd' and fake.created_from['fingerprint'] == 'c' * 64


def test_images_by_architecture_may_name_a_remote():
    fake = FakeLxd()
    fake.members = ['node1', 'node2']
    fake.member_architectures = {'node2': 'x86_64'}
    requests = [request_from_params(dict(name='there', target='node2', remotes=MIRROR))]
    results = ensure_instances(fake.client(), requests, False, images={'aarch64': 'busybox', 'x86_64': 'mirror:debian/12/amd64'})
    assert not results[0]['failed'], results[0]['msg']
    assert fake.created_from['alias'] == 'debian/12/amd64' and fake.created_from['target'] == 'node2'
    assert fake.created_from['server'] == 'https://198.18.30.1:8443'

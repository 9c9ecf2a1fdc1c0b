# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""image's request, the simplestreams index as the daemons read it, and ensure_image through the one
client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, InvalidRequest, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.ops import ensure_image, list_images
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.plan import stream_fingerprint, version_fingerprint
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

A, B, C = 'a' * 64, 'b' * 64, 'c' * 64


def product(arch, versions, aliases='debian/12'):
    return dict(aliases=aliases, arch=arch, versions=versions)


def combined(sha):
    return {'items': {'lxd_combined.tar.gz': dict(ftype='lxd_combined.tar.gz', sha256=sha)}}


PRODUCTS = {'products': {
    'debian:12:amd64': product('amd64', {'20261201': combined(A)}),
    'debian:12:arm64': product('arm64', {
        '20261201': combined(B),
        # The newest version wins; split images have their fingerprint on the metadata item.
        '20261205': {'items': {'lxd.tar.xz': {'ftype': 'lxd.tar.xz', 'combined_squashfs_sha256': C},
                               'root.squashfs': {'ftype': 'squashfs'}}}}),
    'debian:12:arm64:vm': product('arm64', {'20261207': {'items': {'disk.qcow2': {'ftype': 'disk-kvm.img'}}}}),
}}


def test_the_newest_container_image_of_the_alias_for_the_architecture():
    assert stream_fingerprint(PRODUCTS, 'debian/12', 'aarch64', 'https://s') == C
    assert stream_fingerprint(PRODUCTS, 'debian/12', 'x86_64', 'https://s') == A
    assert version_fingerprint({'x': {'ftype': 'incus_combined.tar.gz', 'sha256': A}}) == A
    assert version_fingerprint({'x': {'ftype': 'root.tar.xz'}}) is None


def test_what_the_server_lacks_is_named():
    with pytest.raises(NotFound) as caught:
        stream_fingerprint(PRODUCTS, 'debian/12', 's390x', 'https://s')
    assert caught.value.msg == 'https://s has alias debian/12 for aarch64, x86_64 only, not s390x'
    with pytest.raises(NotFound) as caught:
        stream_fingerprint(PRODUCTS, 'debian/13', 'aarch64', 'https://s')
    assert 'no container image with alias debian/13' in caught.value.msg


@pytest.mark.parametrize('params, words', [
    (dict(alias='x', file='/f', remote_image='images:x'), 'mutually exclusive'),
    (dict(alias='x', remote_image='debian/12'), 'must be remote:alias'),
    (dict(alias='images:x'), 'a local alias has no remote part'),
    (dict(alias='x', aliases=['../y']), 'invalid image'),
    (dict(alias='x', file='/f', refresh=True), 'refresh is for an image copied from a remote'),
    (dict(alias='x', remote_image='nowhere:x'), 'names remote nowhere'),
])
def test_bad_input_is_refused(params, words):
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(params)
    assert words in caught.value.msg


def ensure(fake, check_mode=False, **params):
    return ensure_image(fake.client(), request_from_params(dict(dict(alias='deb'), **params)), check_mode)


def test_pull_check_apply_check_apply():
    fake = FakeLxd()
    fake.remote_aliases['debian/12'] = A
    params = dict(remote_image='images:debian/12', aliases=['deb-latest'], auto_update=True)
    predicted = ensure(fake, True, **params)
    assert predicted['actions'] == ['pull', 'alias', 'alias'] and fake.mutations() == []
    made = ensure(fake, **params)
    assert made['actions'] == ['pull', 'alias', 'alias']
    assert fake.pulled == [dict(type='image', mode='pull', server='https://images.lxd.canonical.com',
                                protocol='simplestreams', alias='debian/12')]
    assert made['image']['aliases'] == ['deb', 'deb-latest'] and made['image']['auto_update'] is True
    assert ensure(fake, True, **params)['changed'] is False and ensure(fake, **params)['changed'] is False


def test_incus_gets_its_own_server_and_protocol_name():
    fake = FakeLxd()
    fake.server = 'incus'
    fake.remote_aliases['base'] = A
    remotes = {'srv': {'server': 'https://198.18.6.11:8443', 'protocol': 'lxd'}}
    ensure(fake, remote_image='srv:base', remotes=remotes)
    ensure(fake, alias='deb2', remote_image='images:base')
    assert [(p['server'], p['protocol']) for p in fake.pulled] == [
        ('https://198.18.6.11:8443', 'incus'), ('https://images.linuxcontainers.org', 'simplestreams')]


def test_import_only_when_the_file_changed(tmp_path):
    tarball = tmp_path / 'image.tar.gz'
    tarball.write_bytes(b'one')
    fake = FakeLxd()
    first = ensure(fake, file=str(tarball), public=True)
    assert first['actions'] == ['import', 'alias', 'update']
    assert first['image']['fingerprint'] == hashlib.sha256(b'one').hexdigest() and first['image']['public'] is True
    assert ensure(fake, file=str(tarball), public=True)['changed'] is False
    tarball.write_bytes(b'two')
    moved = ensure(fake, True, file=str(tarball))
    assert moved['actions'] == ['import', 'alias']
    moved = ensure(fake, file=str(tarball))
    assert fake.aliases['deb'] == hashlib.sha256(b'two').hexdigest()
    assert hashlib.sha256(b'one').hexdigest() in fake.images, 'the old image stays, unaliased'


def test_a_failed_alias_deletes_the_image_this_task_made(tmp_path):
    tarball = tmp_path / 'image.tar.gz'
    tarball.write_bytes(b'one')
    fake = FakeLxd()
    fake.fail_next[('POST', 'images/aliases')] = 'alias refused'
    with pytest.raises(ArmhvError) as caught:
        ensure(fake, file=str(tarball))
    assert 'the image this task made was deleted again' in caught.value.msg
    assert hashlib.sha256(b'one').hexdigest() not in fake.images


def test_missing_source_absent_and_refresh():
    fake = FakeLxd()
    with pytest.raises(NotFound):
        ensure(fake)
    fake.aliases['deb'] = 'f' * 64
    assert ensure(fake, state='absent')['actions'] == ['delete'] and 'deb' not in fake.aliases
    assert ensure(fake, state='absent')['changed'] is False
    fake.remote_aliases['debian/12'] = A
    ensure(fake, remote_image='images:debian/12')
    refreshed = ensure(fake, remote_image='images:debian/12', refresh=True)
    assert refreshed['changed'] is False and fake.refreshes == [A]
    ensure(fake, True, remote_image='images:debian/12', refresh=True)
    assert fake.refreshes == [A], 'check mode never asks the server'
    assert [image['aliases'] for image in list_images(fake.client())] == [['deb']]
    assert list_images(fake.client(), 'none') == []


def test_refresh_of_an_imported_image_is_refused_before_any_change(tmp_path):
    tarball = tmp_path / 'image.tar.gz'
    tarball.write_bytes(b'one')
    fake = FakeLxd()
    ensure(fake, file=str(tarball))
    fake.requests[:] = []
    with pytest.raises(InvalidRequest) as caught:
        ensure(fake, remote_image='images:debian/12', refresh=True, public=True)
    assert 'nothing to refresh from' in caught.value.msg and fake.mutations() == []

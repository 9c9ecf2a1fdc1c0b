"""How the API expands an instance for its policy (which profiles, which networks it reads), against a
stand-in for LXD that answers reads from a dict; test_policy.py has the real daemon."""

from types import SimpleNamespace

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError

from armhv_api.errors import http_status
from armhv_api.services.containers import Containers

PROXY = {'type': 'proxy', 'listen': 'tcp:0.0.0.0:80', 'connect': 'tcp:127.0.0.1:80'}
ROOT = {'type': 'disk', 'path': '/', 'pool': 'default'}


class Lxd:
    """The service's platform and its LXD in one: reads answered by `objects` (path: object); every
    path read is kept in `read`."""

    def __init__(self, objects):
        self.objects = objects
        self.read = []

    def call(self, operation, *args, confined=False):
        return operation(self, *args)

    def get(self, path):
        self.read.append(path)
        return self.objects.get(path)


class Stand(Containers):
    """The containers service on that stand-in."""

    def __init__(self, objects, admin_allowed=()):
        settings = SimpleNamespace(lxd=SimpleNamespace(project='tenant', confined=True),
                                   policy=SimpleNamespace(admin_allowed=list(admin_allowed)))
        super().__init__(Lxd(objects), settings)

    @property
    def read(self):
        return self.platform.read


def profiles(**devices):
    return dict(('profiles/%s' % name, dict(config={}, devices=found)) for name, found in devices.items())


def refusal(stand, instance, role='operator'):
    with pytest.raises(ArmhvError) as caught:
        stand.check_policy(instance, role)
    assert http_status(caught.value) == 403
    return caught.value.msg


def test_profiles_left_out_mean_default():
    stand = Stand(profiles(default=dict(root=ROOT, fwd=PROXY)))
    assert refusal(stand, dict(config={}, profiles=None)).startswith('profile default, device fwd (proxy): ')
    assert stand.read == ['profiles/default']


def test_no_profiles_means_none():
    stand = Stand(profiles(default=dict(fwd=PROXY)))
    assert stand.check_policy(dict(config={}, profiles=[]), 'operator') == []
    assert stand.read == []


def test_every_named_profile_is_read_in_order_and_an_unknown_one_is_a_422():
    stand = Stand(profiles(default=dict(root=ROOT), web=dict(fwd=PROXY), mask=dict(fwd={'type': 'none'})))
    assert refusal(stand, dict(profiles=['default', 'web', 'mask'])).startswith('profile web, device fwd (proxy)')
    assert stand.read == ['profiles/default', 'profiles/web', 'profiles/mask']
    with pytest.raises(ArmhvError, match='profile gone does not exist') as caught:
        stand.check_policy(dict(profiles=['gone']), 'operator')
    assert http_status(caught.value) == 422


def test_the_instance_itself_is_named_on_start():
    stand = Stand(profiles(default=dict(root=ROOT)))
    with pytest.raises(ArmhvError, match=r'^container c1, device k \(unix-char\): operators may not use'):
        stand.check_policy(dict(devices=dict(k={'type': 'unix-char'}), profiles=['default']), 'operator', 'container c1')


def test_nics_only_on_managed_bridges_the_project_lists():
    objects = dict(profiles(default=dict(root=ROOT)), **{
        'projects/tenant': dict(config={'restricted.networks.access': 'br0, ovn0'}),
        'networks/br0': dict(managed=True, type='bridge'), 'networks/br1': dict(managed=True, type='bridge'),
        'networks/ovn0': dict(managed=True, type='ovn'), 'networks/mv0': dict(managed=True, type='macvlan'),
        'networks/eth0': dict(managed=False, type='physical')})
    stand = Stand(objects)
    for network in ('br0', 'ovn0'):
        assert stand.check_policy(dict(devices=dict(e={'type': 'nic', 'network': network})), 'operator') == []
    for network in ('br1', 'eth0', 'gone'):
        assert 'network %s is not a managed network this project may use' % network in refusal(
            stand, dict(devices=dict(e={'type': 'nic', 'network': network})))
    objects['projects/tenant'] = dict(config={})
    assert 'network mv0 is a managed macvlan network' in refusal(
        stand, dict(devices=dict(e={'type': 'nic', 'network': 'mv0'})))
    assert stand.check_policy(dict(devices=dict(e={'type': 'nic', 'network': 'br1'})), 'operator') == []


def test_no_nic_no_network_reads():
    stand = Stand(profiles(default=dict(root=ROOT)))
    stand.check_policy(dict(config={'limits.cpu': '1'}), 'operator')
    assert stand.read == ['profiles/default']


def test_admins_get_what_admin_allowed_lists_and_it_is_reported():
    stand = Stand(profiles(default=dict(root=ROOT), web=dict(fwd=PROXY)), admin_allowed=['proxy'])
    assert stand.check_policy(dict(profiles=['default', 'web']), 'admin') == ['profile web: device fwd (proxy)']
    assert refusal(stand, dict(profiles=['default', 'web']), 'operator').startswith(
        'profile web, device fwd (proxy): operators may not')

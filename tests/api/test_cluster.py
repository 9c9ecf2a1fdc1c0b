"""Cluster members through the API, on a daemon of the test's own: clustering cannot be undone."""

from conftest import lxc, own_service


def test_cluster_members_before_and_after_a_bootstrap(pki, netns):
    with own_service('cluster', 8450, pki, netns) as (service, lxd_dir):
        admin = {'Authorization': 'Bearer ' + service.token()}
        made = service.client.post('/api/v1/users', headers=admin,
                                   json=dict(username='cleo', password='cleo' * 4, role='viewer'))
        assert made.status_code == 201, made.text
        viewer = {'Authorization': 'Bearer ' + service.token('cleo', 'cleo' * 4)}
        assert service.client.get('/api/v1/cluster/members', headers=viewer).json() == {
            'enabled': False, 'members': []}
        # LXD listens inside the test namespace only, on a port of its own (the shared daemon has 8443).
        lxc('config', 'set', 'core.https_address', '198.18.30.2:8453', lxd_dir=lxd_dir)
        lxc('cluster', 'enable', 'apimember', lxd_dir=lxd_dir)
        clustered = service.client.get('/api/v1/cluster/members', headers=viewer).json()
        assert clustered['enabled'] is True
        assert [(m['name'], m['url'], m['status']) for m in clustered['members']] == [
            ('apimember', 'https://198.18.30.2:8453', 'Online')]

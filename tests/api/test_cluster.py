"""Cluster members through the API: last, because clustering the test daemon cannot be undone."""

from conftest import lxc


def test_cluster_members_before_and_after_a_bootstrap(admin, service):
    made = admin.post('/api/v1/users', json=dict(username='cleo', password='cleo' * 4, role='viewer'))
    assert made.status_code == 201, made.text
    viewer = {'Authorization': 'Bearer ' + service.token('cleo', 'cleo' * 4)}
    assert service.client.get('/api/v1/cluster/members', headers=viewer).json() == {
        'enabled': False, 'members': []}
    # LXD listens inside the test namespace only.
    lxc('config', 'set', 'core.https_address', '198.18.30.2:8443')
    lxc('cluster', 'enable', 'apimember')
    clustered = service.client.get('/api/v1/cluster/members', headers=viewer).json()
    assert clustered['enabled'] is True
    assert [(m['name'], m['url'], m['status']) for m in clustered['members']] == [
        ('apimember', 'https://198.18.30.2:8443', 'Online')]

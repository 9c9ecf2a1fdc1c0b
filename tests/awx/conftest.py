"""AWX-style jobs against this machine: the collection installed from its tarball the way a project
sync does, jobs run through ansible-runner (what AWX runs every job with), a credential injected as
AWX injects one. The machine must be converged first (make site, or site-idempotent in make test)."""

import glob
import os
import shutil
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PKI = '/etc/armhv/pki'


@pytest.fixture(scope='session')
def tarball():
    subprocess.run([os.path.join(REPO, 'scripts/install-collection')], check=True, stdout=subprocess.DEVNULL)
    found = glob.glob(os.path.join(REPO, 'build', 'armhv-hypervisor-*.tar.gz'))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope='session')
def project(tmp_path_factory, tarball):
    """An AWX project: playbooks that call the collection's, collections/requirements.yml naming the
    built tarball, synced as AWX does (ansible-galaxy into the job's requirements_collections; the
    dependencies the tarball declares come from the ansible package already installed: --offline)."""
    root = tmp_path_factory.mktemp('awx')
    project = root / 'project'
    (project / 'collections').mkdir(parents=True)
    (project / 'collections' / 'requirements.yml').write_text(
        'collections:\n  - name: %s\n    type: file\n' % tarball)
    for name in ('site', 'audit'):
        (project / ('%s.yml' % name)).write_text(
            '---\n- name: armhv.hypervisor %s\n  ansible.builtin.import_playbook: armhv.hypervisor.%s\n' % (name, name))
    collections = root / 'requirements_collections'
    subprocess.run(['ansible-galaxy', 'collection', 'install', '--offline', '-r',
                    str(project / 'collections' / 'requirements.yml'), '-p', str(collections)],
                   check=True, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(collections)))
    assert (collections / 'ansible_collections' / 'armhv' / 'hypervisor' / 'MANIFEST.json').exists()
    return dict(root=root, project=project, collections=collections)


@pytest.fixture(scope='session')
def credential(project):
    """The credential type's injectors (docs/examples/awx/credential-type.yml): PEM fields written to
    files private to the job, environment variables naming them."""
    folder = project['root'] / 'credential'
    folder.mkdir()
    files = {}
    for field, source in (('client_cert', 'client.crt'), ('client_key', 'client.key')):
        files[field] = str(folder / field)
        shutil.copy(os.path.join(PKI, source), files[field])
        os.chmod(files[field], 0o600)
    files['server_cert'] = str(folder / 'server_cert')
    shutil.copy('/var/lib/lxd/server.crt', files['server_cert'])
    return dict(ARMHV_LXD_URL='https://127.0.0.1:8443', ARMHV_LXD_CLIENT_CERT=files['client_cert'],
                ARMHV_LXD_CLIENT_KEY=files['client_key'], ARMHV_LXD_SERVER_CERT=files['server_cert'],
                ARMHV_LXD_PROJECT='default')

"""The execution environment: the example definition builds its context offline, and ansible-builder's
introspection of the installed collection finds its Python and system requirements."""

import os
import shutil
import subprocess

import yaml

from conftest import REPO

EXAMPLE = os.path.join(REPO, 'docs', 'examples', 'awx', 'execution-environment.yml')


def test_example_ee_context_is_created_offline(tmp_path, tarball):
    shutil.copy(EXAMPLE, str(tmp_path))
    shutil.copy(tarball, str(tmp_path / 'armhv-hypervisor-0.1.0.tar.gz'))
    subprocess.run(['ansible-builder', 'create', '-f', 'execution-environment.yml', '-c', 'context',
                    '--output-filename', 'Containerfile'],
                   cwd=str(tmp_path), check=True, capture_output=True)
    containerfile = (tmp_path / 'context' / 'Containerfile').read_text()
    assert 'ansible-galaxy collection install' in containerfile and 'PIP_NO_INDEX=1' in containerfile
    wanted = yaml.safe_load((tmp_path / 'context' / '_build' / 'requirements.yml').read_text())['collections']
    names = {entry['name'] for entry in wanted}
    galaxy = yaml.safe_load(open(os.path.join(REPO, 'galaxy.yml')))
    assert set(galaxy['dependencies']) <= names and 'armhv-hypervisor-0.1.0.tar.gz' in names
    assert (tmp_path / 'context' / '_build' / 'collections' / 'armhv-hypervisor-0.1.0.tar.gz').exists()


def test_introspection_lists_the_collections_requirements(tarball):
    out = subprocess.run(['ansible-builder', 'introspect', '--sanitize', os.path.join(REPO, 'build', 'collections')],
                         check=True, capture_output=True, text=True).stdout
    found = yaml.safe_load(out)
    python = ' '.join(found['python'])
    for package in ('pylxd', 'pyroute2', 'jmespath', 'requests', 'cryptography'):
        assert package in python, out
    assert '==' not in python, 'an execution environment needs ranges, not pins: %s' % python
    system = ' '.join(found['system'])
    assert 'python3-pip' in system and 'openssh-client' in system, out


def test_roles_build_the_hosts_wheelhouse_from_the_images_wheels_without_an_index(tmp_path, tarball):
    """What the example EE bakes in (scripts/ee-wheels) is all the api role's wheelhouse needs when pip
    may not reach an index (PIP_NO_INDEX, PIP_FIND_LINKS, as the EE sets them)."""
    wheels = tmp_path / 'wheels'
    subprocess.run([os.path.join(REPO, 'scripts', 'ee-wheels'), str(wheels), 'x86_64-3.11'], check=True,
                   capture_output=True)
    playbook = tmp_path / 'wheelhouse.yml'
    playbook.write_text(
        '- hosts: localhost\n  connection: local\n  gather_subset: [min]\n  tasks:\n'
        '    - ansible.builtin.include_role:\n        name: armhv.hypervisor.api\n'
        '        tasks_from: wheelhouse.yml\n')
    env = dict(os.environ, PIP_NO_INDEX='1', PIP_FIND_LINKS=str(wheels),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, 'build', 'collections'))
    house = tmp_path / 'house'
    run = subprocess.run(['ansible-playbook', '-i', 'localhost,', str(playbook), '-e',
                          'api_wheelhouse_controller_dir=%s' % house, '-e', 'ansible_python_interpreter=python3.11'],
                         env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:]
    built = os.listdir(str(house))
    assert len(built) == 2, built
    folder = [name for name in built if not name.endswith('.tar')][0]
    assert any(name.startswith('armhv_api-') for name in os.listdir(str(house / folder)))

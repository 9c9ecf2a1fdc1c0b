"""The example inventories run as shipped: docs/examples/arm-cluster with the certificate its README
makes, its variables resolved by Ansible on this controller (the hosts themselves are not reached)."""

import os
import re
import shutil
import subprocess

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(TOP, 'docs', 'examples', 'arm-cluster')


def readme_commands():
    """The README's shell block, without the ansible-playbook line (that one reaches the boards)."""
    with open(os.path.join(EXAMPLE, 'README.md')) as handle:
        block = re.search(r'```sh\n(.*?)```', handle.read(), re.S).group(1)
    lines = block.replace('\\\n', ' ').splitlines()
    return [line for line in lines if line.strip() and not line.startswith(('#', 'ansible-playbook'))]


def ansible(where, *args):
    # A controller of one's own, outside this checkout: the collection installed (here, make site's build).
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('ANSIBLE_'))
    env['ANSIBLE_COLLECTIONS_PATH'] = os.path.join(TOP, 'build', 'collections')
    run = subprocess.run([os.path.join(TOP, '.venv', 'bin', args[0])] + list(args[1:]), cwd=where, env=env,
                         capture_output=True, text=True, check=False)
    return run.returncode, run.stdout + run.stderr


def test_the_arm_example_resolves_as_its_readme_says(tmp_path):
    where = tmp_path / 'arm-cluster'
    shutil.copytree(EXAMPLE, str(where))
    for command in readme_commands():
        subprocess.run(command, shell=True, cwd=str(where), check=True, capture_output=True)
    # What the roles read from the example, templated by Ansible as a play would.
    rc, out = ansible(str(where), 'ansible', '-i', 'inventory.yml', 'arm2', '-c', 'local', '-m', 'ansible.builtin.debug',
                      '-a', "msg={{ [host_lxd_https_address, network_bridges[0].addresses[0], "
                            "harden_lxd_trusted_certs[0][:27]] }}")
    assert rc == 0, out
    assert '192.0.2.12:8443' in out and '192.0.2.12/24' in out and '-----BEGIN CERTIFICATE-----' in out, out
    rc, out = ansible(str(where), 'ansible-playbook', '-i', 'inventory.yml', '--syntax-check', 'armhv.hypervisor.site')
    assert rc == 0, out
    assert 'Warning' not in out and '[WARNING]' not in out, out

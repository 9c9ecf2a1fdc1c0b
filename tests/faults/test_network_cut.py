"""The management path cut during a net_bridge change with confirm-or-revert armed. Two namespaces: the
host (a bridge carrying the management address, persisted under a root of its own) and the controller,
joined by a veth pair; the controller's probe is a TCP connect across it. The cut is the controller's end going
down at the moment the change task returns (its interpreter does it), before the playbook can confirm."""

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import BIN, REPO, ROOT, run

HOST = 'armhvcut'
CONTROLLER = 'armhvctl'
CUT_ROOT = ROOT + '/cut'
PERSIST = CUT_ROOT + '/root'
CUT_ARMED = CUT_ROOT + '/cut-armed'
RECORD = '/run/armhv/bridge-host-brm.json'
TIMEOUT = 6
# The controller's management connection: a TCP connect, from its namespace, to a listener in the host's.
PROBE = '''#!/bin/sh
exec ip netns exec %(controller)s %(python)s -c "
import socket, sys
try:
    socket.create_connection(('198.18.3.1', 8022), 1)
except OSError as exc:
    sys.exit('the host does not answer: %%s' %% exc)
"
'''
INTERPRETER = '''#!/bin/sh
# Runs modules inside the host's namespace; armed, cuts the controller's end once the module is done.
ip netns exec %(host)s %(python)s "$@"
rc=$?
if [ -e %(armed)s ]; then rm -f %(armed)s; ip -n %(controller)s link set ctl0 down; fi
exit $rc
'''
PLAYBOOK = '''
- hosts: hv
  gather_facts: false
  vars:
    bridge: &bridge
      name: brm
      ports: [mgmt0]
      addresses: [198.18.3.1/24]
      persist_backend: systemd-networkd
      persist_root: %(persist)s
  tasks:
    - name: Change the management bridge, a revert armed
      armhv.hypervisor.net_bridge: &change
        <<: *bridge
        mtu: "{{ mtu }}"
        stp: "{{ stp | default(omit) }}"
        confirm_timeout: %(timeout)d
      register: changed_bridge
    - name: Reach the host from the controller
      ansible.builtin.command: %(cut)s/probe
      register: reached
      until: reached.rc == 0
      retries: 2
      delay: 1
      changed_when: false
    - name: Confirm
      armhv.hypervisor.net_bridge:
        <<: *change
        confirm_timeout: null
        confirm: true
      register: confirmed
    - name: Results for the test
      ansible.builtin.debug:
        msg: "{{ {'change': changed_bridge, 'confirm': confirmed} | to_json }}"
'''


def playbook(change):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, 'build', 'collections'),
               ANSIBLE_NOCOLOR='1', ANSIBLE_STDOUT_CALLBACK='json', ANSIBLE_LOAD_CALLBACK_PLUGINS='1')
    inventory = 'hv ansible_connection=local ansible_python_interpreter=%s/python\n' % CUT_ROOT
    with open(CUT_ROOT + '/inventory', 'w') as handle:
        handle.write(inventory)
    done = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', CUT_ROOT + '/inventory',
                           CUT_ROOT + '/playbook.yml', '-e', json.dumps(change)],
                          env=env, capture_output=True, text=True, check=False)
    assert 'Traceback' not in done.stdout + done.stderr, done.stdout + done.stderr
    assert done.stdout.startswith('{'), done.stdout + done.stderr
    tasks = json.loads(done.stdout)['plays'][0]['tasks']
    return done.returncode, dict((task['task']['name'], task['hosts']['hv']) for task in tasks)


def bridge():
    """What the host's namespace has: brm's MTU and STP, and where 198.18.3.1 lives."""
    links = json.loads(run('ip', '-n', HOST, '-j', '-d', 'link', 'show').stdout)
    addresses = json.loads(run('ip', '-n', HOST, '-j', 'address', 'show').stdout)
    brm = [link for link in links if link['ifname'] == 'brm']
    holder = [a['ifname'] for a in addresses for i in a.get('addr_info', []) if i['local'] == '198.18.3.1']
    stp = brm[0]['linkinfo']['info_data']['stp_state'] if brm else None
    return dict(mtu=brm[0]['mtu'] if brm else None, stp=stp, address_on=holder)


def persisted():
    folder = PERSIST + '/etc/systemd/network'
    return dict((name, open(os.path.join(folder, name)).read()) for name in sorted(os.listdir(folder)))


def reachable():
    return run(CUT_ROOT + '/probe', check=False).returncode == 0


@pytest.fixture
def namespaces():
    shutil.rmtree(CUT_ROOT, ignore_errors=True)
    for ns in (HOST, CONTROLLER):
        run('ip', 'netns', 'delete', ns, check=False)
    os.makedirs(PERSIST + '/etc/systemd/network')
    with open(CUT_ROOT + '/python', 'w') as handle:
        handle.write(INTERPRETER % dict(host=HOST, python=sys.executable, armed=CUT_ARMED, controller=CONTROLLER))
    os.chmod(CUT_ROOT + '/python', 0o755)
    with open(CUT_ROOT + '/playbook.yml', 'w') as handle:
        handle.write(PLAYBOOK % dict(persist=PERSIST, timeout=TIMEOUT, cut=CUT_ROOT))
    with open(CUT_ROOT + '/probe', 'w') as handle:
        handle.write(PROBE % dict(controller=CONTROLLER, python=sys.executable))
    os.chmod(CUT_ROOT + '/probe', 0o755)
    run('ip', 'netns', 'add', HOST)
    run('ip', 'netns', 'add', CONTROLLER)
    run('ip', '-n', HOST, 'link', 'add', 'mgmt0', 'type', 'veth', 'peer', 'name', 'ctl0', 'netns', CONTROLLER)
    run('ip', '-n', CONTROLLER, 'address', 'add', '198.18.3.2/24', 'dev', 'ctl0')
    for ns, link in ((HOST, 'mgmt0'), (CONTROLLER, 'ctl0'), (HOST, 'lo'), (CONTROLLER, 'lo')):
        run('ip', '-n', ns, 'link', 'set', link, 'up')
    listener = subprocess.Popen(['ip', 'netns', 'exec', HOST, sys.executable, '-m', 'http.server', '8022'],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        listener.kill()
        listener.wait()
        for ns in (HOST, CONTROLLER):
            run('ip', 'netns', 'delete', ns, check=False)
        for path in (RECORD, RECORD + '.reverted', RECORD + '.pid'):
            if os.path.exists(path):
                os.remove(path)
        shutil.rmtree(CUT_ROOT, ignore_errors=True)


def wait_for(path, timeout):
    deadline = time.time() + timeout
    while not os.path.exists(path):
        assert time.time() < deadline, '%s never appeared' % path
        time.sleep(0.2)


def test_cut_during_a_bridge_change_is_reverted(namespaces):
    rc, dummy = playbook(dict(mtu=1500))
    assert rc == 0 and reachable(), 'the management bridge, made and confirmed'
    before, files_before = bridge(), persisted()
    assert before == dict(mtu=1500, stp=0, address_on=['brm']) and len(files_before) == 3

    open(CUT_ARMED, 'w').close()
    rc, tasks = playbook(dict(mtu=1400, stp=True))
    change, reach = tasks['Change the management bridge, a revert armed'], tasks['Reach the host from the controller']
    assert rc != 0 and change['changed'] and change['revert'] == 'armed'
    assert reach['failed'] and 'Confirm' not in tasks, 'no confirm without the path'
    assert bridge() == dict(mtu=1400, stp=1, address_on=['brm']) and persisted() != files_before

    wait_for(RECORD + '.reverted', TIMEOUT + 20)
    assert bridge() == before and persisted() == files_before, 'the bridge and its files as they were'
    assert not os.path.exists(RECORD)

    run('ip', '-n', CONTROLLER, 'link', 'set', 'ctl0', 'up')
    assert reachable()
    rc, tasks = playbook(dict(mtu=1400, stp=True))
    change, confirm = tasks['Change the management bridge, a revert armed'], tasks['Confirm']
    assert rc == 0 and change['revert'] == 'armed'
    time.sleep(TIMEOUT + 2)
    assert bridge() == dict(mtu=1400, stp=1, address_on=['brm']), 'confirmed: kept past the timeout'
    assert confirm['revert'] == 'confirmed'
    assert 'had run' in ' '.join(change.get('warnings', [])), 'the rerun says the earlier change was reverted'
    rc, tasks = playbook(dict(mtu=1400, stp=True))
    assert rc == 0 and not tasks['Change the management bridge, a revert armed']['changed']

"""site.yml over many hosts: N Debian 12 system containers on this machine's Incus, reached over SSH,
converged once by playbooks/site.yml with the default inventory's settings, then rerun with nothing to
do at forks 5 and 10. Each run's wall time, the controller's CPU time and its peak memory (the
proportional set size of ansible-playbook and every process under it, sampled) go into
docs/scaling.md between its markers.

Run it with `make bench-scaling`: it starts the Incus daemon and makes the Molecule platform's bridge
and test-host image when they are missing (with the tasks file Molecule's create.yml runs). The
hosts come from an image made once from the test-host image (which has openssh-server) with the host
role's packages already installed (armhv-scale-host; rebuilt when this recipe or that image changes), so the figures are
Ansible's and the roles', not apt's. Each host gets a fixed address on the test bridge
(198.18.12.101 and up, on 198.18.12.0/24, which only this machine routes). The hosts are deleted at the
end unless --keep is given. SSH, as a controller reaches a real fleet."""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time

import yaml

from report import publish

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.join(HERE, '..')
REPORT = os.path.join(TOP, 'docs', 'scaling.md')
START = '<!-- make bench-scaling (benchmarks/scaling.py) figures start -->\n'
END = '<!-- make bench-scaling (benchmarks/scaling.py) figures end -->\n'
PREFIX = 'armhv-scale-'
IMAGE = 'armhv-scale-host'
# The Molecule platform's daemon and bridge.
with open(os.path.join(TOP, 'extensions', 'molecule', 'resources', 'vars', 'test_hosts.yml')) as _handle:
    PLATFORM = yaml.safe_load(_handle)
KEY = os.path.join(TOP, 'build', 'scale', 'id_ed25519')
# The hosts are made afresh each run: their host keys are new every time.
SSH_OPTIONS = ['-i', KEY, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
               '-o', 'ConnectTimeout=5', '-o', 'LogLevel=ERROR']
PACKAGES = ('lxd', 'dnsmasq-base', 'nftables', 'python3-pylxd', 'python3-pyroute2',
            'python3-cryptography', 'busybox-static')
# Inside the template: apt through the proxy device, the packages, DHCP on eth0 (the bridge's
# dnsmasq hands out each host's fixed address), root's key (the test-host image has /root/.ssh).
PREPARE = """set -e
systemctl is-system-running --wait >/dev/null || true
grep -q deb.debian.org /etc/hosts || echo '127.0.0.1 deb.debian.org' >>/etc/hosts
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -q -y --no-install-recommends %s
printf '[Match]\\nName=eth0\\n[Network]\\nDHCP=ipv4\\n' >/etc/systemd/network/eth0.network
systemctl enable systemd-networkd
cat >/root/.ssh/authorized_keys
apt-get clean
""" % ' '.join(PACKAGES)


def host_names(count):
    return ['%s%02d' % (PREFIX, number) for number in range(1, count + 1)]


def address(number):
    return '198.18.12.%d' % (100 + number)


def incus(*args, **kwargs):
    return subprocess.run(('incus',) + args, check=True, text=True, **kwargs)


def recipe():
    base = subprocess.run(['incus', 'image', 'list', 'armhv-debian12', '--format', 'csv', '--columns', 'F'],
                          capture_output=True, text=True, check=True).stdout
    return hashlib.sha256((PREPARE + base).encode()).hexdigest()[:16]


def controller_key():
    if not os.path.exists(KEY):
        os.makedirs(os.path.dirname(KEY), exist_ok=True)
        subprocess.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', KEY], check=True)
    with open(KEY + '.pub') as handle:
        return handle.read()


def host_image():
    """The hosts' image: the test-host image with SSH and the host role's packages, made once per
    recipe through a template container (apt reaches the mirror through a proxy device)."""
    key = controller_key()
    wanted = recipe()
    shown = subprocess.run(['incus', 'image', 'show', IMAGE], capture_output=True, text=True, check=False)
    if wanted in shown.stdout and key.split()[1] in shown.stdout:
        return
    template = PREFIX + 'template'
    subprocess.run(['incus', 'delete', '--force', template], capture_output=True, check=False)
    mirror = subprocess.run(['getent', 'ahostsv4', 'deb.debian.org'], capture_output=True, text=True,
                            check=True).stdout.split()[0]
    incus('launch', 'armhv-debian12', template, '-c', 'security.nesting=true')
    incus('config', 'device', 'add', template, 'debmirror', 'proxy', 'listen=tcp:127.0.0.1:80',
          'connect=tcp:%s:80' % mirror, 'bind=instance')
    try:
        incus('exec', template, '--', 'sh', '-c', PREPARE, input=key)
        incus('stop', template)
        incus('config', 'device', 'remove', template, 'debmirror')
        subprocess.run(['incus', 'image', 'delete', IMAGE], capture_output=True, check=False)
        incus('publish', template, '--alias', IMAGE, 'armhv.recipe=%s' % wanted, 'armhv.key=%s' % key.split()[1],
              stdout=subprocess.DEVNULL)
    finally:
        subprocess.run(['incus', 'delete', '--force', template], capture_output=True, check=False)


def play(tasks):
    return yaml.safe_dump([dict(hosts='localhost', connection='local', gather_facts=False,
                                vars=dict(ansible_python_interpreter=sys.executable), tasks=tasks)],
                          sort_keys=False, width=200)


def platform_play():
    """The Molecule platform's bridge and test-host image, made when missing (by create.yml's own tasks)."""
    resources = os.path.join(TOP, 'extensions', 'molecule', 'resources')
    return yaml.safe_dump([dict(hosts='localhost', connection='local', gather_facts=False,
                                vars_files=[os.path.join(resources, 'vars', 'test_hosts.yml')],
                                vars=dict(ansible_python_interpreter=sys.executable, test_host_top=os.path.abspath(TOP),
                                          test_host_images=['armhv-debian12']),
                                tasks=[{'ansible.builtin.import_tasks': os.path.join(resources, 'tasks', 'platform.yml')}])],
                          sort_keys=False, width=200)


def hosts_play(names, state):
    """A play making the test hosts (started, each with its fixed address) or deleting them, each in
    one lxc_containers task."""
    where = PLATFORM
    if state == 'absent':
        entries = [dict(name=name, state='absent', force_stop=True) for name in names]
    else:
        entries = [dict(name=name, image=IMAGE, config={'security.nesting': 'true'},
                        devices=dict(eth0=dict(type='nic', network=where['test_host_bridge'], name='eth0',
                                               **{'ipv4.address': address(number)})))
                   for number, name in enumerate(names, 1)]
    return play([{'name': 'The hosts', 'armhv.hypervisor.lxc_containers':
                  dict(url=os.path.join(where['test_host_daemon_dir'], 'unix.socket'), instances=entries,
                       parallel=4)}])


def wait_for_ssh(names, timeout=300):
    deadline = time.time() + timeout
    for number, _name in enumerate(names, 1):
        while subprocess.run(['ssh'] + SSH_OPTIONS + ['root@' + address(number), 'true'],
                             capture_output=True, check=False).returncode != 0:
            if time.time() > deadline:
                sys.exit('no SSH on %s after %d s' % (address(number), timeout))
            time.sleep(2)


def inventory(names):
    """The default inventory's settings (inventory/local.yml) on each test host, over SSH; systemd
    restarts LXD there, so the local restart command goes."""
    with open(os.path.join(TOP, 'inventory', 'local.yml')) as handle:
        local = yaml.safe_load(handle)['all']
    variables = dict(local['vars'])
    variables.pop('host_daemon_restart_command', None)
    variables.update(ansible_user='root', ansible_python_interpreter='/usr/bin/python3',
                     ansible_ssh_private_key_file=KEY,
                     ansible_ssh_common_args=' '.join(SSH_OPTIONS[2:]))
    hosts = dict((name, dict(ansible_host=address(number))) for number, name in enumerate(names, 1))
    return dict(all=dict(hosts=hosts, children=dict(hypervisors=dict(hosts={})), vars=variables))


class MemorySampler(threading.Thread):
    """Peak of the summed proportional set size (forked workers share pages) of a process tree."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self):
        while not self.done.wait(0.5):
            self.peak = max(self.peak, sum(pss_kib(pid) for pid in tree(self.pid)))


def tree(root):
    parents = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as handle:
                    parents[int(entry)] = int(handle.read().rsplit(')', 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(child for child, parent in parents.items() if parent == pid)
    return found


def pss_kib(pid):
    try:
        with open('/proc/%d/smaps_rollup' % pid) as handle:
            for line in handle:
                if line.startswith('Pss:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def playbook(args, label):
    """Run ansible-playbook; return (seconds, peak controller MiB, controller CPU seconds, recap lines).

    The CPU time is ansible-playbook's and every process it waited for (workers, ssh)."""
    started = time.perf_counter()
    process = subprocess.Popen(['ansible-playbook'] + args, stdout=subprocess.PIPE, text=True,
                               env=dict(os.environ, ANSIBLE_STDOUT_CALLBACK='default'))
    sampler = MemorySampler(process.pid)
    sampler.start()
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    sampler.done.set()
    code, cpu = os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime
    recap = [line for line in output.splitlines() if ' : ok=' in line]
    print('%s: %.1f s, %.0f MiB, %.1f s CPU, rc %d' % (label, elapsed, sampler.peak / 1024.0, cpu, code),
          file=sys.stderr)
    if code != 0:
        sys.exit('%s failed:\n%s' % (label, output[-4000:]))
    return elapsed, sampler.peak / 1024.0, cpu, recap


def measure(names, workdir):
    path = os.path.join(workdir, 'inventory.yml')
    with open(path, 'w') as handle:
        yaml.safe_dump(inventory(names), handle)
    site = ['-i', path, os.path.join(TOP, 'playbooks', 'site.yml')]
    rows = [('converge', 10) + playbook(site + ['-f', '10'], 'converge, forks 10')[:3]]
    for forks in (5, 10):
        seconds, mib, cpu, recap = playbook(site + ['-f', str(forks)], 'rerun, forks %d' % forks)
        if any('changed=0' not in line for line in recap):
            sys.exit('the rerun at forks %d changed something:\n%s' % (forks, '\n'.join(recap)))
        rows.append(('rerun, nothing to do', forks, seconds, mib, cpu))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--hosts', type=int, default=10)
    parser.add_argument('--keep', action='store_true', help='leave the test hosts running')
    parser.add_argument('--no-write', action='store_true', help='print only, leave docs/scaling.md')
    options = parser.parse_args()
    names = host_names(options.hosts)
    os.environ['INCUS_DIR'] = PLATFORM['test_host_daemon_dir']
    with tempfile.TemporaryDirectory() as workdir:
        hosts = os.path.join(workdir, 'hosts.yml')
        with open(hosts, 'w') as handle:
            handle.write(platform_play())
        playbook(['-i', 'localhost,', hosts], 'test-host platform')
        host_image()
        with open(hosts, 'w') as handle:
            handle.write(hosts_play(names, 'started'))
        playbook(['-i', 'localhost,', hosts], 'test hosts')
        try:
            wait_for_ssh(names)
            rows = measure(names, workdir)
        finally:
            if not options.keep:
                with open(hosts, 'w') as handle:
                    handle.write(hosts_play(names, 'absent'))
                playbook(['-i', 'localhost,', hosts], 'test hosts deleted')
    lines = ['Measured with `make bench-scaling` (benchmarks/scaling.py): %d Debian 12 system containers on this '
             "machine's Incus, each given inventory/local.yml's settings, reached over SSH." % len(names),
             '', '| run | forks | wall time | controller memory (peak PSS) | controller CPU | per host: wall, CPU |',
             '|---|---|---|---|---|---|']
    lines += ['| %s | %d | %.1f s | %.0f MiB | %.1f s | %.1f s, %.1f s |' % (
        run, forks, seconds, mib, cpu, seconds / len(names), cpu / len(names)) for run, forks, seconds, mib, cpu in rows]
    text = '\n'.join(lines) + '\n'
    publish(text, REPORT, START, END, write=not options.no_write)


if __name__ == '__main__':
    main()

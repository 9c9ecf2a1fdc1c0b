"""site.yml over many hosts: N Debian system containers on this machine's LXD (the Molecule test-host
image), converged once by playbooks/site.yml with the default inventory's settings, then rerun with
nothing to do at forks 5 and 10. Each run's wall time and the controller's peak memory (the
proportional set size of ansible-playbook and every process under it, sampled) go into
docs/scaling.md between its markers.

Run it with `make bench-scaling` (needs the LXD daemon and the installed collection). The hosts are
deleted at the end unless --keep is given.

Not yet usable on Debian 12's LXD 5.0: with ten hosts converging at once through `lxc exec`, one
`lxc exec` never returned (canonical/lxd#11890) and the converge hung; the hosts need SSH instead
(openssh-server in the test-host image, an address on the test bridge)."""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.join(HERE, '..')
REPORT = os.path.join(TOP, 'docs', 'scaling.md')
START = '<!-- make bench-scaling (benchmarks/scaling.py) figures start -->\n'
END = '<!-- make bench-scaling (benchmarks/scaling.py) figures end -->\n'
PREFIX = 'armhv-scale-'


def host_names(count):
    return ['%s%02d' % (PREFIX, number) for number in range(1, count + 1)]


def hosts_play(names, state):
    """A play making the test hosts (started) or deleting them (absent), each in one lxc_containers
    task. apt inside reaches the Debian mirror through a proxy device on each host's 127.0.0.1:80, as
    in the Molecule scenarios."""
    if state == 'absent':
        entries = [dict(name=name, state='absent', force_stop=True) for name in names]
        return play([dict(name='The hosts', **{'armhv.hypervisor.lxc_containers': dict(instances=entries)})])
    mirror = subprocess.run(['getent', 'ahostsv4', 'deb.debian.org'], capture_output=True, text=True,
                            check=True).stdout.split()[0]
    device = dict(type='proxy', listen='tcp:127.0.0.1:80', connect='tcp:%s:80' % mirror, bind='instance')
    entries = [dict(name=name, image='armhv-debian12', config={'security.nesting': 'true'},
                    devices=dict(debmirror=dict(device))) for name in names]
    boot = ("lxc exec {{ item }} -- systemctl is-system-running --wait || true\n"
            "lxc exec {{ item }} -- sh -c 'grep -q deb.debian.org /etc/hosts || "
            "echo \"127.0.0.1 deb.debian.org\" >>/etc/hosts'\n")
    return play([
        {'name': 'Pool, root disk and the test bridge',
         'ansible.builtin.include_role': {'name': 'armhv.hypervisor.local_lxd'}},
        {'name': 'The test host image', 'changed_when': False,
         'ansible.builtin.command': os.path.join(os.path.abspath(TOP), 'scripts', 'build-test-host-image')},
        {'name': 'The hosts', 'armhv.hypervisor.lxc_containers': dict(instances=entries, parallel=4)},
        {'name': 'Each one booted, apt pointed at the proxy', 'changed_when': False, 'loop': names,
         'ansible.builtin.shell': boot},
    ])


def play(tasks):
    return yaml.safe_dump([dict(hosts='localhost', connection='local', gather_facts=False,
                                vars=dict(ansible_python_interpreter=sys.executable), tasks=tasks)],
                          sort_keys=False, width=200)


def inventory(names):
    """The default inventory's settings (inventory/local.yml) on each test host, reached with lxc exec;
    systemd restarts LXD there, so the local restart command goes."""
    with open(os.path.join(TOP, 'inventory', 'local.yml')) as handle:
        local = yaml.safe_load(handle)['all']
    variables = dict(local['vars'])
    variables.pop('harden_lxd_restart_command', None)
    variables.update(ansible_connection='community.general.lxd', ansible_python_interpreter='/usr/bin/python3')
    return dict(all=dict(hosts=dict((name, {}) for name in names), children=dict(hypervisors=dict(hosts={})),
                         vars=variables))


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

    The CPU time is ansible-playbook's and every process it waited for (workers, lxc exec)."""
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


def write_report(text):
    with open(REPORT) as handle:
        old = handle.read()
    section = START + text + END
    new = old[:old.index(START)] + section + old[old.index(END) + len(END):]
    with open(REPORT, 'w') as handle:
        handle.write(new)


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
    with tempfile.TemporaryDirectory() as workdir:
        hosts = os.path.join(workdir, 'hosts.yml')
        with open(hosts, 'w') as handle:
            handle.write(hosts_play(names, 'started'))
        playbook(['-i', 'localhost,', hosts], 'test hosts')
        try:
            rows = measure(names, workdir)
        finally:
            if not options.keep:
                with open(hosts, 'w') as handle:
                    handle.write(hosts_play(names, 'absent'))
                playbook(['-i', 'localhost,', hosts], 'test hosts deleted')
    lines = ['Measured with `make bench-scaling` (benchmarks/scaling.py): %d Debian 12 system containers on this '
             "machine's LXD, each given inventory/local.yml's settings, reached with `lxc exec`." % len(names),
             '', '| run | forks | wall time | controller memory (peak PSS) | controller CPU | per host: wall, CPU |',
             '|---|---|---|---|---|---|']
    lines += ['| %s | %d | %.1f s | %.0f MiB | %.1f s | %.1f s, %.1f s |' % (
        run, forks, seconds, mib, cpu, seconds / len(names), cpu / len(names)) for run, forks, seconds, mib, cpu in rows]
    text = '\n'.join(lines) + '\n'
    print(text)
    if not options.no_write:
        write_report(text)


if __name__ == '__main__':
    main()

"""What the controller spends per host, simulated: N inventory hosts that need no machine (every task
runs on the controller: set_fact, assert, a skipped task), so the figures are Ansible's own cost per
host-task and how the roles' play-wide expressions grow with N. Writes its section of docs/scaling.md
between its markers.

Two ways of reading a list from every host of the play are compared, as harden's trust and firewall
steps read them: evaluated on each host (what the role did before; each evaluation reads every host's
variables, so a task costs N x N) and once with run_once (a run_once fact is every host's).

Run it with `make bench-controller`; it needs no LXD."""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import yaml

from report import publish

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.join(HERE, '..', 'docs', 'scaling.md')
START = '<!-- make bench-controller (benchmarks/controller_sim.py) figures start -->\n'
END = '<!-- make bench-controller (benchmarks/controller_sim.py) figures end -->\n'
PEM = '-----BEGIN CERTIFICATE-----\n' + ('A' * 64 + '\n') * 10 + '-----END CERTIFICATE-----\n'
# harden's expression (vars/main.yml __harden_play_client_certs), on the simulated hosts' facts.
EVERY_HOST = ("{{ ansible_play_hosts_all | map('extract', hostvars, 'client_cert') | selectattr('stdout', 'defined')"
              " | map(attribute='stdout') | select('search', 'BEGIN CERTIFICATE') | list }}")


def inventory(count):
    hosts = dict(('sim%04d' % number, dict(cluster_member_address='198.18.%d.%d:8443' % divmod(number, 250)))
                 for number in range(count))
    return dict(all=dict(hosts=hosts, vars=dict(ansible_connection='local')))


def tasks(per_host=True):
    """per_host=False leaves out the N x N task (at 1,000 hosts it would take about a quarter of an hour)."""
    listed = [
        {'name': 'set_fact', 'ansible.builtin.set_fact': {'client_cert': {'stdout': PEM}}},
        {'name': 'assert', 'ansible.builtin.assert': {'that': ['client_cert.stdout | length > 0'], 'quiet': True}},
        {'name': 'skipped', 'ansible.builtin.debug': {'msg': 'never'}, 'when': False},
        {'name': 'every host, per host', 'ansible.builtin.set_fact': {'certs': EVERY_HOST}},
        {'name': 'every host, run_once', 'ansible.builtin.set_fact': {'certs_once': EVERY_HOST}, 'run_once': True},
        {'name': 'run_once fact on every host', 'ansible.builtin.assert': {
            'that': ['certs_once | length == ansible_play_hosts_all | length'], 'quiet': True}},
    ]
    return [task for task in listed if per_host or task['name'] != 'every host, per host']


def run(count, forks, workdir, per_host):
    """Seconds per task (profile_tasks), the whole run's wall time and the largest resident set of the
    controller's processes (ansible-playbook or one of its workers), in MiB."""
    inv, play = os.path.join(workdir, 'inventory.yml'), os.path.join(workdir, 'play.yml')
    with open(inv, 'w') as handle:
        yaml.safe_dump(inventory(count), handle)
    with open(play, 'w') as handle:
        yaml.safe_dump([dict(hosts='all', gather_facts=False, tasks=tasks(per_host))], handle, sort_keys=False)
    started = time.perf_counter()
    process = subprocess.Popen(['ansible-playbook', '-i', inv, play, '-f', str(forks)], stdout=subprocess.PIPE,
                               text=True, env=dict(os.environ, ANSIBLE_CALLBACKS_ENABLED='ansible.posix.profile_tasks',
                                                   ANSIBLE_STDOUT_CALLBACK='ansible.builtin.null',
                                                   PROFILE_TASKS_TASK_OUTPUT_LIMIT='all'))
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit('hosts %d, forks %d failed:\n%s' % (count, forks, output[-3000:]))
    seconds = dict((name.strip(), float(value)) for name, value in
                   re.findall(r'^(.+?) -+ (\d+\.\d+)s$', output, re.M))
    print('hosts %d forks %d: %.1f s %s' % (count, forks, elapsed, seconds), file=sys.stderr)
    return elapsed, seconds, usage.ru_maxrss / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--counts', type=int, nargs='+', default=[50, 100, 200, 1000])
    parser.add_argument('--per-host-up-to', type=int, default=200,
                        help='run the N x N task only up to this many hosts')
    parser.add_argument('--forks', type=int, nargs='+', default=[5, 10])
    parser.add_argument('--no-write', action='store_true', help='print only, leave docs/scaling.md')
    options = parser.parse_args()
    lines = ['Measured with `make bench-controller` (benchmarks/controller_sim.py) on this machine (2 cores): '
             'N inventory hosts, every task run on the controller; seconds per task as profile_tasks '
             'reports them, then per host-task.', '',
             '| hosts | forks | set_fact | assert | skipped | per host-task (set_fact) '
             '| every host, per host | every host, run_once | largest process |', '|---|---|---|---|---|---|---|---|---|']
    with tempfile.TemporaryDirectory() as workdir:
        for count in options.counts:
            for forks in options.forks:
                per_host = count <= options.per_host_up_to
                _elapsed, seconds, mib = run(count, forks, workdir, per_host)
                lines.append('| %d | %d | %.2f s | %.2f s | %.2f s | %.1f ms | %s | %.2f s | %.0f MiB |' % (
                    count, forks, seconds['set_fact'], seconds['assert'], seconds['skipped'],
                    1000 * seconds['set_fact'] / count,
                    '%.2f s' % seconds['every host, per host'] if per_host else 'not run',
                    seconds['every host, run_once'], mib))
    text = '\n'.join(lines) + '\n'
    publish(text, REPORT, START, END, write=not options.no_write)


if __name__ == '__main__':
    main()

"""Benchmark of the fleet path: the instances role (one lxc_containers task) against a play looping
community.general.lxd_container over the same instances, at 20 and 100 busybox instances. Three phases
(converge = create and start, no-op rerun, delete), each the wall time of a whole ansible-playbook run
with gather_facts: false, start-up included. The tools alternate who goes first, phase by phase; the
median of the rounds is reported. Then the peak memory of the module process at 100 instances.

Run it with `make bench` (needs the LXD daemon, the busybox image and the installed collection); it
writes its table into docs/performance.md between its markers."""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

from report import publish

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.join(HERE, '..', 'docs', 'performance.md')
IMAGE = 'armhv-busybox'
PHASES = ('converge', 'noop', 'delete')
TOOLS = ('armhv', 'community')
TARGETS = {'converge': '≤ 0.30', 'noop': '≤ 0.15', 'delete': '≤ 0.50'}
START = '<!-- make bench (benchmarks/fleet.py) figures start -->\n'
END = '<!-- make bench (benchmarks/fleet.py) figures end -->\n'
COLLECTIONS = os.environ.get('ANSIBLE_COLLECTIONS_PATH', os.path.join(HERE, '..', 'build', 'collections'))

HEADER = """- hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{python}"
"""
ROLE_PLAY = HEADER + """    instances_list: {entries}
  roles:
    - armhv.hypervisor.instances
"""
LOOP_PLAY = HEADER + """  tasks:
    - community.general.lxd_container:
        name: "{{{{ item }}}}"
{args}
      loop: {names}
"""
COMMUNITY_ARGS = {
    'converge': '        source: {type: image, alias: %s}\n        state: started' % IMAGE,
    'delete': '        state: absent\n        force_stop: true',
}
COMMUNITY_ARGS['noop'] = COMMUNITY_ARGS['converge']


def names(tool, count):
    return ['bench-%s-%d' % (tool[:3], i) for i in range(count)]


def playbook(tool, phase, count):
    if tool == 'armhv':
        entry = dict(image=IMAGE) if phase != 'delete' else dict(state='absent')
        entries = [dict(entry, name=name) for name in names(tool, count)]
        return ROLE_PLAY.format(python=sys.executable, entries=json.dumps(entries))
    return LOOP_PLAY.format(python=sys.executable, args=COMMUNITY_ARGS[phase], names=json.dumps(names(tool, count)))


def run_playbook(tool, phase, count, workdir):
    path = os.path.join(workdir, '%s-%s-%d.yml' % (tool, phase, count))
    with open(path, 'w') as handle:
        handle.write(playbook(tool, phase, count))
    started = time.perf_counter()
    done = subprocess.run(['ansible-playbook', '-i', 'localhost,', path], stdout=subprocess.PIPE, text=True,
                          check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit('%s %s failed:\n%s' % (tool, phase, done.stdout[-3000:]))
    return elapsed


def measure(rounds, count, workdir):
    """{tool: {phase: median seconds}}, the tools interleaved phase by phase, who goes first alternating."""
    results = dict((tool, dict((phase, []) for phase in PHASES)) for tool in TOOLS)
    for tool in TOOLS:
        # Instances left by an interrupted run would turn the first converge into a no-op.
        run_playbook(tool, 'delete', count, workdir)
    for round_no in range(rounds):
        order = TOOLS if round_no % 2 == 0 else tuple(reversed(TOOLS))
        for phase in PHASES:
            for tool in order:
                results[tool][phase].append(run_playbook(tool, phase, count, workdir))
        print('N=%d round %d: %s' % (count, round_no + 1, json.dumps(results)), file=sys.stderr)
    return dict((tool, dict((p, statistics.median(v)) for p, v in phases.items())) for tool, phases in results.items())


def module_peak_memory(count, workdir):
    """Peak RSS (MiB) of the lxc_containers module process converging `count` instances, then deleting
    them. The module runs as Ansible runs it on the managed node (its own Python process, arguments from
    a file), without the AnsiballZ wrapper."""
    peaks = {}
    for phase in ('converge', 'delete'):
        entry = dict(image=IMAGE) if phase == 'converge' else dict(state='absent')
        args = dict(instances=[dict(entry, name='bench-mem-%d' % i) for i in range(count)])
        path = os.path.join(workdir, 'mem-%s.json' % phase)
        with open(path, 'w') as handle:
            json.dump(dict(ANSIBLE_MODULE_ARGS=args), handle)
        process = subprocess.Popen([sys.executable, '-m', 'ansible_collections.armhv.hypervisor.plugins.modules.'
                                    'lxc_containers', path], stdout=subprocess.PIPE,
                                   env=dict(os.environ, PYTHONPATH=COLLECTIONS))
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        if status != 0 or json.loads(output).get('failed'):
            sys.exit('the module failed: %s' % output[-2000:])
        peaks[phase] = usage.ru_maxrss / 1024.0
    return peaks


def table(by_count, rounds):
    lines = ['| instances | phase | instances role | community.general loop | ratio | target |',
             '|---|---|---|---|---|---|']
    for count, medians in sorted(by_count.items()):
        for phase in PHASES:
            ours, peer = medians['armhv'][phase], medians['community'][phase]
            lines.append('| %d | %s | %.2f s | %.2f s | %.2f | %s |' % (
                count, phase, ours, peer, ours / peer, TARGETS[phase] if count == 20 else 'report'))
    return '\n'.join(lines)


def lxd_version():
    done = subprocess.run(['lxd', '--version'], capture_output=True, text=True, check=False)
    return done.stdout.strip() or 'unknown'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--counts', default='20,100', help='instance counts, comma-separated')
    parser.add_argument('--memory-count', type=int, default=100)
    parser.add_argument('--no-write', action='store_true', help='print only, leave docs/performance.md')
    options = parser.parse_args()
    counts = [int(c) for c in options.counts.split(',')]
    with tempfile.TemporaryDirectory() as workdir:
        by_count = dict((count, measure(options.rounds, count, workdir)) for count in counts)
        peaks = module_peak_memory(options.memory_count, workdir)
    text = '\n'.join([
        'Measured with `make bench` (benchmarks/fleet.py) on %s, LXD %s, `dir` pool, busybox instances: '
        'median of %d rounds; each figure is one whole `ansible-playbook` run (start-up included) of a '
        'play with `gather_facts: false`, the instances role against community.general.lxd_container '
        'looped over the same names.' % (machine(), lxd_version(), options.rounds),
        '',
        table(by_count, options.rounds),
        '',
        'Peak memory of the lxc_containers module process at %d instances: %.1f MiB converging, '
        '%.1f MiB deleting.' % (options.memory_count, peaks['converge'], peaks['delete']),
        '',
    ])
    publish(text, REPORT, START, END, write=not options.no_write)


def machine():
    cores = os.cpu_count()
    with open('/proc/meminfo') as handle:
        memory = int(re.search(r'MemTotal:\s+(\d+)', handle.read()).group(1)) / 1024.0 / 1024.0
    return '%d cores, %.0f GiB' % (cores, memory)


if __name__ == '__main__':
    main()

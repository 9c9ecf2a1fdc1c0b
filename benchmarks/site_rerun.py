"""`make site` rerun on a converged machine: one run to converge, then three timed reruns (the median
is reported; each must change nothing), then one more with the profile_tasks callback for the tasks
that take longest. Writes its section of docs/performance.md between its markers.

Run it with `make bench-site` (it runs `make site`, so it converges this machine first)."""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

from report import publish

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..'))
REPORT = os.path.join(TOP, 'docs', 'performance.md')
START = '<!-- make bench-site (benchmarks/site_rerun.py) figures start -->\n'
END = '<!-- make bench-site (benchmarks/site_rerun.py) figures end -->\n'
ROUNDS = 3
SHOWN = 12


def make_site(environment=None):
    started = time.perf_counter()
    done = subprocess.run(['make', '-s', 'site'], cwd=TOP, stdout=subprocess.PIPE, text=True, check=False,
                          env=dict(os.environ, **(environment or {})))
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit('make site failed:\n' + done.stdout[-4000:])
    return elapsed, done.stdout


def recap(output):
    return re.search(r'ok=(\d+)\s+changed=(\d+).*skipped=(\d+)', output).groups()


def profile(output):
    """The profile_tasks lines: (seconds, task name), longest first."""
    rows = re.findall(r'^(.+?) -+ (\d+\.\d+)s$', output, re.M)
    return sorted(((float(seconds), name.strip()) for name, seconds in rows), reverse=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--rounds', type=int, default=ROUNDS)
    parser.add_argument('--no-write', action='store_true', help='print only, leave docs/performance.md')
    options = parser.parse_args()
    make_site()
    times = []
    for _round in range(options.rounds):
        elapsed, output = make_site()
        if recap(output)[1] != '0':
            sys.exit('a rerun changed something:\n' + output[-4000:])
        times.append(elapsed)
    _elapsed, output = make_site(dict(ANSIBLE_CALLBACKS_ENABLED='ansible.posix.profile_tasks',
                                      PROFILE_TASKS_TASK_OUTPUT_LIMIT='all'))
    tasks = profile(output)
    ok, _changed, skipped = recap(output)
    lines = ['Measured with `make bench-site` (benchmarks/site_rerun.py): `make site` rerun on this converged '
             'machine (2 cores), nothing to change: median %.1f s of %s (target 12 s). The play reports %s '
             'tasks ok and %s skipped; their own time adds up to %.1f s (profile_tasks), the rest is '
             'ansible-playbook start-up and the collection check.'
             % (statistics.median(times), ', '.join('%.1f s' % t for t in times), ok, skipped,
                sum(seconds for seconds, _name in tasks)),
             '', '| task | seconds |', '|---|---|']
    lines += ['| %s | %.2f |' % (name.replace('|', '/'), seconds) for seconds, name in tasks[:SHOWN]]
    text = '\n'.join(lines) + '\n'
    publish(text, REPORT, START, END, write=not options.no_write)


if __name__ == '__main__':
    main()

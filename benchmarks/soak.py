"""Soak under faults (not a test): the management API and a periodic site.yml against this machine's
LXD for ARMHV_SOAK_SECONDS (default 600), LXD restarted every ARMHV_SOAK_RESTART_SECONDS (default 120)
with `scripts/lxd-up --restart` (the daemon stops, its instances keep running, it starts again).

A caller lists containers twice a second and creates then deletes one every 15 s (retrying the same
one after an error, as an operator would); site.yml runs every 60 s. Prints the API's answers by status,
each error message once with its count, how long the API took to answer 200 again after each restart,
the site.yml runs, and the memory of the service and of LXD.
Run it with `make soak` (it converges this machine first)."""

import collections
import os
import re
import subprocess
import sys
import threading
import time

import httpx

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'tests', 'api'))

from conftest import ADMIN_PASSWORD, ROOT, Service, config_text  # noqa: E402

URL = 'http://127.0.0.1:18460'
LXD_DIR = '/var/lib/lxd'
SECONDS = int(os.environ.get('ARMHV_SOAK_SECONDS', '600'))
RESTART_EVERY = int(os.environ.get('ARMHV_SOAK_RESTART_SECONDS', '120'))
SITE_EVERY = 60
PLAYBOOK = [os.path.join(TOP, '.venv/bin/ansible-playbook'), '-i', os.path.join(TOP, 'inventory/local.yml'),
            os.path.join(TOP, 'playbooks/site.yml')]
PLAYBOOK_ENV = dict(os.environ, PATH=os.path.join(TOP, '.venv/bin') + ':' + os.environ['PATH'],
                    ANSIBLE_COLLECTIONS_PATH=os.path.join(TOP, 'build/collections'), ANSIBLE_NOCOLOR='1')


def rss_mib(pid):
    try:
        with open('/proc/%d/status' % pid) as status:
            return int(re.search(r'VmRSS:\s+(\d+)', status.read()).group(1)) / 1024.0
    except (OSError, AttributeError):
        return None


def lxd_pid():
    found = subprocess.run(['pgrep', '-xo', 'lxd'], capture_output=True, text=True, check=False).stdout.split()
    return int(found[0]) if found else None


class Soak:
    def __init__(self, client, service):
        self.client = client
        self.service = service
        self.end = time.time() + SECONDS
        self.answers = []      # (time, method, status, error message or None, request id present)
        self.restarts = []     # time each restart began
        self.site_runs = []    # (start, seconds, rc, recap or failure line)
        self.memory = []       # (time, service MiB, LXD MiB)

    def ask(self, method, path, **kwargs):
        try:
            answer = self.client.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            self.answers.append((time.time(), method, 'no answer', str(exc), False))
            return None
        message = None
        if answer.status_code >= 400:
            message = answer.json().get('error', {}).get('message', answer.text)
        self.answers.append((time.time(), method, answer.status_code, message, bool(answer.headers.get('x-request-id'))))
        return answer

    def caller(self):
        number, next_change, unfinished = 0, time.time(), None
        while time.time() < self.end:
            self.ask('GET', '/api/v1/containers')
            if time.time() >= next_change:
                next_change += 15
                if unfinished is None:
                    number += 1
                    unfinished = 'soak%03d' % number
                unfinished = self.cycle(unfinished)
            time.sleep(0.5)
        if unfinished:
            self.cycle(unfinished)

    def cycle(self, name):
        """Create then delete name; the name again when either was not done (an operator retries it)."""
        made = self.ask('POST', '/api/v1/containers', json=dict(name=name, image='armhv-busybox'))
        if made is None or made.status_code not in (201, 409):
            return name
        gone = self.ask('DELETE', '/api/v1/containers/' + name)
        return None if gone is not None and gone.status_code == 204 else name

    def restarter(self):
        while time.time() + RESTART_EVERY < self.end:
            time.sleep(RESTART_EVERY)
            self.restarts.append(time.time())
            subprocess.run([os.path.join(TOP, 'scripts/lxd-up'), '--restart'], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)

    def site(self):
        while time.time() + 30 < self.end:
            started = time.time()
            done = subprocess.run(PLAYBOOK, env=PLAYBOOK_ENV, capture_output=True, text=True, check=False)
            found = re.search(r'ok=\d+\s+changed=\d+\s+unreachable=\d+\s+failed=\d+', done.stdout)
            failure = [line for line in done.stdout.splitlines() if line.startswith('fatal:')]
            self.site_runs.append((started, time.time() - started, done.returncode,
                                   (failure[0][:300] if failure else found.group(0) if found else done.stdout[-300:])))
            time.sleep(max(0, started + SITE_EVERY - time.time()))

    def sampler(self):
        while time.time() < self.end:
            pid = lxd_pid()
            self.memory.append((time.time(), rss_mib(self.service.process.pid), rss_mib(pid) if pid else None))
            time.sleep(10)

    def run(self):
        threads = [threading.Thread(target=work) for work in (self.caller, self.restarter, self.site, self.sampler)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def recoveries(self):
        """Seconds from each restart to the API's next 200."""
        found = []
        for began in self.restarts:
            later = [t for t, method, status, message, rid in self.answers if t > began and status == 200]
            found.append(round(later[0] - began, 1) if later else None)
        return found


def report(soak, started):
    print('soak: %d s, LXD restarted every %d s (%d restarts), site.yml every %d s' % (
        time.time() - started, RESTART_EVERY, len(soak.restarts), SITE_EVERY))
    counts = collections.Counter((method, status) for t, method, status, message, rid in soak.answers)
    print('API answers: ' + ', '.join('%s %s: %d' % (m, s, n) for (m, s), n in sorted(counts.items(), key=str)))
    errors = collections.Counter(re.sub(r'soak\d+', 'soakNNN', '%s %s' % (status, message))
                                 for t, method, status, message, rid in soak.answers if message)
    for text, count in errors.most_common():
        print('  %dx %s' % (count, text[:220]))
    missing = sum(1 for t, method, status, message, rid in soak.answers if message and not rid and status != 'no answer')
    print('errors without a request id: %d; 5xx other than 503: %d' % (missing, sum(
        1 for a in soak.answers if isinstance(a[2], int) and a[2] >= 500 and a[2] != 503)))
    print('API back to 200 after each restart (s): %s' % soak.recoveries())
    for began, seconds, rc, what in soak.site_runs:
        print('site.yml at +%3.0f s: %5.1f s, rc %d, %s' % (began - started, seconds, rc, what))
    service = [m for t, m, lxd in soak.memory if m]
    lxd = [m for t, s, m in soak.memory if m]
    print('memory (VmRSS MiB): service %.1f first, %.1f max, %.1f last; LXD %.1f first, %.1f max, %.1f last' % (
        service[0], max(service), service[-1], lxd[0], max(lxd), lxd[-1]))
    leftovers = subprocess.run(['lxc', 'list', 'soak', '--format', 'csv', '-c', 'n'], capture_output=True, text=True,
                               check=False, env=dict(os.environ, LXD_DIR=LXD_DIR)).stdout.split()
    print('instances the soak made that are still there: %s' % (leftovers or 'none'))


def main():
    os.makedirs(ROOT, exist_ok=True)
    # A fresh database each run: an earlier run's has its admin already.
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(ROOT + '/soak.db' + suffix):
            os.remove(ROOT + '/soak.db' + suffix)
    found = Service('soak', config_text(ROOT + '/soak.db', port=18460, lxd_dir=LXD_DIR, confined=False))
    found.cli('migrate')
    found.cli('create-user', '--username', 'admin', '--role', 'admin', stdin=ADMIN_PASSWORD + '\n')
    found.start(URL)
    client = httpx.Client(base_url=URL, timeout=120, headers={'Authorization': 'Bearer ' + found.token()})
    soak = Soak(client, found)
    started = time.time()
    try:
        soak.run()
    finally:
        found.stop()
    report(soak, started)


if __name__ == '__main__':
    main()

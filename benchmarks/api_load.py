"""Load figures for the management API (not a test): GET /api/v1/containers with 50 instances on
loopback, with wrk. Prints p50/p99 latency and requests/s, the service's memory before and after a soak,
and what the per-key rate limit lets through under the same load. Run it with `make api-bench`."""

import os
import re
import subprocess
import sys
import time

import httpx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'tests', 'api'))

from conftest import ADMIN_PASSWORD, LXD_DIR, ROOT, Service, config_text, lxc, start_lxd, stop_lxd  # noqa: E402

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import lxd_connect  # noqa: E402

URL = 'http://127.0.0.1:18450'
SOAK_SECONDS = int(os.environ.get('ARMHV_SOAK_SECONDS', '180'))
# CI's smoke run shortens every load phase (ARMHV_BENCH_SECONDS=5 ARMHV_SOAK_SECONDS=5).
BURST_SECONDS = int(os.environ.get('ARMHV_BENCH_SECONDS', '30'))


def rss_mib(pid):
    with open('/proc/%d/status' % pid) as status:
        return int(re.search(r'VmRSS:\s+(\d+)', status.read()).group(1)) / 1024.0


def wrk(seconds, key, connections=16):
    output = subprocess.run(['wrk', '-t2', '-c%d' % connections, '-d%ds' % seconds, '--latency', '-H',
                             'Authorization: Bearer ' + key, URL + '/api/v1/containers'],
                            capture_output=True, text=True, check=True).stdout
    found = dict(p50=re.search(r'50%\s+(\S+)', output).group(1), p99=re.search(r'99%\s+(\S+)', output).group(1),
                 rps=float(re.search(r'Requests/sec:\s+(\S+)', output).group(1)),
                 total=int(re.search(r'(\d+) requests in', output).group(1)))
    refused = re.search(r'Non-2xx or 3xx responses: (\d+)', output)
    found['non_2xx'] = int(refused.group(1)) if refused else 0
    return found


def median_ms(call, count=100):
    spent = []
    for attempt in range(count):
        started = time.perf_counter()
        call()
        spent.append((time.perf_counter() - started) * 1000)
    return sorted(spent)[count // 2]


def sequential(key):
    """One caller at a time: LXD's own answer to the same query, then through the API."""
    lxd = lxd_connect(dict(url=LXD_DIR + '/unix.socket', client_cert=None, client_key=None, server_cert=None,
                           validate_certs=True, project='default', timeout=30))
    direct = median_ms(lambda: lxd.get('instances', params={'recursion': 1}))
    client = httpx.Client(base_url=URL, headers={'Authorization': 'Bearer ' + key})
    through = median_ms(lambda: client.get('/api/v1/containers').raise_for_status())
    return direct, through


def service(name, limits):
    # Logging stays at INFO, as deployed: every request writes its JSON access line.
    # The service reads the default project with its one credential: the benchmark measures reads, not
    # the confined write path the API tests set up in their namespace.
    # A fresh database each run: an earlier run's has its admin already.
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(ROOT + '/%s.db%s' % (name, suffix)):
            os.remove(ROOT + '/%s.db%s' % (name, suffix))
    found = Service(name, config_text(ROOT + '/%s.db' % name, port=18450, limits=limits, confined=False))
    found.cli('migrate')
    found.cli('create-user', '--username', 'admin', '--role', 'admin', stdin=ADMIN_PASSWORD + '\n')
    found.start(URL)
    token = found.token()
    key = found.client.post('/api/v1/api-keys', json=dict(name='bench', role='viewer'),
                            headers={'Authorization': 'Bearer ' + token}).json()['key']
    return found, key


def main():
    daemon = start_lxd()
    try:
        for index in range(50):
            lxc('init', 'busybox', 'bench%02d' % index, project='default')
        fast, key = service('bench', ('1000000/minute', '1000000/minute', '1000/minute'))
        assert len(fast.client.get('/api/v1/containers', headers={'Authorization': 'Bearer ' + key}).json()) == 50
        direct, through = sequential(key)
        before = rss_mib(fast.process.pid)
        burst = wrk(BURST_SECONDS, key)
        soak = wrk(SOAK_SECONDS, key)
        after = rss_mib(fast.process.pid)
        fast.stop()
        limited, key = service('limited', ('1000000/minute', '600/minute', '1000/minute'))
        started = time.time()
        capped = wrk(min(20, BURST_SECONDS), key)
        elapsed = time.time() - started
        limited.stop()
    finally:
        stop_lxd(daemon)
    print('GET /api/v1/containers, 50 instances, wrk -t2 -c16, loopback, one worker process')
    print('one caller at a time: LXD itself %.1f ms, through the API %.1f ms (median of 100)' % (direct, through))
    print('%d s: p50 %s, p99 %s, %.0f requests/s, %d requests, %d non-2xx'
          % (BURST_SECONDS, burst['p50'], burst['p99'], burst['rps'], burst['total'], burst['non_2xx']))
    print('soak %d s: p50 %s, p99 %s, %.0f requests/s, %d requests, %d non-2xx'
          % (SOAK_SECONDS, soak['p50'], soak['p99'], soak['rps'], soak['total'], soak['non_2xx']))
    print('memory (VmRSS): %.1f MiB before, %.1f MiB after %d s of load' % (before, after, BURST_SECONDS + SOAK_SECONDS))
    print('per-key limit 600/minute under the same load for %.0f s: %d requests, %d answered 429, %d allowed'
          % (elapsed, capped['total'], capped['non_2xx'], capped['total'] - capped['non_2xx']))


if __name__ == '__main__':
    main()

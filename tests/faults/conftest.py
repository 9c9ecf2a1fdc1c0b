"""Faults injected for real: an LXD daemon of its own (own LXD_DIR, own network namespace), killed with
SIGKILL while a module changes something, then started again; the modules run as Ansible runs them.

The moment of the kill is made certain, not raced: the daemon runs with a folder of wrappers first on
its PATH (tar, which unpacks an image into a new instance, and mkfs.btrfs, which makes a pool); armed,
a wrapper says so and holds the daemon's change there until the test kills the daemon."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

NS = 'armhvflt'
ROOT = '/var/tmp/armhv-faults'
LXD_DIR = ROOT + '/lxd'
SOCKET = LXD_DIR + '/unix.socket'
WRAPPERS = ROOT + '/bin'
ARMED = ROOT + '/armed'
HIT = ROOT + '/hit'
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)
WRAPPER = '''#!/bin/sh
# Armed by the fault tests: say so, and hold here until the daemon (and this) is killed.
if [ -e %(armed)s ]; then rm -f %(armed)s; touch %(hit)s; sleep 300; fi
PATH=${PATH#%(bin)s:} exec %(name)s "$@"
'''


def run(*command, check=True, env=None):
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
    if check and done.returncode:
        raise AssertionError('%s failed (%s): %s' % (' '.join(command), done.returncode, done.stderr.strip()))
    return done


def lxc(*args, check=True):
    return run('lxc', *args, check=check, env=dict(os.environ, LXD_DIR=LXD_DIR)).stdout.strip()


class Daemon:
    """The test's LXD: started in the namespace, killed with SIGKILL (its whole process group, the
    held wrapper too), started again on the same directory."""

    def __init__(self):
        self.process = None

    def start(self):
        env = dict(os.environ, LXD_DIR=LXD_DIR, PATH=WRAPPERS + ':' + os.environ['PATH'])
        self.process = subprocess.Popen(
            ['ip', 'netns', 'exec', NS, 'lxd', '--group', 'root', '--logfile', ROOT + '/lxd.log'],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        run('lxd', 'waitready', '--timeout', '60', env=dict(os.environ, LXD_DIR=LXD_DIR))

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        # LXD runs some helpers in process groups of their own: a held wrapper would outlive the kill.
        run('pkill', '-KILL', '-f', WRAPPERS + '/', check=False)

    def stop(self):
        if self.process and self.process.poll() is None:
            run('lxd', 'shutdown', '--timeout', '60', check=False, env=dict(os.environ, LXD_DIR=LXD_DIR))
            if self.process.poll() is None:
                self.kill()


def arm():
    for path in (HIT,):
        if os.path.exists(path):
            os.remove(path)
    open(ARMED, 'w').close()


def wait_for_hit(timeout=60):
    deadline = time.time() + timeout
    while not os.path.exists(HIT):
        assert time.time() < deadline, 'the armed wrapper was never reached'
        time.sleep(0.05)


def module_env():
    """Ad-hoc runs with the built collection and JSON results."""
    return dict(os.environ, ANSIBLE_LOAD_CALLBACK_PLUGINS='1', ANSIBLE_STDOUT_CALLBACK='json',
                ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, 'build', 'collections'))


def module(name, args, background=False):
    """An ad-hoc Ansible run of one module on this machine, its result as JSON."""
    command = [os.path.join(BIN, 'ansible'), 'localhost', '-c', 'local', '-m', name, '-a', json.dumps(args)]
    env = dict(module_env(), ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process if background else result_of(process)


def result_of(process):
    out, err = process.communicate(timeout=300)
    assert 'Traceback' not in out + err, out + err
    return json.loads(out)['plays'][0]['tasks'][0]['hosts']['localhost']


def unmount_all():
    with open('/proc/self/mounts') as mounts:
        for path in sorted((line.split()[1] for line in mounts if ' %s/' % ROOT in line), reverse=True):
            run('umount', '-l', path, check=False)


@pytest.fixture(scope='session')
def daemon():
    subprocess.run([os.path.join(REPO, 'scripts', 'install-collection')], check=True, stdout=subprocess.DEVNULL)
    run('ip', 'netns', 'delete', NS, check=False)
    unmount_all()
    shutil.rmtree(ROOT, ignore_errors=True)
    os.makedirs(WRAPPERS)
    os.makedirs(LXD_DIR)
    for name in ('tar', 'mkfs.btrfs'):
        path = os.path.join(WRAPPERS, name)
        with open(path, 'w') as handle:
            handle.write(WRAPPER % dict(armed=ARMED, hit=HIT, bin=WRAPPERS, name=name))
        os.chmod(path, 0o755)
    run('ip', 'netns', 'add', NS)
    lxd = Daemon()
    lxd.start()
    try:
        lxc('storage', 'create', 'default', 'dir')
        lxc('profile', 'device', 'add', 'default', 'root', 'disk', 'path=/', 'pool=default')
        image = ROOT + '/busybox.tar.gz'
        run('sh', os.path.join(REPO, 'roles/local_image/files/build-busybox-image.sh'), image)
        lxc('image', 'import', image, '--alias', 'busybox')
        yield lxd
    finally:
        lxd.stop()
        unmount_all()
        run('ip', 'netns', 'delete', NS, check=False)
        shutil.rmtree(ROOT, ignore_errors=True)

"""The size of each module's AnsiballZ payload (the one file Ansible sends to a host per task: the
module and every module_util it imports, zipped and base64-encoded), for this checkout and, with
--against REV, for another revision of it, with the change in percent. The figures go into
docs/performance.md between their markers.

Each payload is the file Ansible itself builds: one ad-hoc run per module on localhost with
ANSIBLE_KEEP_REMOTE_FILES, given an option no module has, so the module refuses it before doing
anything (from a scratch folder, so no ansible.cfg applies). Run it with `make bench-payload` (BENCH_ARGS="--against REV")."""

import argparse
import glob
import os
import subprocess
import sys
import tempfile

from report import publish

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..'))
REPORT = os.path.join(TOP, 'docs', 'performance.md')
START = '<!-- make bench-payload (benchmarks/payload.py) figures start -->\n'
END = '<!-- make bench-payload (benchmarks/payload.py) figures end -->\n'
BIN = os.path.dirname(sys.executable)


def installed(tree, into):
    """Build the collection in tree and install it under into; its collections path."""
    subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', tree, '--output-path', into,
                    '--force'], check=True, stdout=subprocess.DEVNULL)
    tarball = glob.glob(os.path.join(into, 'armhv-hypervisor-*.tar.gz'))[0]
    path = os.path.join(into, 'collections')
    subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--force', '--no-deps', '-p', path,
                    tarball], check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=path))
    return path


def modules(path):
    folder = os.path.join(path, 'ansible_collections', 'armhv', 'hypervisor', 'plugins', 'modules')
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith('.py') and name != '__init__.py')


def payload_size(path, module, work):
    remote = tempfile.mkdtemp(dir=work)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=path, ANSIBLE_KEEP_REMOTE_FILES='1', ANSIBLE_REMOTE_TMP=remote,
               ANSIBLE_PIPELINING='0', ANSIBLE_LOCALHOST_WARNING='0')
    subprocess.run([os.path.join(BIN, 'ansible'), 'localhost', '-c', 'local', '-m', 'armhv.hypervisor.' + module,
                    '-a', 'armhv_payload_probe=1'], env=env, cwd=work, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    found = glob.glob(os.path.join(remote, '*', 'AnsiballZ_%s.py' % module))
    if len(found) != 1:
        raise SystemExit('no payload of %s was kept (found %s)' % (module, found))
    return os.path.getsize(found[0])


def sizes(tree, work):
    path = installed(tree, tempfile.mkdtemp(dir=work))
    return dict((module, payload_size(path, module, work)) for module in modules(path))


def checkout(rev, work):
    tree = tempfile.mkdtemp(dir=work)
    archive = subprocess.run(['git', '-C', TOP, 'archive', rev], check=True, capture_output=True).stdout
    subprocess.run(['tar', '-x', '-C', tree], input=archive, check=True)
    return tree


def table(now, before, rev):
    lines = ['Measured with `make bench-payload` (benchmarks/payload.py): each module\'s AnsiballZ payload as Ansible '
             'builds it for a task, in bytes%s.' % (', against revision %s' % rev if before else ''), '']
    if before:
        lines += ['| module | %s | now | change |' % rev, '|---|---|---|---|']
        for module in sorted(set(now) | set(before)):
            old, new = before.get(module), now.get(module)
            change = '%+.1f %%' % (100.0 * (new - old) / old) if old and new else 'new' if new else 'gone'
            lines.append('| %s | %s | %s | %s |' % (module, old or '-', new or '-', change))
    else:
        lines += ['| module | bytes |', '|---|---|'] + ['| %s | %d |' % item for item in sorted(now.items())]
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--against', metavar='REV', help='a git revision to compare with')
    parser.add_argument('--no-write', action='store_true', help='print only; leave docs/performance.md alone')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix='armhv-payload-') as work:
        now = sizes(TOP, work)
        before = sizes(checkout(args.against, work), work) if args.against else {}
    publish(table(now, before, args.against), REPORT, START, END, write=not args.no_write)


if __name__ == '__main__':
    main()

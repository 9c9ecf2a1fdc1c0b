"""The drift audit on the machine `make site` converged, run as the README says: the virtualenv's
ansible-playbook from the checkout, no environment variable set. Each change names exactly itself in
the reports, the reports are always written, and the test count moves only by the findings."""

import json
import os
import subprocess
from xml.etree import ElementTree

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = 'armhv-demo'
ROGUE = 'armhv-audit-rogue'


def lxc(*args, check=True):
    return subprocess.run(('lxc',) + args, capture_output=True, text=True, check=check).stdout.strip()


def audit(tmp_path, *extra):
    """Run the audit; (exit status, output, JSON report, JUnit suite)."""
    out = tmp_path / 'reports'
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('ANSIBLE_'))
    run = subprocess.run([TOP + '/.venv/bin/ansible-playbook', '-i', 'inventory/local.yml', 'armhv.hypervisor.audit',
                          '-e', 'audit_report_dir=' + str(out)] + list(extra),
                         cwd=TOP, env=env, capture_output=True, text=True, check=False)
    output = run.stdout + run.stderr
    report = json.loads((out / 'localhost.json').read_text())
    suite = ElementTree.parse(str(out / 'localhost.xml')).getroot().find('testsuite')
    return run.returncode, output, report, suite


def findings(report):
    return dict((r['resource'], r) for r in report['resources'] if r['changed'] or r['failed'] or r['unmanaged'])


@pytest.fixture(scope='module')
def clean(tmp_path_factory):
    """The audit of the converged machine: no finding, every resource a passing case."""
    rc, output, report, suite = audit(tmp_path_factory.mktemp('clean'))
    assert rc == 0, output
    return output, report, suite


def test_a_converged_machine_audits_clean_with_facts_and_no_warning(clean):
    output, report, suite = clean
    assert findings(report) == {}, findings(report)
    assert (report['drift'], report['unmanaged'], report['failed']) == (0, 0, 0)
    assert report['in_sync'] == len(report['resources']) == int(suite.get('tests')) > 10
    assert report['time'].endswith('Z') and report['collection_version'] and report['host'] == 'localhost'
    assert report['inventory_sources'] == [TOP + '/inventory/local.yml']
    assert {DEMO, 'armhv0', 'default', 'kernel.dmesg_restrict'} <= {r['resource'] for r in report['resources']}
    assert 'Warning' not in output and '[WARNING]' not in output and '[DEPRECATION' not in output, output


def test_instance_drift_is_named_key_by_key(clean, tmp_path):
    lxc('config', 'set', DEMO, 'limits.memory', '128MiB')
    try:
        rc, output, report, suite = audit(tmp_path)
    finally:
        lxc('config', 'set', DEMO, 'limits.memory', '64MiB')
    assert rc == 0, output
    assert list(findings(report)) == [DEMO]
    assert findings(report)[DEMO]['changes'] == [dict(key='limits.memory', before='128MiB', after='64MiB')]
    assert suite.get('tests') == clean[2].get('tests') and suite.get('failures') == '1'
    failure = [c for c in suite.findall('testcase') if c.find('failure') is not None][0].find('failure')
    assert failure.get('message') == 'would change: limits.memory: 128MiB -> 64MiB'


def test_undeclared_keys_are_reported_unless_ignored(clean, tmp_path):
    lxc('config', 'set', DEMO, 'limits.cpu', '1')
    lxc('config', 'set', DEMO, 'user.owner', 'someone')
    try:
        rc, output, report, suite = audit(tmp_path / 'report')
        ignored = audit(tmp_path / 'ignore', '-e', 'audit_unmanaged=ignore')
    finally:
        lxc('config', 'unset', DEMO, 'limits.cpu')
        lxc('config', 'unset', DEMO, 'user.owner')
    assert rc == 0, output
    found = findings(report)
    assert list(found) == [DEMO + ' (undeclared keys)']
    assert [c['key'] for c in found[DEMO + ' (undeclared keys)']['changes']] == ['limits.cpu', 'user.owner']
    assert int(suite.get('tests')) == int(clean[2].get('tests')) + 1
    assert ignored[0] == 0 and findings(ignored[2]) == {}


def test_sysctl_drift_names_the_key_and_both_values(clean, tmp_path):
    key = '/proc/sys/kernel/dmesg_restrict'
    with open(key) as handle:
        assert handle.read().strip() == '1'
    with open(key, 'w') as handle:
        handle.write('0\n')
    try:
        rc, output, report, suite = audit(tmp_path)
    finally:
        with open(key, 'w') as handle:
            handle.write('1\n')
    assert rc == 0, output
    assert list(findings(report)) == ['kernel.dmesg_restrict']
    assert findings(report)['kernel.dmesg_restrict']['changes'] == [
        dict(key='kernel.dmesg_restrict', before='0', after='1')]
    assert suite.get('tests') == clean[2].get('tests')


def test_a_refused_container_is_a_failing_case_and_the_report_is_still_written(clean, tmp_path):
    lxc('init', 'armhv-busybox', ROGUE, '-c', 'security.privileged=true')
    lxc('config', 'device', 'add', ROGUE, 'hostdir', 'disk', 'source=/srv', 'path=/mnt')
    try:
        rc, output, report, suite = audit(tmp_path / 'report')
        failing = audit(tmp_path / 'fail', '-e', 'audit_fail_on_drift=true')
    finally:
        lxc('delete', '--force', ROGUE)
    assert rc == 0, output
    found = findings(report)
    refusal = found['armhv.hypervisor.harden : Refuse risky ones that are not allowed']
    assert refusal['failed'] and refusal['msg'].endswith(
        'instance %s: devices.hostdir (disk), security.privileged' % ROGUE), refusal['msg']
    assert found[ROGUE]['msg'] == 'instance %s is not declared in the inventory' % ROGUE
    assert set(found) == {refusal['resource'], ROGUE}
    assert (suite.get('errors'), suite.get('failures')) == ('1', '1')
    # Asked to fail on findings, the run fails after writing the same reports.
    assert failing[0] != 0 and set(findings(failing[2])) == set(found)

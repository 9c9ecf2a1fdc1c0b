"""Every fenced YAML block of README.md and docs/*.md either runs here, in check mode, against the
machine `make site` converged (as the hypervisors group, the one host 127.0.0.1), or says why not in a
first line `# not run: <why>`. An unmarked block that no longer runs fails, so an example cannot rot."""

import glob
import os
import re
import subprocess

import pytest
import yaml

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOT_RUN = re.compile(r'^# not run: \S')


def blocks():
    for path in [os.path.join(TOP, 'README.md')] + sorted(glob.glob(os.path.join(TOP, 'docs', '*.md'))):
        with open(path) as handle:
            text = handle.read()
        for found in re.finditer(r'^```yaml\n(.*?)^```', text, re.S | re.M):
            line = text[:found.start()].count('\n') + 1
            yield pytest.param(found.group(1), id='%s:%d' % (os.path.relpath(path, TOP), line))


def playbook(text):
    """The block as a playbook: plays as they are, a list of tasks in a play over the hypervisors."""
    loaded = yaml.safe_load(text)
    if isinstance(loaded, list) and loaded and all(isinstance(p, dict) and 'hosts' in p for p in loaded):
        return text
    return yaml.safe_dump([dict(hosts='hypervisors', gather_facts=False, tasks=loaded)], sort_keys=False)


@pytest.mark.parametrize('text', list(blocks()))
def test_a_yaml_block_runs_in_check_mode_or_says_why_not(text, tmp_path):
    first = text.splitlines()[0]
    if first.startswith('# not run'):
        assert NOT_RUN.match(first), 'a block that does not run says why: %r' % first
        return
    inventory = tmp_path / 'inventory.yml'
    inventory.write_text(yaml.safe_dump(dict(hypervisors=dict(hosts={'127.0.0.1': dict(
        ansible_connection='local', ansible_python_interpreter=os.path.join(TOP, '.venv', 'bin', 'python'))}))))
    play = tmp_path / 'play.yml'
    play.write_text(playbook(text))
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('ANSIBLE_'))
    run = subprocess.run([os.path.join(TOP, '.venv', 'bin', 'ansible-playbook'), '-i', str(inventory), '--check',
                          '--diff', str(play)], cwd=TOP, env=env, capture_output=True, text=True, check=False)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert '[WARNING]' not in output and '[DEPRECATION' not in output, output

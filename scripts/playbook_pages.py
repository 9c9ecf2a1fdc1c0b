"""Write one reStructuredText page per playbook of the collection into DIR: what its opening comment
says (lines indented under it are commands), then its plays with their hosts and roles.
    playbook_pages.py PLAYBOOKS_DIR DIR"""

import os
import re
import sys

import yaml


def comment(path):
    """The opening comment block: prose paragraphs, and the indented lines as a literal block."""
    lines = []
    with open(path) as handle:
        for line in handle:
            if line.startswith('---'):
                continue
            if not line.startswith('#'):
                break
            lines.append(line[1:].rstrip('\n'))
    out, block = [], []
    for line in lines:
        if line.startswith('   '):
            block.append(line.strip())
            continue
        if block:
            out += ['', '.. code-block:: sh', ''] + ['   ' + b for b in block] + ['']
            block = []
        # `name` in a comment is code, not a Sphinx reference.
        out.append(re.sub(r'(?<!`)`([^`]+)`(?!`)', r'``\1``', line.strip()))
    if block:
        out += ['', '.. code-block:: sh', ''] + ['   ' + b for b in block] + ['']
    return out


def plays(path):
    with open(path) as handle:
        found = yaml.safe_load(handle) or []
    rows = []
    for play in found:
        if 'import_playbook' in play or 'ansible.builtin.import_playbook' in play:
            rows.append('- imports ``%s``' % (play.get('import_playbook') or play.get('ansible.builtin.import_playbook')))
            continue
        roles = [r['role'] if isinstance(r, dict) else r for r in play.get('roles') or []]
        text = '- **%s** (hosts ``%s``)' % (play.get('name', 'unnamed'), play.get('hosts'))
        if roles:
            text += ': roles ' + ', '.join('``%s``' % r for r in roles)
        rows.append(text)
    return rows


def page(path):
    name = os.path.splitext(os.path.basename(path))[0]
    title = 'armhv.hypervisor.%s playbook' % name
    return '\n'.join(['.. _playbook_%s:' % name, '', title, '=' * len(title), ''] + comment(path)
                     + ['', 'Plays', '-----', ''] + plays(path) + [''])


def main(source, dest):
    os.makedirs(dest, exist_ok=True)
    for entry in sorted(os.listdir(source)):
        if entry.endswith('.yml'):
            with open(os.path.join(dest, entry[:-4] + '.rst'), 'w') as handle:
                handle.write(page(os.path.join(source, entry)))


if __name__ == '__main__':
    main(*sys.argv[1:3])

"""Write each role's README.md from its meta/argument_specs.yml (what it does, its variables, an example
play), so the two never disagree. With --check, change nothing and fail when a README is not what its
argument spec makes.
    role_readmes.py [--check] [ROLES_DIR]"""

import os
import re
import sys

import yaml

MARKUP = re.compile(r'\b([CMOVPIE])\(([^()]*(?:\([^()]*\)[^()]*)*)\)')


def plain(text):
    """Ansible's doc markup as Markdown: C(x), O(x), V(x), M(x)... become code."""
    def code(match):
        value = match.group(2)
        if match.group(1) == 'O':
            value = value.split('#', 1)[-1].split(':', 1)[-1] if '#' in value else value
        return '`%s`' % value
    return MARKUP.sub(code, ' '.join(str(text).split()))


def listed(value):
    return value if isinstance(value, list) else [value]


def variables(options):
    rows = ['| variable | default | what it is |', '|---|---|---|']
    for name, spec in options.items():
        described = plain(' '.join(listed(spec.get('description', ''))))
        first = re.split(r'(?<=\.)\s', described, 1)[0]
        default = spec.get('default')
        shown = '' if default is None or default in ('', [], {}) else '`%s`' % (
            yaml.safe_dump(default, default_flow_style=True, width=1000).strip().replace('\n...', ''))
        rows.append('| `%s` | %s | %s |' % (name, shown.replace('|', '\\|'), first.replace('|', '\\|')))
    return rows


def readme(role, specs):
    main = specs['main']
    out = ['# armhv.hypervisor.%s' % role, '',
           '<!-- Made by scripts/role_readmes.py from meta/argument_specs.yml: edit that, then run it. -->', '',
           plain(main['short_description']), '']
    for paragraph in listed(main.get('description', [])):
        out += [plain(paragraph), '']
    for name, spec in specs.items():
        heading = 'Variables' if name == 'main' else 'Entry point `%s`: %s' % (name, plain(spec['short_description']))
        out += ['## ' + heading, '']
        if name != 'main':
            out += [plain(p) for p in listed(spec.get('description', []))] + ['']
        out += variables(spec.get('options') or {}) + ['']
        if spec.get('examples'):
            out += ['Example:', '', '```yaml', spec['examples'].rstrip('\n'), '```', '']
    out += ['Every variable, its type and choices: `meta/argument_specs.yml`, or',
            '`ansible-doc -t role armhv.hypervisor.%s`. A bad value is refused before anything changes.' % role, '']
    return '\n'.join(out)


def main(argv):
    check = '--check' in argv
    args = [a for a in argv if a != '--check']
    roles_dir = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'roles')
    stale = []
    for role in sorted(os.listdir(roles_dir)):
        spec_file = os.path.join(roles_dir, role, 'meta', 'argument_specs.yml')
        if not os.path.exists(spec_file):
            continue
        with open(spec_file) as handle:
            text = readme(role, yaml.safe_load(handle)['argument_specs'])
        path = os.path.join(roles_dir, role, 'README.md')
        current = open(path).read() if os.path.exists(path) else None
        if current == text:
            continue
        if check:
            stale.append(path)
        else:
            with open(path, 'w') as handle:
                handle.write(text)
    if stale:
        sys.exit('not what meta/argument_specs.yml makes (run scripts/role_readmes.py): ' + ', '.join(stale))


if __name__ == '__main__':
    main(sys.argv[1:])

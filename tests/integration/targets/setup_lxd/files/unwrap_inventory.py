"""ansible-inventory --list on stdin, with ansible-core's unsafe markers unwrapped, on stdout.

Inventory plugins' values are untrusted in ansible-core 2.19 and --list spells each one as
{"__ansible_unsafe": value}, which from_json refuses; the tests compare plain values."""
import json
import sys


def plain(value):
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


json.dump(plain(json.load(sys.stdin)), sys.stdout)

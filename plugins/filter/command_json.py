# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""command_json: the JSON document a command printed, when a terminal may have mixed other lines in
(ansible.builtin.raw over SSH runs with a terminal, so stderr arrives in stdout)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text


def command_json(output):
    """Parse from the first line that opens a JSON object or array; lines before it (a first-run
    notice, a warning) are dropped."""
    lines = to_text(output).splitlines()
    for index, line in enumerate(lines):
        if line.lstrip().startswith(('{', '[')):
            try:
                return json.loads('\n'.join(lines[index:]))
            except ValueError as error:
                raise AnsibleFilterError('command_json: the output is not JSON from line %d: %s'
                                         % (index + 1, error))
    raise AnsibleFilterError('command_json: no JSON object or array in the output: %s' % to_text(output)[:300])


class FilterModule(object):
    def filters(self):
        return {'command_json': command_json}

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # For modules that change things.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: Check mode walks the same path as a real run and predicts the same C(changed), result and diff.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode).
    support: full
  idempotent:
    description: A second run with the same options reports no change.
    support: full
'''

    # For the *_info modules, which never change anything.
    INFO_MODULE = r'''
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: This module never changes anything.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode).
    support: N/A
    details: This module never changes anything.
  idempotent:
    description: A second run with the same options reports no change.
    support: full
'''

    ACTIONGROUP_LXD = r'''
attributes:
  action_group:
    description: Use C(group/armhv.hypervisor.lxd) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - armhv.hypervisor.lxd
'''

    # For modules whose action plugin answers a no-op itself (plugin_utils/_lxd_noop).
    NOOP_ON_CONTROLLER = r'''
attributes:
  action:
    description: Indicates this has a corresponding action plugin so some parts of the options can be executed on the controller.
    support: full
    details:
      - A run that changes nothing does not start the module on the managed node. The action plugin reads
        what the module would read over the local socket (a short standard-library Python script, run
        under the task's interpreter, environment and become) and walks the module's own check-mode path
        on the controller. When nothing would change, warn or fail, that is the result, the same the
        module returns.
      - Otherwise the module runs, and so it does whenever O(url) is not a unix socket, the task is async
        or delegated, or the Python interpreter is not known yet (set C(ansible_python_interpreter) or
        gather facts).
'''

    # Every module's failed result; the modules' RETURN names the keys, this says what they mean.
    # A fragment must carry options or attributes, hence the empty options.
    FAILURES = r'''
options: {}
notes:
  - A failed result says the kind of failure in C(error), so a playbook can handle one kind (C(failed_when),
    C(rescue)) without reading C(msg). V(invalid) - the input is refused, nothing was changed. V(not_found) -
    something the task needs does not exist; C(missing) names it (C(type) such as V(instance), V(image),
    V(project), V(pool), V(member) or V(interface), and C(name)). V(conflict) - the object exists, is in use
    or something stands in the way; nothing was changed. V(refused) - the daemon answered a request with
    an error. V(busy) - the daemon holds a lock on the object for another operation; a later run may pass.
    V(connection) - the daemon could not be reached. V(failed) - anything else.
'''

# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The armhv.hypervisor.audit callback, loaded without configuration for this collection's playbooks.

Ansible loads callback plugins from the folder next to a playbook it runs (including a collection's
playbook, `ansible-playbook armhv.hypervisor.audit` or an import of it), and one that does not ask to
be enabled is loaded at once: so the audit needs no ansible.cfg. Enabled by name as well, only the
first one loaded records."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.callback.audit import CallbackModule as AuditCallback


class CallbackModule(AuditCallback):
    CALLBACK_NAME = 'armhv_hypervisor_audit'
    CALLBACK_NEEDS_ENABLED = False

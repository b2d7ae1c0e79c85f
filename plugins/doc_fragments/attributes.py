# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation fragments for the attributes every plugin of this collection shares."""

from __future__ import annotations


class ModuleDocFragment(object):

    # Every module of this collection is an action plugin: it runs on the controller, once per host, and sends only
    # ansible.builtin and ansible.windows modules to the host. Used with ansible.builtin.action_common_attributes.flow,
    # which describes these attributes.
    ACTION = r"""
attributes:
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
"""

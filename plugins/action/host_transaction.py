# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action for jumpcloud.adi.host_transaction: one host's drift, review or rollout in one task (plugin_utils)."""

from __future__ import annotations

from ansible.plugins.action import ActionBase

from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transaction import run_transaction


class ActionModule(ActionBase):

    # No TRANSFERS_FILES: a remote tmp dir is made only by the copy action, when a file is sent.

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        if self._task.async_val:
            return dict(result, failed=True, msg="jumpcloud.adi.host_transaction cannot run async: its stops, starts "
                                                 "and waits are bounded by service_timeout")
        result.update(run_transaction(self, task_vars or {}, dict(self._task.args),
                                      check_mode=bool(self._task.check_mode), diff_mode=bool(self._task.diff)))
        return result

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action for jumpcloud.adi.agent_config_info: reads both agents' files; never writes."""

from __future__ import annotations

from ansible.plugins.action import ActionBase

from ansible_collections.jumpcloud.adi.plugins.plugin_utils._config_task import run_info


class ActionModule(ActionBase):

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        result.update(run_info(self, task_vars or {}, dict(self._task.args)))
        result["windows"] = bool(getattr(self._connection._shell, "_IS_WINDOWS", False))
        return result

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action for jumpcloud.adi.sync_agent_config: all logic runs on the controller (plugin_utils)."""

from __future__ import annotations

from ansible.plugins.action import ActionBase

from ansible_collections.jumpcloud.adi.plugins.plugin_utils._config_task import config_spec, run_config
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._restore import run_restore


class ActionModule(ActionBase):

    # No TRANSFERS_FILES: the remote tmp dir is made only when the file is written (_transport.HostFiles.write),
    # never for check mode or a run that changes nothing.

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        args, modes = dict(self._task.args), {"check_mode": bool(self._task.check_mode), "diff_mode": bool(self._task.diff)}
        if args.get("restore_from"):  # put a backup back, in place (plugin_utils/_restore.py)
            result.update(run_restore(self, task_vars or {}, "sync", args, config_spec("sync"), **modes))
        else:
            result.update(run_config(self, task_vars or {}, "sync", args, **modes))
        return result

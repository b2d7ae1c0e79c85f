# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action for jumpcloud.adi.fleet_report: a fleet report built and written once, on the controller (plugin_utils)."""

from __future__ import annotations

from ansible.plugins.action import ActionBase

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _fleet_report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError


class ActionModule(ActionBase):

    # Runs on the controller only: nothing is sent to a host, no connection is used.
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        task_vars = task_vars or {}
        try:
            params = _argspec.validate(_fleet_report.spec(), dict(self._task.args), "jumpcloud.adi.fleet_report",
                                       module=True)
            hosts = None
            if params["results_var"]:
                hostvars = task_vars.get("hostvars", {})
                name = params["results_var"]
                # every host of the play: one that failed or was unreachable before registering is reported as such
                hosts = {}
                for host in task_vars.get("ansible_play_hosts_all") or []:
                    hv = hostvars[host] if host in hostvars else {}
                    hosts[host] = _argspec.plain(hv[name]) if name in hv else {}
            out = _fleet_report.run(params, hosts)
        except SettingsError as exc:
            return dict(result, failed=True, msg=str(exc))
        # the report's fields at the top of the result (the roles register it as drift_report_result / review_report),
        # shown at -v only by the summary the roles print: the whole report would flood the output
        result.update(_fleet_report.brief(out["report"]) if params["brief"] else out["report"])
        result["fail_hosts"] = _fleet_report.fail_hosts(out["report"], params)
        result["changed"] = bool(out["written"])  # a report file's bytes changed (as ansible.builtin.copy says)
        result["ansible_stats"] = {"data": out["stats"], "per_host": False, "aggregate": True}
        result["_ansible_verbose_override"] = True
        return result

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter merge_reports: partial drift or review reports joined into one fleet report.

A thin adapter over plugins/plugin_utils/_fleet_report.py: _merge.py checks and joins the partials (linear in the
hosts), _report.py builds the report, as one run over all the hosts would. The jumpcloud.adi.fleet_report action
does the same from files and writes the report.
"""

from __future__ import annotations

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _fleet_report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._argspec import filter_errors

MERGE_SPEC = {"names": {"type": "list", "elements": "str", "default": []}}


@filter_errors("merge_reports")
def merge_reports(partials, names=None):
    args = _argspec.validate(MERGE_SPEC, {"names": [] if names is None else names})
    return _fleet_report.merged(partials, args["names"])


class FilterModule(object):

    def filters(self):
        return {"merge_reports": merge_reports}

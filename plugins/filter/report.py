# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters building and rendering fleet reports: drift_report, review_report, render_report.

Thin adapters over plugins/plugin_utils/_report.py (the report model) and _render.py (its Markdown and HTML).
"""

from __future__ import annotations

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._argspec import filter_errors

DRIFT_SPEC = _argspec.spec_of(dict(_argspec.DEPLOYMENT_OPTION, baseline={"type": "dict", "required": True},
                                   title={"type": "str", "default": "JumpCloud ADI drift report"}))
RENDER_SPEC = {"format": {"type": "str", "required": True, "choices": ["json", "markdown", "html"]}}


@filter_errors("drift_report")
def drift_report(hosts, baseline=None, deployment="two_way", title="JumpCloud ADI drift report"):
    args = _argspec.validate(DRIFT_SPEC, {"baseline": baseline, "deployment": deployment, "title": title})
    return _report.drift(hosts, args["baseline"], args["deployment"], args["title"])


@filter_errors("review_report")
def review_report(hosts, title="JumpCloud ADI change review"):
    return _report.review(hosts, str(title))


@filter_errors("render_report")
def render_report(report, format=None):  # pylint: disable=redefined-builtin
    args = _argspec.validate(RENDER_SPEC, {"format": format})
    return _render.render(report, args["format"])


class FilterModule(object):

    def filters(self):
        return {
            "drift_report": drift_report,
            "review_report": review_report,
            "render_report": render_report,
        }

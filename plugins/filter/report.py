# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters building and rendering fleet reports: drift_report, review_report, render_report.

Thin adapters over plugins/plugin_utils/_report.py.
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import SettingsError

DRIFT_SPEC = _argspec.spec_of(dict(_argspec.DEPLOYMENT_OPTION, baseline={"type": "dict", "required": True},
                                   title={"type": "str", "default": "JumpCloud ADI drift report"}))
RENDER_SPEC = {"format": {"type": "str", "required": True, "choices": ["json", "markdown", "html"]}}


def drift_report(hosts, baseline=None, deployment="two_way", title="JumpCloud ADI drift report"):
    try:
        args = _argspec.validate(DRIFT_SPEC, {"baseline": baseline, "deployment": deployment, "title": title},
                                 "drift_report")
        return _report.drift(hosts, args["baseline"], args["deployment"], args["title"])
    except SettingsError as exc:
        raise AnsibleFilterError("jumpcloud.adi.drift_report: %s" % exc) from exc


def review_report(hosts, title="JumpCloud ADI change review"):
    try:
        return _report.review(hosts, str(title))
    except SettingsError as exc:
        raise AnsibleFilterError("jumpcloud.adi.review_report: %s" % exc) from exc


def render_report(report, format=None):  # pylint: disable=redefined-builtin
    try:
        args = _argspec.validate(RENDER_SPEC, {"format": format}, "render_report")
        return _report.render(report, args["format"])
    except SettingsError as exc:
        raise AnsibleFilterError("jumpcloud.adi.render_report: %s" % exc) from exc


class FilterModule(object):

    def filters(self):
        return {
            "drift_report": drift_report,
            "review_report": review_report,
            "render_report": render_report,
        }

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters over ADI agent settings: lint_settings, effective_settings, upgrade_import_settings.

Thin adapters: arguments are validated against the same spec their documentation is
rendered from; the logic lives in plugins/plugin_utils.
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _effective, _lint
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import SettingsError

LINT_SPEC = _argspec.spec_of(dict(_argspec.AGENT_OR_BOTH_OPTION, **_argspec.DEPLOYMENT_OPTION))
EFFECTIVE_SPEC = _argspec.spec_of(dict(_argspec.AGENT_OPTION, **_argspec.DEPLOYMENT_OPTION))


def lint_settings(data, agent=None, deployment="two_way"):
    """Findings for an agent's settings."""
    try:
        args = _argspec.validate(LINT_SPEC, {"agent": agent, "deployment": deployment}, "lint_settings")
        return _lint.lint(args["agent"], data, args["deployment"])
    except SettingsError as exc:
        raise AnsibleFilterError("jumpcloud.adi.lint_settings: %s" % exc) from exc


def effective_settings(data, agent=None, deployment="two_way"):
    """Every setting of an agent with its effective value and where it came from."""
    try:
        args = _argspec.validate(EFFECTIVE_SPEC, {"agent": agent, "deployment": deployment}, "effective_settings")
        return _effective.effective(args["agent"], data, args["deployment"])
    except SettingsError as exc:
        raise AnsibleFilterError("jumpcloud.adi.effective_settings: %s" % exc) from exc


def upgrade_import_settings(data):
    """MainLoop settings as an import agent upgrade leaves them."""
    try:
        return _effective.upgrade_import(data)
    except SettingsError as exc:
        raise AnsibleFilterError("jumpcloud.adi.upgrade_import_settings: %s" % exc) from exc


class FilterModule(object):

    def filters(self):
        return {
            "lint_settings": lint_settings,
            "effective_settings": effective_settings,
            "upgrade_import_settings": upgrade_import_settings,
        }

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters over ADI agent settings: lint_settings, effective_settings, upgrade_import_settings.

Thin adapters: arguments are validated against the same spec their documentation is
rendered from; the logic lives in plugins/plugin_utils.
"""

from __future__ import annotations

import ntpath

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _catalog as catalog, _effective, _lint
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._argspec import filter_errors

LINT_SPEC = _argspec.spec_of(dict(_argspec.AGENT_OR_BOTH_OPTION, **_argspec.DEPLOYMENT_OPTION))
EFFECTIVE_SPEC = _argspec.spec_of(dict(_argspec.AGENT_OPTION, **_argspec.DEPLOYMENT_OPTION))


@filter_errors("lint_settings")
def lint_settings(data, agent=None, deployment="two_way"):
    """Findings for an agent's settings."""
    args = _argspec.validate(LINT_SPEC, {"agent": agent, "deployment": deployment})
    return _lint.lint(args["agent"], data, args["deployment"])


@filter_errors("effective_settings")
def effective_settings(data, agent=None, deployment="two_way"):
    """Every setting of an agent with its effective value and where it came from."""
    args = _argspec.validate(EFFECTIVE_SPEC, {"agent": agent, "deployment": deployment})
    return _effective.effective(args["agent"], data, args["deployment"])


PATH_SPEC = _argspec.spec_of(dict(_argspec.AGENT_OPTION, install_dir={"type": "str"}))


@filter_errors("agent_file_path")
def agent_file_path(_input, agent=None, install_dir=None):
    """The agent's configuration file: the vendor's default path, or its file name inside ``install_dir``."""
    args = _argspec.validate(PATH_SPEC, {"agent": agent, "install_dir": install_dir})
    default = catalog.DEFAULT_PATHS[args["agent"]]
    folder = (args["install_dir"] or "").strip().strip('"')
    if not folder:
        return default
    name = ntpath.basename(default)
    sep = "\\" if ("\\" in folder or ":" in folder[:2]) else "/"
    return folder.rstrip("\\/") + sep + name


@filter_errors("upgrade_import_settings")
def upgrade_import_settings(data):
    """MainLoop settings as an import agent upgrade leaves them."""
    return _effective.upgrade_import(data)


class FilterModule(object):

    def filters(self):
        return {
            "lint_settings": lint_settings,
            "effective_settings": effective_settings,
            "upgrade_import_settings": upgrade_import_settings,
            "agent_file_path": agent_file_path,
        }

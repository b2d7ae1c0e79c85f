# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jumpcloud.adi.agent_file_path: where each agent's file is, with the paths typed from the vendor document
(JumpCloud's Active Directory Integration: "Changing import agent configuration in AD" and "Sync Agent
Configuration" give the default install folders and the file names)."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.jumpcloud.adi.plugins.filter.adi import agent_file_path
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._argspec import CORE_NAMES_FILTER


def named(name):
    """The filter's own prefix: none where ansible-core names the failing filter itself (2.19 and later)."""
    return "" if CORE_NAMES_FILTER else "jumpcloud.adi.%s: " % name


IMPORT_DEFAULT = "C:\\Program Files\\JumpCloud\\AD Integration\\JumpCloud AD Import\\jcadimportagent.config.json"
SYNC_DEFAULT = "C:\\Program Files\\JumpCloud\\AD Integration\\JumpCloud AD Sync\\config.json"


@pytest.mark.parametrize("agent, install_dir, expected", [
    ("import", None, IMPORT_DEFAULT),
    ("sync", None, SYNC_DEFAULT),
    ("import", "", IMPORT_DEFAULT),
    ("sync", "  ", SYNC_DEFAULT),
    # an install on another drive (the folder of the service's executable, as discovery finds it)
    ("import", "D:\\Apps\\JumpCloud AD Import", "D:\\Apps\\JumpCloud AD Import\\jcadimportagent.config.json"),
    ("sync", "D:\\Apps\\JumpCloud AD Sync\\", "D:\\Apps\\JumpCloud AD Sync\\config.json"),
    # a folder as a service's command line quotes it
    ("sync", '"E:\\JC Sync"', "E:\\JC Sync\\config.json"),
    ("import", "E:", "E:\\jcadimportagent.config.json"),
    # a lab host's POSIX folder keeps POSIX separators
    ("import", "/srv/lab/dc01/import", "/srv/lab/dc01/import/jcadimportagent.config.json"),
    ("sync", "/srv/lab/dc01/sync/", "/srv/lab/dc01/sync/config.json"),
])
def test_paths(agent, install_dir, expected):
    assert agent_file_path(None, agent, install_dir) == expected


@pytest.mark.parametrize("agent, install_dir, message", [
    ("both", None, "value of agent must be one of: import, sync, got: 'both'"),
    (None, None, "missing required arguments: agent"),
])
def test_bad_arguments(agent, install_dir, message):
    with pytest.raises(AnsibleFilterError) as err:
        agent_file_path(None, agent, install_dir)
    assert str(err.value).startswith(named("agent_file_path") + message)


def test_every_bad_argument_is_named():
    from ansible_collections.jumpcloud.adi.plugins.filter.adi import lint_settings
    with pytest.raises(AnsibleFilterError) as err:
        lint_settings({}, "dc01", "both_ways")
    message = str(err.value)
    assert message.startswith(named("lint_settings"))
    assert sorted(message[len(named("lint_settings")):].split("; ")) == [
        "value of agent must be one of: import, sync, both, got: 'dc01'",
        "value of deployment must be one of: import_only, sync_only, two_way, got: 'both_ways'"]

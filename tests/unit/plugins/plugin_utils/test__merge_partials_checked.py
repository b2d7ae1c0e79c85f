# -*- coding: utf-8 -*-
"""A partial report edited by hand, or a value pasted into it, never reaches a merged report (docs/security.md:
an invalid value is only described). The setting and its choices: "Advanced Configurations for Active Directory
Integration", Import Agent Settings (UserDisableAction: remove, suspend)."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._merge import merge

SECRET = "PLANTED-c2VjcmV0cGFzc3dvcmQxMjM0"


def partial():
    info = {"status": "ok", "path": "C:/x.json", "settings": {"user_disable_action": "suspend"},
            "effective": {"user_disable_action": {"value": "suspend", "source": "file"}}, "findings": []}
    return {"kind": "drift-partial", "deployment": "two_way", "title": "T",
            "baseline": {"import": {"user_disable_action": "remove"}, "sync": {}},
            "hosts": {"dc1": {"domain": "corp", "import": info, "sync": None}}}


def planted(path):
    p = partial()
    holder = p
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = SECRET
    return p


def test_a_partial_as_a_run_writes_it_is_merged():
    p = partial()
    # a value the setting does not allow, as a run writes it: described
    p["hosts"]["dc1"]["import"]["settings"]["user_disable_action"] = "<a string of 32 characters>"
    assert merge([copy.deepcopy(p)])["hosts"] == p["hosts"]


@pytest.mark.parametrize("path", [
    ("hosts", "dc1", "import", "settings", "user_disable_action"),
    ("hosts", "dc1", "import", "effective", "user_disable_action", "value"),
    ("baseline", "import", "user_disable_action"),
])
def test_a_value_no_run_writes_is_refused_and_only_described(path):
    with pytest.raises(SettingsError) as err:
        merge([planted(path)], ["p.json"])
    assert SECRET not in str(err.value)
    assert "p.json" in str(err.value) and "a string of %d characters" % len(SECRET) in str(err.value)


@pytest.mark.parametrize("path, what", [
    (("hosts", "dc1", "import"), "host dc1, import agent: the entry must be an object"),
    (("hosts", "dc1"), "host dc1: the entry must be an object"),
])
def test_an_entry_that_is_not_an_object_is_refused(path, what):
    with pytest.raises(SettingsError) as err:
        merge([planted(path)], ["p.json"])
    assert what in str(err.value) and SECRET not in str(err.value)


def test_a_setting_name_no_run_writes_is_refused():
    p = partial()
    p["hosts"]["dc1"]["import"]["settings"][SECRET] = "remove"
    with pytest.raises(SettingsError) as err:
        merge([p], ["p.json"])
    assert "a setting name must be a setting of the import agent" in str(err.value) and SECRET not in str(err.value)

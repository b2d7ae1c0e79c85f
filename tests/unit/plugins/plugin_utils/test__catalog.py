# -*- coding: utf-8 -*-
"""The catalog holds every setting of the vendor document, and what derives from it agrees with it."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))

# (vendor section, agent, key, option, choices or type)
DOCUMENTED = [
    ("Import Agent Settings > PasswordChangeListener - PollTimeMillis", "import", "PollTimeMillis",
     "password_change_listener_poll_time_millis", "int"),
    ("Import Agent Settings > SyncAdditionalAttributes", "import", "SyncAdditionalAttributes",
     "sync_additional_attributes", "bool"),
    ("Import Agent Settings > UserDissociationAction", "import", "UserDissociationAction",
     "user_dissociation_action", ("remove", "unbind")),
    ("Import Agent Settings > UserFieldMapping", "import", "UserFieldMapping", "user_field_mapping",
     ("sAMAccountName", "userPrincipalName")),
    ("Import Agent Settings > UserTakeoverAction", "import", "UserTakeoverAction", "user_takeover_action",
     ("deactivate", "retain")),
    ("Import Agent Settings > UserDisableAction", "import", "UserDisableAction", "user_disable_action",
     ("suspend", "remove", "unbind")),
    ("Import Agent Settings > UserExpireAction", "import", "UserExpireAction", "user_expire_action",
     ("expire", "maintain")),
    ("Import Agent Settings > SyncAccountLockedOutStatus", "import", "SyncAccountLockedOutStatus",
     "sync_account_locked_out_status", "bool"),
    ("Sync Agent Settings > sync_group", "sync", "sync_group", "sync_group", "str"),
    ("Sync Agent Settings > user_disconnection_action", "sync", "user_disconnection_action",
     "user_disconnection_action", ("remove", "disable", "retain")),
    ("Sync Agent Settings > membership_disconnection", "sync", "membership_disconnection",
     "membership_disconnection", ("remove", "retain")),
    ("Sync Agent Settings > group_disconnection_action", "sync", "group_disconnection_action",
     "group_disconnection_action", ("remove", "retain")),
    ("Sync Agent Settings > SyncAccountLockedOutStatus", "sync", "SyncAccountLockedOutStatus",
     "sync_account_locked_out_status", "bool"),
    ("Sync Agent Settings > group_membership_sync_type", "sync", "group_membership_sync_type",
     "group_membership_sync_type", ("minimal", "match")),
]


@pytest.mark.parametrize("section, agent, key, option, kind", DOCUMENTED, ids=[d[0] for d in DOCUMENTED])
def test_every_documented_setting_is_in_the_catalog(section, agent, key, option, kind):
    s = catalog.find(agent, key)
    assert s is not None and s.name == option and s.section == section
    assert catalog.find(agent, key.upper()) is s and catalog.find(agent, option) is s
    if isinstance(kind, tuple):
        assert s.choices == kind
    else:
        assert s.type == kind and s.choices is None


def test_catalog_has_nothing_undocumented():
    assert len(catalog.SETTINGS) == len(DOCUMENTED)


@pytest.mark.parametrize("agent, spelling, name", [
    # docs/design.md contradiction 6 and the vendor's edit script
    ("import", "UserDissociateAction", "user_dissociation_action"),
    ("import", "userDissociateAction", "user_dissociation_action"),
    # docs/design.md contradiction 3: the tables' spelling
    ("sync", "membership_disconnection_action", "membership_disconnection"),
])
def test_known_alternative_spellings(agent, spelling, name):
    assert catalog.find(agent, spelling).name == name


def test_defaults_kept_apart_by_kind():
    by = catalog.by_name("import")
    # Import Agent Settings > UserDisableAction > About UserDisableAction's default settings
    assert [(d.source, d.value) for d in by["user_disable_action"].defaults] == [
        ("new_install", "suspend"), ("upgrade", "remove")]
    # Import Agent Settings > UserExpireAction > About UserExpireAction's default settings
    assert [(d.source, d.value) for d in by["user_expire_action"].defaults] == [
        ("new_install", "expire"), ("upgrade", "maintain")]
    sync = catalog.by_name("sync")
    # Sync Agent Settings > group_membership_sync_type: one default per deployment
    assert [(d.value, d.source) for d in sync["group_membership_sync_type"].default_for("two_way")] == [
        ("minimal", "deployment:two_way")]
    assert [(d.value, d.source) for d in sync["group_membership_sync_type"].default_for("sync_only")] == [
        ("match", "deployment:sync_only")]
    # Sync Agent Settings vs "User and User Membership Disconnection Settings": stated two ways
    for name, ref, table in (("user_disconnection_action", "disable", "retain"),
                             ("membership_disconnection", "remove", "retain")):
        s = sync[name]
        assert s.contradicting
        assert {d.source: d.value for d in s.defaults} == {"settings_reference": ref, "summary_table": table}


def test_nesting_and_shapes():
    by = catalog.by_name("import")
    assert by["password_change_listener_poll_time_millis"].json_path == "MainLoop.PasswordChangeListener.PollTimeMillis"
    assert by["user_field_mapping"].object_member == "username"
    assert catalog.by_name("sync")["sync_group"].json_path == "sync_group"


def test_argument_spec_matches_catalog():
    spec = catalog.argument_spec("sync")
    assert spec["membership_disconnection"]["aliases"] == ["membership_disconnection_action"]
    assert spec["sync_account_locked_out_status"]["type"] == "bool"
    assert set(spec) == {s.name for s in catalog.settings_of("sync")}


@pytest.mark.parametrize("agent", catalog.AGENTS)
def test_exported_schemas_are_current_and_valid(agent):
    path = os.path.join(ROOT, "docs", "schemas", "%s_agent.schema.json" % agent)
    with open(path, encoding="utf-8") as f:
        exported = json.load(f)
    assert exported == catalog.json_schema(agent), "stale: run `make docs`"
    jsonschema.Draft202012Validator.check_schema(exported)


SCHEMA_CASES = [
    ("import", {"MainLoop": {"UserDisableAction": "Suspend", "UserFieldMapping": {"username": "sAMAccountName"},
                             "PasswordChangeListener": {"PollTimeMillis": 5000}, "Other": 1}}, True),
    ("import", {"MainLoop": {"UserDisableAction": "delete"}}, False),
    ("import", {"MainLoop": {"UserDissociationAction": "remove", "UserDissociateAction": "remove"}}, False),
    ("import", {"MainLoop": {"PasswordChangeListener": {"PollTimeMillis": 0}}}, False),
    ("import", {"MainLoop": {"SyncAdditionalAttributes": "true"}}, False),
    ("sync", {"sync_group": "CN=JC,OU=Groups,DC=example,DC=com", "membership_disconnection_action": "Remove"}, True),
    ("sync", {"membership_disconnection": "remove", "membership_disconnection_action": "remove"}, False),
    ("sync", {"group_membership_sync_type": "nested"}, False),
]


@pytest.mark.parametrize("agent, document, valid", SCHEMA_CASES)
def test_schema_validates_files(agent, document, valid):
    errors = list(jsonschema.Draft202012Validator(catalog.json_schema(agent)).iter_errors(document))
    assert (not errors) is valid, [e.message for e in errors]


def test_settings_reference_is_current():
    import importlib.util
    spec = importlib.util.spec_from_file_location("gen_docs", os.path.join(ROOT, "tools", "gen_docs.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    for rel, render in gen.generated_files().items():
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            assert f.read() == render(), "%s is stale: run `make docs`" % rel


_ABOUT_DISABLE = "Import Agent Settings > UserDisableAction > About UserDisableAction's default settings"
_ABOUT_EXPIRE = "Import Agent Settings > UserExpireAction > About UserExpireAction's default settings"
_SUMMARY = "User and User Membership Disconnection Settings"
_GTYPE = "Sync Agent Settings > group_membership_sync_type"
# (agent, key, deployment or None for "any") -> what the agent uses when the key is absent: (value, source, section)
# each. An upgrade's value is not one of them: an upgrade writes it into the file (About ...'s default settings).
ABSENT = [
    ("import", "PollTimeMillis", None, []),  # no default stated
    ("import", "SyncAdditionalAttributes", None,
     [(True, "documented", "Import Agent Settings > SyncAdditionalAttributes")]),  # "the default is true"
    ("import", "UserDissociationAction", None,
     [("remove", "documented", "Import Agent Settings > UserDissociationAction")]),  # "the default is remove"
    # "The default setting for all new installations of AD Import is ... sAMAccountName"
    ("import", "UserFieldMapping", None,
     [("sAMAccountName", "new_install", "Import Agent Settings > UserFieldMapping")]),
    # "The default setting is deactivate"
    ("import", "UserTakeoverAction", None,
     [("deactivate", "documented", "Import Agent Settings > UserTakeoverAction")]),
    # "For new installs of the Import agent, the default setting for this option is suspend" (upgrades: remove)
    ("import", "UserDisableAction", None, [("suspend", "new_install", _ABOUT_DISABLE)]),
    ("import", "UserDisableAction", "import_only", [("suspend", "new_install", _ABOUT_DISABLE)]),
    # "... the default setting for this option is expire" (upgrades: maintain)
    ("import", "UserExpireAction", None, [("expire", "new_install", _ABOUT_EXPIRE)]),
    ("import", "UserExpireAction", "two_way", [("expire", "new_install", _ABOUT_EXPIRE)]),
    ("import", "SyncAccountLockedOutStatus", None,
     [(False, "documented", "Import Agent Settings > SyncAccountLockedOutStatus")]),  # "false (Default)"
    ("sync", "sync_group", None, []),  # the DN of a group the admin made: no default
    # "disable (Default)" in the settings, "Retain Retain Default" in the summary table (contradiction 2)
    ("sync", "user_disconnection_action", None, [
        ("disable", "settings_reference", "Sync Agent Settings > user_disconnection_action"),
        ("retain", "summary_table", _SUMMARY)]),
    ("sync", "membership_disconnection", "sync_only", [
        ("remove", "settings_reference", "Sync Agent Settings > membership_disconnection"),
        ("retain", "summary_table", _SUMMARY)]),
    ("sync", "group_disconnection_action", None,
     [("retain", "documented", "Sync Agent Settings > group_disconnection_action")]),  # "retain (Default)"
    ("sync", "SyncAccountLockedOutStatus", None,
     [(False, "documented", "Sync Agent Settings > SyncAccountLockedOutStatus")]),  # "false (Default)"
    # "Default setting for: Two-way AD sync deployments" / "One-way JumpCloud-to-AD sync deployments"
    ("sync", "group_membership_sync_type", "two_way", [("minimal", "deployment:two_way", _GTYPE)]),
    ("sync", "group_membership_sync_type", "sync_only", [("match", "deployment:sync_only", _GTYPE)]),
    ("sync", "group_membership_sync_type", "import_only", []),  # the sync agent does not run
    ("sync", "group_membership_sync_type", None,
     [("minimal", "deployment:two_way", _GTYPE), ("match", "deployment:sync_only", _GTYPE)]),
]


@pytest.mark.parametrize("agent, key, deployment, expected", ABSENT,
                         ids=["%s-%s-%s" % (a, k, d) for a, k, d, _e in ABSENT])
def test_default_for_is_what_the_agent_uses_when_the_key_is_absent(agent, key, deployment, expected):
    got = catalog.find(agent, key).default_for(deployment)
    assert [(d.value, d.source, d.section) for d in got] == expected


@pytest.mark.parametrize("agent, key, style", [
    ("import", "user_disable_action", "option"),  # module option names
    ("import", "password_change_listener_poll_time_millis", "option"),
    ("import", "UserDisableAction", "agent"),  # the agent's keys, in any case or spelling
    ("import", "userdisableaction", "agent"),
    ("import", "UserDissociateAction", "agent"),
    ("sync", "sync_group", "agent"),  # a key that is its own option name is the agent's
    ("sync", "membership_disconnection_action", "agent"),  # an option alias that is also the tables' key
    ("import", "NotASetting", "agent"),
    ("import", None, "agent"),
])
def test_key_style_tells_option_names_from_agent_keys(agent, key, style):
    assert catalog.key_style(agent, key) == style


def test_known_keys_are_every_spelling_a_file_may_hold():
    # Import Agent Settings: the MainLoop keys, PasswordChangeListener's object, and the upgrade notes' spelling
    # UserDissociateAction / userDissociateAction (contradiction 6; matched without regard to case)
    assert set(catalog.all_known_keys("import")) == {
        "PasswordChangeListener", "PollTimeMillis", "SyncAdditionalAttributes", "UserDissociationAction",
        "UserDissociateAction", "UserFieldMapping", "UserTakeoverAction", "UserDisableAction", "UserExpireAction",
        "SyncAccountLockedOutStatus"}
    # Sync Agent Settings, and the outcome tables' membership_disconnection_action (contradiction 3)
    assert set(catalog.all_known_keys("sync")) == {
        "sync_group", "user_disconnection_action", "membership_disconnection", "membership_disconnection_action",
        "group_disconnection_action", "SyncAccountLockedOutStatus", "group_membership_sync_type"}
    assert all(len(set(catalog.all_known_keys(a))) == len(catalog.all_known_keys(a)) for a in catalog.AGENTS)

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

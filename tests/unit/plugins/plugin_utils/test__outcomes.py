# -*- coding: utf-8 -*-
"""The outcome engine, walked through the vendor document section by section."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _outcomes as engine
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import EngineError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import outcomes
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import parse_settings


# make mutation runs the properties with fewer examples (each surviving mutant runs them all)
_EXAMPLES = int(os.environ.get("ADI_PROPERTY_EXAMPLES", "300"))


def one(event, deployment="two_way", imp=None, syn=None, ctx=None, **kw):
    return outcomes([event], imp or {}, syn or {}, deployment, ctx or {}, **kw)[0]


def whole(fields, listed):
    """An end state: the listed fields, every other field ``unchanged``."""
    assert set(listed) <= set(fields), listed
    return dict({k: "unchanged" for k in fields}, **listed)


# (section, event, deployment, import settings, sync settings, context, expected ad, expected jc)
CASES = [
    # Import Agent Settings > UserDisableAction > tables (existing users)
    ("UserDisableAction table: suspend, disabled", "ad_user_disabled", "import_only", {"UserDisableAction": "suspend"},
     {}, {}, {"account": "disabled"}, {"account": "suspended"}),
    ("UserDisableAction table: suspend, enabled", "ad_user_enabled", "import_only", {"UserDisableAction": "suspend"},
     {}, {}, {"account": "active"}, {"account": "active"}),
    ("UserDisableAction table: remove, disabled -> deleted from JumpCloud", "ad_user_disabled", "import_only",
     {"UserDisableAction": "remove"}, {}, {}, {"account": "disabled"}, {"account": "deleted", "adi": "unbound"}),
    ("UserDisableAction table: remove, enabled -> N/A", "ad_user_enabled", "import_only",
     {"UserDisableAction": "remove"}, {}, {}, {"account": "active"}, {"account": "unchanged"}),
    ("UserDisableAction table: unbind, disabled -> fields cleared, removed from groups", "ad_user_disabled",
     "import_only", {"UserDisableAction": "unbind"}, {}, {}, {"account": "disabled"},
     {"account": "retained", "external_fields": "cleared", "groups": "removed", "adi": "unbound"}),
    # Import Agent Settings > UserDisableAction > tables (new users)
    ("UserDisableAction new users: suspend, disabled -> suspended", "ad_user_disabled", "import_only",
     {"UserDisableAction": "suspend"}, {}, {"jc_user_exists": False}, {"account": "disabled"},
     {"account": "created_suspended"}),
    ("UserDisableAction new users: remove, disabled -> N/A", "ad_user_disabled", "import_only",
     {"UserDisableAction": "remove"}, {}, {"jc_user_exists": False}, {"account": "disabled"},
     {"account": "not_created"}),
    ("UserDisableAction new users: remove, enabled -> created", "ad_user_enabled", "import_only",
     {"UserDisableAction": "remove"}, {}, {"jc_user_exists": False}, {"account": "active"}, {"account": "created"}),
    ("UserDisableAction new users: unbind, enabled -> created", "ad_user_enabled", "import_only",
     {"UserDisableAction": "unbind"}, {}, {"jc_user_exists": False}, {"account": "active"}, {"account": "created"}),
    # Suspend Actions on the Import Agent: not owned by this agent
    ("Suspend Actions on the Import Agent: remove, not owned", "ad_user_disabled", "import_only",
     {"UserDisableAction": "remove"}, {}, {"owned_by_agent": False}, {"account": "disabled"}, {}),
    ("Suspend Actions on the Import Agent: unbind, not owned", "ad_user_disabled", "import_only",
     {"UserDisableAction": "unbind"}, {}, {"owned_by_agent": False}, {"account": "disabled"}, {}),
    ("Suspend Actions on the Import Agent: no UserDisableAction property -> suspend", "ad_user_disabled",
     "import_only", {}, {}, {}, {"account": "disabled"}, {"account": "suspended"}),
    # UserDissociationAction + Part 2 table
    ("UserDissociationAction remove: AD delete deletes the JumpCloud user", "ad_user_deleted", "import_only",
     {"UserDissociationAction": "remove"}, {}, {}, {"account": "deleted", "memberships": "ceased"},
     {"account": "deleted", "adi": "unbound"}),
    ("UserDissociationAction unbind: retained, disconnected from ADI", "ad_user_deleted", "import_only",
     {"UserDissociationAction": "unbind"}, {}, {}, {"account": "deleted", "memberships": "ceased"},
     {"account": "retained", "adi": "unbound"}),
    ("Part 2: moved out of the monitored OU is a dissociation", "ad_user_out_of_scope", "two_way",
     {"UserDissociateAction": "remove"}, {}, {}, {}, {"account": "deleted", "adi": "unbound"}),
    ("UserDissociationAction default remove", "ad_user_out_of_scope", "import_only", {}, {}, {}, {},
     {"account": "deleted", "adi": "unbound"}),
    # UserExpireAction > Expire Actions on the Import Agent
    ("UserExpireAction expire", "ad_password_expired", "import_only", {"UserExpireAction": "expire"}, {}, {},
     {"password": "expired"}, {"password": "expired", "external_password_expiration_date": "set"}),
    ("UserExpireAction absent acts as expire", "ad_password_expired", "import_only", {}, {}, {},
     {"password": "expired"}, {"password": "expired", "external_password_expiration_date": "set"}),
    ("UserExpireAction maintain", "ad_password_expired", "import_only", {"UserExpireAction": "maintain"}, {}, {},
     {"password": "expired"}, {"external_password_expiration_date": "cleared"}),
    ("UserExpireAction expire, user not in JumpCloud and not owned: created then expired", "ad_password_expired",
     "import_only", {"UserExpireAction": "expire"}, {}, {"jc_user_exists": False, "owned_by_agent": False},
     {"password": "expired"}, {"account": "created", "password": "expired", "external_password_expiration_date": "set"}),
    ("UserExpireAction maintain, user not in JumpCloud and not owned: created, password active", "ad_password_expired",
     "import_only", {"UserExpireAction": "maintain"}, {}, {"jc_user_exists": False, "owned_by_agent": False},
     {"password": "expired"}, {"account": "created", "external_password_expiration_date": "cleared"}),
    # UserTakeoverAction
    ("UserTakeoverAction deactivate -> Password Pending", "ad_user_takeover", "import_only",
     {"UserTakeoverAction": "deactivate"}, {}, {}, {}, {"password": "pending", "adi": "bound"}),
    ("UserTakeoverAction retain -> password status unchanged", "ad_user_takeover", "import_only",
     {"UserTakeoverAction": "retain"}, {}, {}, {}, {"adi": "bound"}),
    ("UserTakeoverAction warning: two-way needs a reset regardless", "ad_user_takeover", "two_way",
     {"UserTakeoverAction": "retain"}, {}, {}, {"password": "updated"}, {"password": "reset_required", "adi": "bound"}),
    # SyncAccountLockedOutStatus (import) and Scenario 2.1 / 2.2
    ("Import SyncAccountLockedOutStatus true: AD lock reflected", "ad_account_locked", "import_only",
     {"SyncAccountLockedOutStatus": True}, {}, {}, {"lock": "locked"}, {"lock": "locked"}),
    ("Import SyncAccountLockedOutStatus false (default): not synced", "ad_account_locked", "import_only", {}, {}, {},
     {"lock": "locked"}, {"lock": "unchanged"}),
    ("Scenario 2.1: AD admin unlocks -> JumpCloud unlocked", "ad_account_unlocked", "two_way",
     {"SyncAccountLockedOutStatus": True}, {"SyncAccountLockedOutStatus": True}, {}, {"lock": "unlocked"},
     {"lock": "unlocked"}),
    ("Scenario 2.2: AD admin unlocks -> JumpCloud never registered the lock", "ad_account_unlocked", "two_way",
     {"SyncAccountLockedOutStatus": False}, {"SyncAccountLockedOutStatus": False}, {}, {"lock": "unlocked"},
     {"lock": "unchanged"}),
    # Sync Unlock Status tables
    ("Sync Unlock Status: true, explicit unlock", "jc_user_unlocked", "sync_only", {},
     {"SyncAccountLockedOutStatus": True}, {}, {"lock": "unlocked"}, {"lock": "unlocked"}),
    ("Sync Unlock Status: true, profile update -> remains locked", "jc_user_updated", "sync_only", {},
     {"SyncAccountLockedOutStatus": True}, {}, {"lock": "unchanged"}, {"lock": "unchanged"}),
    ("Sync Unlock Status: false, explicit unlock", "jc_user_unlocked", "sync_only", {},
     {"SyncAccountLockedOutStatus": False}, {}, {"lock": "unlocked"}, {"lock": "unlocked"}),
    ("Sync Unlock Status: false (default), profile update -> unlocked", "jc_user_updated", "sync_only", {}, {}, {},
     {"lock": "unlocked"}, {"lock": "unchanged"}),
    ("Sync Unlock Status: not locked, nothing to unlock", "jc_user_updated", "sync_only", {}, {},
     {"ad_account_locked": False}, {"lock": "unchanged"}, {}),
    # Suspend Actions on the Sync Agent
    ("Suspend Actions on the Sync Agent: AD user exists -> disabled", "jc_user_suspended", "sync_only", {}, {}, {},
     {"account": "disabled"}, {"account": "suspended"}),
    ("Suspend Actions on the Sync Agent: no AD user -> created then disabled", "jc_user_suspended", "sync_only", {},
     {}, {"ad_user_exists": False}, {"account": "created_disabled"}, {"account": "suspended"}),
    # Suspend Scenarios (Sync and Import Agents)
    ("Suspend Scenarios: suspend -> remains in JumpCloud", "jc_user_suspended", "two_way",
     {"UserDisableAction": "suspend"}, {}, {}, {"account": "disabled"}, {"account": "suspended", "adi": "unchanged"}),
    ("Suspend Scenarios: remove -> removed from JumpCloud", "jc_user_suspended", "two_way",
     {"UserDisableAction": "remove"}, {}, {}, {"account": "disabled"}, {"account": "deleted", "adi": "unbound"}),
    ("Suspend Scenarios: unbind -> removed from groups, remains in JumpCloud", "jc_user_suspended", "two_way",
     {"UserDisableAction": "unbind"}, {}, {}, {"account": "disabled"},
     {"account": "suspended", "groups": "removed", "adi": "unbound", "external_fields": "cleared"}),
    # Suspend Actions on the Sync Agent ("The JumpCloud user remains suspended") followed by Suspend Actions on the
    # Import Agent ("isn't owned by this AD Import agent, a user isn't created"; unbind: "If a user doesn't exist,
    # or isn't owned by this AD Import agent, a new user isn't created"): the import agent takes no action, so the
    # JumpCloud user stays suspended
    ("Suspend Actions on the Sync Agent + Import Agent: remove, not owned -> stays suspended", "jc_user_suspended",
     "two_way", {"UserDisableAction": "remove"}, {}, {"owned_by_agent": False}, {"account": "disabled"},
     {"account": "suspended"}),
    ("Suspend Actions on the Sync Agent + Import Agent: unbind, not owned -> stays suspended", "jc_user_suspended",
     "two_way", {"UserDisableAction": "unbind"}, {}, {"owned_by_agent": False}, {"account": "disabled"},
     {"account": "suspended"}),
    ("Suspend Actions on the Sync Agent + Import Agent: unbind, no such user for the import agent -> stays "
     "suspended", "jc_user_suspended", "two_way", {"UserDisableAction": "unbind"}, {}, {"jc_user_exists": False},
     {"account": "disabled"}, {"account": "suspended"}),
    ("Suspend Actions on the Sync Agent + Import Agent: suspend, no such user for the import agent -> stays "
     "suspended", "jc_user_suspended", "two_way", {"UserDisableAction": "suspend"}, {}, {"jc_user_exists": False},
     {"account": "disabled"}, {"account": "suspended"}),
    ("Suspend Actions on the Sync Agent + Import Agent: remove, no AD user -> created disabled, stays suspended",
     "jc_user_suspended", "two_way", {"UserDisableAction": "remove"}, {},
     {"ad_user_exists": False, "owned_by_agent": False}, {"account": "created_disabled"}, {"account": "suspended"}),
    # User End States in AD Based on Disconnection Settings (one-way) / Part 1 (two-way)
    ("End states: remove/remove -> deleted", "jc_user_deleted", "sync_only",
     {}, {"user_disconnection_action": "remove", "membership_disconnection": "remove"}, {},
     {"account": "deleted", "memberships": "removed"}, {"account": "deleted", "adi": "unbound"}),
    ("End states: remove/retain -> deleted, memberships cease", "jc_user_deleted", "sync_only",
     {}, {"user_disconnection_action": "remove", "membership_disconnection": "retain"}, {},
     {"account": "deleted", "memberships": "ceased"}, {"account": "deleted", "adi": "unbound"}),
    ("End states: disable/remove", "jc_user_disconnected", "sync_only",
     {}, {"user_disconnection_action": "disable", "membership_disconnection": "remove"}, {},
     {"account": "disabled", "memberships": "removed"}, {"account": "retained", "adi": "unbound"}),
    ("End states: disable/retain", "jc_user_disconnected", "two_way",
     {}, {"user_disconnection_action": "disable", "membership_disconnection_action": "retain"}, {},
     {"account": "disabled", "memberships": "retained"}, {"account": "retained", "adi": "unbound"}),
    ("End states: retain/remove", "jc_user_disconnected", "sync_only",
     {}, {"user_disconnection_action": "retain", "membership_disconnection": "Remove"}, {},
     {"memberships": "removed"}, {"account": "retained", "adi": "unbound"}),
    ("End states: retain/retain", "jc_user_deleted", "sync_only",
     {}, {"user_disconnection_action": "Retain", "membership_disconnection": "retain"}, {},
     {"memberships": "retained"}, {"account": "deleted", "adi": "unbound"}),
    # Sync Agent Settings > sync_group > Interaction with group_membership_sync_type ("Membership removals in the
    # former parent security group cannot be performed"), and User and User Membership Disconnection Settings >
    # Important considerations ("Users will not be removed from the parent group(s) regardless of the
    # membership_disconnection_action setting"): removed from the other groups, not from the former parents'
    ("sync_group changed to a child: removals in the former parent cannot be performed", "jc_user_deleted",
     "sync_only", {}, {"user_disconnection_action": "disable", "membership_disconnection": "remove"},
     {"sync_group_changed_to_child": True}, {"account": "disabled", "memberships": "removed_except_former_parents"},
     {"account": "deleted", "adi": "unbound"}),
    ("sync_group changed to a child, retain: every membership retained", "jc_user_disconnected", "sync_only", {},
     {"user_disconnection_action": "retain", "membership_disconnection": "retain"},
     {"sync_group_changed_to_child": True}, {"memberships": "retained"}, {"account": "retained", "adi": "unbound"}),
    # ... "even if the user_disconnection_action is set to remove": the sync agent removes nothing, the deleted
    # account's memberships cease with it (End states: remove/retain)
    ("sync_group changed to a child, user_disconnection_action remove: memberships cease with the account",
     "jc_user_deleted", "two_way", {}, {"user_disconnection_action": "remove", "membership_disconnection": "remove"},
     {"sync_group_changed_to_child": True}, {"account": "deleted", "memberships": "ceased"},
     {"account": "deleted", "adi": "unbound"}),
    # group_disconnection_action and the sync_group deletion guard
    ("group_disconnection_action remove -> group deleted", "jc_group_disconnected", "sync_only", {},
     {"group_disconnection_action": "remove", "user_disconnection_action": "retain",
      "membership_disconnection": "retain"}, {}, {"group": "deleted", "memberships": "retained"},
     {"account": "retained", "adi": "unbound"}),
    ("group_disconnection_action retain (default)", "jc_group_disconnected", "sync_only", {},
     {"user_disconnection_action": "retain", "membership_disconnection": "retain"}, {},
     {"group": "retained_unmanaged", "memberships": "retained"}, {"account": "retained", "adi": "unbound"}),
    ("Deletion Guard: the sync_group is protected", "jc_group_disconnected", "sync_only", {},
     {"group_disconnection_action": "remove", "user_disconnection_action": "retain",
      "membership_disconnection": "retain"}, {"group_is_sync_group": True},
     {"group": "protected", "memberships": "retained"}, {"account": "retained", "adi": "unbound"}),
    # (membership_disconnection retain here: with remove, the retained group's memberships read two ways, tested
    # in test__outcomes_contexts.py)
    ("Group disconnection triggers user_disconnection_action for indirect users", "jc_group_disconnected",
     "sync_only", {}, {"user_disconnection_action": "disable", "membership_disconnection": "retain"}, {},
     {"account": "disabled", "memberships": "retained", "group": "retained_unmanaged"},
     {"account": "retained", "adi": "unbound"}),
    ("A user with another connection is not disconnected", "jc_group_disconnected", "sync_only", {},
     {"user_disconnection_action": "remove", "membership_disconnection": "remove"},
     {"user_only_connected_via_group": False}, {"group": "retained_unmanaged"}, {}),
    # group_membership_sync_type
    ("group_membership_sync_type minimal -> leaf only", "jc_group_membership_added", "sync_only", {},
     {"group_membership_sync_type": "minimal"}, {}, {"memberships": "leaf_only"}, {}),
    ("group_membership_sync_type default for one-way is match", "jc_group_membership_added", "sync_only", {}, {}, {},
     {"memberships": "leaf_and_parents"}, {}),
    ("group_membership_sync_type default for two-way is minimal", "jc_group_membership_added", "two_way", {}, {}, {},
     {"memberships": "leaf_only"}, {}),
    ("sync_group changed to a child: match regardless", "jc_group_membership_added", "two_way", {},
     {"group_membership_sync_type": "minimal"}, {"sync_group_changed_to_child": True},
     {"memberships": "leaf_and_parents"}, {}),
    # Sync Agent Configuration; UserExpireAction > Expire actions on the Sync Agent
    ("Sync agent writes password updates back to AD", "jc_password_changed", "sync_only", {}, {}, {},
     {"password": "updated"}, {}),
    ("Expire actions on the Sync Agent", "jc_password_expired", "sync_only", {}, {}, {}, {"password": "expired"},
     {"password": "expired"}),
]


@pytest.mark.parametrize("section, event, deployment, imp, syn, ctx, ad, jc", CASES, ids=[c[0] for c in CASES])
def test_vendor_document(section, event, deployment, imp, syn, ctx, ad, jc):
    """The WHOLE end state: every ad and jc field not listed must stay ``unchanged``."""
    r = one(event, deployment, imp, syn, ctx)
    assert r["applicable"] and not r["ambiguous"], r
    assert r["ad"] == whole(engine.AD_FIELDS, ad), section
    assert r["jc"] == whole(engine.JC_FIELDS, jc), section
    assert r["trace"][0]["agent"] in ("ad", "jumpcloud")
    for step in r["trace"]:
        assert step["section"]


# The trace is contract: a change reviewer reads which agent acted, on which setting and value, and when. Timing:
# the import agent polls about every 90 s, the sync agent about every 5 s (docs/design.md, "Facts beyond the vendor
# document"); a chained agent acts one poll after the step before it.
# (event, deployment, import settings, sync settings, context,
#  [(agent, setting, value, after_seconds)], vendor section named by the agents' steps)
TRACES = [
    ("ad_user_disabled", "import_only", {"UserDisableAction": "remove"}, {}, {},
     [("ad", None, None, 0), ("import", "UserDisableAction", "remove", 90)], "Suspend Actions on the Import Agent"),
    ("ad_user_enabled", "import_only", {"UserDisableAction": "suspend"}, {}, {},
     [("ad", None, None, 0), ("import", "UserDisableAction", "suspend", 90)], "UserDisableAction"),
    ("ad_user_deleted", "import_only", {"UserDissociationAction": "unbind"}, {}, {},
     [("ad", None, None, 0), ("import", "UserDissociationAction", "unbind", 90)], "UserDissociationAction"),
    ("ad_user_out_of_scope", "two_way", {"UserDissociationAction": "remove"}, {}, {},
     [("ad", None, None, 0), ("import", "UserDissociationAction", "remove", 90)], "UserDissociationAction"),
    ("ad_password_expired", "import_only", {"UserExpireAction": "maintain"}, {}, {},
     [("ad", None, None, 0), ("import", "UserExpireAction", "maintain", 90)], "Expire Actions on the Import Agent"),
    ("ad_account_locked", "import_only", {"SyncAccountLockedOutStatus": True}, {}, {},
     [("ad", None, None, 0), ("import", "SyncAccountLockedOutStatus", True, 90)], "SyncAccountLockedOutStatus"),
    ("ad_account_unlocked", "two_way", {"SyncAccountLockedOutStatus": True}, {"SyncAccountLockedOutStatus": True}, {},
     [("ad", None, None, 0), ("import", "SyncAccountLockedOutStatus", True, 90)], "Scenario 2.1"),
    ("ad_user_takeover", "two_way", {"UserTakeoverAction": "deactivate"}, {}, {},
     [("ad", None, None, 0), ("import", "UserTakeoverAction", "deactivate", 90), ("sync", None, None, 95)],
     "UserTakeoverAction"),
    ("jc_user_suspended", "two_way", {"UserDisableAction": "unbind"}, {}, {},
     [("jumpcloud", None, None, 0), ("sync", None, None, 5), ("import", "UserDisableAction", "unbind", 95)],
     "Suspend Actions on the Import Agent"),
    ("jc_user_deleted", "sync_only", {}, {"user_disconnection_action": "remove", "membership_disconnection": "retain"},
     {}, [("jumpcloud", None, None, 0), ("sync", "user_disconnection_action", "remove", 5),
          ("sync", "membership_disconnection", "retain", 5)], "User End States in AD Based on Disconnection Settings"),
    ("jc_user_disconnected", "two_way", {}, {"user_disconnection_action": "disable",
                                             "membership_disconnection": "remove"}, {},
     [("jumpcloud", None, None, 0), ("sync", "user_disconnection_action", "disable", 5),
      ("sync", "membership_disconnection", "remove", 5)], "Part 1"),
    ("jc_user_disconnected", "sync_only", {}, {"user_disconnection_action": "retain",
                                               "membership_disconnection": "remove"},
     {"sync_group_changed_to_child": True},
     [("jumpcloud", None, None, 0), ("sync", "user_disconnection_action", "retain", 5),
      ("sync", "membership_disconnection", "remove", 5)], "Interaction with group_membership_sync_type"),
    ("jc_user_deleted", "sync_only", {}, {"user_disconnection_action": "disable"}, {"ad_user_exists": False},
     [("jumpcloud", None, None, 0), ("sync", "user_disconnection_action", "disable", 5)],
     "User End States in AD Based on Disconnection Settings"),
    ("jc_group_disconnected", "sync_only", {}, {"group_disconnection_action": "remove"},
     {"user_only_connected_via_group": False},
     [("jumpcloud", None, None, 0), ("sync", "group_disconnection_action", "remove", 5)], "group_disconnection_action"),
    ("jc_group_disconnected", "sync_only", {}, {"group_disconnection_action": "remove"},
     {"user_only_connected_via_group": False, "group_is_sync_group": True},
     [("jumpcloud", None, None, 0), ("sync", "group_disconnection_action", "remove", 5)], "Deletion Guard"),
    ("jc_user_unlocked", "sync_only", {}, {}, {},
     [("jumpcloud", None, None, 0), ("sync", "SyncAccountLockedOutStatus", False, 5)], "Sync Unlock Status"),
    ("jc_user_updated", "sync_only", {}, {"SyncAccountLockedOutStatus": True}, {},
     [("jumpcloud", None, None, 0), ("sync", "SyncAccountLockedOutStatus", True, 5)], "SyncAccountLockedOutStatus"),
    ("jc_password_changed", "sync_only", {}, {}, {}, [("jumpcloud", None, None, 0), ("sync", None, None, 5)],
     "Sync Agent Configuration"),
    ("jc_password_expired", "two_way", {}, {}, {}, [("jumpcloud", None, None, 0), ("sync", None, None, 5)],
     "Expire actions on the Sync Agent"),
    ("jc_group_membership_added", "sync_only", {}, {"group_membership_sync_type": "minimal"}, {},
     [("jumpcloud", None, None, 0), ("sync", "group_membership_sync_type", "minimal", 5)],
     "group_membership_sync_type"),
]
_TITLES = {"import": "AD Import agent", "sync": "AD Sync agent"}
_EVERY = {"import": 90, "sync": 5}


@pytest.mark.parametrize("event, deployment, imp, syn, ctx, steps, section", TRACES,
                         ids=["%s-%d" % (t[0], i) for i, t in enumerate(TRACES)])
def test_trace_is_contract(event, deployment, imp, syn, ctx, steps, section):
    r = one(event, deployment, imp, syn, ctx)
    assert [(t["agent"], t["setting"], t["value"], t["after_seconds"]) for t in r["trace"]] == steps
    assert [t["step"] for t in r["trace"]] == list(range(1, len(steps) + 1))
    for t in r["trace"]:
        assert t["action"] and t["section"]
        if t["agent"] in _EVERY:
            assert t["within"] == "about %d s (the %s polls about every %d s)" % (
                t["after_seconds"], _TITLES[t["agent"]], _EVERY[t["agent"]])
        else:
            assert "within" not in t
    assert section in r["trace"][-1]["section"]


# The vendor document's headings (Advanced Configurations for Active Directory Integration), as written there: a
# trace step's section is a path of them, top-level part first, so that a reviewer finds the text it comes from.
_TOP = {"Import Agent Settings", "Sync Agent Settings", "Sync Agent Configuration",
        "Configuration Settings Outcomes in a Two-way Sync",
        "Configuration Settings Outcomes in a JumpCloud to AD One-way Sync"}
_HEADINGS = _TOP | {
    "UserDisableAction", "UserDissociationAction", "UserExpireAction", "UserTakeoverAction",
    "SyncAccountLockedOutStatus", "Suspend Actions on the Import Agent", "Suspend Actions on the Sync Agent",
    "Expire Actions on the Import Agent", "Expire actions on the Sync Agent",
    "Warning: Password Reset Required for Existing JumpCloud Users in Two-Way Sync",
    "sync_group", "Deletion Guard", "Interaction with group_membership_sync_type", "group_membership_sync_type",
    "group_disconnection_action", "user_disconnection_action", "Sync Unlock Status",
    "User End States in AD Based on Disconnection Settings", "User End States Based on Disconnection Settings",
    "Part 1", "Part 2", "AD-Initiated Changes & Lock/Unlock Behavior",
    # the two tables under UserDisableAction, and Scenario 2.1 and 2.2 of the two-way lock/unlock section
    "UserDisableAction (tables of existing and new users)", "Scenario 2.1 / 2.2",
}


_MISMATCH = "SyncAccountLockedOutStatus differs between the agents"
_NO_IMPORT_STEP = "The document does not say whether the import agent then acts on the AD account"


@pytest.mark.parametrize("deployment, imp, syn, noted", [
    # Configuration Settings Outcomes in a Two-way Sync > Sync Unlock Status: the two-way tables assume one value
    ("two_way", True, False, True),
    ("two_way", False, True, True),
    ("two_way", True, True, False),
    ("two_way", False, False, False),
    # one agent only: there is no other file to differ from
    ("import_only", True, False, False),
])
def test_lockout_mismatch_note_is_two_way_only(deployment, imp, syn, noted):
    r = one("ad_account_locked", deployment, {"SyncAccountLockedOutStatus": imp}, {"SyncAccountLockedOutStatus": syn})
    assert [n for n in r["notes"] if n.startswith(_MISMATCH)] == (
        ["%s; the document's two-way tables assume the same value in both files (Configuration Settings Outcomes in "
         "a Two-way Sync > Sync Unlock Status)." % _MISMATCH] if noted else [])
    # the note changes nothing else: the import agent's own value decides
    assert r["jc"]["lock"] == ("locked" if imp else "unchanged")


@pytest.mark.parametrize("event", ["jc_user_disconnected", "jc_user_deleted"])
@pytest.mark.parametrize("deployment, noted", [("two_way", True), ("sync_only", False)])
def test_two_way_disconnection_says_no_import_step_is_assumed(event, deployment, noted):
    r = one(event, deployment, syn={"user_disconnection_action": "disable", "membership_disconnection": "remove"})
    assert any(n.startswith(_NO_IMPORT_STEP) for n in r["notes"]) is noted
    # ... and none is taken: the sync agent's steps are the last
    assert [t["agent"] for t in r["trace"]] == ["jumpcloud", "sync", "sync"]
    assert r["ad"] == whole(engine.AD_FIELDS, {"account": "disabled", "memberships": "removed"})
    jc = {"account": "retained" if event == "jc_user_disconnected" else "deleted", "adi": "unbound"}
    assert r["jc"] == whole(engine.JC_FIELDS, jc)


def test_issue_example_and_trace_names_both_settings():
    r = one("jc_user_deleted", "sync_only", syn={"user_disconnection_action": "remove",
                                                 "membership_disconnection": "retain"})
    assert (r["ad"]["account"], r["ad"]["memberships"], r["jc"]["account"]) == ("deleted", "ceased", "deleted")
    assert {s["setting"] for s in r["trace"]} >= {"user_disconnection_action", "membership_disconnection"}
    assert r["trace"][1]["after_seconds"] == catalog.POLL_SECONDS["sync"]


def test_contradiction_2_absent_disconnection_settings_are_ambiguous_with_both_readings():
    r = one("jc_user_deleted", "sync_only")
    assert r["ambiguous"]
    readings = {a["reading"]: (a["ad"]["account"], a["ad"]["memberships"]) for a in r["alternatives"]}
    assert readings == {"default per the settings reference": ("disabled", "removed"),
                        "default per the summary table": ("unchanged", "retained")}
    assert (r["ad"]["account"], r["ad"]["memberships"]) == ("disabled", "removed")  # reading 1, and it says so
    assert "reading 1 of 2" in r["notes"][0]


def test_contradiction_1_disable_vs_dissociation():
    r = one("ad_user_disabled", "import_only", {"UserDisableAction": "suspend", "UserDissociateAction": "remove"})
    assert r["ambiguous"] and [a["jc"]["account"] for a in r["alternatives"]] == ["suspended", "deleted"]
    # the same value in both removes the doubt
    assert not one("ad_user_disabled", "import_only", {"UserDisableAction": "remove",
                                                       "UserDissociationAction": "remove"})["ambiguous"]
    # the contradiction does not touch events that do not read UserDisableAction
    assert not one("ad_user_deleted", "import_only", {"UserDisableAction": "suspend",
                                                      "UserDissociationAction": "remove"})["ambiguous"]


def test_two_way_chain_is_traced_with_timing():
    # docs/design.md: JumpCloud suspend -> AD disabled -> import agent applies UserDisableAction
    r = one("jc_user_suspended", "two_way", {"UserDisableAction": "remove"})
    agents = [(s["agent"], s["setting"], s["after_seconds"]) for s in r["trace"]]
    assert agents == [("jumpcloud", None, 0), ("sync", None, 5), ("import", "UserDisableAction", 95)]


def test_no_invented_steps_and_notes_say_so():
    r = one("ad_user_disabled", "two_way", {"UserDisableAction": "remove"})
    assert [s["agent"] for s in r["trace"]] == ["ad", "import"]
    assert any("not triggered by an AD disable alone" in n for n in r["notes"])


def test_not_applicable_events():
    r = one("jc_user_deleted", "import_only")
    assert r["applicable"] is False and r["trace"] == []
    assert all(v == "unchanged" for v in list(r["ad"].values()) + list(r["jc"].values()))
    assert engine.events_of("import_only") == [e for e in engine.EVENTS if e.startswith("ad_")]
    assert len(outcomes(deployment="two_way")) == len(engine.EVENTS)


def test_baseline_change_review():
    r = one("ad_user_disabled", "import_only", {"UserDisableAction": "remove"},
            baseline_import_settings={"UserDisableAction": "suspend"})
    assert r["changed"] and r["baseline"]["jc"]["account"] == "suspended" and r["jc"]["account"] == "deleted"
    assert engine.differences(r) == [{"field": "jc.account", "before": "suspended", "after": "deleted"},
                                     {"field": "jc.adi", "before": "unchanged", "after": "unbound"}]
    same = one("ad_user_disabled", "import_only", {"UserDisableAction": "Suspend"},
               baseline_import_settings={"UserDisableAction": "suspend"})
    assert same["changed"] is False


@pytest.mark.parametrize("kwargs, message", [
    ({"events": ["jc_user_nuked"]}, "unknown event 'jc_user_nuked'; allowed: ad_user_disabled"),
    ({"deployment": "both"}, "deployment 'both' is not one of import_only, sync_only, two_way"),
    ({"import_settings": {"UserDisableAction": "delete"}}, "'delete' is not one of suspend, remove, unbind"),
    ({"sync_settings": {"user_disconection_action": "remove"}}, "unknown sync setting(s) user_disconection_action"),
    ({"context": {"jc_user_exist": True}}, "unknown context key(s) jc_user_exist; allowed: jc_user_exists"),
    ({"context": {"jc_user_exists": "yes"}}, "context jc_user_exists must be true or false"),
    ({"import_settings": ["UserDisableAction"]}, "import settings must be a dict"),
])
def test_bad_input_lists_what_is_allowed(kwargs, message):
    with pytest.raises(EngineError) as exc:
        outcomes(**kwargs)
    assert message in str(exc.value)


# ---------------------------------------------------------------- properties

def _setting_values(s):
    if s.type == "bool":
        return [None, True, False]
    if s.choices:
        return [None] + list(s.choices)
    if s.type == "int":
        return [None, 5000]
    return [None, "CN=JC,DC=example,DC=com"]


def _spellings(value):
    """A choice in any case (the agents compare values case-insensitively), any other value as it is."""
    if isinstance(value, str) and not value.startswith("CN="):
        return st.sampled_from([value, value.upper(), value.capitalize()])
    return st.just(value)


def _drawn(agent):
    """{option name: (key, value as spelled, value as the catalog spells it)}: option names or the agent's own keys
    (any case, or an alias), values in mixed case."""
    def entry(s):
        # the lookup takes option names and file keys; the nested key's parent shape is the file layer's business
        keys = [s.name] + ([] if s.parent else [s.key, s.key.lower()] + list(s.aliases))
        return st.tuples(st.sampled_from(keys), st.sampled_from(_setting_values(s)).flatmap(
            lambda v: _spellings(v).map(lambda spelled: (spelled, v))))
    return st.fixed_dictionaries({s.name: entry(s) for s in catalog.settings_of(agent)}).map(
        lambda d: {name: (key, spelled, v) for name, (key, (spelled, v)) in d.items() if v is not None})


def _settings(agent):
    return _drawn(agent).map(lambda d: {key: spelled for key, spelled, _v in d.values()})


# every context key may be left out, so that the engine's defaults (event-dependent for ad_account_locked) are used
_CONTEXT = st.fixed_dictionaries({}, optional={k: st.booleans() for k in engine.CONTEXT_DEFAULTS})


@settings(max_examples=_EXAMPLES, deadline=None)
@given(imp=_settings("import"), syn=_settings("sync"), ctx=_CONTEXT,
       deployment=st.sampled_from(catalog.DEPLOYMENTS), event=st.sampled_from(list(engine.EVENTS)))
def test_every_result_uses_only_the_contract_vocabularies(imp, syn, ctx, deployment, event):
    r = outcomes([event], imp, syn, deployment, ctx)[0]
    assert set(r) >= {"event", "deployment", "applicable", "ad", "jc", "trace", "notes", "ambiguous", "alternatives"}
    for alt in [r] + r["alternatives"]:
        assert set(alt["ad"]) == set(engine.AD_FIELDS) and set(alt["jc"]) == set(engine.JC_FIELDS)
        for k, v in alt["ad"].items():
            assert v in engine.AD_FIELDS[k]
        for k, v in alt["jc"].items():
            assert v in engine.JC_FIELDS[k]
    assert r["ambiguous"] == bool(r["alternatives"])


@settings(max_examples=_EXAMPLES, deadline=None)
@given(imp=_settings("import"), syn=_settings("sync"), ctx=_CONTEXT, imp2=_settings("import"),
       syn2=_settings("sync"), ctx2=_CONTEXT, deployment=st.sampled_from(catalog.DEPLOYMENTS),
       event=st.sampled_from(list(engine.EVENTS)))
def test_only_declared_inputs_change_an_outcome(imp, syn, ctx, imp2, syn2, ctx2, deployment, event):
    """engine.INPUTS (what the benchmark enumerates) lists everything an event's outcome depends on."""
    imp_in, syn_in, ctx_in = engine.INPUTS[event]

    # second input: the first, with every undeclared setting and context flag replaced at random
    def name(agent, key):
        return catalog.find(agent, key).name

    imp_b = {k: v for k, v in imp2.items() if name("import", k) not in imp_in}
    imp_b.update({k: v for k, v in imp.items() if name("import", k) in imp_in})
    syn_b = {k: v for k, v in syn2.items() if name("sync", k) not in syn_in}
    syn_b.update({k: v for k, v in syn.items() if name("sync", k) in syn_in})
    ctx_b = {k: v for k, v in ctx2.items() if k not in ctx_in}
    ctx_b.update({k: v for k, v in ctx.items() if k in ctx_in})
    a = outcomes([event], imp, syn, deployment, ctx)[0]
    b = outcomes([event], imp_b, syn_b, deployment, ctx_b)[0]
    assert engine.same_outcome(a, b)


@settings(max_examples=_EXAMPLES, deadline=None)
@given(imp=_drawn("import"), syn=_drawn("sync"), ctx=_CONTEXT, deployment=st.sampled_from(catalog.DEPLOYMENTS),
       event=st.sampled_from(list(engine.EVENTS)))
def test_key_spelling_and_value_case_do_not_change_an_outcome(imp, syn, ctx, deployment, event):
    """A file key in any case or an alias, and a value in any case, predict what the option name with the catalog's
    value does (the agents compare keys and values case-insensitively). Catches a case-sensitive comparison of a
    choice (``Remove`` read as not ``remove``)."""
    spelled = outcomes([event], {k: v for k, v, _c in imp.values()}, {k: v for k, v, _c in syn.values()},
                       deployment, ctx)[0]
    plain = outcomes([event], {n: c for n, (_k, _v, c) in imp.items()}, {n: c for n, (_k, _v, c) in syn.items()},
                     deployment, ctx)[0]
    assert engine.same_outcome(spelled, plain)
    assert [(t["agent"], t["setting"], t["value"]) for t in spelled["trace"]] == \
        [(t["agent"], t["setting"], t["value"]) for t in plain["trace"]]


# the lookup's documented context defaults (plugins/lookup/outcomes.py, from CONTEXT_HELP): every key true but
# these, and ad_account_locked true only for the two events about an AD account that is locked
_DOCUMENTED_FALSE = {"group_is_sync_group", "sync_group_changed_to_child", "ad_account_locked"}


@settings(max_examples=_EXAMPLES, deadline=None)
@given(imp=_settings("import"), syn=_settings("sync"), ctx=_CONTEXT, deployment=st.sampled_from(catalog.DEPLOYMENTS),
       event=st.sampled_from(list(engine.EVENTS)))
def test_a_context_key_left_out_takes_its_documented_default(imp, syn, ctx, deployment, event):
    full = {k: k not in _DOCUMENTED_FALSE for k in engine.CONTEXT_HELP}
    full["ad_account_locked"] = event in ("jc_user_unlocked", "jc_user_updated")
    full.update(ctx)
    partial = outcomes([event], imp, syn, deployment, ctx)[0]
    assert partial["context"] == full
    assert engine.same_outcome(partial, outcomes([event], imp, syn, deployment, full)[0])


@settings(max_examples=_EXAMPLES, deadline=None)
@given(imp=_settings("import"), syn=_settings("sync"), ctx=_CONTEXT, deployment=st.sampled_from(catalog.DEPLOYMENTS),
       event=st.sampled_from(list(engine.EVENTS)))
def test_every_trace_section_is_a_path_of_vendor_headings(imp, syn, ctx, deployment, event):
    r = outcomes([event], imp, syn, deployment, ctx)[0]
    for step in r["trace"] + [t for a in r["alternatives"] for t in a["trace"]]:
        parts = step["section"].split(" > ")
        assert parts[0] in _TOP or parts == ["Sync Agent Configuration"], step
        assert set(parts) <= _HEADINGS, step
    for a in r["alternatives"]:
        assert a["sections"] and all(a["sections"]), a  # a reading's sections come from the catalog (its tests)


# ---------------------------------------------------------------- every branch, whole trace and notes

# The vendor document's section paths a step cites (Advanced Configurations for Active Directory Integration).
_IMP = "Import Agent Settings"
_SYNC = "Sync Agent Settings"
_TWO = "Configuration Settings Outcomes in a Two-way Sync"
_ONE = "Configuration Settings Outcomes in a JumpCloud to AD One-way Sync"
_S_IMPORT = _IMP + " > UserDisableAction > Suspend Actions on the Import Agent"
_S_SYNC = _IMP + " > UserDisableAction > Suspend Actions on the Sync Agent"
_TABLES = _IMP + " > UserDisableAction (tables of existing and new users)"
_EXPIRE = _IMP + " > UserExpireAction > Expire Actions on the Import Agent"
_PART1 = _TWO + " > User End States Based on Disconnection Settings > Part 1"
_END1 = _ONE + " > User End States in AD Based on Disconnection Settings"
_CHILD = _SYNC + " > sync_group > Interaction with group_membership_sync_type"
_UDA = _SYNC + " > user_disconnection_action"
_GDA = _SYNC + " > group_disconnection_action"
_GMST = _SYNC + " > group_membership_sync_type"

# The notes: where the document hedges or is silent, each with the section it reads.
_N_BOUND = "The user stays bound to ADI while suspended (%s > Part 2)." % _TWO
_N_DISABLE = ("The sync agent's user_disconnection_action and membership_disconnection are not triggered by an AD "
              "disable alone (%s > Part 2)." % _TWO)
_N_GONE = ("The sync agent's disconnection settings are generally not applicable: the AD object is already gone "
           "(%s > Part 2)." % _TWO)
_N_SCOPE = "The sync agent is unlikely to act on an out-of-scope AD object (%s > Part 2)." % _TWO
_N_MISSING = "The document does not say what happens to a missing JumpCloud user owned by the agent."
_N_UNMANAGED = ("The document's two-way table gives the JumpCloud end state as 'Deleted from JC (or becomes "
                "unmanaged)' for disable and retain (%s > Part 1)." % _TWO)
_N_NO_IMPORT = ("The document does not say whether the import agent then acts on the AD account the sync agent "
                "changed; no further step is assumed.")
_N_SCENARIOS = ("Suspend Scenarios (Sync and Import Agents): suspend keeps the user with its associations; remove "
                "deletes it from JumpCloud; unbind removes it from groups and directories but keeps it (%s > "
                "UserDisableAction > Suspend Scenarios)." % _IMP)
_N_OTHER = "The user keeps another connection to ADI, so user_disconnection_action is not triggered."


def _admin(action, section):
    return ("ad", None, None, 0, action, section)


def _jc(action, section):
    return ("jumpcloud", None, None, 0, action, section)


# (id, event, deployment, import settings, sync settings, context,
#  [(agent, setting, value, after_seconds, action, section)], notes)
# Each action says, in the vendor document's words, what its section says the agent does (and, in parentheses,
# what made it act); each step is compared whole.
BRANCHES = [
    # Suspend Actions on the Import Agent: "the corresponding JC user is suspended"; "If a user doesn't exist in
    # JumpCloud, a user is created in JumpCloud according to current AD Import rules"
    ("disable-suspend", "ad_user_disabled", "import_only", {"UserDisableAction": "suspend"}, {}, {},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "suspend", 90, "suspends the JumpCloud user (AD user disabled)", _S_IMPORT)],
     [_N_BOUND]),
    ("disable-suspend-new-two-way", "ad_user_disabled", "two_way", {"UserDisableAction": "suspend"}, {},
     {"jc_user_exists": False},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "suspend", 90,
       "creates the JumpCloud user per the AD Import rules, suspended (AD user disabled)", _S_IMPORT)],
     [_N_BOUND, _N_DISABLE]),
    # "If a user owned by this AD Import agent exists in JumpCloud, the user is deleted from JumpCloud"
    ("disable-remove", "ad_user_disabled", "import_only", {"UserDisableAction": "remove"}, {}, {},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "remove", 90, "deletes the JumpCloud user (AD user disabled)", _S_IMPORT)], []),
    # "If a user doesn't exist in JumpCloud, or isn't owned by this AD Import agent, a user isn't created"
    ("disable-remove-missing", "ad_user_disabled", "import_only", {"UserDisableAction": "remove"}, {},
     {"jc_user_exists": False},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "remove", 90, "does nothing: the JumpCloud user does not exist, so it is not "
       "created or deleted (AD user disabled)", _S_IMPORT)], []),
    ("disable-remove-not-owned", "ad_user_disabled", "import_only", {"UserDisableAction": "remove"}, {},
     {"owned_by_agent": False},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "remove", 90, "does nothing: the JumpCloud user is not owned by this agent, so "
       "it is not created or deleted (AD user disabled)", _S_IMPORT)], []),
    # unbind: "externally managed fields are cleared"; "the corresponding user is no longer managed externally"
    ("disable-unbind", "ad_user_disabled", "import_only", {"UserDisableAction": "unbind"}, {}, {},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "unbind", 90, "clears the externally managed fields and removes the user from "
       "groups; the JumpCloud user is no longer managed externally (AD user disabled)", _S_IMPORT)], []),
    ("disable-unbind-missing", "ad_user_disabled", "import_only", {"UserDisableAction": "unbind"}, {},
     {"jc_user_exists": False},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "unbind", 90, "does nothing: the JumpCloud user does not exist (AD user "
       "disabled)", _S_IMPORT)], []),
    ("disable-unbind-not-owned", "ad_user_disabled", "import_only", {"UserDisableAction": "unbind"}, {},
     {"owned_by_agent": False},
     [_admin("an AD admin disables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "unbind", 90, "does nothing: the JumpCloud user is not owned by this agent (AD "
       "user disabled)", _S_IMPORT)], []),
    # the tables: suspend, Enabled -> "Not suspended / active"; remove and unbind, Enabled -> "N/A" (existing users),
    # "User is created" (new users)
    ("enable-suspend", "ad_user_enabled", "import_only", {"UserDisableAction": "suspend"}, {}, {},
     [_admin("an AD admin enables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "suspend", 90, "unsuspends the JumpCloud user (not suspended / active)",
       _TABLES)], []),
    ("enable-unbind", "ad_user_enabled", "import_only", {"UserDisableAction": "unbind"}, {}, {},
     [_admin("an AD admin enables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "unbind", 90, "takes no action on the existing JumpCloud user (N/A in the "
       "document's table)", _TABLES)], []),
    ("enable-new", "ad_user_enabled", "import_only", {"UserDisableAction": "remove"}, {}, {"jc_user_exists": False},
     [_admin("an AD admin enables the user", _IMP + " > UserDisableAction"),
      ("import", "UserDisableAction", "remove", 90, "creates the JumpCloud user", _TABLES)], []),
    # UserDissociationAction: remove, "the user's JumpCloud account will be deleted"; unbind, "will remain but will
    # be disconnected from the AD domain within JumpCloud. JumpCloud will continue to manage the user's identity"
    ("deleted-remove-two-way", "ad_user_deleted", "two_way", {"UserDissociationAction": "remove"}, {}, {},
     [_admin("an AD admin deletes the user", _TWO + " > Part 2"),
      ("import", "UserDissociationAction", "remove", 90, "deletes the JumpCloud user (AD user deleted)",
       _IMP + " > UserDissociationAction")], [_N_GONE]),
    ("deleted-unbind", "ad_user_deleted", "import_only", {"UserDissociationAction": "unbind"}, {}, {},
     [_admin("an AD admin deletes the user", _TWO + " > Part 2"),
      ("import", "UserDissociationAction", "unbind", 90, "keeps the JumpCloud user but disconnects it from the AD "
       "domain; JumpCloud keeps managing its identity (AD user deleted)", _IMP + " > UserDissociationAction")], []),
    ("deleted-missing", "ad_user_deleted", "import_only", {"UserDissociationAction": "remove"}, {},
     {"jc_user_exists": False},
     [_admin("an AD admin deletes the user", _TWO + " > Part 2"),
      ("import", "UserDissociationAction", "remove", 90, "does nothing: there is no JumpCloud user (AD user deleted)",
       _IMP + " > UserDissociationAction")], []),
    # Part 2: "Moved Out of Monitored OU / Sync Scope ... This is treated as a dissociation"
    ("out-of-scope-two-way", "ad_user_out_of_scope", "two_way", {"UserDissociationAction": "unbind"}, {}, {},
     [_admin("the user is moved out of the monitored OU or removed from the ADI security group; the AD object is "
             "retained as it is", _TWO + " > Part 2"),
      ("import", "UserDissociationAction", "unbind", 90, "keeps the JumpCloud user but disconnects it from the AD "
       "domain; JumpCloud keeps managing its identity (treated as a dissociation)",
       _IMP + " > UserDissociationAction")], [_N_SCOPE]),
    ("out-of-scope-one-agent", "ad_user_out_of_scope", "import_only", {"UserDissociationAction": "remove"}, {}, {},
     [_admin("the user is moved out of the monitored OU or removed from the ADI security group; the AD object is "
             "retained as it is", _TWO + " > Part 2"),
      ("import", "UserDissociationAction", "remove", 90, "deletes the JumpCloud user (treated as a dissociation)",
       _IMP + " > UserDissociationAction")], []),
    # Expire Actions on the Import Agent: expire, "immediately expires in JumpCloud", "external_password_expiration_
    # date field is set to the value in AD", "a new user is created in JumpCloud and then expires"; maintain, "the
    # user's password stays active", "external_password_expiration_date field is cleared", "a new user is created"
    ("expire", "ad_password_expired", "import_only", {"UserExpireAction": "expire"}, {}, {},
     [_admin("the user's AD password expires", _IMP + " > UserExpireAction"),
      ("import", "UserExpireAction", "expire", 90, "expires the JumpCloud password and sets "
       "external_password_expiration_date to AD's value", _EXPIRE)], []),
    ("expire-new", "ad_password_expired", "import_only", {"UserExpireAction": "expire"}, {},
     {"jc_user_exists": False, "owned_by_agent": False},
     [_admin("the user's AD password expires", _IMP + " > UserExpireAction"),
      ("import", "UserExpireAction", "expire", 90, "creates the JumpCloud user, then expires the JumpCloud password "
       "and sets external_password_expiration_date to AD's value", _EXPIRE)], []),
    ("maintain", "ad_password_expired", "import_only", {"UserExpireAction": "maintain"}, {}, {},
     [_admin("the user's AD password expires", _IMP + " > UserExpireAction"),
      ("import", "UserExpireAction", "maintain", 90, "leaves the JumpCloud password active and clears "
       "external_password_expiration_date", _EXPIRE)], []),
    ("maintain-new", "ad_password_expired", "import_only", {"UserExpireAction": "maintain"}, {},
     {"jc_user_exists": False, "owned_by_agent": False},
     [_admin("the user's AD password expires", _IMP + " > UserExpireAction"),
      ("import", "UserExpireAction", "maintain", 90, "creates the JumpCloud user, leaves the JumpCloud password "
       "active and clears external_password_expiration_date", _EXPIRE)], []),
    # a missing user that the agent owns: the document says nothing about it
    ("maintain-missing-owned", "ad_password_expired", "import_only", {"UserExpireAction": "maintain"}, {},
     {"jc_user_exists": False},
     [_admin("the user's AD password expires", _IMP + " > UserExpireAction"),
      ("import", "UserExpireAction", "maintain", 90, "leaves the JumpCloud password active and clears "
       "external_password_expiration_date", _EXPIRE)], [_N_MISSING]),
    # SyncAccountLockedOutStatus (import): true, "the corresponding JumpCloud user account will also be updated to
    # reflect a locked status"; false, "their JumpCloud user account status will remain unchanged"
    ("locked-true", "ad_account_locked", "import_only", {"SyncAccountLockedOutStatus": True}, {}, {},
     [_admin("AD locks the account (e.g. bad passwords)", _IMP + " > SyncAccountLockedOutStatus"),
      ("import", "SyncAccountLockedOutStatus", True, 90, "reflects the AD lock on the JumpCloud account",
       _IMP + " > SyncAccountLockedOutStatus")], []),
    ("locked-true-missing", "ad_account_locked", "import_only", {"SyncAccountLockedOutStatus": True}, {},
     {"jc_user_exists": False},
     [_admin("AD locks the account (e.g. bad passwords)", _IMP + " > SyncAccountLockedOutStatus"),
      ("import", "SyncAccountLockedOutStatus", True, 90, "does not sync the lock; the JumpCloud account stays as it "
       "is", _IMP + " > SyncAccountLockedOutStatus")], []),
    # Scenario 2.1: "Account becomes Unlocked"; Scenario 2.2: "as JumpCloud never registered the AD lock"
    ("unlocked-2.1", "ad_account_unlocked", "two_way", {"SyncAccountLockedOutStatus": True},
     {"SyncAccountLockedOutStatus": True}, {},
     [_admin("an AD admin unlocks the account", _TWO + " > AD-Initiated Changes & Lock/Unlock Behavior"),
      ("import", "SyncAccountLockedOutStatus", True, 90, "syncs the unlock to JumpCloud",
       _TWO + " > Scenario 2.1 / 2.2")], []),
    ("unlocked-2.2", "ad_account_unlocked", "two_way", {}, {}, {},
     [_admin("an AD admin unlocks the account", _TWO + " > AD-Initiated Changes & Lock/Unlock Behavior"),
      ("import", "SyncAccountLockedOutStatus", False, 90, "does nothing: JumpCloud never registered the AD lock",
       _TWO + " > Scenario 2.1 / 2.2")], []),
    # UserTakeoverAction: deactivate, "changed to "Password Pending". These users are directed to reset their
    # passwords in AD"; retain, "remains unchanged"; the two-way Warning: "A system-generated password will be set
    # for these users in AD, which will overwrite the user's existing JumpCloud password on the sync back ... must
    # reset their password in either JumpCloud or AD ... regardless of what this setting is"
    ("takeover-deactivate", "ad_user_takeover", "import_only", {"UserTakeoverAction": "deactivate"}, {}, {},
     [_admin("an AD user is matched to an existing JumpCloud user (takeover)", _IMP + " > UserTakeoverAction"),
      ("import", "UserTakeoverAction", "deactivate", 90, "takes over the JumpCloud user and sets its password status "
       "to Password Pending; the user must reset the password in AD", _IMP + " > UserTakeoverAction")], []),
    ("takeover-retain-two-way", "ad_user_takeover", "two_way", {"UserTakeoverAction": "retain"}, {}, {},
     [_admin("an AD user is matched to an existing JumpCloud user (takeover)", _IMP + " > UserTakeoverAction"),
      ("import", "UserTakeoverAction", "retain", 90, "takes over the JumpCloud user; its password status is "
       "unchanged", _IMP + " > UserTakeoverAction"),
      ("sync", None, None, 95, "sets a system-generated password in AD, which overwrites the JumpCloud password on "
       "the sync back; the user must reset the password in JumpCloud or AD, whatever UserTakeoverAction is",
       _IMP + " > UserTakeoverAction > Warning: Password Reset Required for Existing JumpCloud Users in Two-Way "
       "Sync")], []),
    # Suspend Actions on the Sync Agent: "the user is disabled in AD. The JumpCloud user remains suspended"; "the
    # user is created and then disabled in AD"
    ("suspended", "jc_user_suspended", "sync_only", {}, {}, {},
     [_jc("a JumpCloud admin suspends the user", _S_SYNC),
      ("sync", None, None, 5, "disables the AD user; the JumpCloud user remains suspended", _S_SYNC)], []),
    ("suspended-no-ad-user", "jc_user_suspended", "sync_only", {}, {}, {"ad_user_exists": False},
     [_jc("a JumpCloud admin suspends the user", _S_SYNC),
      ("sync", None, None, 5, "creates the AD user, then disables it; the JumpCloud user remains suspended",
       _S_SYNC)], []),
    # ... then, in two-way sync, the import agent applies UserDisableAction (Suspend Scenarios)
    ("suspended-two-way", "jc_user_suspended", "two_way", {"UserDisableAction": "suspend"}, {}, {},
     [_jc("a JumpCloud admin suspends the user", _S_SYNC),
      ("sync", None, None, 5, "disables the AD user; the JumpCloud user remains suspended", _S_SYNC),
      ("import", "UserDisableAction", "suspend", 95, "suspends the JumpCloud user (AD user disabled by the sync "
       "agent)", _S_IMPORT)], [_N_BOUND, _N_SCENARIOS]),
    # user_disconnection_action x membership_disconnection (the one-way table and the two-way Part 1 table)
    ("deleted-no-ad-user", "jc_user_deleted", "sync_only", {},
     {"user_disconnection_action": "remove", "membership_disconnection": "remove"}, {"ad_user_exists": False},
     [_jc("a JumpCloud admin deletes the synced user", _UDA),
      ("sync", "user_disconnection_action", "remove", 5, "does nothing in AD: there is no AD user (user deleted in "
       "JumpCloud)", _END1)], []),
    # remove/remove: "AD account is deleted", "User is removed from groups (moot, as account deletion also removes
    # memberships)"
    ("remove-remove", "jc_user_deleted", "sync_only", {},
     {"user_disconnection_action": "remove", "membership_disconnection": "remove"}, {},
     [_jc("a JumpCloud admin deletes the synced user", _UDA),
      ("sync", "user_disconnection_action", "remove", 5, "deletes the AD account (user deleted in JumpCloud)", _END1),
      ("sync", "membership_disconnection", "remove", 5, "removes the user from JumpCloud-managed AD groups (moot: "
       "deletion ends every membership)", _END1)], []),
    # remove/retain: "User's memberships effectively cease with account deletion"
    ("remove-retain-two-way", "jc_user_deleted", "two_way", {},
     {"user_disconnection_action": "remove", "membership_disconnection": "retain"}, {},
     [_jc("a JumpCloud admin deletes the synced user", _UDA),
      ("sync", "user_disconnection_action", "remove", 5, "deletes the AD account (user deleted in JumpCloud)",
       _PART1),
      ("sync", "membership_disconnection", "retain", 5, "leaves memberships, which cease with the account", _PART1)],
     [_N_UNMANAGED, _N_NO_IMPORT]),
    # sync_group changed to a child: "Membership removals in the former parent security group cannot be performed
    # even if the user_disconnection_action is set to remove"
    ("remove-child", "jc_user_disconnected", "sync_only", {},
     {"user_disconnection_action": "remove", "membership_disconnection": "remove"},
     {"sync_group_changed_to_child": True},
     [_jc("a JumpCloud admin disconnects the user from ADI", _UDA),
      ("sync", "user_disconnection_action", "remove", 5, "deletes the AD account (user disconnected from ADI)",
       _END1),
      ("sync", "membership_disconnection", "remove", 5, "cannot remove memberships in the former parent sync_group's "
       "groups (sync_group was changed to a child group), but every membership ceases with the deleted account",
       _CHILD)], []),
    # disable/remove: "AD account is disabled (but remains in AD)", "User is removed from these AD groups"
    ("disable-remove-two-way", "jc_user_disconnected", "two_way", {},
     {"user_disconnection_action": "disable", "membership_disconnection": "remove"}, {},
     [_jc("a JumpCloud admin disconnects the user from ADI", _UDA),
      ("sync", "user_disconnection_action", "disable", 5, "disables the AD account; it stays in AD (user "
       "disconnected from ADI)", _PART1),
      ("sync", "membership_disconnection", "remove", 5, "removes the user from JumpCloud-managed AD groups", _PART1)],
     [_N_NO_IMPORT]),
    # retain/retain: "AD account remains active", "User retains memberships in these AD groups (now managed directly
    # in AD)"
    ("retain-retain", "jc_user_disconnected", "sync_only", {},
     {"user_disconnection_action": "retain", "membership_disconnection": "retain"}, {},
     [_jc("a JumpCloud admin disconnects the user from ADI", _UDA),
      ("sync", "user_disconnection_action", "retain", 5, "leaves the AD account active (user disconnected from ADI)",
       _END1),
      ("sync", "membership_disconnection", "retain", 5, "keeps the user's memberships in JumpCloud-managed AD groups "
       "(now managed in AD)", _END1)], []),
    # User and User Membership Disconnection Settings > Important considerations: "Users will not be removed from the
    # parent group(s) regardless of the membership_disconnection_action setting"
    ("retain-remove-child", "jc_user_deleted", "sync_only", {},
     {"user_disconnection_action": "retain", "membership_disconnection": "remove"},
     {"sync_group_changed_to_child": True},
     [_jc("a JumpCloud admin deletes the synced user", _UDA),
      ("sync", "user_disconnection_action", "retain", 5, "leaves the AD account active (user deleted in JumpCloud)",
       _END1),
      ("sync", "membership_disconnection", "remove", 5, "removes the user from JumpCloud-managed AD groups except the "
       "former parent sync_group's groups, where removals cannot be performed: sync_group was changed to a child "
       "group", _CHILD)], []),
    ("retain-retain-child", "jc_user_deleted", "sync_only", {},
     {"user_disconnection_action": "retain", "membership_disconnection": "retain"},
     {"sync_group_changed_to_child": True},
     [_jc("a JumpCloud admin deletes the synced user", _UDA),
      ("sync", "user_disconnection_action", "retain", 5, "leaves the AD account active (user deleted in JumpCloud)",
       _END1),
      ("sync", "membership_disconnection", "retain", 5, "keeps the user's memberships in JumpCloud-managed AD groups "
       "(now managed in AD), the former parent sync_group's groups included", _END1)], []),
    # group_disconnection_action: remove, "The security group is permanently deleted in AD"; retain, "remains in AD,
    # and its existing memberships are unchanged. It will no longer be managed"; sync_group: "protected and will not
    # be deleted by this action, even if remove is selected", "the action is not performed and an error is logged";
    # an indirect connection triggers user_disconnection_action
    ("group-remove-only-connection", "jc_group_disconnected", "sync_only", {},
     {"group_disconnection_action": "remove", "user_disconnection_action": "disable",
      "membership_disconnection": "retain"}, {},
     [_jc("a JumpCloud admin disconnects a group from ADI", _GDA),
      ("sync", "group_disconnection_action", "remove", 5, "deletes the security group in AD", _GDA),
      ("sync", "user_disconnection_action", "disable", 10, "disables the AD account; it stays in AD (the user's only "
       "connection to ADI was this group)", _END1),
      ("sync", "membership_disconnection", "retain", 10, "keeps the user's memberships in JumpCloud-managed AD groups "
       "(now managed in AD)", _END1)], []),
    ("group-retain-other-connection", "jc_group_disconnected", "sync_only", {},
     {"group_disconnection_action": "retain"},
     {"user_only_connected_via_group": False},
     [_jc("a JumpCloud admin disconnects a group from ADI", _GDA),
      ("sync", "group_disconnection_action", "retain", 5, "keeps the security group and its memberships in AD, no "
       "longer managed", _GDA)], [_N_OTHER]),
    # (membership_disconnection retain: with remove, the retained group's memberships read two ways, see
    # test__outcomes_contexts.py)
    ("group-retain-two-way", "jc_group_disconnected", "two_way", {},
     {"group_disconnection_action": "retain", "user_disconnection_action": "retain",
      "membership_disconnection": "retain"}, {},
     [_jc("a JumpCloud admin disconnects a group from ADI", _GDA),
      ("sync", "group_disconnection_action", "retain", 5, "keeps the security group and its memberships in AD, no "
       "longer managed", _GDA),
      ("sync", "user_disconnection_action", "retain", 10, "leaves the AD account active (the user's only connection "
       "to ADI was this group)", _PART1),
      ("sync", "membership_disconnection", "retain", 10, "keeps the user's memberships in JumpCloud-managed AD groups "
       "(now managed in AD)", _PART1)], []),
    ("group-sync-group", "jc_group_disconnected", "sync_only", {}, {"group_disconnection_action": "remove"},
     {"group_is_sync_group": True, "user_only_connected_via_group": False},
     [_jc("a JumpCloud admin disconnects a group from ADI", _GDA),
      ("sync", "group_disconnection_action", "remove", 5, "does not delete the group: it is the protected sync_group "
       "(an error is logged if deletion was requested)", _SYNC + " > sync_group > Deletion Guard")], [_N_OTHER]),
    # Sync Unlock Status (one-way table): an explicit unlock, "AD account is Unlocked"; a profile update with true,
    # "AD account Remains Locked. (Unlock only occurs on an explicit JC unlock action.)"; with false, "AD account is
    # Unlocked. (Any user update from JC may trigger an unlock, reflecting the traditional agent behavior.)"
    ("unlock", "jc_user_unlocked", "sync_only", {}, {"SyncAccountLockedOutStatus": True}, {},
     [_jc("a JumpCloud admin explicitly unlocks the user", _ONE + " > Sync Unlock Status"),
      ("sync", "SyncAccountLockedOutStatus", True, 5, "unlocks the AD account", _ONE + " > Sync Unlock Status")], []),
    ("unlock-not-locked", "jc_user_unlocked", "sync_only", {}, {}, {"ad_account_locked": False},
     [_jc("a JumpCloud admin explicitly unlocks the user", _ONE + " > Sync Unlock Status"),
      ("sync", "SyncAccountLockedOutStatus", False, 5, "nothing to unlock: the AD account is not locked",
       _ONE + " > Sync Unlock Status")], []),
    ("update-true", "jc_user_updated", "sync_only", {}, {"SyncAccountLockedOutStatus": True}, {},
     [_jc("a JumpCloud admin updates the user's profile (e.g. department, phone)", _ONE + " > Sync Unlock Status"),
      ("sync", "SyncAccountLockedOutStatus", True, 5, "syncs the update; the AD account remains locked (only an "
       "explicit JumpCloud unlock unlocks it)", _SYNC + " > SyncAccountLockedOutStatus")], []),
    ("update-false", "jc_user_updated", "sync_only", {}, {"SyncAccountLockedOutStatus": False}, {},
     [_jc("a JumpCloud admin updates the user's profile (e.g. department, phone)", _ONE + " > Sync Unlock Status"),
      ("sync", "SyncAccountLockedOutStatus", False, 5, "syncs the update, which unlocks the AD account (traditional "
       "behaviour)", _SYNC + " > SyncAccountLockedOutStatus")], []),
    ("update-not-locked", "jc_user_updated", "sync_only", {}, {"SyncAccountLockedOutStatus": True},
     {"ad_account_locked": False},
     [_jc("a JumpCloud admin updates the user's profile (e.g. department, phone)", _ONE + " > Sync Unlock Status"),
      ("sync", "SyncAccountLockedOutStatus", True, 5, "syncs the update; the AD account is not locked",
       _SYNC + " > SyncAccountLockedOutStatus")], []),
    # Sync Agent Configuration: "password updates to be written back to AD from the JumpCloud Admin Portal, the
    # JumpCloud User Portal, or any JumpCloud-managed device"; Expire actions on the Sync Agent: "If a user's
    # password expires in JumpCloud, their password expires in AD"
    ("password-changed", "jc_password_changed", "sync_only", {}, {}, {},
     [_jc("the user's password changes in JumpCloud (admin portal, user portal or a managed device)",
          "Sync Agent Configuration"),
      ("sync", None, None, 5, "writes the new password back to AD", "Sync Agent Configuration")], []),
    ("password-expired", "jc_password_expired", "sync_only", {}, {}, {},
     [_jc("the user's JumpCloud password expires", _IMP + " > UserExpireAction > Expire actions on the Sync Agent"),
      ("sync", None, None, 5, "expires the AD password", _IMP + " > UserExpireAction > Expire actions on the Sync "
       "Agent")], []),
    # group_membership_sync_type: minimal, "Users are added only to the most specific (leaf) AD group ... parent
    # groups is then handled by AD's standard inheritance"; match, "Users are added to all AD security groups in the
    # nested structure" (Mirroring); sync_group changed to a child: "a match sync type regardless of the setting"
    ("membership-minimal", "jc_group_membership_added", "sync_only", {}, {"group_membership_sync_type": "minimal"},
     {}, [_jc("the user is added to a JumpCloud group synced to a nested AD group", _GMST),
          ("sync", "group_membership_sync_type", "minimal", 5, "adds the user to the leaf group only; AD inheritance "
           "handles the parents", _GMST)], []),
    ("membership-match", "jc_group_membership_added", "sync_only", {}, {"group_membership_sync_type": "match"}, {},
     [_jc("the user is added to a JumpCloud group synced to a nested AD group", _GMST),
      ("sync", "group_membership_sync_type", "match", 5, "adds the user to every group of the nested structure "
       "(mirroring)", _GMST)], []),
    ("membership-child", "jc_group_membership_added", "two_way", {}, {"group_membership_sync_type": "minimal"},
     {"sync_group_changed_to_child": True},
     [_jc("the user is added to a JumpCloud group synced to a nested AD group", _GMST),
      ("sync", "group_membership_sync_type", "minimal", 5, "adds the user to the leaf group and its parents: a match "
       "sync, whatever group_membership_sync_type is, because sync_group was changed to a child group", _CHILD)],
     []),
]


def _whole_step(number, agent, setting, value, after, action, section):
    step = {"step": number, "agent": agent, "setting": setting, "value": value, "action": action,
            "section": section, "after_seconds": after}
    if agent in _EVERY:
        step["within"] = "about %d s (the %s polls about every %d s)" % (after, _TITLES[agent], _EVERY[agent])
    return step


@pytest.mark.parametrize("event, deployment, imp, syn, ctx, steps, notes", [b[1:] for b in BRANCHES],
                         ids=[b[0] for b in BRANCHES])
def test_every_branch_gives_its_whole_trace_and_notes(event, deployment, imp, syn, ctx, steps, notes):
    r = one(event, deployment, imp, syn, ctx)
    assert not r["ambiguous"]
    assert r["trace"] == [_whole_step(i, *s) for i, s in enumerate(steps, 1)]
    assert r["notes"] == notes


_AMBIGUOUS = ("The vendor document contradicts itself here; the outcome shown is reading 1 of 2 (see alternatives), "
              "not a choice.")


# (event, deployment, import settings, sync settings,
#  [(reading, its values, its vendor section, the same values as explicit (import, sync) settings)])
CONTRADICTIONS = [
    # contradiction 2: Sync Agent Settings gives disable / remove as defaults; the table under User and User
    # Membership Disconnection Settings calls retain / retain the "Default – no change to current behaviour"
    ("jc_user_deleted", "sync_only", {}, {},
     [("default per the settings reference", {"user_disconnection_action": "disable",
                                              "membership_disconnection": "remove"},
       "Sync Agent Settings > user_disconnection_action",
       ({}, {"user_disconnection_action": "disable", "membership_disconnection": "remove"})),
      ("default per the summary table", {"user_disconnection_action": "retain", "membership_disconnection": "retain"},
       "User and User Membership Disconnection Settings",
       ({}, {"user_disconnection_action": "retain", "membership_disconnection": "retain"}))]),
    ("jc_group_disconnected", "two_way", {}, {"user_disconnection_action": "remove"},
     [("default per the settings reference", {"membership_disconnection": "remove"},
       "Sync Agent Settings > membership_disconnection",
       ({}, {"user_disconnection_action": "remove", "membership_disconnection": "remove"})),
      ("default per the summary table", {"membership_disconnection": "retain"},
       "User and User Membership Disconnection Settings",
       ({}, {"user_disconnection_action": "remove", "membership_disconnection": "retain"}))]),
    # ... and only the readings of the settings the event reads: contradiction 1 (the import agent's UserDisableAction)
    # does not reach a JumpCloud delete
    ("jc_user_deleted", "two_way", {"UserDisableAction": "suspend", "UserDissociationAction": "remove"}, {},
     [("default per the settings reference", {"user_disconnection_action": "disable",
                                              "membership_disconnection": "remove"},
       "Sync Agent Settings > user_disconnection_action",
       ({}, {"user_disconnection_action": "disable", "membership_disconnection": "remove"})),
      ("default per the summary table", {"user_disconnection_action": "retain", "membership_disconnection": "retain"},
       "User and User Membership Disconnection Settings",
       ({}, {"user_disconnection_action": "retain", "membership_disconnection": "retain"}))]),
    # contradiction 1: UserDisableAction "takes precedence" (About UserDisableAction's default settings), and
    # UserDissociationAction "overrides the UserDisableAction configuration if their values are not identical"
    ("ad_user_disabled", "import_only", {"UserDisableAction": "suspend", "UserDissociateAction": "remove"}, {},
     [("UserDisableAction takes precedence", {"disable_action": "suspend"},
       "Import Agent Settings > UserDisableAction > About UserDisableAction's default settings",
       ({"UserDisableAction": "suspend"}, {})),
      ("UserDissociationAction overrides UserDisableAction if not identical", {"disable_action": "remove"},
       "Import Agent Settings > UserDissociationAction",
       ({"UserDisableAction": "remove", "UserDissociationAction": "remove"}, {}))]),
    ("jc_user_suspended", "two_way", {"UserDisableAction": "unbind", "UserDissociationAction": "remove"}, {},
     [("UserDisableAction takes precedence", {"disable_action": "unbind"},
       "Import Agent Settings > UserDisableAction > About UserDisableAction's default settings",
       ({"UserDisableAction": "unbind", "UserDissociationAction": "unbind"}, {})),
      ("UserDissociationAction overrides UserDisableAction if not identical", {"disable_action": "remove"},
       "Import Agent Settings > UserDissociationAction",
       ({"UserDisableAction": "remove", "UserDissociationAction": "remove"}, {}))]),
]


@pytest.mark.parametrize("event, deployment, imp, syn, readings", CONTRADICTIONS,
                         ids=["%s-%s" % (c[0], c[1]) for c in CONTRADICTIONS])
def test_each_alternative_is_its_reading_made_explicit(event, deployment, imp, syn, readings):
    """An ambiguous result: one alternative per reading, whole, each the outcome of the same event with the reading's
    values written out; the result shows reading 1 and says so first in its notes."""
    r = one(event, deployment, imp, syn)
    explicit = [one(event, deployment, e_imp, e_syn) for _l, _v, _s, (e_imp, e_syn) in readings]
    assert not any(e["ambiguous"] for e in explicit)
    assert r["ambiguous"] is True
    assert r["alternatives"] == [{"reading": label, "settings": values, "sections": [section], "ad": e["ad"],
                                  "jc": e["jc"], "trace": e["trace"]}
                                 for (label, values, section, _e), e in zip(readings, explicit)]
    assert (r["ad"], r["jc"], r["trace"]) == (explicit[0]["ad"], explicit[0]["jc"], explicit[0]["trace"])
    assert r["notes"] == [_AMBIGUOUS] + explicit[0]["notes"]


def test_an_event_that_reads_no_contradicting_setting_is_not_ambiguous():
    # the sync agent alone: the import agent's contradiction 1 does not reach a JumpCloud suspend in sync_only
    r = one("jc_user_suspended", "sync_only", {"UserDisableAction": "unbind", "UserDissociationAction": "remove"})
    assert (r["ambiguous"], r["alternatives"]) == (False, [])
    assert r["ad"] == whole(engine.AD_FIELDS, {"account": "disabled"})
    assert r["jc"] == whole(engine.JC_FIELDS, {"account": "suspended"})


@pytest.mark.parametrize("event, deployment, agent", [
    ("jc_user_deleted", "import_only", "AD Sync agent"),
    ("ad_user_disabled", "sync_only", "AD Import agent"),
])
def test_an_event_of_an_agent_not_deployed_is_whole_and_not_applicable(event, deployment, agent):
    r = one(event, deployment)
    ctx = dict(engine.CONTEXT_DEFAULTS, ad_account_locked=False)
    assert r == {"event": event, "deployment": deployment, "applicable": False, "context": ctx, "ambiguous": False,
                 "alternatives": [], "ad": whole(engine.AD_FIELDS, {}), "jc": whole(engine.JC_FIELDS, {}),
                 "trace": [], "notes": ["The %s does not run in a %s deployment: this event triggers nothing."
                                        % (agent, deployment)]}


def test_baseline_brief_and_differences_are_whole():
    # baseline: both disconnection keys absent (contradiction 2, ambiguous); now: remove / remove written out
    syn = {"user_disconnection_action": "remove", "membership_disconnection": "remove"}
    r = one("jc_user_deleted", "sync_only", syn=syn, baseline_sync_settings={})
    b = one("jc_user_deleted", "sync_only")
    assert r["baseline"] == {"ad": b["ad"], "jc": b["jc"], "ambiguous": True,
                             "alternatives": [{"reading": a["reading"], "ad": a["ad"], "jc": a["jc"]}
                                              for a in b["alternatives"]]}
    assert [a["reading"] for a in r["baseline"]["alternatives"]] == ["default per the settings reference",
                                                                     "default per the summary table"]
    assert r["changed"] is True
    # reading 1 of the baseline (disable / remove) against remove / remove: only the AD account and the doubt differ
    assert engine.differences(r) == [{"field": "ad.account", "before": "disabled", "after": "deleted"},
                                     {"field": "ambiguous", "before": True, "after": False}]


def test_a_change_of_an_alternative_alone_is_a_change():
    # reading 1 (disable / remove) is the same; reading 2 becomes disable / retain instead of retain / retain
    r = one("jc_user_deleted", "sync_only", syn={"user_disconnection_action": "disable"}, baseline_sync_settings={})
    assert r["ambiguous"] and r["baseline"]["ambiguous"]
    assert (r["ad"], r["jc"]) == (r["baseline"]["ad"], r["baseline"]["jc"])
    assert r["changed"] is True
    assert engine.differences(r) == []


@pytest.mark.parametrize("event, deployment, imp, syn, baseline", [
    # a baseline of one agent only: the other agent's settings are the current ones
    ("ad_user_disabled", "import_only", {"UserDisableAction": "remove"}, {},
     {"baseline_sync_settings": {"user_disconnection_action": "remove"}}),
    ("jc_user_deleted", "sync_only", {}, {"user_disconnection_action": "remove", "membership_disconnection": "remove"},
     {"baseline_import_settings": {"UserDisableAction": "unbind"}}),
])
def test_a_baseline_of_one_agent_keeps_the_other_agents_settings(event, deployment, imp, syn, baseline):
    r = one(event, deployment, imp, syn, **baseline)
    assert r["changed"] is False
    assert r["baseline"] == {"ad": r["ad"], "jc": r["jc"], "ambiguous": False, "alternatives": []}
    assert engine.differences(r) == []


def test_without_a_baseline_there_is_no_change_review():
    r = one("ad_user_disabled", "import_only", {"UserDisableAction": "remove"})
    assert "baseline" not in r and "changed" not in r


def _allowed(agent):
    return ", ".join(sorted({k for s in catalog.settings_of(agent) for k in (s.name, s.key)}))


@pytest.mark.parametrize("kwargs, message", [
    ({"events": ["jc_user_nuked"]}, "unknown event 'jc_user_nuked'; allowed: %s" % ", ".join(engine.EVENTS)),
    ({"import_settings": {"UserDisableActoin": "remove", "Bogus": 1}},
     "import_settings: unknown import setting(s) UserDisableActoin, Bogus; allowed: %s" % _allowed("import")),
    ({"sync_settings": {"user_disconection_action": "remove"}},
     "sync_settings: unknown sync setting(s) user_disconection_action; allowed: %s" % _allowed("sync")),
    # every error of the settings at once, values first (the choices are the vendor document's)
    ({"import_settings": {"UserDisableAction": "delete", "UserExpireAction": "x", "Bogus": 1}},
     "import_settings: UserDisableAction: 'delete' is not one of suspend, remove, unbind; UserExpireAction: 'x' is "
     "not one of expire, maintain; unknown import setting(s) Bogus; allowed: %s" % _allowed("import")),
    ({"context": {"jc_user_exist": True, "owned": False}},
     "unknown context key(s) jc_user_exist, owned; allowed: %s" % ", ".join(engine.CONTEXT_DEFAULTS)),
    ({"context": {"jc_user_exists": "yes"}}, "context jc_user_exists must be true or false, got 'yes'"),
])
def test_bad_input_messages_are_whole(kwargs, message):
    """The whole message: what is wrong, named as given, and every allowed name."""
    with pytest.raises(EngineError) as exc:
        outcomes(**kwargs)
    assert str(exc.value) == message


def test_a_files_own_keys_are_not_refused():
    """Settings the file layer already parsed from an agent's file: a key of the admin's own there is not an error
    (the agent ignores it), where a settings dict with that key is refused."""
    parsed = parse_settings("import", {"UserDisableAction": "remove", "MyOwnNote": "x"}, file=True)
    r = outcomes(["ad_user_disabled"], parsed, {}, "import_only")[0]
    assert r == one("ad_user_disabled", "import_only", {"UserDisableAction": "remove"})
    with pytest.raises(EngineError):
        outcomes(["ad_user_disabled"], {"UserDisableAction": "remove", "MyOwnNote": "x"}, {}, "import_only")


@pytest.mark.parametrize("event, deployment, imp, syn, ctx, baseline", [
    # the baseline is predicted for the same context: no JumpCloud user, so neither deletes one (Suspend Actions on
    # the Import Agent: "If a user doesn't exist in JumpCloud ... a user isn't created")
    ("ad_user_disabled", "import_only", {"UserDisableAction": "remove"}, {}, {"jc_user_exists": False},
     {"baseline_import_settings": {"UserDisableAction": "unbind"}}),
    # ... and in the same deployment: group_membership_sync_type's default is match for one-way sync (minimal for
    # two-way), so the default and an explicit match are the same outcome in sync_only
    ("jc_group_membership_added", "sync_only", {}, {"group_membership_sync_type": "match"}, {},
     {"baseline_sync_settings": {}}),
])
def test_the_baseline_is_predicted_in_the_same_context_and_deployment(event, deployment, imp, syn, ctx, baseline):
    r = one(event, deployment, imp, syn, ctx, **baseline)
    assert r["changed"] is False
    assert r["baseline"] == {"ad": r["ad"], "jc": r["jc"], "ambiguous": False, "alternatives": []}

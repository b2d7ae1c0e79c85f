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
    ("Group disconnection triggers user_disconnection_action for indirect users", "jc_group_disconnected",
     "sync_only", {}, {"user_disconnection_action": "disable", "membership_disconnection": "remove"}, {},
     {"account": "disabled", "memberships": "removed", "group": "retained_unmanaged"},
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

# -*- coding: utf-8 -*-
"""Issue 21 item 11: two vendor contexts the outcome engine could not express.

Expected values come from the vendor document, "Advanced Configurations for Active Directory Integration".
"""

from __future__ import annotations

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _outcomes as engine
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._report import plain_words


def one(event, deployment, imp=None, syn=None, context=None):
    return engine.outcomes([event], imp or {}, syn or {}, deployment, context)[0]


def test_user_disable_action_acts_only_for_members_of_the_integration_security_group():
    # Import Agent Settings > UserDisableAction: "For this setting to control what happens to a user in JumpCloud
    # after the user is disabled in AD, the user must be a member of the JumpCloud Integration Security Group."
    # "remove: when a user is disabled in AD, the corresponding JumpCloud user is deleted"
    member = one("ad_user_disabled", "import_only", {"user_disable_action": "remove"})
    assert member["context"]["in_integration_group"] is True  # the default: the document's tables assume it
    assert (member["ad"]["account"], member["jc"]["account"]) == ("disabled", "deleted")
    outsider = one("ad_user_disabled", "import_only", {"user_disable_action": "remove"},
                   context={"in_integration_group": False})
    assert outsider["ad"]["account"] == "disabled"
    assert all(v == "unchanged" for v in outsider["jc"].values())
    assert outsider["trace"][-1]["agent"] == "import" and "not a member of the JumpCloud Integration Security Group" \
        in outsider["trace"][-1]["action"]
    assert not outsider["ambiguous"]


def test_the_context_is_declared_as_an_input_of_the_ad_disable_only():
    assert "in_integration_group" in engine.INPUTS["ad_user_disabled"][2]
    assert all("in_integration_group" not in ctx for e, (_i, _s, ctx) in engine.INPUTS.items() if e != "ad_user_disabled")


def test_a_retained_group_with_membership_disconnection_remove_reads_two_ways():
    # Sync Agent Settings > group_disconnection_action: retain, "The security group remains in AD, and its existing
    # memberships are unchanged"; > membership_disconnection: remove, "The user is removed from all AD security
    # groups that were being managed for them by JumpCloud". The user's only link was that group (default context):
    # for the disconnected group itself the two sentences conflict; both readings are given, none is picked.
    r = one("jc_group_disconnected", "sync_only", syn={"group_disconnection_action": "retain",
                                                       "user_disconnection_action": "disable",
                                                       "membership_disconnection": "remove"})
    assert r["ambiguous"] is True
    assert r["ad"]["group"] == "retained_unmanaged" and r["ad"]["account"] == "disabled"
    assert [a["ad"]["memberships"] for a in r["alternatives"]] == ["removed", "removed_except_disconnected_group"]
    assert [a["sections"] for a in r["alternatives"]] == [
        ["Sync Agent Settings > group_disconnection_action and membership_disconnection"]] * 2
    words = plain_words("jc_group_disconnected", {"ad": dict(r["ad"], memberships="unchanged"), "jc": r["jc"]}, r)
    assert any("the AD group memberships are removed except disconnected group" in w for w in words)


def test_no_conflict_when_the_group_is_deleted_memberships_are_retained_or_the_account_is_deleted():
    # remove deletes the group; retain keeps every membership; a deleted account's memberships cease with it
    for syn in ({"group_disconnection_action": "remove", "membership_disconnection": "remove"},
                {"group_disconnection_action": "retain", "membership_disconnection": "retain"},
                {"group_disconnection_action": "retain", "membership_disconnection": "remove",
                 "user_disconnection_action": "remove"}):
        r = one("jc_group_disconnected", "sync_only", syn=dict({"user_disconnection_action": "disable"}, **syn))
        assert not r["ambiguous"], syn
    # nor when the user keeps another connection to ADI (user_disconnection_action is not triggered)
    r = one("jc_group_disconnected", "sync_only", syn={"group_disconnection_action": "retain",
                                                       "membership_disconnection": "remove",
                                                       "user_disconnection_action": "disable"},
            context={"user_only_connected_via_group": False})
    assert not r["ambiguous"] and r["ad"]["memberships"] == "unchanged"

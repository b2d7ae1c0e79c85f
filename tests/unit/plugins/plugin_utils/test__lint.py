# -*- coding: utf-8 -*-
"""Lint and effective values, case by case from the vendor document, plus properties over the catalog."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import describe, dn_problem, is_valid, json_type
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective, upgrade_import
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._lint import lint, lint_both


def codes(findings, severity=None):
    return sorted(f["code"] for f in findings if severity is None or f["severity"] == severity)


def one(findings, code):
    hits = [f for f in findings if f["code"] == code]
    assert len(hits) == 1, findings
    return hits[0]


# (vendor section, agent, input, deployment, expected error/warning codes)
CASES = [
    ("Import Agent Settings > UserDisableAction: allowed values", "import",
     {"UserDisableAction": "delete", "UserExpireAction": "expire"}, "two_way", ["invalid_choice"]),
    ("Import Agent Settings > SyncAdditionalAttributes: true or false", "import",
     {"SyncAdditionalAttributes": "yes", "UserDisableAction": "suspend"}, "two_way", ["invalid_type"]),
    ("Import Agent Settings > PasswordChangeListener - PollTimeMillis", "import",
     {"PasswordChangeListener": {"PollTimeMillis": 0}, "UserDisableAction": "suspend"}, "two_way",
     ["invalid_value", "support_only"]),
    ("Import Agent Settings > PasswordChangeListener - PollTimeMillis (support only)", "import",
     {"PasswordChangeListener": {"PollTimeMillis": 30000}, "UserDisableAction": "suspend"}, "two_way",
     ["support_only"]),
    ("docs/design.md contradiction 4: values compare case-insensitively", "import",
     {"userdisableaction": "Remove", "UserExpireAction": "EXPIRE"}, "two_way", []),
    ("docs/design.md contradiction 6: UserDissociateAction is an alias; both is an error", "import",
     {"UserDissociationAction": "remove", "UserDissociateAction": "remove", "UserDisableAction": "remove"},
     "two_way", ["duplicate_key"]),
    ("docs/design.md contradiction 6: did-you-mean for a near miss", "import",
     {"UserDisableActon": "remove", "UserDisableAction": "remove"}, "two_way", ["unknown_key"]),
    ("docs/design.md contradiction 1: UserDissociationAction differs from UserDisableAction", "import",
     {"UserDisableAction": "suspend", "UserDissociationAction": "remove"}, "two_way", ["ambiguous_disable_action"]),
    ("docs/design.md contradiction 1: absent UserDisableAction reads as suspend", "import",
     {"UserDissociationAction": "unbind"}, "two_way", ["ambiguous_disable_action", "upgrade_changes_default"]),
    ("Import Agent Settings > UserDisableAction > defaults: an upgrade writes remove", "import",
     {}, "two_way", ["upgrade_changes_default"]),
    ("Import Agent Settings > UserFieldMapping: string or object", "import",
     {"UserFieldMapping": {"username": "userPrincipalName"}, "UserDisableAction": "suspend"}, "two_way", []),
    ("Import Agent Settings > UserFieldMapping: object without username", "import",
     {"UserFieldMapping": {"name": "sAMAccountName"}, "UserDisableAction": "suspend"}, "two_way", ["missing_member"]),
    ("Sync Agent Settings > sync_group: DN of the security group", "sync",
     {"sync_group": "OU=Groups,DC=example,DC=com", "user_disconnection_action": "disable",
      "membership_disconnection": "remove"}, "two_way", ["invalid_dn"]),
    ("docs/design.md contradiction 2: user_disconnection_action and membership_disconnection absent", "sync",
     {}, "two_way", ["ambiguous_default", "ambiguous_default"]),
    ("docs/design.md contradiction 3: both spellings of the membership key", "sync",
     {"membership_disconnection": "remove", "membership_disconnection_action": "remove",
      "user_disconnection_action": "disable"}, "two_way", ["duplicate_key"]),
    ("Sync Agent Settings > group_membership_sync_type: allowed values", "sync",
     {"group_membership_sync_type": "nested", "user_disconnection_action": "disable",
      "membership_disconnection": "remove"}, "sync_only", ["invalid_choice"]),
    ("Module option names are accepted", "sync",
     {"membership_disconnection_action": "retain", "user_disconnection_action": "retain"}, "sync_only", []),
]


@pytest.mark.parametrize("section, agent, data, deployment, expected", CASES, ids=[c[0] for c in CASES])
def test_lint_cases(section, agent, data, deployment, expected):
    findings = lint(agent, data, deployment)
    assert codes([f for f in findings if f["severity"] in ("error", "warning")]) == sorted(expected)
    for f in findings:
        assert f["severity"] in ("error", "warning", "info") and f["message"] and f["agent"] == agent


def test_invalid_choice_message_names_allowed_values():
    # Import Agent Settings > UserDisableAction: "suspend", "remove", "unbind"
    f = one(lint("import", {"UserDisableAction": "delete"}), "invalid_choice")
    assert f["message"] == "UserDisableAction: 'delete' is not one of suspend, remove, unbind"
    assert f["setting"] == "UserDisableAction" and f["severity"] == "error"


def test_contradiction_findings_name_the_value_that_removes_the_doubt():
    # docs/design.md contradiction 2
    f = [x for x in lint("sync", {}) if x["code"] == "ambiguous_default"]
    assert {x["setting"] for x in f} == {"user_disconnection_action", "membership_disconnection"}
    assert all("set it explicitly" in x["message"] for x in f)
    d = one(lint("import", {"UserDisableAction": "suspend", "UserDissociationAction": "remove"}),
            "ambiguous_disable_action")
    assert "set both to the same value" in d["message"]
    assert [r["value"] for r in d["readings"]] == ["suspend", "remove"]


def test_lockout_status_mismatch_only_in_two_way():
    # Import Agent Settings > SyncAccountLockedOutStatus > Key Considerations: match in both files
    both = {"import": {"SyncAccountLockedOutStatus": True}, "sync": {"SyncAccountLockedOutStatus": False}}
    f = one(lint("both", both, "two_way"), "lockout_status_mismatch")
    assert f["agent"] == "both" and f["severity"] == "warning"
    # each agent's value as the file writes it, and where it came from (the file)
    assert f["message"].startswith("SyncAccountLockedOutStatus is true for the import agent (set in the file) but false for the "
                                   "sync agent (set in the file)")
    assert "lockout_status_mismatch" not in codes(lint("both", both, "sync_only"))
    same = {"import": {"SyncAccountLockedOutStatus": True}, "sync": {"SyncAccountLockedOutStatus": True}}
    assert "lockout_status_mismatch" not in codes(lint("both", same))


def test_advice_findings():
    # Sync Agent Settings > SyncAccountLockedOutStatus: true is recommended
    assert "recommend_lockout_status" in codes(lint("sync", {"SyncAccountLockedOutStatus": False}), "info")
    assert "recommend_lockout_status" not in codes(lint("sync", {"SyncAccountLockedOutStatus": True}))
    # Import Agent Settings > UserTakeoverAction: deactivate -> Password Pending
    assert "takeover_password_pending" in codes(lint("import", {"UserTakeoverAction": "Deactivate"}), "info")
    assert "takeover_password_pending" not in codes(lint("import", {"UserTakeoverAction": "retain"}))
    # Import Agent Settings > UserFieldMapping: usernames change
    assert "username_mapping" in codes(lint("import", {"UserFieldMapping": "userPrincipalName"}), "info")


@pytest.mark.parametrize("bad, message", [
    (("imports", {}), "agent 'imports' is not one of import, sync, both"),
])
def test_bad_arguments(bad, message):
    with pytest.raises(SettingsError, match=message):
        lint(*bad)
    with pytest.raises(SettingsError, match="deployment 'both_ways' is not one of import_only, sync_only, two_way"):
        lint("import", {}, "both_ways")
    with pytest.raises(SettingsError, match="must be a dict"):
        lint("import", ["UserDisableAction"])
    with pytest.raises(SettingsError, match="take the keys import and sync"):
        lint("both", {"imports": {}})


@pytest.mark.parametrize("dn, ok", [
    ("CN=JumpCloud,OU=Groups,DC=example,DC=com", True),
    ("cn=JC Groups, ou=Groups, dc=example, dc=com", True),
    ("CN=Smith\\, John,OU=Groups,DC=example,DC=com", True),
    ("CN=#04024869,DC=example", True),
    ("CN=a+OU=b,DC=c", True),
    ("OU=Groups,DC=example,DC=com", False),
    ("JumpCloud Group", False),
    ("CN=,DC=example", False),
    ("CN=a,,DC=b", False),
    ("CN=a;DC=b", False),
    ("", False),
])
def test_dn_syntax(dn, ok):
    # Sync Agent Settings > sync_group: "The Distinguished Name (DN) of the security group"
    assert (dn_problem(dn) is None) is ok


def test_effective_values_and_sources():
    eff = effective("import", {"UserDisableAction": "REMOVE"})
    assert eff["UserDisableAction"]["value"] == "remove" and eff["UserDisableAction"]["source"] == "file"
    # Import Agent Settings > UserExpireAction: no setting -> expire
    assert eff["UserExpireAction"]["value"] == "expire" and eff["UserExpireAction"]["source"] == "default:new_install"
    assert eff["PollTimeMillis"]["source"] == "undocumented"
    # output keeps the input's key style
    opt = effective("sync", {"user_disconnection_action": "remove", "membership_disconnection_action": "retain"},
                    "sync_only")
    assert opt["membership_disconnection_action"]["value"] == "retain"
    assert opt["group_membership_sync_type"]["value"] == "match"
    assert effective("sync", {}, "two_way")["group_membership_sync_type"]["value"] == "minimal"
    amb = effective("sync", {})["user_disconnection_action"]
    assert amb["ambiguous"] and amb["value"] is None
    assert [r["value"] for r in amb["readings"]] == ["disable", "retain"]


@pytest.mark.parametrize("before, after", [
    # Import Agent Settings > UserDisableAction > About UserDisableAction's default settings
    ({"UserDisableAction": "suspend"}, {"UserDisableAction": "suspend", "UserExpireAction": "maintain"}),
    ({"UserDissociateAction": "unbind"},
     {"UserDissociateAction": "unbind", "UserDisableAction": "unbind", "UserExpireAction": "maintain"}),
    ({}, {"UserDisableAction": "remove", "UserExpireAction": "maintain"}),
    # Import Agent Settings > UserExpireAction: an upgrade retains the setting
    # only the catalog's settings come back: other keys of the input are not ours to show
    ({"UserExpireAction": "expire", "Other": [1]},
     {"UserExpireAction": "expire", "UserDisableAction": "remove"}),
    ({"user_dissociation_action": "remove"},
     {"user_dissociation_action": "remove", "user_disable_action": "remove", "user_expire_action": "maintain"}),
])
def test_upgrade_rules(before, after):
    assert upgrade_import(before) == after


# ---------------------------------------------------------------- properties

def _value_strategy(s):
    if s.type == "bool":
        return st.booleans()
    if s.type == "int":
        return st.integers(min_value=s.minimum or 0, max_value=2 ** 31)
    if s.choices:
        return st.sampled_from(s.choices).flatmap(
            lambda c: st.sampled_from([c, c.upper(), c.lower(), c.capitalize()]))
    if s.dn:
        return st.from_regex(r"\ACN=[A-Za-z][A-Za-z0-9 ]{0,10}[A-Za-z0-9],OU=[A-Za-z]{1,8},DC=[a-z]{1,8}\Z")
    return st.text(min_size=1)


def _drawn_strategy(agent):
    """{option name: (key spelling, value)}: what the settings dict is built from, kept to check against."""
    items = {}
    for s in catalog.settings_of(agent):
        key = st.sampled_from([s.key, s.key.lower(), s.name] + list(s.aliases))
        items[s.name] = st.tuples(key, _value_strategy(s))
    return st.fixed_dictionaries({}, optional=items)


def _settings_strategy(agent):
    return _drawn_strategy(agent).map(lambda d: _assemble(agent, d))


def _assemble(agent, chosen):
    out = {}
    for name, (key, value) in chosen.items():
        s = catalog.by_name(agent)[name]
        if s.parent and key != s.name:
            out.setdefault(s.parent[0], {})[key] = value
        else:
            out[key] = value
    return out


@pytest.mark.parametrize("agent", catalog.AGENTS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_catalog_valid_settings_lint_without_errors_and_round_trip(agent, data):
    drawn = data.draw(_drawn_strategy(agent))
    settings_dict = _assemble(agent, drawn)
    deployment = data.draw(st.sampled_from(catalog.DEPLOYMENTS))
    findings = lint(agent, settings_dict, deployment)
    assert [f for f in findings if f["severity"] == "error"] == []
    eff = effective(agent, settings_dict, deployment)
    assert len(eff) == len(catalog.settings_of(agent))
    # the effective value of every drawn setting is the DRAWN value (a choice in the catalog's spelling, found here
    # by its lower case), whatever the key's spelling; a setting not drawn does not come from the file. (Before,
    # effective() was compared with effective() of its own output: a reader that took every boolean as true passed.)
    by_setting = {e["setting"]: e for e in eff.values()}
    assert set(by_setting) == {s.name for s in catalog.settings_of(agent)}
    for s in catalog.settings_of(agent):
        e = by_setting[s.name]
        if s.name not in drawn:
            assert e["source"] != "file", e
            continue
        value = drawn[s.name][1]
        if s.choices:
            value = next(c for c in s.choices if c.lower() == value.lower())
        assert (e["source"], e["value"], e["valid"]) == ("file", value, True), (drawn[s.name], e)
        assert type(e["value"]) is type(value)


def test_the_readmes_module_examples_leave_no_file_ambiguous():
    """Every import/sync_agent_config example of the README, applied to any file, leaves no ambiguity warning."""
    import os
    import yaml

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        text = f.read()
    blocks = [yaml.safe_load(block.split("```")[0]) for block in text.split("```yaml")[1:]]
    tasks = [t for block in blocks if isinstance(block, list) for t in block]  # task lists, not the vars files
    seen = 0
    for task in tasks:
        for agent in ("import", "sync"):
            args = task.get("jumpcloud.adi.%s_agent_config" % agent)
            if args is None:
                continue
            seen += 1
            settings = {k: v for k, v in args.items() if catalog.find(agent, k) is not None}
            for f in lint(agent, settings, "two_way"):
                if f["code"] == "ambiguous_disable_action":
                    raise AssertionError("README example %r: %s" % (args, f["message"]))
    assert seen == 2


# Import Agent Settings > UserDisableAction > About UserDisableAction's default settings, and
# Import Agent Settings > UserExpireAction > About UserExpireAction's default settings: what the agent does today
# with the setting absent (the new-install default) and what an upgrade writes into the file.
@pytest.mark.parametrize("key, today, upgraded", [
    ("UserDisableAction", "suspend", "remove"),
    ("UserExpireAction", "expire", "maintain"),
])
def test_upgrade_warning_names_todays_action_and_what_an_upgrade_writes(key, today, upgraded):
    hits = [f for f in lint("import", {}) if f["code"] == "upgrade_changes_default" and key in f["message"]]
    assert len(hits) == 1
    message = hits[0]["message"]
    assert "acts as %s now" % today in message
    assert "upgrade writes %s=%s" % (key, upgraded) in message


# Import Agent Settings: the import agent's settings sit in the MainLoop section of its file. A whole file given
# where the settings are expected would read every setting as absent (the defaults): refused, naming the section.
@pytest.mark.parametrize("check", [
    lambda d: lint("import", d), lambda d: effective("import", d), lambda d: lint("both", {"import": d}),
    upgrade_import,
])
def test_the_import_agents_whole_file_given_as_its_settings_is_refused(check):
    with pytest.raises(SettingsError) as exc:
        check({"JumpCloud": {}, "mainloop": {"UserDisableAction": "remove"}})
    assert "import settings hold mainloop, the section of the" in str(exc.value)
    assert "give the section's contents" in str(exc.value)


def test_an_unknown_key_in_given_settings_is_a_warning_in_a_file_only_a_near_miss_is():
    f = one(lint("import", {"SiteNote": "x", "UserDisableAction": "suspend"}), "unknown_key")
    assert f["severity"] == "warning" and f["setting"] == "SiteNote"
    assert f["message"].startswith("SiteNote is not a setting of the") and "is ignored" in f["message"]
    # in an agent's file the same key is the admin's own: nothing to say about it
    assert "unknown_key" not in codes(lint("import", {"SiteNote": "x", "UserDisableAction": "suspend"}, file=True))
    # a near miss is named in both
    near = one(lint("import", {"UserDisableActon": "suspend"}, file=True), "unknown_key")
    assert "did you mean UserDisableAction?" in near["message"]


# ---------------------------------------------------------------- every field of a finding
# (killing the mutants of _lint.py that survived the tests above: docs/testing.md, Surviving mutants)

_IMP = "Import Agent Settings > %s"
_SYN = "Sync Agent Settings > %s"


# (vendor section, agent, input, deployment, every finding as (severity, code, setting, section)); the setting is
# named as the input names it (the lint_settings filter's RETURN: "in the input's key style"), the section is the
# vendor document's heading path of that setting; a finding about no setting has no section
WHOLE = [
    ("Import Agent Settings > UserDisableAction, UserExpireAction > About ...'s default settings; UserTakeoverAction "
     "> deactivate (Default)", "import", {}, "two_way", [
         ("warning", "upgrade_changes_default", "UserDisableAction", _IMP % "UserDisableAction"),
         ("info", "upgrade_changes_default", "UserExpireAction", _IMP % "UserExpireAction"),
         ("info", "takeover_password_pending", "UserTakeoverAction", _IMP % "UserTakeoverAction")]),
    ("the same, named in the input's style (module option names)", "import",
     {"user_dissociation_action": "unbind", "user_field_mapping": "sAMAccountName"}, "import_only", [
         ("warning", "upgrade_changes_default", "user_disable_action", _IMP % "UserDisableAction"),
         # docs/design.md contradiction 1: absent UserDisableAction reads as suspend, unbind differs
         ("warning", "ambiguous_disable_action", "user_disable_action", _IMP % "UserDisableAction"),
         ("info", "upgrade_changes_default", "user_expire_action", _IMP % "UserExpireAction"),
         ("info", "username_mapping", "user_field_mapping", _IMP % "UserFieldMapping"),
         ("info", "takeover_password_pending", "user_takeover_action", _IMP % "UserTakeoverAction")]),
    ("Import Agent Settings > PasswordChangeListener - PollTimeMillis: not without JumpCloud support", "import",
     {"passwordchangelistener": {"polltimemillis": 30000}, "UserDisableAction": "suspend",
      "UserExpireAction": "expire", "UserTakeoverAction": "retain"}, "import_only", [
         ("warning", "support_only", "polltimemillis", _IMP % "PasswordChangeListener - PollTimeMillis")]),
    ("an agent that does not run in the deployment: its settings have no effect", "import",
     {"UserDisableAction": "suspend", "UserExpireAction": "expire", "UserTakeoverAction": "retain"}, "sync_only", [
         ("info", "agent_not_deployed", None, None)]),
    ("Sync Agent Settings: both disconnection defaults contradicted; group_membership_sync_type minimal (two-way); "
     "SyncAccountLockedOutStatus true recommended", "sync", {}, "two_way", [
         ("warning", "ambiguous_default", "user_disconnection_action", _SYN % "user_disconnection_action"),
         ("warning", "ambiguous_default", "membership_disconnection", _SYN % "membership_disconnection"),
         ("info", "deployment_default", "group_membership_sync_type", _SYN % "group_membership_sync_type"),
         ("info", "recommend_lockout_status", "SyncAccountLockedOutStatus", _SYN % "SyncAccountLockedOutStatus")]),
    ("Sync Agent Settings, every setting that needs one set", "sync",
     {"user_disconnection_action": "disable", "membership_disconnection_action": "remove",
      "group_membership_sync_type": "match", "syncaccountlockedoutstatus": True}, "sync_only", []),
    ("the sync agent in an import-only deployment: no deployment default to warn about", "sync",
     {"user_disconnection_action": "disable", "membership_disconnection": "remove"}, "import_only", [
         ("info", "agent_not_deployed", None, None),
         ("info", "recommend_lockout_status", "SyncAccountLockedOutStatus", _SYN % "SyncAccountLockedOutStatus")]),
    ("docs/design.md contradiction 6: a near miss is no setting (no section)", "sync",
     {"user_disconection_action": "disable", "user_disconnection_action": "disable",
      "membership_disconnection": "remove", "group_membership_sync_type": "minimal",
      "SyncAccountLockedOutStatus": True}, "two_way", [
         ("warning", "unknown_key", "user_disconection_action", None)]),
]


@pytest.mark.parametrize("section, agent, data, deployment, expected", WHOLE, ids=[c[0] for c in WHOLE])
def test_every_finding_whole(section, agent, data, deployment, expected):
    findings = lint(agent, data, deployment)
    got = [(f["severity"], f["code"], f["setting"], f.get("section")) for f in findings]
    assert sorted(got, key=str) == sorted(expected, key=str)
    assert all(f["agent"] == agent for f in findings)
    # errors first, then warnings, then advice (the filter's RETURN)
    ranks = [("error", "warning", "info").index(f["severity"]) for f in findings]
    assert ranks == sorted(ranks)


def test_findings_come_errors_first():
    findings = lint("import", {"UserDisableAction": "delete", "UserExpireAction": "expire", "Userexpireactio": 1,
                               "PasswordChangeListener": {"PollTimeMillis": 30000}})
    assert [f["severity"] for f in findings] == ["error", "warning", "warning", "info"], findings


def _message(agent, data, code, deployment="two_way", setting=None):
    hits = [f for f in lint(agent, data, deployment) if f["code"] == code
            and (setting is None or f["setting"] == setting)]
    assert len(hits) == 1, hits
    return hits[0]["message"]


# Each message says what (the setting, as the input names it, first), the facts the vendor text gives, and ends with
# what to do. (code, agent, input, deployment, setting, starts, contains, ends)
MESSAGES = [
    # Import Agent Settings > PasswordChangeListener - PollTimeMillis: "We don't recommend changing this setting
    # without direction from JumpCloud support."
    ("support_only", "import", {"PasswordChangeListener": {"PollTimeMillis": 5000}}, "two_way", None,
     "MainLoop.PasswordChangeListener.PollTimeMillis: ", [], "without direction from JumpCloud support"),
    # Import Agent Settings > UserDisableAction > About UserDisableAction's default settings: a new install acts
    # as suspend; "An upgrade of the Import agent without a value for userDissociateAction will have
    # UserDisableAction set to remove"; remove: "the corresponding JumpCloud user is deleted"
    ("upgrade_changes_default", "import", {}, "two_way", "UserDisableAction", "UserDisableAction is absent",
     ["acts as suspend", "UserDisableAction=remove (JumpCloud users are deleted when disabled in AD);"],
     "set it explicitly to keep today's behaviour"),
    # "An upgrade of the Import agent with a value for UserDissociateAction will have UserDisableAction set to the
    # same value"
    ("upgrade_changes_default", "import", {"UserDissociateAction": "unbind"}, "two_way", "UserDisableAction",
     "UserDisableAction is absent", ["UserDisableAction=unbind;"], "set it explicitly to keep today's behaviour"),
    ("upgrade_changes_default", "import", {"userdissociationaction": "REMOVE"}, "two_way", "UserDisableAction",
     "UserDisableAction is absent", ["UserDisableAction=REMOVE (JumpCloud users are deleted when disabled in AD);"],
     "set it explicitly to keep today's behaviour"),
    # Import Agent Settings > UserExpireAction: a new install acts as expire; an upgrade writes maintain
    ("upgrade_changes_default", "import", {}, "two_way", "UserExpireAction", "UserExpireAction is absent",
     ["acts as expire", "UserExpireAction=maintain;"], "set it explicitly to keep today's behaviour"),
    # docs/design.md contradiction 1: an AD disable may do either; set both to the same value
    ("ambiguous_disable_action", "import", {"userdisableaction": "suspend", "UserDissociateAction": "remove"},
     "two_way", None,
     "the vendor document contradicts itself when userdisableaction and UserDissociateAction differ "
     "(UserDisableAction=suspend vs UserDissociationAction=remove): an AD disable may suspend or remove the "
     "JumpCloud user;", ["set both to the same value"], "(or remove UserDissociateAction) to remove the doubt"),
    # Import Agent Settings > UserFieldMapping: "Controls the mapping of JumpCloud's username field from AD"
    ("username_mapping", "import", {"UserFieldMapping": "userPrincipalName"}, "two_way", None,
     "UserFieldMapping decides JumpCloud usernames", [], "changes the usernames of imported users"),
    # Import Agent Settings > UserTakeoverAction: deactivate (Default): "Password Pending"; reset in AD
    ("takeover_password_pending", "import", {}, "two_way", None, "UserTakeoverAction is deactivate (default): ",
     ["Password Pending"], "must reset their password in AD"),
    ("takeover_password_pending", "import", {"UserTakeoverAction": "Deactivate"}, "two_way", None,
     "UserTakeoverAction is deactivate: ", ["Password Pending"], "must reset their password in AD"),
    # docs/design.md contradiction 2
    ("ambiguous_default", "sync", {}, "two_way", "user_disconnection_action", "user_disconnection_action is absent",
     ["two defaults: disable (settings reference) vs retain (summary table);"], "set it explicitly to remove the doubt"),
    # Sync Agent Settings > group_membership_sync_type: minimal for two-way, match for one-way
    ("deployment_default", "sync", {}, "two_way", None, "group_membership_sync_type is absent", ["here minimal."],
     "Set it explicitly so the file means the same everywhere"),
    ("deployment_default", "sync", {}, "sync_only", None, "group_membership_sync_type is absent", ["here match."],
     "Set it explicitly so the file means the same everywhere"),
    # Sync Agent Settings > SyncAccountLockedOutStatus: only an explicit unlock in JumpCloud unlocks the AD account;
    # "Other profile updates from JumpCloud will not affect an AD-locked account"
    ("recommend_lockout_status", "sync", {"SyncAccountLockedOutStatus": False}, "two_way", None,
     "the vendor recommends SyncAccountLockedOutStatus: true on the sync agent",
     ["AD accounts unlock only on an explicit JumpCloud unlock"], "not on any profile update"),
    ("agent_not_deployed", "sync", {}, "import_only", None, "the AD Sync agent does not run in a", ["import_only"],
     "its settings have no effect"),
    # docs/design.md contradiction 6: did-you-mean
    ("unknown_key", "import", {"UserDisableActon": "remove"}, "two_way", None,
     "UserDisableActon is not a setting of the AD Import agent", [], "did you mean UserDisableAction?"),
]


@pytest.mark.parametrize("code, agent, data, deployment, setting, starts, contains, ends", MESSAGES,
                         ids=["%s-%d" % (m[0], i) for i, m in enumerate(MESSAGES)])
def test_messages_name_the_setting_the_facts_and_what_to_do(code, agent, data, deployment, setting, starts, contains,
                                                            ends):
    message = _message(agent, data, code, deployment, setting)
    assert message.startswith(starts), message
    assert message.endswith(ends), message
    for part in contains:
        assert part in message, message
    # the deletion is named exactly when the upgrade would write remove
    assert ("deleted" in message) == any("deleted" in part for part in contains), message


def test_ambiguous_default_readings_cite_both_vendor_sections():
    # docs/design.md contradiction 2: Sync Agent Settings gives disable / remove; the table under User and User
    # Membership Disconnection Settings gives retain / retain
    table = "User and User Membership Disconnection Settings"
    got = {f["setting"]: f["readings"] for f in lint("sync", {}) if f["code"] == "ambiguous_default"}
    assert got == {
        "user_disconnection_action": [
            {"value": "disable", "source": "settings_reference", "section": _SYN % "user_disconnection_action"},
            {"value": "retain", "source": "summary_table", "section": table}],
        "membership_disconnection": [
            {"value": "remove", "source": "settings_reference", "section": _SYN % "membership_disconnection"},
            {"value": "retain", "source": "summary_table", "section": table}],
    }


@pytest.mark.parametrize("imp, syn, words", [
    # Configuration Settings Outcomes in a Two-way Sync > Key Considerations for 2-Way Sync: match in both files
    ({"SyncAccountLockedOutStatus": True}, {}, "is true for the import agent (set in the file) but false for the sync agent (the documented default)"),
    ({"SyncAccountLockedOutStatus": False}, {"syncaccountlockedoutstatus": True},
     "is false for the import agent (set in the file) but true for the sync agent (set in the file)"),
    # an invalid value is named as written (a short plain word)
    ({"SyncAccountLockedOutStatus": "yes"}, {"SyncAccountLockedOutStatus": True},
     "is yes for the import agent (set in the file) but true for the sync agent (set in the file)"),
])
def test_lockout_status_mismatch_names_both_values_and_the_vendor_section(imp, syn, words):
    f = one(lint("both", {"import": imp, "sync": syn}), "lockout_status_mismatch")
    assert f["setting"] == "SyncAccountLockedOutStatus" and f["agent"] == "both"
    assert f["section"] == "Configuration Settings Outcomes in a Two-way Sync > Key Considerations for 2-Way Sync"
    assert f["message"].startswith("SyncAccountLockedOutStatus " + words + ";"), f["message"]
    # "true for Predictable Unlocks: Setting SyncAccountLockedOutStatus to true for both agents ..."
    assert f["message"].endswith("the same value in both files, and true for predictable unlocks"), f["message"]


def test_lint_both_defaults_to_two_way_and_reads_no_file():
    both = {"import": {"SyncAccountLockedOutStatus": True, "user_disable_action": "suspend"},
            "sync": {"SyncAccountLockedOutStatus": False}}
    findings = lint_both(both)
    assert "lockout_status_mismatch" in codes(findings)
    # module option names are settings here (only an agent's file is read with file=True)
    assert "option_name_in_file" not in codes(findings)
    assert [f["setting"] for f in findings if f["code"] == "upgrade_changes_default" and f["agent"] == "import"] \
        == ["UserExpireAction"]
    # an agent given as null has no settings: the same findings as an empty dict
    assert lint("both", {"import": None, "sync": None}) == lint("both", {}) == lint("both", {"import": {}, "sync": {}})


def test_an_option_name_in_a_file_is_flagged_once_and_not_read():
    # file=True: an agent's own file, where the agent reads only its keys (test__document.py has the file layer)
    findings = lint("import", {"user_disable_action": "suspend"}, file=True)
    assert [f["code"] for f in findings if f["setting"] == "user_disable_action"] == ["option_name_in_file"]
    assert "UserDisableAction" in [f["setting"] for f in findings if f["code"] == "upgrade_changes_default"]
    # without file=True the option name is the setting
    findings = lint("import", {"user_disable_action": "suspend"})
    assert "option_name_in_file" not in codes(findings)
    assert "user_disable_action" not in [f["setting"] for f in findings]


@pytest.mark.parametrize("data, message", [
    (["import"], "^settings of both agents must be a dict {import: {...}, sync: {...}}, got list$"),
    ({"imports": {}, "Sync": {}}, "^settings of both agents take the keys import and sync, not imports, Sync$"),
])
def test_both_agents_take_one_dict_with_their_keys(data, message):
    with pytest.raises(SettingsError, match=re.escape(message[1:-1]).join("^$")):
        lint("both", data)


# ---------------------------------------------------------------- effective(): every field of an entry
# (the survivors of _effective.py's mutation run: docs/testing.md)

def test_an_absent_setting_with_two_documented_defaults_is_ambiguous_with_both_readings():
    # Sync Agent Settings > user_disconnection_action: "disable (Default)"; the table under User and User Membership
    # Disconnection Settings: Retain is the "Default – no change to current behaviour"
    assert effective("sync", {}, "two_way")["user_disconnection_action"] == {
        "setting": "user_disconnection_action", "key": "user_disconnection_action", "value": None,
        "source": "ambiguous_default", "ambiguous": True,
        "readings": [
            {"value": "disable", "source": "settings_reference",
             "section": "Sync Agent Settings > user_disconnection_action"},
            {"value": "retain", "source": "summary_table", "section": "User and User Membership Disconnection Settings"},
        ]}


def test_an_agent_the_deployment_does_not_run_has_no_effective_values():
    eff = effective("sync", {}, "import_only")
    assert eff["SyncAccountLockedOutStatus"] == {
        "setting": "sync_account_locked_out_status", "key": "SyncAccountLockedOutStatus", "value": None,
        "source": "not_deployed", "ambiguous": False, "readings": []}
    # a value the file holds is still what it is
    held = effective("sync", {"SyncAccountLockedOutStatus": True}, "import_only")["SyncAccountLockedOutStatus"]
    assert (held["value"], held["source"], held["valid"]) == (True, "file", True)


def test_an_unambiguous_value_says_so_and_a_file_reads_only_the_agents_own_keys():
    entry = effective("import", {"UserDisableAction": "remove"})["UserDisableAction"]
    assert (entry["value"], entry["source"], entry["ambiguous"], entry["key"]) == (
        "remove", "file", False, "MainLoop.UserDisableAction")
    # an option name in an agent's file is not what the agent reads (file=True): the default applies
    in_file = effective("import", {"user_disable_action": "remove"}, file=True)
    assert [(e["value"], e["source"]) for e in in_file.values() if e["setting"] == "user_disable_action"] == [
        ("suspend", "default:new_install")]


def test_the_disable_and_dissociation_readings_name_their_statements_and_sections():
    # Import Agent Settings > UserDisableAction > About UserDisableAction's default settings ("takes precedence")
    # and Import Agent Settings > UserDissociationAction ("overrides ... if not identical")
    entry = effective("import", {"UserDisableAction": "suspend", "UserDissociationAction": "unbind"})["UserDisableAction"]
    assert entry["ambiguous"] is True
    assert entry["readings"] == [
        {"value": "suspend", "source": "UserDisableAction takes precedence",
         "section": "Import Agent Settings > UserDisableAction > About UserDisableAction's default settings"},
        {"value": "unbind", "source": "UserDissociationAction overrides UserDisableAction if not identical",
         "section": "Import Agent Settings > UserDissociationAction"}]
    # an invalid value on either side is no reading (lint reports the value)
    assert effective("import", {"UserDisableAction": "suspend", "UserDissociationAction": "later"})[
        "UserDisableAction"]["readings"] == []
    assert effective("import", {"UserDisableAction": "later", "UserDissociationAction": "unbind"})[
        "UserDisableAction"]["readings"] == []


def test_an_upgrade_keeps_nested_settings_where_they_are():
    # Import Agent Settings > PasswordChangeListener - PollTimeMillis sits in MainLoop.PasswordChangeListener; an
    # upgrade retains a setting that is set (About UserExpireAction's default settings: "retains ... if it is set")
    assert upgrade_import({"PasswordChangeListener": {"PollTimeMillis": 30000}, "UserExpireAction": "expire"}) == {
        "PasswordChangeListener": {"PollTimeMillis": 30000}, "UserExpireAction": "expire", "UserDisableAction": "remove"}


# ---------------------------------------------------------------- settings as given: each structural finding whole
# (the survivors of _settings.py's mutation run: docs/testing.md). Keys and nesting from the vendor document's
# Import Agent Settings: UserFieldMapping as {"username": ...}, MainLoop.PasswordChangeListener.PollTimeMillis, and
# UserDissociateAction, the upgrade notes' spelling of UserDissociationAction (docs/design.md contradiction 6).
STRUCTURE = [
    ({"UserFieldMapping": {"username": "sAMAccountName", "UserName": "userPrincipalName"}},
     {"severity": "error", "code": "duplicate_key", "setting": "UserFieldMapping",
      "message": 'UserFieldMapping holds username twice ("username" and "UserName"); keep one',
      "agent": "import", "section": "Import Agent Settings > UserFieldMapping"}),
    ({"UserFieldMapping": {}},
     {"severity": "warning", "code": "missing_member", "setting": "UserFieldMapping",
      "message": 'UserFieldMapping holds no username: the agent uses its default (allowed: sAMAccountName, '
                 'userPrincipalName, or {"username": ...})',
      "agent": "import", "section": "Import Agent Settings > UserFieldMapping"}),
    ({"UserDissociationAction": "remove", "UserDissociateAction": "remove"},
     {"severity": "error", "code": "duplicate_key", "setting": "UserDissociateAction",
      "message": "UserDissociationAction and UserDissociateAction are two spellings of one setting "
                 "(MainLoop.UserDissociationAction); keep one",
      "agent": "import", "section": "Import Agent Settings > UserDissociationAction"}),
    ({"PollTimeMillis": 5000},
     {"severity": "error", "code": "misplaced_key", "setting": "PollTimeMillis",
      "message": "PollTimeMillis: PollTimeMillis belongs inside PasswordChangeListener "
                 "(MainLoop.PasswordChangeListener.PollTimeMillis)",
      "agent": "import", "section": "Import Agent Settings > PasswordChangeListener - PollTimeMillis"}),
    ({"PasswordChangeListener": {"PollTimeMillis": 5000}, "passwordchangelistener": {"PollTimeMillis": 5000}},
     {"severity": "error", "code": "duplicate_key", "setting": "passwordchangelistener",
      "message": "PasswordChangeListener and passwordchangelistener are two spellings of one object "
                 "(PasswordChangeListener); keep one", "agent": "import"}),
    ({"PasswordChangeListener": 5},
     {"severity": "error", "code": "invalid_shape", "setting": "PasswordChangeListener",
      "message": "PasswordChangeListener must be an object holding PollTimeMillis", "agent": "import"}),
]


@pytest.mark.parametrize("settings, expected", STRUCTURE)
def test_each_structural_finding_is_whole(settings, expected):
    found = [f for f in lint("import", settings) if f["code"] == expected["code"]]
    assert found == [expected]


@pytest.mark.parametrize("call, message", [
    (lambda: lint("import", [1]), "import settings must be a dict (mapping of setting to value), got list"),
    (lambda: lint("sync", "x"), "sync settings must be a dict (mapping of setting to value), got string"),
    (lambda: lint("x", {}), "agent 'x' is not one of import, sync, both"),
    (lambda: effective("import", {}, "both_ways"), "deployment 'both_ways' is not one of import_only, sync_only, two_way"),
])
def test_bad_input_messages_say_what_is_allowed(call, message):
    with pytest.raises(SettingsError) as exc:
        call()
    assert str(exc.value) == message


# ---------------------------------------------------------------- values: DN syntax and how a value is named
# Sync Agent Settings > sync_group takes a group's distinguished name; its syntax is RFC 4514's (section 3), and
# the message says where (1-based character) it stops making sense.
_UNESCAPED = ('an unescaped special character at character %d (one of " ; < > \\ or NUL: write it after a '
              'backslash, or as a backslash and two hexadecimal digits)')


@pytest.mark.parametrize("dn, problem", [
    ("", "it is empty"),
    ("   ", "it is empty"),
    ("CN=a,,DC=b", "cannot read an attribute=value pair at character 6"),
    ("CN=a,DC=", "cannot read an attribute=value pair at character 6"),
    ("CN=   ,DC=b", "an empty value at character 1"),
    # the character is located, never echoed (it may be part of a pasted secret)
    ("CN=a;DC=b", _UNESCAPED % 5),
    ("CN=a,DC=b;", _UNESCAPED % 10),
    ("OU=g,DC=b", "a group's DN starts with CN=, not OU="),
    ("CN=a+1.2.3=b,DC=c", None),  # a multi-valued RDN with a numeric attribute type
    ("CN=a ,DC=b", None),  # a space around a separator
    ("CN=XX ,DC=X", None),  # only the spaces after a value are dropped, never its own characters
    ("CN=\\ ,DC=b", None),  # an escaped space is a value
])
def test_dn_problems_say_where(dn, problem):
    assert dn_problem(dn) == problem


@pytest.mark.parametrize("value, named, kind", [
    (3, "3", "integer"), ("word", "'word'", "string"), (12.5, "a number of 4 characters", "number"),
    ([1, 2], "a list of 2 items", "list"), ({"a": 1}, "an object of 1 members", "object"), (None, "null", "null"),
    (True, "true", "boolean"), ("x" * 30, "a string of 30 characters", "string"), (b"x", "a bytes", "bytes"),
])
def test_a_value_is_named_by_type_and_size_unless_a_short_plain_word(value, named, kind):
    assert (describe(value), json_type(value)) == (named, kind)


def test_type_errors_name_the_expected_type_and_the_value_found():
    # Import Agent Settings > SyncAdditionalAttributes: true or false; PasswordChangeListener - PollTimeMillis: a number
    f = one(lint("import", {"SyncAdditionalAttributes": "yes"}), "invalid_type")
    assert (f["setting"], f["message"]) == (
        "SyncAdditionalAttributes", "SyncAdditionalAttributes: 'yes' is a string, expected a boolean (allowed: true, false)")
    f = one(lint("import", {"PasswordChangeListener": {"PollTimeMillis": 0}}), "invalid_value")
    assert f["setting"] == "PollTimeMillis"
    assert f["message"] == "PasswordChangeListener.PollTimeMillis: 0 must be a positive integer (at least 1)"


# ---------------------------------------------------------------- the survivors docs/testing.md listed as not killed
def test_every_structural_error_of_one_input_is_reported_and_the_rest_still_read():
    # Import Agent Settings > PasswordChangeListener - PollTimeMillis sits in MainLoop.PasswordChangeListener: here
    # placed outside it, the object given as a number, and the object given twice; UserDisableAction after them is
    # still read (suspend, so no finding names it)
    findings = lint("import", {"PollTimeMillis": 5000, "PasswordChangeListener": 5,
                               "passwordchangelistener": {"PollTimeMillis": 5000}, "UserDisableAction": "suspend"},
                    "import_only")
    assert [(f["code"], f["setting"], f["message"]) for f in findings if f["severity"] == "error"] == [
        ("misplaced_key", "PollTimeMillis", "PollTimeMillis: PollTimeMillis belongs inside PasswordChangeListener "
                                            "(MainLoop.PasswordChangeListener.PollTimeMillis)"),
        ("invalid_shape", "PasswordChangeListener", "PasswordChangeListener must be an object holding PollTimeMillis"),
        ("duplicate_key", "passwordchangelistener", "PasswordChangeListener and passwordchangelistener are two "
                                                    "spellings of one object (PasswordChangeListener); keep one"),
    ]
    assert [f for f in findings if f["setting"] == "UserDisableAction"] == []


def test_every_bad_type_is_reported_and_a_string_setting_expects_a_string():
    # Import Agent Settings: SyncAdditionalAttributes is true or false; UserDisableAction is suspend, remove or unbind
    findings = lint("import", {"SyncAdditionalAttributes": "yes", "UserDisableAction": 5})
    assert [(f["setting"], f["message"]) for f in findings if f["code"] == "invalid_type"] == [
        ("SyncAdditionalAttributes",
         "SyncAdditionalAttributes: 'yes' is a string, expected a boolean (allowed: true, false)"),
        ("UserDisableAction",
         "UserDisableAction: 5 is an integer, expected a string (allowed: suspend, remove, unbind)"),
    ]


def test_a_sync_group_that_is_not_a_groups_dn_is_one_whole_finding():
    # Sync Agent Settings > sync_group: the distinguished name of an AD security group (CN=...)
    found = [f for f in lint("sync", {"sync_group": "OU=Groups,DC=example,DC=com"}) if f["severity"] == "error"]
    assert found == [{
        "severity": "error", "code": "invalid_dn", "setting": "sync_group",
        "message": "sync_group: a string of 27 characters is not a valid distinguished name of a group: a group's DN "
                   "starts with CN=, not OU= (expected e.g. CN=JumpCloud,OU=Groups,DC=example,DC=com)",
        "agent": "sync", "section": "Sync Agent Settings > sync_group"}]


@pytest.mark.parametrize("agent, name, value, valid", [
    # Import Agent Settings > PasswordChangeListener - PollTimeMillis: a wait time, an integer of at least 1
    # (docs/settings.md)
    ("import", "password_change_listener_poll_time_millis", 1, True),
    ("import", "password_change_listener_poll_time_millis", 0, False),
    ("import", "password_change_listener_poll_time_millis", "1", False),
    ("import", "password_change_listener_poll_time_millis", True, False),
    # SyncAdditionalAttributes: true or false (a JSON boolean, not its word)
    ("import", "sync_additional_attributes", False, True),
    ("import", "sync_additional_attributes", "true", False),
    # UserDisableAction: suspend, remove or unbind, in any case
    ("import", "user_disable_action", "Unbind", True),
    ("import", "user_disable_action", "delete", False),
    ("import", "user_disable_action", 1, False),
    # Sync Agent Settings > sync_group: a group's distinguished name
    ("sync", "sync_group", "CN=JumpCloud,OU=Groups,DC=example,DC=com", True),
    ("sync", "sync_group", "OU=Groups,DC=example,DC=com", False),
])
def test_is_valid_accepts_only_a_value_the_setting_allows(agent, name, value, valid):
    assert is_valid(catalog.by_name(agent)[name], value) is valid


def test_a_tie_of_key_styles_names_absent_settings_by_their_agent_keys():
    # one module option name and one agent key: the agent's own key style (its file's) wins a tie
    tie = lint("import", {"user_disable_action": "suspend", "UserExpireAction": "expire"}, "import_only")
    assert [f["setting"] for f in tie if f["code"] == "takeover_password_pending"] == ["UserTakeoverAction"]
    # more option names than agent keys: option names
    most = lint("import", {"user_disable_action": "suspend", "user_expire_action": "expire",
                           "UserFieldMapping": "sAMAccountName"}, "import_only")
    assert [f["setting"] for f in most if f["code"] == "takeover_password_pending"] == ["user_takeover_action"]


def test_a_key_only_partly_like_several_settings_is_no_near_miss():
    # UserAction is as much a part of UserDisableAction as of UserExpireAction and UserTakeoverAction: no guess
    # (docs/design.md contradiction 6: a did-you-mean is for a key close to one known key)
    f = one(lint("import", {"UserAction": "suspend"}), "unknown_key")
    assert f["message"].startswith("UserAction is not a setting of the AD Import agent and is ignored (its settings: ")
    # in a file, a key that is no near miss is the admin's own: nothing is said
    assert "unknown_key" not in codes(lint("import", {"UserAction": "suspend"}, file=True))

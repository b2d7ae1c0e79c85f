# -*- coding: utf-8 -*-
"""Lint and effective values, case by case from the vendor document, plus properties over the catalog."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import dn_problem
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective, upgrade_import
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._lint import lint


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
    assert f["message"].startswith("SyncAccountLockedOutStatus is true for the import agent (file) but false for the "
                                   "sync agent (file)")
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
    tasks = [t for block in text.split("```yaml")[1:] for t in (yaml.safe_load(block.split("```")[0]) or [])]
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
    lambda d: upgrade_import(d),
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
    assert "did you mean UserDisableAction?" in one(lint("import", {"UserDisableActon": "suspend"}, file=True),
                                                     "unknown_key")["message"]

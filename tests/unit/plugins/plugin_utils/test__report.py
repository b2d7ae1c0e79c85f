# -*- coding: utf-8 -*-
"""Fleet reports: drift against baseline and peers, change review, risk tags, rendering."""

from __future__ import annotations

import html
import json

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._lint import lint_both
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import events_of, outcomes


def info(agent, settings, path="C:\\cfg.json"):
    eff = {v["setting"]: v for v in effective(agent, settings).values()}
    return {"exists": True, "path": path, "settings": settings, "effective": eff,
            "findings": [{"severity": "warning", "code": "x", "message": "m"}]}


BASE = {"import": {"user_disable_action": "suspend"}, "sync": {"user_disconnection_action": "disable"}}


def fleet():
    hosts = {}
    for i in range(1, 5):
        hosts["dc%d" % i] = {"domain": "corp", "import": info("import", {"user_disable_action": "suspend",
                                                                         "user_expire_action": "expire"}),
                             "sync": info("sync", {"user_disconnection_action": "disable"})}
    hosts["dc4"]["import"] = info("import", {"user_disable_action": "Remove", "user_expire_action": "maintain"})
    hosts["dc5"] = {"domain": "corp", "import": {"exists": False, "path": "C:\\x"}, "sync": {"exists": False}}
    return hosts


def test_drift_against_baseline_and_peers():
    r = _report.drift(fleet(), BASE)
    assert r["summary"] == ("Drift: 1 of 5 hosts, 2 settings; 1 host would delete JumpCloud users on AD disable "
                            "(dc4)")
    assert r["drifted_hosts"] == ["dc4"] and r["hosts_without_agent"] == ["dc5"]
    baseline_rows = [x for x in r["rows"] if x["kind"] == "baseline"]
    assert [(x["host"], x["key"], x["found"]) for x in baseline_rows] == [("dc4", "MainLoop.UserDisableAction", "Remove")]
    peers = [x for x in r["rows"] if x["kind"] == "peers"]
    assert {(x["host"], x["setting"], x["found"], x["peers"]) for x in peers} == {
        ("dc4", "user_disable_action", "remove", "suspend"), ("dc4", "user_expire_action", "maintain", "expire")}
    assert "DELETES_JC_USER_ON_AD_DISABLE" in r["hosts"]["dc4"]["risks"]
    assert r["stats"]["adi_drifted_hosts"] == 1 and r["stats"]["adi_hosts_without_agent"] == 1
    page = _render.render(r, "html")
    # the host x setting matrix: dc4's cell is highlighted (a peer row for the same setting must not hide it)
    start = page.index('<table id="matrix"')
    matrix = page[start:page.index("</table>", start)]
    rows = {row.split("<")[0].strip(): row for row in matrix.split('<tr class="row"><th>')[1:]}
    assert '<td class="drift">Remove</td>' in rows["dc4"] and '<td class="drift">' not in rows["dc1"]
    assert rows["dc5"].count('<td class="missing">no file</td>') == len(_report.catalog.SETTINGS)  # every setting
    # every setting's current value, and where it comes from when not from the file (vendor document: Import
    # Agent Settings > UserTakeoverAction, default deactivate)
    assert "<td>expire</td>" in rows["dc1"] and "<td>deactivate (default)</td>" in rows["dc1"]
    # configurations: dc1-dc3 share one, dc4 has its own; dc5 (no files) has its own too
    classes = [(c["label"], c["hosts"]) for c in r["classes"]]
    assert classes == [("A", ["dc1", "dc2", "dc3"]), ("B", ["dc4"]), ("C", ["dc5"])]
    assert "3 hosts share configuration A: dc1, dc2, dc3" in page and "1 host has configuration B: dc4" in page
    # findings grouped across hosts: one line, with its hosts
    assert [(f["code"], f["hosts"]) for f in r["findings"]] == [("x", ["dc1", "dc2", "dc3", "dc4"])]
    # drifted and risky hosts first in the host table
    table = page[page.index('<table id="host-table"'):]
    assert table.index("<td>dc4</td>") < table.index("<td>dc1</td>")


def test_same_value_but_for_case_is_not_drift():
    hosts = {"dc1": {"import": info("import", {"user_disable_action": "SUSPEND"}),
                     "sync": info("sync", {"user_disconnection_action": "Disable"})}}
    assert _report.drift(hosts, BASE)["summary"] == "Drift: 0 of 1 hosts, 0 settings"


@pytest.mark.parametrize("before, after, tags", [
    ({"UserDisableAction": "suspend"}, {"UserDisableAction": "remove"}, ["DELETES_JC_USER_ON_AD_DISABLE"]),
    ({"UserDisableAction": "remove"}, {"UserDisableAction": "suspend"}, []),
    # ambiguous before (one reading deletes), sure after: the change settles the doubt on the risky side
    ({"UserDisableAction": "suspend", "UserDissociationAction": "remove"},
     {"UserDisableAction": "remove", "UserDissociationAction": "remove"}, ["DELETES_JC_USER_ON_AD_DISABLE"]),
    # sure before, ambiguous after: still may delete, newly ambiguous
    ({"UserDisableAction": "suspend"}, {"UserDisableAction": "suspend", "UserDissociationAction": "remove"},
     ["DELETES_JC_USER_ON_AD_DISABLE", "AMBIGUOUS"]),
])
def test_risk_tags_on_ad_disable(before, after, tags):
    r = outcomes(["ad_user_disabled"], after, {}, "import_only", baseline_import_settings=before)[0]
    assert _report.risk_tags("ad_user_disabled", r["baseline"], r) == tags


def test_review_summary_and_render_without_secrets():
    module = {"changed": True, "path": "C:\\i.json",
              "changes": [{"setting": "user_disable_action", "key": "MainLoop.UserDisableAction",
                           "before": "suspend", "after": "remove"}],
              "impact": [{"event": "ad_user_disabled", "changes": [],
                          "before": {"ad": {"account": "disabled"}, "jc": {"account": "suspended"}, "ambiguous": False},
                          "after": {"ad": {"account": "disabled"}, "jc": {"account": "deleted"}, "ambiguous": False}}],
              "diff": {"before": '{"ApiKey": "********", "UserDisableAction": "suspend"}',
                       "after": '{"ApiKey": "********", "UserDisableAction": "remove"}'},
              "findings": []}
    r = _report.review({"dc1": {"import": module, "sync": {"missing": True, "path": "C:\\s", "msg": "not installed"}},
                        "dc2": {"import": dict(module, changed=False, changes=[], impact=[])},
                        "<script>alert(1)</script>": {"import": dict(module, path="<img src=x onerror=alert(2)>")}})
    assert r["summary"] == ("Review: 2 of 3 hosts change, 1 settings; 2 hosts would start to delete JumpCloud users "
                            "on AD disable (<script>alert(1)</script>, dc1)")
    for fmt in ("json", "markdown", "html"):
        text = _render.render(r, fmt)
        assert {"html": html.escape, "markdown": _render._md}.get(fmt, str)(r["summary"]) in text
    page = _render.render(r, "html")
    # the page's only script is its own filter/sort code; markup in host names and paths is escaped
    assert page.startswith("<!DOCTYPE html>") and page.count("<script") == 1 and "<script>alert" not in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page and "href=" not in page
    # outcome changes in plain words (Configuration Settings Outcomes: UserDisableAction remove deletes the user)
    assert "When an AD account is disabled: the JumpCloud account is deleted (before: suspended)" in page
    assert '<span class="tag DELETES_JC_USER_ON_AD_DISABLE">' in page
    assert json.loads(_render.render(r, "json"))["kind"] == "review"


def test_bad_input():
    with pytest.raises(SettingsError, match="^format 'pdf' is not one of json, markdown, html$"):
        _render.render(_report.review({}), "pdf")
    with pytest.raises(SettingsError, match="^expected a report from jumpcloud.adi.drift_report or "
                                            "jumpcloud.adi.review_report$"):
        _render.render({"x": 1}, "html")
    with pytest.raises(SettingsError, match="baseline import settings: unknown UserDisableActon"):
        _report.drift({}, {"import": {"UserDisableActon": "x"}})


def test_a_host_with_an_invalid_value_does_not_stop_the_drift_report():
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._report import drift
    good = {"exists": True, "status": "ok", "path": "a", "settings": {"user_disable_action": "suspend"},
            "effective": {}, "findings": []}
    bad = dict(good, settings={"user_disable_action": "Delete"},
               findings=[{"severity": "error", "code": "invalid_choice", "message": "UserDisableAction: 'Delete' is "
                          "not one of suspend, remove, unbind"}])
    report = drift({"dc1": {"import": good}, "dc2": {"import": bad}}, {"import": {"user_disable_action": "suspend"}},
                   "import_only")
    assert report["drifted_hosts"] == ["dc2"] and report["hosts"]["dc2"]["outcomes_not_predicted"]
    assert report["hosts"]["dc2"]["findings"][0]["code"] == "invalid_choice"


def test_the_summary_line_stays_short_at_fleet_scale():
    hosts = {"dc%03d" % i: {"domain": "corp", "import": {"status": "unparsable", "exists": True, "path": "p",
                                                         "error": "p is not valid JSON"}} for i in range(200)}
    r = _report.drift(hosts, {"import": {}}, "import_only")
    assert r["summary"] == ("Drift: 0 of 200 hosts, 0 settings; 200 hosts unreadable (dc000, dc001, dc002, dc003, "
                            "dc004, and 195 more)")
    assert r["unreadable_hosts"] == sorted(hosts) and r["stats"]["adi_unreadable_hosts"] == 200


PLANTED = "pl4nted-0f-the-admins-own"


def test_only_the_fields_a_report_names_reach_it():
    """A report copies the fields it names from each result, never the rest: whatever else a module result or an
    info result carried (a future field, a file's content, a raw setting) is not in any format."""
    extra = {"content": PLANTED, "raw": {"ApiKey": PLANTED}, "invocation": {"module_args": {"x": PLANTED}},
             "file_keys": [PLANTED], "module_stderr": PLANTED}
    module = dict(extra, changed=True, path="C:\\i.json", findings=[], impact=[],
                  changes=[{"setting": "user_disable_action", "key": "MainLoop.UserDisableAction",
                            "before": "suspend", "after": "remove"}])
    review = _report.review({"dc1": {"import": module, "sync": dict(extra, missing=True, path="C:\\s", msg="none")},
                             "dc2": {"import": dict(extra, failed=True, path="C:\\i.json", msg="not valid JSON")}})
    hosts = fleet()
    hosts["dc1"]["import"].update(extra)
    hosts["dc2"]["sync"] = dict(extra, status="unparsable", exists=True, path="C:\\s", error="not valid JSON")
    drift = _report.drift(hosts, BASE)
    for report in (review, drift):
        assert report["hosts"]["dc1"]  # the hosts that carried the extras are in the report
        for fmt in ("json", "markdown", "html"):
            assert PLANTED not in _render.render(report, fmt), (report["kind"], fmt)


# Configuration Settings Outcomes in a Two-way Sync > Key Considerations for 2-Way Sync: SyncAccountLockedOutStatus
# should be the same in both agents' files. The check needs both files: the reports make it per host.
MISMATCH = {"import": {"sync_account_locked_out_status": True}, "sync": {"sync_account_locked_out_status": False}}


def test_drift_reports_the_cross_agent_lockout_mismatch_per_host():
    hosts = {"dc1": {a: info(a, dict(BASE[a], **MISMATCH[a])) for a in ("import", "sync")},
             "dc2": {a: info(a, dict(BASE[a], sync_account_locked_out_status=True)) for a in ("import", "sync")}}
    r = _report.drift(hosts, BASE)
    mismatch = [f for f in r["findings"] if f["code"] == "lockout_status_mismatch"]
    assert [(f["agent"], f["hosts"]) for f in mismatch] == [("both", ["dc1"])]
    assert "lockout_status_mismatch" in _render.render(r, "markdown") and "lockout_status_mismatch" in _render.render(r, "html")
    # not in a one-way deployment, where one agent runs
    assert not [f for f in _report.drift(hosts, {"sync": BASE["sync"]}, "sync_only")["findings"]
                if f["code"] == "lockout_status_mismatch"]


def test_a_host_with_an_unreadable_file_gets_no_guessed_outcomes():
    # the sync file drifts, the import file cannot be read: its settings, and so the outcomes, are unknown
    hosts = {"dc1": {"import": {"exists": True, "status": "unparsable", "path": "C:\\i.json", "error": "not JSON"},
                     "sync": info("sync", {"user_disconnection_action": "delete"})}}
    r = _report.drift(hosts, BASE)
    e = r["hosts"]["dc1"]
    assert e["drift"] and e["unreadable"] and e["outcome_changes"] == [] and e["risks"] == []
    assert e["outcomes_not_predicted"] is True
    assert "- " + _render.NOT_PREDICTED in _render.render(r, "markdown")
    assert "\n<li>%s</li>\n" % html.escape(_render.NOT_PREDICTED) in _render.render(r, "html")


def review_result(agent, settings):
    return {"changed": True, "path": "C:\\%s.json" % agent, "changes": [], "impact": [], "settings": settings,
            "findings": []}


def test_review_reports_the_lockout_mismatch_both_files_would_hold():
    r = _report.review({"dc1": {a: review_result(a, MISMATCH[a]) for a in ("import", "sync")},
                        "dc2": {"import": review_result("import", MISMATCH["import"])}})
    assert [f["code"] for f in r["hosts"]["dc1"]["findings"]] == ["lockout_status_mismatch"]
    assert r["hosts"]["dc2"]["findings"] == []  # one agent planned: nothing to compare
    for fmt in ("markdown", "html"):
        page = _render.render(r, fmt)
        assert page.count("lockout_status_mismatch") == 1 and "both agents" in page


def test_review_predicts_nothing_for_a_host_with_a_file_it_could_not_plan():
    # the sync change alone would delete AD accounts on a JumpCloud delete (Sync Agent Settings >
    # user_disconnection_action: remove), but the import file could not be read: the host's outcomes are unknown
    sync = review_result("sync", {"user_disconnection_action": "remove"})
    sync["impact"] = [{"event": "jc_user_deleted", "changes": [], "trace": [],
                       "before": {"ad": {"account": "disabled"}, "jc": {}, "ambiguous": False, "alternatives": []},
                       "after": {"ad": {"account": "deleted"}, "jc": {}, "ambiguous": False, "alternatives": []}}]
    r = _report.review({"dc1": {"import": {"failed": True, "path": "C:\\i.json", "msg": "not JSON"}, "sync": sync}})
    e = r["hosts"]["dc1"]
    assert e["failed"] and e["outcomes_not_predicted"] and e["risks"] == [] and e["agents"]["sync"]["impact"] == []
    assert "would" not in r["summary"] and "1 host could not be reviewed (dc1)" in r["summary"]
    assert _render.NOT_PREDICTED in _render.render(r, "markdown")
    assert html.escape(_render.NOT_PREDICTED) in _render.render(r, "html")


def test_an_invalid_lockout_value_is_its_own_finding_not_a_mismatch():
    hosts = {"dc1": {"import": info("import", dict(BASE["import"], sync_account_locked_out_status=True)),
                     "sync": info("sync", dict(BASE["sync"], sync_account_locked_out_status="<a string of 17 characters>"))}}
    assert not [f for f in _report.drift(hosts, BASE)["findings"] if f["code"] == "lockout_status_mismatch"]
    # the review too: what both files would hold, one an invalid value (as a config module describes it)
    r = _report.review({"dc1": {"import": review_result("import", {"sync_account_locked_out_status": True}),
                                "sync": review_result("sync", {"sync_account_locked_out_status": "<a string of 17 characters>"})}})
    assert r["hosts"]["dc1"]["findings"] == []


# Each risk tag and the change that raises it, from the vendor document (Advanced Configurations for Active
# Directory Integration): (tag, event, deployment, agent, setting, value before, value after). The sync agent's other
# disconnection settings are set (SYNC_SET): absent, the document gives them two defaults (an ambiguous outcome).
RISK_CASES = [
    # Import Agent Settings > UserDisableAction: remove, the user is deleted from JumpCloud
    ("DELETES_JC_USER_ON_AD_DISABLE", "ad_user_disabled", "import_only", "import", "user_disable_action",
     "suspend", "remove"),
    # Sync Agent Settings > user_disconnection_action: remove, the user's AD account is permanently deleted
    ("DELETES_AD_ACCOUNT_ON_JC_DELETE", "jc_user_deleted", "sync_only", "sync", "user_disconnection_action",
     "disable", "remove"),
    # Sync Agent Settings > group_disconnection_action: remove deletes the security group in AD
    ("DELETES_AD_GROUP_ON_DISCONNECT", "jc_group_disconnected", "sync_only", "sync", "group_disconnection_action",
     "retain", "remove"),
    # Import Agent Settings > UserTakeoverAction: deactivate, the password status becomes "Password Pending"
    ("LOGIN_PENDING_ON_TAKEOVER", "ad_user_takeover", "import_only", "import", "user_takeover_action",
     "retain", "deactivate"),
    # Sync Agent Settings > SyncAccountLockedOutStatus: false, any synced update may unlock the AD account
    ("AD_UNLOCK_ON_ANY_UPDATE", "jc_user_updated", "sync_only", "sync", "sync_account_locked_out_status",
     True, False),
]
# the summary's phrase of each tag (drift_report, review_report: "1 host would delete JumpCloud users on AD disable")
RISK_WORDS = {
    "DELETES_JC_USER_ON_AD_DISABLE": "would delete JumpCloud users on AD disable",
    "DELETES_AD_ACCOUNT_ON_JC_DELETE": "would delete AD accounts on JumpCloud delete",
    "DELETES_AD_GROUP_ON_DISCONNECT": "would delete AD groups on disconnect",
    "LOGIN_PENDING_ON_TAKEOVER": "would send taken-over users to Password Pending",
    "AD_UNLOCK_ON_ANY_UPDATE": "would unlock locked AD accounts on any JumpCloud update",
}


SYNC_SET = {"user_disconnection_action": "disable", "membership_disconnection": "remove"}


def predicted(event, deployment, agent, setting, before, after):
    """The engine's result for the event with the setting at ``after``, its baseline at ``before``."""
    others = SYNC_SET if agent == "sync" else {}
    settings = {"%s_settings" % agent: dict(others, **{setting: after}),
                "baseline_%s_settings" % agent: dict(others, **{setting: before})}
    return outcomes([event], deployment=deployment, **settings)[0]


@pytest.mark.parametrize("tag, event, deployment, agent, setting, before, after", RISK_CASES)
def test_each_risk_tag_is_raised_by_its_change_only(tag, event, deployment, agent, setting, before, after):
    risky = predicted(event, deployment, agent, setting, before, after)
    assert _report.risk_tags(event, risky["baseline"], risky) == [tag]
    # nothing was done before (a new file): what the outcome may do is new
    assert _report.risk_tags(event, None, risky) == [tag]
    # the way back is no risk, and neither is the same outcome already there
    way_back = {"before": after, "after": before}
    safe = predicted(event, deployment, agent, setting, **way_back)
    # back to group_disconnection_action retain, with membership_disconnection remove (its default), the retained
    # group's memberships read two ways (Sync Agent Settings: retain "its existing memberships are unchanged";
    # remove "removed from all AD security groups that were being managed"): newly ambiguous, no other tag
    assert _report.risk_tags(event, safe["baseline"], safe) == (
        ["AMBIGUOUS"] if (event, before) == ("jc_group_disconnected", "retain") else [])
    assert _report.risk_tags(event, risky, risky) == []
    # a tag belongs to its event: the same end states under any other event raise nothing
    for other in {e for _t, e, *_rest in RISK_CASES} - {event}:
        assert _report.risk_tags(other, risky["baseline"], risky) == []


def test_a_newly_ambiguous_outcome_is_tagged_even_without_a_before():
    # Import Agent Settings > UserDisableAction, "About UserDisableAction's default settings": with
    # UserDissociationAction set to remove, the document reads two ways
    r = outcomes(["ad_user_disabled"], {"user_dissociation_action": "remove", "user_disable_action": "suspend"}, {},
                 "import_only")[0]
    assert r["ambiguous"]
    assert _report.risk_tags("ad_user_disabled", None, r) == ["DELETES_JC_USER_ON_AD_DISABLE", "AMBIGUOUS"]
    # before it surely deleted (UserDisableAction remove): only the ambiguity is new
    sure = outcomes(["ad_user_disabled"], {"user_disable_action": "remove"}, {}, "import_only")[0]
    assert _report.risk_tags("ad_user_disabled", sure, r) == ["AMBIGUOUS"]
    # and the other way round: the doubt is settled on the risky side, which the ambiguous before did not surely do
    assert _report.risk_tags("ad_user_disabled", r, sure) == ["DELETES_JC_USER_ON_AD_DISABLE"]
    # ambiguous before and after: the ambiguity is not new (the deletion still may be)
    assert _report.risk_tags("ad_user_disabled", r, r) == ["DELETES_JC_USER_ON_AD_DISABLE"]


def module_result(agent, setting, key, before, after, event, deployment):
    """A config module's check-mode result changing one setting, with the engine's impact."""
    r = predicted(event, deployment, agent, setting, before, after)
    return dict(review_result(agent, {setting: after}),
                changes=[{"setting": setting, "key": key, "before": before, "after": after}],
                impact=[{"event": event, "changes": [], "before": r["baseline"], "after": _report.brief(r)}])


def test_review_summary_names_every_risk_and_who_would_start_it():
    hosts = {}
    for n, (tag, event, deployment, agent, setting, before, after) in enumerate(RISK_CASES, 1):
        key = _report.catalog.by_name(agent)[setting].json_path
        hosts["dc%d" % n] = {agent: module_result(agent, setting, key, before, after, event, deployment)}
    hosts["dc6"] = {"import": {"changed": False, "path": "C:\\import.json", "changes": [], "impact": [],
                               "findings": [], "settings": {}}}
    r = _report.review(hosts)
    # a review speaks of what hosts would start to do: the deletions "would start to delete"
    assert r["summary"] == (
        "Review: 5 of 6 hosts change, 5 settings; 1 host would start to delete JumpCloud users on AD disable (dc1); "
        "1 host would start to delete AD accounts on JumpCloud delete (dc2); 1 host would start to delete AD groups "
        "on disconnect (dc3); 1 host would send taken-over users to Password Pending (dc4); 1 host would unlock "
        "locked AD accounts on any JumpCloud update (dc5)")
    assert r["changing_hosts"] == ["dc1", "dc2", "dc3", "dc4", "dc5"] and r["failed_hosts"] == []
    assert r["stats"] == {"adi_hosts": 6, "adi_changing_hosts": 5, "adi_changed_settings": 5,
                          "adi_unreviewed_hosts": 0, "adi_risky_hosts": 5}
    assert [r["hosts"]["dc%d" % n]["risks"] for n in range(1, 7)] == [[c[0]] for c in RISK_CASES] + [[]]


def ends(ad=None, jc=None, ambiguous=False, alternatives=()):
    return {"ad": dict(ad or {}), "jc": dict(jc or {}), "ambiguous": ambiguous, "alternatives": list(alternatives)}


DISABLED = "When an AD account is disabled: "


# docs/workflows.md, "Reading a fleet report": outcome changes in plain words ("When an AD account is disabled: the
# JumpCloud account is deleted (before: suspended)"), one line per reading where the vendor document reads two ways
@pytest.mark.parametrize("event, before, after, words", [
    ("ad_user_disabled", ends({"account": "disabled"}, {"account": "suspended"}),
     ends({"account": "disabled"}, {"account": "deleted"}),
     [DISABLED + "the JumpCloud account is deleted (before: suspended)"]),
    ("ad_user_disabled", ends({"account": "disabled"}, {"account": "suspended"}),
     ends({"account": "disabled"}, {"account": "suspended"}), [DISABLED + "no visible change"]),
    # one sentence per end state that differs, AD first; field names and values in words
    ("ad_user_takeover",
     ends({"password": "unchanged", "memberships": "kept"}, {"password": "unchanged", "adi": "unbound"}),
     ends({"password": "updated", "memberships": "kept"}, {"password": "reset_required", "adi": "bound"}),
     ["When an AD user takes over a JumpCloud user: the AD password is updated (before: unchanged)",
      "When an AD user takes over a JumpCloud user: the JumpCloud password is reset required (before: unchanged)",
      "When an AD user takes over a JumpCloud user: the JumpCloud ADI binding is bound (before: unbound)"]),
    ("jc_group_disconnected", ends({"group": "retained_unmanaged", "memberships": "kept"}),
     ends({"group": "deleted", "memberships": "removed"}),
     ["When a JumpCloud group is disconnected from ADI: the AD group is deleted (before: retained unmanaged)",
      "When a JumpCloud group is disconnected from ADI: the AD group memberships are removed (before: kept)"]),
    # an event or a field without words of its own is named as it is, underscores as spaces
    ("some_new_event", ends({"new_field": "a_b"}), ends({"new_field": "c_d"}),
     ["When some new event: the AD new_field is c d (before: a b)"]),
    # an ambiguous outcome: one sentence per other reading, with the end states it changes; and the ambiguity
    ("ad_user_disabled", ends({"account": "disabled"}, {"account": "suspended"}),
     ends({"account": "disabled"}, {"account": "suspended"}, True, [
         {"reading": "the summary table", "ad": {"account": "disabled"}, "jc": {"account": "deleted"}},
         {"reading": "a reading that changes nothing", "ad": {"account": "disabled"}, "jc": {"account": "suspended"}},
         {"reading": "both", "ad": {"account": "deleted"}, "jc": {"account": "retained_unbound"}}]),
     [DISABLED + "if the vendor document means \"the summary table\", the JumpCloud account is deleted",
      DISABLED + "if the vendor document means \"both\", the AD account is deleted; the JumpCloud account is "
      "retained unbound",
      DISABLED + "the outcome becomes ambiguous in the vendor document"]),
    # ambiguous before and after: nothing new to say about it
    ("ad_user_disabled", ends({"account": "disabled"}, {"account": "suspended"}, True),
     ends({"account": "disabled"}, {"account": "suspended"}, True), [DISABLED + "no visible change"]),
])
def test_outcome_changes_in_plain_words(event, before, after, words):
    assert _report.plain_words(event, before, after) == words


def test_every_event_of_the_engine_has_words_of_its_own():
    for event in events_of("two_way"):
        when = _report.plain_words(event, ends(), ends())[0].split(":")[0]
        # its own words (not its name with spaces), naming the side where it happens
        assert when != "When " + event.replace("_", " ") and ("AD" if event.startswith("ad_") else "JumpCloud") in when


def current(agent, settings):
    """A configuration's column (docs/workflows.md, "Configurations"): every setting's effective value and where it
    comes from (file, default, ambiguous, undocumented), as agent_config_info's ``effective`` says."""
    eff = info(agent, settings)["effective"]
    return {name: [e["value"], "ambiguous" if e["ambiguous"] else e["source"].split(":")[0]] for name, e in eff.items()}


def small_fleet():
    """One host as the baseline, one drifted, one without the agent, one unreadable, one that gave no result."""
    ok = dict(info("import", {"user_disable_action": "suspend"}, "C:\\1.json"), findings=[])
    drifted = dict(info("import", {"user_disable_action": "remove"}, "C:\\2.json"), findings=[
        {"severity": "warning", "code": "w", "agent": "import", "message": "UserDisableAction: a (C:\\2.json, line 3)"},
        {"severity": "info", "code": "i", "message": "not in a report"}])
    return {"dc2": {"domain": "corp", "import": drifted}, "dc1": {"domain": "corp", "import": ok},
            "dc3": {"domain": "corp", "import": {"exists": False, "path": "C:\\3.json"}},
            "dc4": {"import": {"exists": True, "status": "unparsable", "path": "C:\\4.json", "error": "not JSON"}},
            "dc5": "unreachable"}


def test_drift_report_whole_for_a_small_fleet():
    """Every host given is in the report, with its reason (drift_report and render_report DOCUMENTATION)."""
    hosts = small_fleet()
    ok, drifted = hosts["dc1"]["import"], hosts["dc2"]["import"]
    r = _report.drift(hosts, {"import": {"UserDisableAction": "suspend"}}, "import_only", title="T")
    changed = [x for x in outcomes(None, {"user_disable_action": "remove"}, {}, "import_only",
                                   baseline_import_settings={"user_disable_action": "suspend"}) if x["changed"]]
    # Import Agent Settings > UserDisableAction: remove, "Disabled: Deleted from JumpCloud", "Enabled: N/A"
    assert [x["event"] for x in changed] == ["ad_user_disabled", "ad_user_enabled"]
    row = {"host": "dc2", "kind": "baseline", "agent": "import", "setting": "user_disable_action",
           "key": "MainLoop.UserDisableAction", "file": "C:\\2.json", "baseline": "suspend", "found": "remove",
           "effective": "remove", "ambiguous": False}

    def host(name, domain="corp", path=None, status="ok", exists=True, **fields):
        e = {"host": name, "domain": domain, "agents": {"import": {"path": path, "exists": exists, "status": status}},
             "drift": [], "findings": [], "missing": [], "unreadable": [], "outcome_changes": [], "risks": [],
             "peer_drift": []}
        e.update(fields)
        return e

    assert r == {
        "kind": "drift", "title": "T", "deployment": "import_only",
        "summary": "Drift: 1 of 5 hosts, 1 settings; 1 host would delete JumpCloud users on AD disable (dc2); "
                   "2 hosts unreadable (dc4, dc5)",
        "baseline": {"import": {"user_disable_action": "suspend"}},
        "hosts": {
            "dc1": host("dc1", path="C:\\1.json", **{"class": "A"}),
            "dc2": host("dc2", path="C:\\2.json", drift=[row], risks=["DELETES_JC_USER_ON_AD_DISABLE"],
                        findings=[drifted["findings"][0]], outcome_changes=[
                            {"event": "ad_user_disabled", "baseline": changed[0]["baseline"],
                             "found": _report.brief(changed[0]), "tags": ["DELETES_JC_USER_ON_AD_DISABLE"],
                             "words": [DISABLED + "the JumpCloud account is deleted (before: suspended)",
                                       DISABLED + "the JumpCloud ADI binding is unbound (before: unchanged)"]},
                            {"event": "ad_user_enabled", "baseline": changed[1]["baseline"],
                             "found": _report.brief(changed[1]), "tags": [],
                             "words": ["When an AD account is enabled again: the JumpCloud account is unchanged "
                                       "(before: active)"]}], **{"class": "B"}),
            "dc3": host("dc3", path="C:\\3.json", status="missing", exists=False, missing=["import"],
                        **{"class": "C"}),
            "dc4": host("dc4", domain="default", path="C:\\4.json", status="unparsable",
                        unreadable=[{"agent": "import", "path": "C:\\4.json", "reason": "not JSON"}]),
            "dc5": host("dc5", domain="default", status="missing", exists=False,
                        unreadable=[{"agent": None, "path": None, "reason": _report.NO_RESULT}]),
        },
        "rows": [row], "drifted_hosts": ["dc2"], "hosts_without_agent": ["dc3"], "unreadable_hosts": ["dc4", "dc5"],
        "classes": [
            {"label": "A", "hosts": ["dc1"], "values": {"import": current("import", ok["settings"])},
             "drifted": False, "risks": []},
            {"label": "B", "hosts": ["dc2"], "values": {"import": current("import", drifted["settings"])},
             "drifted": True, "risks": ["DELETES_JC_USER_ON_AD_DISABLE"]},
            {"label": "C", "hosts": ["dc3"], "values": {"import": None}, "drifted": False, "risks": []}],
        # the file's path and line left out of a finding's words; info findings are not in a report
        "findings": [{"severity": "warning", "code": "w", "agent": "import", "message": "UserDisableAction: a",
                      "hosts": ["dc2"]}],
        "stats": {"adi_hosts": 5, "adi_drifted_hosts": 1, "adi_drifted_settings": 1, "adi_hosts_without_agent": 1,
                  "adi_unreadable_hosts": 2, "adi_configuration_classes": 3, "adi_risky_hosts": 1},
    }


def column(values, name):
    """A configuration's cell: the effective value (absent when none) and where it comes from unless the file."""
    if values is None:
        return "no file"
    value, source = values[name]
    text = "absent" if value is None else value if isinstance(value, str) else json.dumps(value)
    return text if source == "file" else "%s (%s)" % (text, source.replace("_", " "))


def test_drift_report_in_markdown_whole():
    r = _report.drift(small_fleet(), {"import": {"UserDisableAction": "suspend"}}, "import_only", title="T")
    cols = [current("import", {"user_disable_action": v}) for v in ("suspend", "remove")] + [None]
    settings = [(s.name, s.json_path) for s in _report.catalog.settings_of("import")]
    risk = "DELETES_JC_USER_ON_AD_DISABLE"
    assert _render.render(r, "markdown") == "\n".join([
        "# T", "", "**%s**" % r["summary"], "",
        'Deployment: `import_only`. Baseline: import `{"user_disable_action": "suspend"}`.', "",
        "| host | agent | setting (JSON path) | file | baseline / peers | found |", "|---|---|---|---|---|---|",
        "| dc2 | import | `MainLoop.UserDisableAction` | C:\\2.json | suspend | remove |", "",
        "## Configurations", "",
        "- 1 host has configuration A: dc1", "- 1 host has configuration B: dc2",
        "- 1 host has configuration C: dc3", "",
        "| setting | A | B | C |", "|---|---|---|---|"] + [
        "| `%s` | %s |" % (key, " | ".join(column(c, name) for c in cols)) for name, key in settings] + [
        "", "## Findings", "", "- warning `w`: UserDisableAction: a (dc2)", "",
        # per host, only where something needs a person; risky and drifted hosts first
        "## dc2 - " + risk, "",
        "- " + DISABLED + "the JumpCloud account is deleted (before: suspended) **%s**" % risk,
        "- " + DISABLED + "the JumpCloud ADI binding is unbound (before: unchanged)",
        "- When an AD account is enabled again: the JumpCloud account is unchanged (before: active)", "",
        "## dc4", "", "- **unreadable** (import agent): not JSON", "",
        "## dc5", "", "- **unreadable**: " + _report.NO_RESULT]) + "\n"


def test_drift_report_in_html_whole():
    """docs/workflows.md, "Reading a fleet report": the summary, configurations side by side, every host, the host x
    setting table (up to 100 hosts), findings with their hosts, then per host only what needs a person."""
    r = _report.drift(small_fleet(), {"import": {"UserDisableAction": "suspend"}}, "import_only", title="T")
    cols = [current("import", {"user_disable_action": v}) for v in ("suspend", "remove")]
    settings = [(s.name, s.json_path) for s in _report.catalog.settings_of("import")]
    risk = "DELETES_JC_USER_ON_AD_DISABLE"
    tag = '<span class="tag %s">%s</span>' % (risk, risk)
    # a row's values differ between configurations (C has no file); the baseline's setting drifts in B
    row = ('<tr><th><code>%s</code></th><td class="differs">%s</td><td class="%s">%s</td>'
           '<td class="missing">no file</td></tr>')
    classes = "".join(row % (key, column(cols[0], name), "drift" if key == "MainLoop.UserDisableAction" else "differs",
                             column(cols[1], name)) for name, key in settings)
    head = "".join("<th>%s%s</th>" % (key, '<br><span class="muted">suspend</span>'
                                      if key == "MainLoop.UserDisableAction" else "") for _n, key in settings)
    matrix = {
        "dc2": "".join('<td class="drift">remove</td>' if key == "MainLoop.UserDisableAction"
                       else "<td>%s</td>" % column(cols[1], name) for name, key in settings),
        "dc4": '<td class="drift">unreadable</td>' * len(settings),
        "dc5": '<td class="drift">unreadable</td>' * len(settings),
        "dc3": '<td class="missing">no file</td>' * len(settings),
        "dc1": "".join("<td>%s</td>" % column(cols[0], name) for name, _key in settings)}
    order = ["dc2", "dc4", "dc5", "dc3", "dc1"]  # risky and drifted first, then unreadable, then without an agent
    hosts = {"dc2": ("corp", "B", ' class="drift"', "drift", 1, tag),
             "dc4": ("default", "", ' class="drift"', "unreadable", 0, ""),
             "dc5": ("default", "", ' class="drift"', "unreadable", 0, ""),
             "dc3": ("corp", "C", "", "no import agent", 0, ""), "dc1": ("corp", "A", "", "ok", 0, "")}
    page = _render.render(r, "html")
    head_end = "<title>T</title><style>%s</style></head><body>\n" % _render._CSS
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n' + head_end)
    assert page.endswith("\n<script>%s</script></body></html>\n" % _render._JS)
    body = page[page.index(head_end) + len(head_end):page.index("\n<script>")]
    assert body.split("\n") == [
        "<h1>T</h1>",
        '<p class="summary bad" id="summary">%s</p>' % r["summary"],
        '<p><input id="filter" type="search" placeholder="Filter hosts, configurations, statuses" '
        'oninput="adiFilter(this.value)"></p>',
        '<h2 id="configurations">Configurations</h2><ul><li>1 host has configuration A: dc1</li>'
        '<li>1 host has configuration B: dc2%s</li><li>1 host has configuration C: dc3</li></ul>' % tag
        + '<table id="classes"><tr><th>setting</th><th>A</th><th>B</th><th>C</th></tr>' + classes + "</table>",
        '<h2 id="hosts">Hosts</h2><table id="host-table" class="filterable"><tr><th class="sort">host</th>'
        '<th class="sort">domain</th><th class="sort">configuration</th><th class="sort">status</th>'
        '<th class="sort">settings drifted</th><th class="sort">risks</th></tr>' + "".join(
            '<tr class="row"><td>%s</td><td>%s</td><td>%s</td><td%s>%s</td><td>%d</td><td>%s</td></tr>'
            % ((h,) + hosts[h]) for h in order) + "</table>",
        '<h2>Current values</h2><table id="matrix" class="filterable"><tr><th>host</th>%s</tr>' % head + "".join(
            '<tr class="row"><th>%s %s</th>%s</tr>' % (h, tag if h == "dc2" else "", matrix[h]) for h in order)
        + "</table>",
        '<h2 id="findings">Findings</h2><ul>',
        '<li>warning <code>w</code>: UserDisableAction: a <span class="muted">(dc2)</span></li>', "</ul>",
        '<h2 id="host-dc2">dc2 %s</h2><ul>' % tag,
        "<li><code>MainLoop.UserDisableAction</code> in <code>C:\\2.json</code>: baseline suspend, found remove</li>",
        "<li>%sthe JumpCloud account is deleted (before: suspended) %s</li>" % (DISABLED, tag)
        + "<li>%sthe JumpCloud ADI binding is unbound (before: unchanged) </li>" % DISABLED,
        "<li>When an AD account is enabled again: the JumpCloud account is unchanged (before: active) </li>", "</ul>",
        '<h2 id="host-dc4">dc4 </h2><ul>', '<li class="unreadable"><strong>unreadable</strong> (import agent): not '
        'JSON</li>', "</ul>",
        '<h2 id="host-dc5">dc5 </h2><ul>', '<li class="unreadable"><strong>unreadable</strong>: %s</li>'
        % _report.NO_RESULT, "</ul>",
        '<p class="muted">Generated by the jumpcloud.adi collection. Of the agent files, only the values of catalog '
        'settings are shown.</p>']


def review_fleet():
    """A change on one host, a host with no result, one whose import file could not be planned, one unchanged."""
    dis = RISK_CASES[0][1:]
    unlock = RISK_CASES[4][1:]
    one = module_result("import", "user_disable_action", "MainLoop.UserDisableAction", "suspend", "remove",
                        "ad_user_disabled", "import_only")
    one["findings"] = [{"severity": "error", "code": "e", "message": "an error"},
                       {"severity": "warning", "code": "w", "message": "a warning"},
                       {"severity": "info", "code": "i", "message": "not in a report"}]
    enabled = predicted("ad_user_enabled", "import_only", "import", "user_disable_action", "suspend", "remove")
    one["impact"].append({"event": "ad_user_enabled", "changes": [], "before": enabled["baseline"],
                          "after": _report.brief(enabled)})
    one["diff"] = {"before": '{\n  "UserDisableAction": "suspend"\n}', "after": '{\n  "UserDisableAction": "remove"\n}',
                   "before_header": "C:\\import.json (before)", "after_header": "C:\\import.json (after)"}
    three = module_result("sync", "sync_account_locked_out_status", "SyncAccountLockedOutStatus", True, False,
                          unlock[0], unlock[1])
    three["diff"] = {"before": "{\n  \"a\": 1\n}", "after": "{\n  \"a\": 2\n}"}  # no headers
    same = {a: dict(review_result(a, MISMATCH[a]), changed=False) for a in ("import", "sync")}
    assert dis[0] == "ad_user_disabled"
    return {"dc1": {"import": one, "sync": {"missing": True, "path": "C:\\sync.json", "msg": "not installed"}},
            "dc2": None,
            "dc3": {"import": {"failed": True, "path": "C:\\import.json", "msg": "not JSON"}, "sync": three},
            "dc4": same}


def test_review_whole():
    hosts = review_fleet()
    one, three = hosts["dc1"]["import"], hosts["dc3"]["sync"]
    r = _report.review(hosts, "R")
    risk = "DELETES_JC_USER_ON_AD_DISABLE"
    # Configuration Settings Outcomes in a Two-way Sync > Key Considerations for 2-Way Sync (lint's finding)
    mismatch = [f for f in lint_both(MISMATCH) if f["agent"] == "both"]
    assert [f["code"] for f in mismatch] == ["lockout_status_mismatch"]
    assert r == {
        "kind": "review", "title": "R",
        # dc3's sync file would change, but its import file cannot be planned: a rollout refuses the whole host (a
        # host is changed whole or not at all), so only dc1 changes
        "summary": "Review: 1 of 4 hosts change, 2 settings; 1 host would start to delete JumpCloud users on AD "
                   "disable (dc1); 2 hosts could not be reviewed (dc2, dc3)",
        "hosts": {
            "dc1": {"host": "dc1", "risks": [risk], "changed": True, "failed": False, "missing": ["sync"],
                    "findings": [], "agents": {
                        "import": {"path": "C:\\import.json", "changed": True, "changes": one["changes"],
                                   "impact": [dict(one["impact"][0], tags=[risk]), dict(one["impact"][1], tags=[])],
                                   "diff": one["diff"], "findings": one["findings"][:2]},
                        "sync": {"missing": True, "path": "C:\\sync.json", "msg": "not installed"}},
                    "not_predicted": [{"agent": "sync", "reason": "not predicted: no sync agent",
                                       "events": [e for e in events_of("two_way") if e.startswith("jc_")]}]},
            "dc2": {"host": "dc2", "risks": [], "changed": False, "failed": True, "missing": [], "findings": [],
                    "agents": {}, "reason": _report.NO_RESULT},
            # a file could not be planned: no outcomes and no risk for the host (never guessed with defaults)
            "dc3": {"host": "dc3", "risks": [], "changed": True, "failed": True, "missing": [], "findings": [],
                    "outcomes_not_predicted": True, "agents": {
                        "import": {"failed": True, "path": "C:\\import.json", "msg": "not JSON"},
                        "sync": {"path": "C:\\sync.json", "changed": True, "changes": three["changes"], "impact": [],
                                 "diff": three["diff"], "findings": []}}},
            "dc4": {"host": "dc4", "risks": [], "changed": False, "failed": False, "missing": [], "findings": mismatch,
                    "agents": {a: {"path": "C:\\%s.json" % a, "changed": False, "changes": [], "impact": [],
                                   "diff": None, "findings": []} for a in ("import", "sync")}},
        },
        "changing_hosts": ["dc1"], "failed_hosts": ["dc2", "dc3"],
        # no two hosts get the identical change: one group each
        "groups": [{"label": label, "hosts": [host], "changed": changed, "failed": failed, "risks": risks}
                   for label, host, changed, failed, risks in (
                       ("A", "dc1", True, False, [risk]), ("B", "dc2", False, True, []),
                       ("C", "dc3", True, True, []), ("D", "dc4", False, False, []))],
        "stats": {"adi_hosts": 4, "adi_changing_hosts": 1, "adi_changed_settings": 2, "adi_unreviewed_hosts": 2,
                  "adi_risky_hosts": 1},
    }


def test_review_in_markdown_whole():
    r = _report.review(review_fleet(), "R")
    risk = "DELETES_JC_USER_ON_AD_DISABLE"
    f = r["hosts"]["dc4"]["findings"][0]
    assert _render.render(r, "markdown") == "\n".join([
        "# R", "", "**%s**" % r["summary"], "",
        "## dc1 - " + risk, "",
        "### import agent (`C:\\import.json`)", "",
        "| setting | before | after |", "|---|---|---|", "| `MainLoop.UserDisableAction` | suspend | remove |", "",
        "- " + DISABLED + "the JumpCloud account is deleted (before: suspended) **%s**" % risk,
        "- " + DISABLED + "the JumpCloud ADI binding is unbound (before: unchanged)",
        "- When an AD account is enabled again: the JumpCloud account is unchanged (before: active)",
        "- error `e`: an error", "- warning `w`: a warning", "",
        "- sync agent: not installed", "",
        "- " + _report.not_predicted_words(r["hosts"]["dc1"]["not_predicted"][0]), "",
        "## dc2", "", "- **could not be reviewed**: " + _report.NO_RESULT, "",
        "## dc3", "", "- " + _render.NOT_PREDICTED, "", "- import agent: not JSON", "",
        "### sync agent (`C:\\sync.json`)", "",
        "| setting | before | after |", "|---|---|---|", "| `SyncAccountLockedOutStatus` | true | false |", "",
        "## dc4", "", "### import agent (`C:\\import.json`)", "", "No change.", "",
        "### sync agent (`C:\\sync.json`)", "", "No change.", "",
        "- both agents: %s `lockout_status_mismatch`: %s" % (f["severity"], f["message"])]) + "\n"


def test_review_in_html_whole():
    r = _report.review(review_fleet(), "R")
    risk = "DELETES_JC_USER_ON_AD_DISABLE"
    tag = '<span class="tag %s">%s</span>' % (risk, risk)
    f = r["hosts"]["dc4"]["findings"][0]
    table = "<table><tr><th>setting</th><th>before</th><th>after</th></tr>"
    page = _render.render(r, "html")
    head_end = "<title>R</title><style>%s</style></head><body>\n" % _render._CSS
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n' + head_end)
    assert page.endswith("\n<script>%s</script></body></html>\n" % _render._JS)
    body = page[page.index(head_end) + len(head_end):page.index("\n<script>")]
    # the masked diff: removed lines red, added green, the rest as it is (escaped)
    assert body == "\n".join([
        "<h1>R</h1>", '<p class="summary bad" id="summary">%s</p>' % r["summary"],
        '<h2 id="host-dc1">dc1 %s</h2>' % tag,
        "<h3>import agent <code>C:\\import.json</code></h3>", table,
        '<tr><td><code>MainLoop.UserDisableAction</code></td><td>suspend</td><td class="drift">remove</td></tr>',
        "</table><ul>",
        "<li>%sthe JumpCloud account is deleted (before: suspended) %s</li>" % (DISABLED, tag)
        + "<li>%sthe JumpCloud ADI binding is unbound (before: unchanged) </li>" % DISABLED,
        "<li>When an AD account is enabled again: the JumpCloud account is unchanged (before: active) </li>",
        "<li>error <code>e</code>: an error</li>", "<li>warning <code>w</code>: a warning</li>", "</ul>",
        "<pre>--- C:\\import.json (before)\n+++ C:\\import.json (after)\n@@ -1,3 +1,3 @@\n {\n"
        '<span class="del">-  &quot;UserDisableAction&quot;: &quot;suspend&quot;</span>\n'
        '<span class="add">+  &quot;UserDisableAction&quot;: &quot;remove&quot;</span>\n }</pre>',
        '<p class="muted">sync agent: not installed</p>',
        '<p class="muted">%s</p>' % html.escape(_report.not_predicted_words(r["hosts"]["dc1"]["not_predicted"][0])),
        '<h2 id="host-dc2">dc2 </h2>',
        '<p class="unreadable"><strong>could not be reviewed</strong>: %s</p>' % _report.NO_RESULT,
        '<h2 id="host-dc3">dc3 </h2>', '<p class="unreadable">%s</p>' % html.escape(_render.NOT_PREDICTED),
        '<p class="muted">import agent: not JSON</p>',
        "<h3>sync agent <code>C:\\sync.json</code></h3>", table,
        '<tr><td><code>SyncAccountLockedOutStatus</code></td><td>true</td><td class="drift">false</td></tr>',
        "</table><ul>", "</ul>",
        '<pre>--- before\n+++ after\n@@ -1,3 +1,3 @@\n {\n<span class="del">-  &quot;a&quot;: 1</span>\n'
        '<span class="add">+  &quot;a&quot;: 2</span>\n }</pre>',
        '<h2 id="host-dc4">dc4 </h2>',
        "<h3>import agent <code>C:\\import.json</code></h3>", '<p class="muted">No change.</p>',
        "<h3>sync agent <code>C:\\sync.json</code></h3>", '<p class="muted">No change.</p>',
        "<ul><li>both agents: %s <code>lockout_status_mismatch</code>: %s</li></ul>"
        % (f["severity"], html.escape(f["message"])),
        '<p class="muted">Generated by the jumpcloud.adi collection. Of the agent files, only the values of catalog '
        'settings are shown.</p>'])


def unreadable(n):
    return {"dc%03d" % i: {"import": {"exists": True, "status": "unreadable", "path": "p", "error": "denied"}}
            for i in range(n)}


@pytest.mark.parametrize("n, named", [
    (1, "1 host unreadable (dc000)"),
    # five hosts are named in the summary, the rest counted
    (5, "5 hosts unreadable (dc000, dc001, dc002, dc003, dc004)"),
    (6, "6 hosts unreadable (dc000, dc001, dc002, dc003, dc004, and 1 more)"),
])
def test_the_summary_names_five_hosts_per_phrase(n, named):
    summary = _report.drift(unreadable(n), {}, "import_only")["summary"]
    assert summary == "Drift: 0 of %d hosts, 0 settings; %s" % (n, named)


def test_the_html_has_the_host_by_setting_table_up_to_100_hosts():
    # docs/workflows.md, "Reading a fleet report": "Up to 100 hosts, also a host-by-setting table of current values"
    assert '<table id="matrix"' in _render.render(_report.drift(unreadable(100), {}, "import_only"), "html")
    assert '<table id="matrix"' not in _render.render(_report.drift(unreadable(101), {}, "import_only"), "html")


@pytest.mark.parametrize("n, line", [
    (10, "10 hosts share configuration A: " + ", ".join("h%02d" % i for i in range(10))),
    (11, "11 hosts share configuration A: " + ", ".join("h%02d" % i for i in range(10)) + ", and 1 more"),
])
def test_a_configuration_names_ten_of_its_hosts(n, line):
    hosts = {"h%02d" % i: {"import": info("import", {"user_disable_action": "suspend"})} for i in range(n)}
    r = _report.drift(hosts, {}, "import_only")
    assert "- %s\n" % line in _render.render(r, "markdown") and "<li>%s</li>" % line in _render.render(r, "html")


def test_configurations_beyond_twelve_are_listed_not_shown_side_by_side():
    # thirteen configurations: thirteen values of PasswordChangeListener.PollTimeMillis
    hosts = {"h%02d" % i: {"import": info("import", {"password_change_listener_poll_time_millis": 1000 * (i + 1)})}
             for i in range(13)}
    r = _report.drift(hosts, {}, "import_only")
    labels = [c["label"] for c in r["classes"]]
    assert labels == [chr(65 + i) for i in range(13)]
    md = _render.render(r, "markdown")
    assert "| setting | %s |\n|---|%s\n" % (" | ".join(labels[:12]), "---|" * 12) in md
    assert "- 1 host has configuration M: h12\n" in md
    page = _render.render(r, "html")
    assert '<table id="classes"><tr><th>setting</th>%s</tr>' % "".join("<th>%s</th>" % x for x in labels[:12]) in page
    assert "<li>1 host has configuration M: h12</li>" in page


def test_configuration_labels_go_on_after_z():
    # _report._label: "A, B, ..., Z, AA, AB, ..."
    assert [_report._label(n) for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_configurations_largest_first_then_by_first_host():
    hosts = {"a": {"import": info("import", {"user_disable_action": "remove"})},
             "b": {"import": info("import", {"user_disable_action": "suspend"})},
             "c": {"import": info("import", {"user_disable_action": "suspend"})},
             "d": {"import": info("import", {"user_expire_action": "expire"})}}
    r = _report.drift(hosts, {}, "import_only")
    assert [(c["label"], c["hosts"]) for c in r["classes"]] == [("A", ["b", "c"]), ("B", ["a"]), ("C", ["d"])]
    assert [r["hosts"][h]["class"] for h in "abcd"] == ["B", "A", "A", "C"]


def peer_rows(values, domains=None):
    """The peer rows of a drift report of hosts h0, h1, ... holding these UserDisableAction values."""
    hosts = {"h%d" % i: {"domain": (domains or {}).get(i, "corp"),
                         "import": info("import", {"user_disable_action": v}, "C:\\h%d.json" % i) if v else
                         {"exists": False, "path": "C:\\h%d.json" % i}} for i, v in enumerate(values)}
    r = _report.drift(hosts, {}, "import_only")
    assert [x for x in r["rows"] if x["kind"] == "peers"] == [x for h in sorted(hosts)
                                                              for x in r["hosts"][h]["peer_drift"]]
    return [x for x in r["rows"] if x["kind"] == "peers"]


def test_peer_drift_is_a_difference_from_the_majority_of_at_least_three_peers():
    # drift_report DOCUMENTATION: "hosts of the same domain whose effective settings differ from the majority"
    assert peer_rows(["suspend", "suspend", "remove"]) == [
        {"host": "h2", "kind": "peers", "agent": "import", "setting": "user_disable_action",
         "key": "MainLoop.UserDisableAction", "file": "C:\\h2.json", "peers": "suspend", "found": "remove",
         "domain": "corp"}]
    assert peer_rows(["suspend", "remove"]) == []  # two hosts: no majority to speak of
    assert peer_rows(["suspend", None, "remove"]) == []  # two of three hosts with a file
    assert peer_rows(["suspend", "suspend", "remove", "remove"]) == []  # a tie is no majority
    assert peer_rows(["suspend", "suspend", "unbind", "remove"]) == []  # two of four is no majority either
    # peers are the hosts of one domain
    assert peer_rows(["suspend", "suspend", "remove", "remove"], {2: "lab", 3: "lab"}) == []
    assert [x["host"] for x in peer_rows(["suspend"] * 3 + ["remove", "remove"], {3: "lab"})] == ["h4"]


def test_peer_drift_in_markdown_and_html():
    hosts = {"h%d" % i: {"domain": "corp", "import": info("import", {"user_disable_action": v}, "C:\\h%d.json" % i)}
             for i, v in enumerate(["suspend", "suspend", "suspend", "remove", "unbind"])}
    r = _report.drift(hosts, {}, "import_only")
    md = _render.render(r, "markdown")
    assert "| | | no drift from the baseline | | | |\n" in md
    assert ("\n2 hosts differ from most of their peers in the domain (h3, h4): see the configurations below.\n\n"
            "## Configurations\n" in md)
    one = _render.render(_report.drift(dict(hosts, h4=hosts["h0"]), {}, "import_only"), "markdown")
    assert "\n1 host differs from most of their peers in the domain (h3): see the configurations below.\n" in one
    # peer drift is shown per configuration and in the host table; a host gets no section of its own for it
    assert "## h3" not in md
    page = _render.render(r, "html")
    assert ('<tr class="row"><td>h3</td><td>corp</td><td>B</td><td class="drift">drift</td><td>1</td><td></td></tr>'
            in page)
    assert '<h2 id="host-h3">' not in page


def test_drift_bad_input():
    with pytest.raises(SettingsError, match="^hosts must be a dict of host -> agent_config_info result$"):
        _report.drift(["dc1"], {})
    with pytest.raises(SettingsError, match="^baseline sync settings must be a dict$"):
        _report.drift({}, {"import": {}, "sync": ["x"]})
    with pytest.raises(SettingsError, match="^baseline import settings: unknown a, b$"):
        _report.drift({}, {"import": {"a": 1, "user_disable_action": "suspend", "b": 2}})
    with pytest.raises(SettingsError, match="deployment"):
        _report.drift({}, {}, "three_way")
    with pytest.raises(SettingsError, match="^hosts must be a dict of host -> config module results$"):
        _report.review(["dc1"])


def test_the_baseline_is_in_catalog_order_and_by_option_name():
    r = _report.drift({}, {"import": {"UserExpireAction": "expire", "user_disable_action": "suspend"},
                           "sync": None})
    assert list(r["baseline"]["import"].items()) == [("user_disable_action", "suspend"),
                                                     ("user_expire_action", "expire")]
    assert r["baseline"]["sync"] == {}


def test_older_info_entries_carry_only_exists():
    # an entry without "status" (older agent_config_info results): a file that exists is read, one that does not
    # is missing
    old = {"exists": True, "path": "C:\\i.json", "settings": {"user_disable_action": "remove"}, "effective": {},
           "findings": []}
    r = _report.drift({"dc1": {"import": old}, "dc2": {"import": {"exists": False, "path": "C:\\i.json"}}},
                      {"import": {"user_disable_action": "suspend"}}, "import_only")
    assert r["drifted_hosts"] == ["dc1"] and r["hosts_without_agent"] == ["dc2"] and r["unreadable_hosts"] == []
    assert r["hosts"]["dc1"]["agents"] == {"import": {"path": "C:\\i.json", "exists": True, "status": "ok"}}


def test_a_host_without_either_agent():
    r = _report.drift({"dc1": {"import": {"exists": False}, "sync": {"exists": False}}}, {})
    assert r["hosts"]["dc1"]["missing"] == ["import", "sync"] and r["hosts_without_agent"] == ["dc1"]
    assert "<td>no import or sync agent</td>" in _render.render(r, "html")
    assert "## dc1" not in _render.render(r, "markdown")  # no agent is no failure: shown once, in the configurations


def test_markdown_escapes_table_cells_and_lines():
    # every text taken from a report is escaped (_render.py): a "|" would end a table cell, a newline the row
    hosts = {"a|b\nc": {"import": info("import", {"user_disable_action": "remove"}, "C:\\x|y.json")}}
    md = _render.render(_report.drift(hosts, {"import": {"user_disable_action": "suspend"}}, "import_only"), "markdown")
    assert "| a\\|b c | import | `MainLoop.UserDisableAction` | C:\\x\\|y.json | suspend | remove |\n" in md
    assert "\n## a\\|b c - DELETES_JC_USER_ON_AD_DISABLE\n" in md


def test_markdown_escapes_emphasis_in_host_names():
    # found by the adversarial review: dc_01_x and *dc* rendered in italics, so the host named was not the host shown
    hosts = {"dc_01_x": {"import": info("import", {"user_disable_action": "remove"})},
             "*dc*": {"import": info("import", {"user_disable_action": "remove"})}}
    md = _render.render(_report.drift(hosts, {"import": {"user_disable_action": "suspend"}}, "import_only"), "markdown")
    assert "\n## dc\\_01\\_x - DELETES_JC_USER_ON_AD_DISABLE\n" in md
    assert "\n## \\*dc\\* - DELETES_JC_USER_ON_AD_DISABLE\n" in md
    assert "dc_01_x" not in md.replace("`dc_01_x`", "")


def test_a_clean_report_is_not_marked_bad():
    hosts = {"dc1": {"import": info("import", {"user_disable_action": "suspend"})}}
    clean = _render.render(_report.drift(hosts, {"import": {"user_disable_action": "suspend"}}, "import_only"), "html")
    assert '<p class="summary" id="summary">Drift: 0 of 1 hosts, 0 settings</p>' in clean
    review = _render.render(_report.review({"dc1": {"import": review_result("import", {})}}), "html")
    assert '<p class="summary" id="summary">Review: 1 of 1 hosts change, 0 settings</p>' in review


def test_json_is_the_report_with_sorted_keys():
    r = _report.review(review_fleet())
    text = _render.render(r, "json")
    assert json.loads(text) == json.loads(json.dumps(r)) and text.endswith("}\n")
    assert text.startswith('{\n  "changing_hosts": [\n    "dc1"\n  ],\n  "failed_hosts": [\n    "dc2",')


def test_findings_grouped_errors_first_then_by_how_many_hosts_have_them():
    def with_findings(*findings):
        return {"import": dict(info("import", {"user_disable_action": "suspend"}), findings=list(findings))}
    w1 = {"severity": "warning", "code": "w1", "agent": "import", "message": "b warning (C:\\x.json, line 2)"}
    w2 = {"severity": "warning", "code": "w2", "agent": "import", "message": "a warning"}
    e1 = {"severity": "error", "code": "e1", "agent": "import", "message": "z error"}
    hosts = {"dc1": with_findings(w2, w1, dict(w1, message="b warning (C:\\y.json, line 9)")), "dc2": with_findings(w1),
             "dc3": with_findings(e1)}
    assert _report.drift(hosts, {}, "import_only")["findings"] == [
        {"severity": "error", "code": "e1", "agent": "import", "message": "z error", "hosts": ["dc3"]},
        # the same finding in two files of a host, or in two hosts' files: one line (path and line left out)
        {"severity": "warning", "code": "w1", "agent": "import", "message": "b warning", "hosts": ["dc1", "dc2"]},
        {"severity": "warning", "code": "w2", "agent": "import", "message": "a warning", "hosts": ["dc1"]}]


def test_default_titles_and_deployment():
    # drift_report and review_report DOCUMENTATION: the titles' defaults; jumpcloud.adi.settings.deployment: two_way
    r = _report.drift({}, {})
    assert (r["title"], r["deployment"], sorted(r["baseline"])) == (
        "JumpCloud ADI drift report", "two_way", ["import", "sync"])
    assert _report.review({})["title"] == "JumpCloud ADI change review"


def test_a_review_host_without_either_agent_is_reviewed():
    r = _report.review({"dc1": {"import": {"missing": True, "path": "C:\\i.json"},
                                "sync": {"missing": True, "path": "C:\\s.json", "msg": "no sync agent"}}})
    assert r["failed_hosts"] == [] and r["hosts"]["dc1"]["missing"] == ["import", "sync"]
    assert "- import agent: not found\n\n- sync agent: no sync agent\n" in _render.render(r, "markdown")
    page = _render.render(r, "html")
    assert '<p class="muted">import agent: not found</p>\n<p class="muted">sync agent: no sync agent</p>' in page


def test_a_configuration_shows_where_each_value_comes_from():
    # docs/workflows.md: the effective value and where it comes from when not from the file (default, ambiguous,
    # undocumented where the vendor document states no default)
    eff = {"user_disable_action": {"value": "suspend", "source": "file"},
           "user_expire_action": {"value": "expire", "source": "default: new install"},
           "user_dissociation_action": {"value": "remove", "source": "default", "ambiguous": True},
           "user_takeover_action": {"value": None, "source": "not_deployed"},
           # a default that depends on the deployment (as the sync agent's group_membership_sync_type has)
           "sync_additional_attributes": {"value": True, "source": "default:deployment:two_way"}}
    hosts = {"dc1": {"import": {"exists": True, "status": "ok", "path": "p", "settings": {}, "effective": eff}}}
    values = _report.drift(hosts, {}, "import_only")["classes"][0]["values"]["import"]
    assert values["user_disable_action"] == ["suspend", "file"]
    assert values["user_expire_action"] == ["expire", "default"]
    assert values["user_dissociation_action"] == ["remove", "ambiguous"]
    assert values["user_takeover_action"] == [None, "not_deployed"]
    assert values["user_field_mapping"] == [None, "undocumented"]
    assert values["sync_additional_attributes"] == [True, "default"]
    md = _render.render(_report.drift(hosts, {}, "import_only"), "markdown")
    cells = dict(line[3:-2].split("` | ") for line in md.splitlines() if line.startswith("| `MainLoop."))
    names = ("UserDisableAction", "UserExpireAction", "UserDissociationAction", "UserTakeoverAction",
             "UserFieldMapping")
    assert [cells["MainLoop." + k] for k in names] == [
        "suspend", "expire (default)", "remove (ambiguous)", "absent (not deployed)", "absent (undocumented)"]


BASE_TWO = {"import": {"user_disable_action": "remove", "sync_account_locked_out_status": True},
            "sync": {"user_disconnection_action": "remove", "membership_disconnection": "remove",
                     "group_disconnection_action": "retain", "sync_account_locked_out_status": True}}


def test_two_way_drift_predicts_each_host_from_both_its_files_against_the_baseline_s():
    h1 = {"import": BASE_TWO["import"], "sync": dict(BASE_TWO["sync"], membership_disconnection="retain")}
    h2 = {"import": BASE_TWO["import"], "sync": dict(BASE_TWO["sync"], group_disconnection_action="remove",
                                                     sync_account_locked_out_status=False)}
    h3 = {"import": dict(BASE_TWO["import"], user_disable_action="suspend"), "sync": BASE_TWO["sync"]}
    h4 = {"sync": dict(BASE_TWO["sync"], user_disconnection_action="disable")}  # no import result at all
    hosts = {name: dict({a: info(a, s, "C:\\%s-%s.json" % (name, a)) for a, s in files.items()}, domain=name)
             for name, files in (("h1", h1), ("h2", h2), ("h3", h3), ("h4", h4))}
    hosts["h5"] = {"import": {"exists": True, "status": "unreadable", "path": "C:\\h5-import.json", "error": "denied"},
                   "sync": {"exists": False, "path": "C:\\h5-sync.json"}}
    r = _report.drift(hosts, BASE_TWO)
    # the risks new against the baseline (Sync Agent Settings > group_disconnection_action and
    # SyncAccountLockedOutStatus); h1's AD accounts were deleted on a JumpCloud delete in the baseline too, and h3's
    # JumpCloud users on an AD disable (Import Agent Settings > UserDisableAction: remove)
    assert r["summary"] == ("Drift: 4 of 5 hosts, 5 settings; 1 host would delete AD groups on disconnect (h2); "
                            "1 host would unlock locked AD accounts on any JumpCloud update (h2); 1 host unreadable "
                            "(h5)")
    tags = {"h2": {"jc_group_disconnected": ["DELETES_AD_GROUP_ON_DISCONNECT"],
                   "jc_user_updated": ["AD_UNLOCK_ON_ANY_UPDATE"]}}
    for name, files in (("h1", h1), ("h2", h2), ("h3", h3)):
        want = [(x["event"], x["baseline"], _report.brief(x), tags.get(name, {}).get(x["event"], []))
                for x in outcomes(None, files["import"], files["sync"], "two_way",
                                  baseline_import_settings=BASE_TWO["import"],
                                  baseline_sync_settings=BASE_TWO["sync"]) if x["changed"]]
        got = [(c["event"], c["baseline"], c["found"], c["tags"]) for c in r["hosts"][name]["outcome_changes"]]
        assert got == want and want, name
    assert "ad_user_disabled" in [c["event"] for c in r["hosts"]["h3"]["outcome_changes"]]
    # Configuration Settings Outcomes in a Two-way Sync > Key Considerations for 2-Way Sync: checked from both files
    # (h4 gave one: nothing to compare)
    both = [(f["code"], f["hosts"]) for f in r["findings"] if f["code"] != "x"]
    assert both == [("lockout_status_mismatch", ["h2"])]
    assert [(x["host"], x["setting"]) for x in r["rows"]] == [
        ("h1", "membership_disconnection"), ("h2", "group_disconnection_action"),
        ("h2", "sync_account_locked_out_status"), ("h3", "user_disable_action"), ("h4", "user_disconnection_action")]
    md = _render.render(r, "markdown")
    assert ('Baseline: import `{"sync_account_locked_out_status": true, "user_disable_action": "remove"}`, sync '
            '`{"group_disconnection_action": "retain", "membership_disconnection": "remove", '
            '"sync_account_locked_out_status": true, "user_disconnection_action": "remove"}`.') in md
    assert ("\n## h5\n\n- **unreadable** (import agent): denied\n- sync agent file not found (C:\\h5-sync.json): is "
            "the agent installed?\n") in md
    assert ('\n<h2 id="host-h5">h5 </h2><ul>\n<li class="unreadable"><strong>unreadable</strong> (import agent): '
            'denied</li>\n<li>sync agent file not found (<code>C:\\h5-sync.json</code>): is the agent installed?</li>'
            '\n') in _render.render(r, "html")


def test_hosts_needing_a_person_come_first():
    # _render._host_order: drifted and risky hosts first, then unreadable ones, then hosts without an agent, then
    # the rest; docs/workflows.md: "drifted and risky hosts first"
    files = {"a": {}, "d": {"user_takeover_action": "retain"}, "e": {"user_disable_action": "unbind"},
             "f": {"user_disable_action": "remove"}, "g": {}, "h": {}}
    hosts = {h: {"domain": "corp", "import": info("import", dict({"user_disable_action": "suspend"}, **s), h)}
             for h, s in files.items()}
    hosts["b"] = {"domain": "corp", "import": {"exists": False, "path": "b"}}
    hosts["c"] = {"domain": "corp", "import": {"exists": True, "status": "unreadable", "path": "c", "error": "denied"}}
    r = _report.drift(hosts, {"import": {"user_disable_action": "suspend"}}, "import_only")
    e = r["hosts"]
    assert (e["f"]["risks"], e["e"]["risks"], bool(e["e"]["drift"]), e["d"]["drift"], bool(e["d"]["peer_drift"])) == (
        ["DELETES_JC_USER_ON_AD_DISABLE"], [], True, [], True)
    page = _render.render(r, "html")
    table = page[page.index('<table id="host-table"'):]
    table = table[:table.index("</table>")]
    assert [row.split("<")[0] for row in table.split('<tr class="row"><td>')[1:]] == list("fdecbagh")
    # per host, only where something needs a person: drift (with its peer drift), risks, an unreadable file
    md = _render.render(r, "markdown")
    assert [line[3:].split(" ")[0] for line in md.splitlines() if line.startswith("## ") and len(line) < 60] == [
        "Configurations", "Findings", "f", "e", "c"]
    assert ("\n<li><code>MainLoop.UserDisableAction</code>: most peers in corp have suspend, found unbind</li>\n"
            in page)


@pytest.mark.parametrize("report, bad", [
    (lambda: _report.drift({"h": {"import": info("import", {"user_disable_action": "unbind"})}},
                           {"import": {"user_disable_action": "suspend"}}, "import_only"), True),
    (lambda: _report.drift(unreadable(1), {}, "import_only"), True),
    (lambda: _report.drift({"h": {"import": info("import", {})}}, {}, "import_only"), False),
    (lambda: _report.review({"h": None}), True),
    (lambda: _report.review({"h": {"import": module_result("import", "user_disable_action",
                                                           "MainLoop.UserDisableAction", "suspend", "remove",
                                                           "ad_user_disabled", "import_only")}}), True),
    (lambda: _report.review({"h": {"import": review_result("import", {})}}), False),
])
def test_the_summary_is_marked_when_something_needs_a_person(report, bad):
    # drift, an unreadable host, a host not reviewed, a risk
    r = report()
    assert ('<p class="summary bad" id="summary">' in _render.render(r, "html")) is bad
    assert ('<p class="summary" id="summary">' in _render.render(r, "html")) is not bad


def configurations_table(page):
    start = page.index('<table id="classes">')
    return {row.split("</code>")[0]: row.split("</th>", 1)[1] for row in
            page[start:page.index("</table>", start)].split("<tr><th><code>")[1:]}


def test_configurations_highlight_values_that_differ_and_drift():
    # docs/workflows.md: values that differ between configurations highlighted, drift from the baseline in red
    hosts = {"h1": {"import": info("import", {"user_disable_action": "suspend", "user_expire_action": "expire"})},
             "h2": {"import": info("import", {"user_disable_action": "remove", "user_expire_action": "expire"})}}
    rows = configurations_table(_render.render(_report.drift(hosts, {}, "import_only"), "html"))
    assert rows["MainLoop.UserDisableAction"] == '<td class="differs">suspend</td><td class="differs">remove</td></tr>'
    assert rows["MainLoop.UserExpireAction"] == "<td>expire</td><td>expire</td></tr>"
    rows = configurations_table(_render.render(_report.drift(hosts, {"import": {"user_disable_action": "suspend"}},
                                                             "import_only"), "html"))
    assert rows["MainLoop.UserDisableAction"] == '<td class="differs">suspend</td><td class="drift">remove</td></tr>'
    # one configuration: nothing differs
    one = configurations_table(_render.render(_report.drift({"h1": hosts["h1"]}, {}, "import_only"), "html"))
    assert one["MainLoop.UserDisableAction"] == "<td>suspend</td></tr>"


def test_no_configurations_section_without_a_readable_host():
    page = _render.render(_report.drift(unreadable(2), {}, "import_only"), "html")
    assert 'oninput="adiFilter(this.value)"></p>\n\n<h2 id="hosts">' in page and 'id="configurations"' not in page
    assert "## Configurations" not in _render.render(_report.drift(unreadable(2), {}, "import_only"), "markdown")


def test_drift_and_review_of_a_change_that_makes_the_outcome_ambiguous():
    # Import Agent Settings > UserDisableAction, "About UserDisableAction's default settings": with
    # UserDissociationAction remove the document reads two ways, one of them deleting the JumpCloud user
    before = {"user_disable_action": "unbind", "user_dissociation_action": "unbind"}
    after = {"user_disable_action": "unbind", "user_dissociation_action": "remove"}
    both = ["DELETES_JC_USER_ON_AD_DISABLE", "AMBIGUOUS"]
    r = _report.drift({"h": {"import": info("import", after)}}, {"import": before}, "import_only")
    assert r["hosts"]["h"]["risks"] == both
    # the drift summary names the risks; the review also what becomes ambiguous
    assert r["summary"] == "Drift: 1 of 1 hosts, 1 settings; 1 host would delete JumpCloud users on AD disable (h)"
    assert "\n## h - DELETES_JC_USER_ON_AD_DISABLE, AMBIGUOUS\n" in _render.render(r, "markdown")
    x = outcomes(["ad_user_disabled"], after, {}, "import_only", baseline_import_settings=before)[0]
    module = {"changed": True, "path": "p", "findings": [], "impact": [
        {"event": "ad_user_disabled", "before": x["baseline"], "after": _report.brief(x)}], "changes": [
        {"setting": "user_dissociation_action", "key": "MainLoop.UserDissociationAction", "before": "unbind",
         "after": "remove"}]}
    v = _report.review({"h": {"import": module}})
    assert v["summary"] == ("Review: 1 of 1 hosts change, 1 settings; 1 host would start to delete JumpCloud users on "
                            "AD disable (h); 1 host would become ambiguous in the vendor document (h)")
    md = _render.render(v, "markdown")
    assert "\n## h - DELETES_JC_USER_ON_AD_DISABLE, AMBIGUOUS\n" in md
    assert " **DELETES_JC_USER_ON_AD_DISABLE, AMBIGUOUS**\n" in md
    tags = "".join('<span class="tag %s">%s</span>' % (t, t) for t in both)
    assert '<h2 id="host-h">h %s</h2>' % tags in _render.render(v, "html")


@pytest.mark.parametrize("results", [{"import": "not a result"}, {"import": {}}, {"import": None, "sync": []}, {}])
def test_a_review_host_without_a_usable_result_could_not_be_reviewed(results):
    r = _report.review({"dc1": results})
    assert r["hosts"]["dc1"] == {"host": "dc1", "agents": {}, "risks": [], "changed": False, "failed": True,
                                 "missing": [], "findings": [], "reason": _report.NO_RESULT}
    assert r["failed_hosts"] == ["dc1"]


@pytest.mark.parametrize("other", [{"failed": True, "msg": "refused"}, {"missing": True, "msg": "not installed"}])
def test_the_review_compares_the_two_files_only_when_both_were_planned(other):
    # a result that was not planned (failed, or no file) holds no settings the host would have, whatever it carries
    r = _report.review({"dc1": {"import": dict(other, path="C:\\i.json", settings=MISMATCH["import"]),
                                "sync": review_result("sync", MISMATCH["sync"])}})
    assert r["hosts"]["dc1"]["findings"] == []


def test_a_review_tags_only_what_the_change_starts():
    # the AD account was deleted on a JumpCloud delete before and still is (Sync Agent Settings >
    # user_disconnection_action: remove); only the memberships change (membership_disconnection)
    x = outcomes(["jc_user_deleted"], sync_settings=dict(SYNC_SET, user_disconnection_action="remove",
                                                         membership_disconnection="retain"), deployment="sync_only",
                 baseline_sync_settings=dict(SYNC_SET, user_disconnection_action="remove"))[0]
    assert x["changed"] and x["baseline"]["ad"]["account"] == x["ad"]["account"] == "deleted"
    module = dict(review_result("sync", {}), impact=[{"event": "jc_user_deleted", "before": x["baseline"],
                                                      "after": _report.brief(x)}])
    r = _report.review({"dc1": {"sync": module}})
    assert r["hosts"]["dc1"]["risks"] == [] and r["hosts"]["dc1"]["agents"]["sync"]["impact"][0]["tags"] == []


def test_findings_are_one_line_per_severity_code_agent_and_words():
    same = "UserDisableAction: a"
    findings = [{"severity": "warning", "code": "w", "agent": "import", "message": same},
                {"severity": "error", "code": "w", "agent": "import", "message": same},
                {"severity": "warning", "code": "v", "agent": "import", "message": same},
                {"severity": "warning", "code": "w", "agent": "sync", "message": same},
                {"severity": "warning", "code": "m"}]
    hosts = {"dc1": {"import": dict(info("import", {}), findings=findings)}}
    got = _report.drift(hosts, {}, "import_only")["findings"]
    assert got == [{"severity": "error", "code": "w", "agent": "import", "message": same, "hosts": ["dc1"]},
                   {"severity": "warning", "code": "m", "agent": None, "message": "", "hosts": ["dc1"]}] + [
        {"severity": "warning", "code": c, "agent": a, "message": same, "hosts": ["dc1"]}
        for c, a in (("w", "import"), ("v", "import"), ("w", "sync"))]


def test_peer_drift_per_domain_and_per_setting():
    def fleet_of(files):
        return {h: {"domain": d, "import": info("import", s, h) if s is not None else
                    {"exists": True, "status": "ok", "path": h, "settings": {}}} for h, (d, s) in files.items()}
    # a lone host's domain first, then a domain with a majority
    r = _report.drift(fleet_of({"a": ("alone", {}), "b1": ("corp", {}), "b2": ("corp", {}),
                                "b3": ("corp", {"user_disable_action": "remove"})}), {}, "import_only")
    assert [(x["host"], x["setting"]) for x in r["rows"]] == [("b3", "user_disable_action")]
    # a tie on one setting (UserTakeoverAction, before UserDisableAction in the catalog) and a majority on the next
    r = _report.drift(fleet_of({"b1": ("corp", {"user_takeover_action": "retain"}),
                                "b2": ("corp", {"user_takeover_action": "retain"}), "b3": ("corp", {}),
                                "b4": ("corp", {"user_disable_action": "remove"})}), {}, "import_only")
    assert [(x["host"], x["setting"]) for x in r["rows"]] == [("b4", "user_disable_action")]
    # entries without effective values (older results) and a host that gave no result, among three peers
    r = _report.drift(fleet_of({"b1": ("corp", None), "b2": ("corp", None), "b3": ("corp", None)}), {}, "import_only")
    assert r["rows"] == []
    hosts = fleet_of({"b1": ("default", {}), "b2": ("default", {}), "b3": ("default", {})})
    hosts["b0"] = "unreachable"
    r = _report.drift(hosts, {}, "import_only")
    assert r["rows"] == [] and r["unreadable_hosts"] == ["b0"]
    assert [(c["label"], c["hosts"]) for c in r["classes"]] == [("A", ["b1", "b2", "b3"])]


@pytest.mark.parametrize("reason", ["access denied ", "cannot read C:\\AX"])
def test_markdown_keeps_the_last_line_as_it_is(reason):
    hosts = {"dc1": {"import": {"exists": True, "status": "unreadable", "path": "p", "error": reason}}}
    assert _render.render(_report.drift(hosts, {}, "import_only"), "markdown").endswith(
        "\n- **unreadable** (import agent): %s\n" % reason)


def test_a_setting_absent_from_the_file_drifts_as_absent():
    # user_disconnection_action absent: the document gives two defaults, disable (Sync Agent Settings >
    # user_disconnection_action) and retain (User and User Membership Disconnection Settings)
    hosts = {"dc1": {"sync": info("sync", {"group_disconnection_action": "retain"}, "C:\\s.json")}}
    r = _report.drift(hosts, {"sync": {"user_disconnection_action": "disable"}}, "sync_only")
    assert r["rows"] == [{"host": "dc1", "kind": "baseline", "agent": "sync", "setting": "user_disconnection_action",
                          "key": "user_disconnection_action", "file": "C:\\s.json", "baseline": "disable",
                          "found": None, "effective": None, "ambiguous": True}]
    assert "| dc1 | sync | `user_disconnection_action` | C:\\s.json | disable | absent |\n" in _render.render(
        r, "markdown")
    assert ("<li><code>user_disconnection_action</code> in <code>C:\\s.json</code>: baseline disable, found absent"
            "</li>") in _render.render(r, "html")
    assert "| `user_disconnection_action` | absent (ambiguous) |\n" in _render.render(r, "markdown")

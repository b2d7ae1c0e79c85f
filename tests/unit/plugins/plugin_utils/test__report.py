# -*- coding: utf-8 -*-
"""Fleet reports: drift against baseline and peers, change review, risk tags, rendering."""

from __future__ import annotations

import html
import json

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import outcomes


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
        assert (html.escape(r["summary"]) if fmt == "html" else r["summary"]) in text
    page = _render.render(r, "html")
    # the page's only script is its own filter/sort code; markup in host names and paths is escaped
    assert page.startswith("<!DOCTYPE html>") and page.count("<script") == 1 and "<script>alert" not in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page and "href=" not in page
    # outcome changes in plain words (Configuration Settings Outcomes: UserDisableAction remove deletes the user)
    assert "When an AD account is disabled: the JumpCloud account is deleted (before: suspended)" in page
    assert '<span class="tag DELETES_JC_USER_ON_AD_DISABLE">' in page
    assert json.loads(_render.render(r, "json"))["kind"] == "review"


def test_bad_input():
    with pytest.raises(SettingsError, match="format 'pdf' is not one of json, markdown, html"):
        _render.render(_report.review({}), "pdf")
    with pytest.raises(SettingsError, match="expected a report"):
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
    assert html.escape(_render.NOT_PREDICTED) in _render.render(r, "html")


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

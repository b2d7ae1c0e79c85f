# -*- coding: utf-8 -*-
"""The merge_reports filter (issue 23 item 5) and clear errors from the report filters (issue 21 item 5).

Every error names the partial, the host and the field, says what is allowed, and shows no value found there.
"""

from __future__ import annotations

import copy
import json

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.jumpcloud.adi.plugins.filter.merge import merge_reports
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._argspec import CORE_NAMES_FILTER
from ansible_collections.jumpcloud.adi.plugins.filter.report import drift_report, render_report, review_report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective

SECRET = "c2VjcmV0cGFzc3dvcmQxMjM0NTY3ODkwMTIzNDU2Nzg5MA=="


def info(agent, settings, path="C:\\cfg.json"):
    eff = {v["setting"]: v for v in effective(agent, settings).values()}
    return {"exists": True, "status": "ok", "path": path, "settings": settings, "effective": eff, "findings": []}


BASE = {"import": {"user_disable_action": "suspend"}, "sync": {}}


def fleet(n=9):
    hosts = {}
    for i in range(n):
        action = "remove" if i == 4 else "suspend"
        hosts["dc%02d" % i] = {"domain": "corp", "import": info("import", {"user_disable_action": action}),
                               "sync": info("sync", {"user_disconnection_action": "disable"})}
    return hosts


def partials(hosts, parts=3, kind="drift-partial"):
    names = sorted(hosts)
    return [{"kind": kind, "deployment": "two_way", "title": "T", "baseline": BASE,
             "hosts": {h: hosts[h] for h in names[s::parts]}} for s in range(parts)]


def test_merged_partials_equal_one_run_over_all_hosts():
    hosts = fleet()
    merged = merge_reports(partials(hosts), names=["a.json", "b.json", "c.json"])
    assert merged == drift_report(hosts, baseline=BASE, deployment="two_way", title="T")
    assert merged["drifted_hosts"] == ["dc04"]  # peers over the whole fleet: 8 of 9 keep suspend


def test_review_partials_merge_into_one_review():
    module = {"changed": False, "path": "C:\\i.json", "settings": {}, "changes": [], "impact": [], "findings": []}
    hosts = {"dc%d" % i: {"import": dict(module), "sync": {"missing": True, "path": "C:\\s", "msg": "n"}}
             for i in range(4)}
    got = merge_reports([dict(p, change={"x": 1}) for p in partials(hosts, 2, "review-partial")])
    assert got == review_report(hosts, title="T")


def error(partial_list, names=None):
    with pytest.raises(AnsibleFilterError) as exc:
        merge_reports(partial_list, names=names)
    message = str(exc.value)
    # ansible-core 2.19 and later name the failing filter themselves; before, the filter names itself
    assert message.startswith("" if CORE_NAMES_FILTER else "jumpcloud.adi.merge_reports: ")
    assert SECRET not in message and "c2VjcmV0" not in message
    return message


def test_a_host_in_two_partials_is_named_with_both_partials():
    ps = partials(fleet())
    ps[2]["hosts"]["dc00"] = ps[0]["hosts"]["dc00"]
    assert "1 host held by more than one partial report: dc00 (a.json and c.json)" in error(
        ps, ["a.json", "b.json", "c.json"])


def test_hosts_held_twice_are_counted_and_ten_named():
    hosts = fleet(30)
    ps = partials(hosts, 1) + partials(hosts, 1)
    message = error(ps)
    assert message.count(" (partial 1 and partial 2)") == 10 and "30 hosts held" in message and "and 20 more" in message


@pytest.mark.parametrize("field, value, words", [
    ("deployment", "import_only", "deployment differs from a.json's"),
    ("baseline", {"import": {"user_disable_action": "remove"}}, "baseline differs from a.json's"),
    ("kind", "review-partial", "kind differs from a.json's"),
    ("change", {"sync": {}}, "change differs from a.json's"),
])
def test_partials_of_different_runs_are_refused(field, value, words):
    ps = partials(fleet())
    ps[1][field] = value
    assert "b.json: %s" % words in error(ps, ["a.json", "b.json", "c.json"])


@pytest.mark.parametrize("partial, words", [
    (SECRET, "adi_partial_drift_x: the partial must be an object (a drift.partial.json or review.partial.json "
             "file's content) (found a string of 48 characters)"),
    ({"kind": SECRET, "hosts": {}}, "adi_partial_drift_x: kind must be one of drift-partial, review-partial "
                                    "(found a string of 48 characters)"),
    ({"kind": "drift-partial", "hosts": [SECRET]}, "adi_partial_drift_x: hosts must be an object of host -> result "
                                                   "(found a list of 1 items)"),
])
def test_a_stray_adi_partial_var_is_named(partial, words):
    assert words in error([partial], ["adi_partial_drift_x"])


def test_nothing_to_merge():
    assert "must be a non-empty list" in error([])
    assert "must be a non-empty list" in error(SECRET)


@pytest.mark.parametrize("field, value, words", [
    ("settings", SECRET, "a.json, host dc00, import agent: settings must be an object (found a string of 48"),
    ("findings", SECRET, "a.json, host dc00, import agent: findings must be a list of objects"),
    ("findings", [SECRET], "a.json, host dc00, import agent: findings item 1 must be an object"),
    ("effective", {"user_disable_action": SECRET}, "effective value of 'user_disable_action' must be an object"),
    ("path", ["C:\\x"], "a.json, host dc00, import agent: path must be a string (found a list of 1 items)"),
])
def test_a_malformed_drift_host_is_named_with_its_partial_and_field(field, value, words):
    ps = partials(fleet())
    ps[0]["hosts"]["dc00"]["import"] = dict(ps[0]["hosts"]["dc00"]["import"], **{field: value})
    assert words in error(ps, ["a.json", "b.json", "c.json"])


def review_host():
    ends = {"ad": {"account": "disabled"}, "jc": {"account": "suspended"}, "ambiguous": False, "alternatives": []}
    return {"import": {"changed": True, "path": "C:\\i.json", "settings": {"user_disable_action": "remove"},
                       "changes": [{"setting": "user_disable_action", "key": "MainLoop.UserDisableAction",
                                    "before": "suspend", "after": "remove"}],
                       "impact": [{"event": "ad_user_disabled", "changes": [], "before": ends,
                                   "after": dict(ends, jc={"account": "deleted"})}], "findings": []}}


@pytest.mark.parametrize("change, words", [
    (lambda r: r["impact"][0].pop("before"),
     "host dc1, import agent: impact item 1 has no before (each item holds event, before, after)"),
    (lambda r: r["impact"].__setitem__(0, SECRET), "host dc1, import agent: impact item 1 must be an object"),
    (lambda r: r["impact"][0].__setitem__("event", SECRET), "impact item 1 event must be one of ad_user_disabled"),
    (lambda r: r["impact"][0].__setitem__("after", {"ad": SECRET}), "impact item 1 after must be an outcome"),
    (lambda r: r["changes"][0].pop("key"), "host dc1, import agent: changes item 1 has no key"),
    (lambda r: r.__setitem__("changes", SECRET), "changes must be a list of objects (found a string of 48"),
    (lambda r: r.__setitem__("diff", {"before": 1}), "diff must be an object with before and after texts"),
])
def test_a_malformed_review_result_is_named(change, words):
    host = review_host()
    change(host["import"])
    with pytest.raises(AnsibleFilterError) as exc:
        review_report({"dc1": host})
    assert words in str(exc.value) and SECRET not in str(exc.value)
    # the same through a partial: the partial is named first
    message = error([{"kind": "review-partial", "hosts": {"dc1": host}}], ["r.json"])
    assert "r.json, host dc1, import agent: " in message and words in message


def test_a_report_changed_after_it_was_built_is_refused_by_name():
    report = review_report({"dc1": review_host()})
    for fmt in ("markdown", "html"):
        broken = copy.deepcopy(report)
        del broken["hosts"]["dc1"]["agents"]["import"]["changes"]
        with pytest.raises(AnsibleFilterError, match="review report is not as jumpcloud.adi.review_report returns it "
                                                     r"\(no field 'changes'\)"):
            render_report(broken, fmt)
    assert json.loads(render_report(report, "json")) == report


def test_names_must_be_strings():
    with pytest.raises(AnsibleFilterError, match="names"):
        merge_reports(partials(fleet()), names={"a": 1})

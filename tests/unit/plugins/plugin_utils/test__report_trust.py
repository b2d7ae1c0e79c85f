# -*- coding: utf-8 -*-
"""Issue 21 (report items): no prediction for an agent that is not installed; no raw HTML through the Markdown report."""

from __future__ import annotations

import re

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective

SYNC_EVENTS = ["jc_user_suspended", "jc_user_deleted", "jc_user_disconnected", "jc_group_disconnected",
               "jc_user_unlocked", "jc_user_updated", "jc_password_changed", "jc_password_expired",
               "jc_group_membership_added"]


def info(agent, settings, path="C:\\cfg.json"):
    eff = {v["setting"]: v for v in effective(agent, settings).values()}
    return {"exists": True, "status": "ok", "path": path, "settings": settings, "effective": eff, "findings": []}


def test_drift_predicts_nothing_for_an_absent_sync_agent():
    # dc09 has the import file and no sync file. The baseline keeps UserDisableAction suspend; dc09's file says
    # remove. Import Agent Settings > UserDisableAction > Suspend Actions on the Import Agent: "When the AD Import
    # agent has UserDisableAction set to remove and a user is disabled in AD ... the user is deleted from JumpCloud":
    # that is predicted. A JumpCloud suspend reaches the import agent only through the sync agent ("Suspend
    # Scenarios > Sync and Import Agents"): with no sync agent it is not predicted at all.
    hosts = {"dc09": {"import": info("import", {"user_disable_action": "remove"}),
                      "sync": {"exists": False, "status": "missing", "path": "C:\\sync.json"}}}
    r = _report.drift(hosts, {"import": {"user_disable_action": "suspend"}})
    e = r["hosts"]["dc09"]
    events = [c["event"] for c in e["outcome_changes"]]
    assert "ad_user_disabled" in events
    assert not set(events) & set(SYNC_EVENTS)
    assert e["not_predicted"] == [{"agent": "sync", "events": SYNC_EVENTS, "reason": "not predicted: no sync agent"}]
    disabled = next(c for c in e["outcome_changes"] if c["event"] == "ad_user_disabled")
    assert disabled["found"]["jc"]["account"] == "deleted" and disabled["baseline"]["jc"]["account"] == "suspended"
    for fmt in ("markdown", "html"):
        page = _render.render(r, fmt)
        assert "not predicted: no sync agent" in page
        assert "When a JumpCloud user is deleted: the AD" not in page


def test_drift_of_a_host_with_both_agents_predicts_both():
    hosts = {"dc01": {"import": info("import", {"user_disable_action": "remove"}),
                      "sync": info("sync", {"user_disconnection_action": "disable"})}}
    e = _report.drift(hosts, {"import": {"user_disable_action": "suspend"}})["hosts"]["dc01"]
    assert "not_predicted" not in e
    # two-way, Suspend Scenarios (Sync and Import Agents): remove deletes the suspended user from JumpCloud
    assert "jc_user_suspended" in [c["event"] for c in e["outcome_changes"]]


def test_review_leaves_out_the_absent_agent_s_events():
    # the import module's impact, planned in a two-way deployment, holds jc_user_suspended (read through the sync
    # agent): on a host with no sync agent that event does not happen through ADI
    ends = {"ad": {"account": "disabled"}, "jc": {"account": "suspended"}, "ambiguous": False, "alternatives": []}
    deleted = dict(ends, jc={"account": "deleted"})
    module = {"changed": True, "path": "C:\\i.json", "settings": {"user_disable_action": "remove"},
              "changes": [{"setting": "user_disable_action", "key": "MainLoop.UserDisableAction",
                           "before": "suspend", "after": "remove"}],
              "impact": [{"event": e, "changes": [], "before": ends, "after": deleted}
                         for e in ("ad_user_disabled", "jc_user_suspended")], "findings": []}
    r = _report.review({"dc09": {"import": module, "sync": {"missing": True, "path": "C:\\s.json", "msg": "not found"}}})
    e = r["hosts"]["dc09"]
    assert [i["event"] for i in e["agents"]["import"]["impact"]] == ["ad_user_disabled"]
    assert e["not_predicted"][0]["events"] == SYNC_EVENTS
    assert e["risks"] == ["DELETES_JC_USER_ON_AD_DISABLE"]
    md = _render.render(r, "markdown")
    assert "When a JumpCloud user is suspended: the" not in md and "not predicted: no sync agent" in md


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[x](javascript:alert(3))",
           "![i](http://evil/x.png)", "a`b``c", "&lt;b&gt;", "\\<i>"]


def _outside_code(md):
    """The Markdown text outside code spans (a code span shows its text as it is: no HTML, no link)."""
    return re.sub(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", "", md)


def _raw_html(md):
    """Tags a Markdown renderer would pass through: < followed by a letter, / or !."""
    return re.findall(r"<[A-Za-z/!]", _outside_code(md))


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_passes_no_html_or_link_from_admin_text(text):
    # host names, paths and the title are the admin's: the HTML report escapes them, so must the Markdown one
    hosts = {text: {"import": info("import", {"user_disable_action": "remove"}, "C:\\%s.json" % text),
                    "sync": {"exists": False, "status": "missing", "path": text}}}
    md = _render.render(_report.drift(hosts, {"import": {"user_disable_action": "suspend"}}, title=text), "markdown")
    assert not _raw_html(md)
    assert "](" not in _outside_code(md).replace("\\](", "")  # no unescaped link or image
    module = {"changed": True, "path": text, "settings": {}, "changes": [], "impact": [], "findings": []}
    review = _report.review({text: {"import": module, "sync": {"missing": True, "path": text, "msg": text}}}, text)
    md = _render.render(review, "markdown")
    assert not _raw_html(md)
    assert "](" not in _outside_code(md).replace("\\](", "")


def test_markdown_code_span_holds_any_path():
    assert _render._md_code("C:\\a`b.json") == "``C:\\a`b.json``"
    assert _render._md_code("`x") == "`` `x ``"
    # text keeps its characters: entities for HTML's specials, a backslash before Markdown's
    assert _render._md("a<b>&[c]|d") == "a&lt;b&gt;&amp;\\[c\\]\\|d"
    assert _render._md("C:\\x") == "C:\\x"  # a backslash before a letter escapes nothing: kept as it is
    assert _render._md("\\[") == "\\\\\\["


# ------------------------------------------------------------------ issue 23 item 4: the review groups hosts

def planned(agent, before, change, path="C:\\Program Files\\JumpCloud\\cfg.json", secret="QzPlanted1"):
    """A config module's check-mode result, planned for real on a file that also holds a value that is not ours."""
    import json as _json
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._config_task import impact
    keyed = {_report.catalog.by_name(agent)[k].key: v for k, v in before.items()}
    data = dict({"MainLoop": keyed} if agent == "import" else keyed, ApiKey=secret)
    f = AgentFile(agent, _json.dumps(data).encode(), path)
    plan = f.plan(change, [])
    return {"changed": plan.changed, "path": path, "changes": plan.changes, "settings": plan.after.settings(),
            "findings": [], "impact": impact(agent, f.parsed, plan.after.parsed, "import_only"),
            "diff": {"before": f.masked_text(), "after": plan.after.masked_text()}}


def test_the_review_groups_hosts_that_get_the_identical_change_and_lists_each_host_once():
    # Import Agent Settings > UserDisableAction > Suspend Actions on the Import Agent: suspend suspends the JumpCloud
    # user; remove deletes it. Four hosts go from suspend to remove (one with another value that is not ours in its
    # file, so another masked diff: still the same change); one already has remove (no change).
    change = {"user_disable_action": "remove"}
    hosts = {"dc%d" % i: {"import": planned("import", {"user_disable_action": "suspend"}, change,
                                            secret="QzPlanted%d" % i)} for i in range(1, 5)}
    hosts["dc5"] = {"import": planned("import", {"user_disable_action": "remove"}, change)}
    r = _report.review(hosts)
    assert [(g["label"], g["hosts"]) for g in r["groups"]] == [("A", ["dc1", "dc2", "dc3", "dc4"]), ("B", ["dc5"])]
    assert r["groups"][0]["risks"] == ["DELETES_JC_USER_ON_AD_DISABLE"] and not r["groups"][1]["changed"]
    words = "When an AD account is disabled: the JumpCloud account is deleted (before: suspended)"
    md = _render.render(r, "markdown")
    assert md.count("\n## ") == 2 and md.count(words) == 1
    assert "\n## Group A: 4 hosts get this change - DELETES_JC_USER_ON_AD_DISABLE\n\nHosts: dc1, dc2, dc3, dc4\n" in md
    assert "\n## dc5\n" in md
    page = _render.render(r, "html")
    assert page.count("<h2") == 2 and page.count(words) == 1
    md_body = md.split("\n## ", 1)[1]  # after the summary line, which names the risky hosts
    page_body = page.split('id="summary"')[1].split("</p>", 1)[1]
    for host in hosts:
        # once; in the HTML dc5 also in its section's id, dc1 also in the note over the diff it shows
        assert md_body.count(host) == 1 and page_body.count(host) == (2 if host in ("dc1", "dc5") else 1)
    assert "QzPlanted" not in md + page


def test_hosts_with_a_different_path_or_a_missing_agent_are_not_grouped_together():
    change = {"user_disable_action": "remove"}
    one = planned("import", {"user_disable_action": "suspend"}, change)
    hosts = {"dc1": {"import": one}, "dc2": {"import": dict(one)},
             "dc3": {"import": planned("import", {"user_disable_action": "suspend"}, change, path="D:\\ADI\\cfg.json")},
             "dc4": {"import": dict(one), "sync": {"missing": True, "path": "C:\\s.json", "msg": "not installed"}}}
    r = _report.review(hosts)
    assert [g["hosts"] for g in r["groups"]] == [["dc1", "dc2"], ["dc3"], ["dc4"]]


def test_a_finding_on_a_path_with_parentheses_is_grouped_across_hosts():
    # issue 21 item 9: "C:\Program Files (x86)\..." kept one host's path in the grouped finding's wording
    hosts = {}
    for n in (1, 2):
        entry = info("import", {"user_disable_action": "suspend"}, "C:\\Program Files (x86)\\dc%d\\i.json" % n)
        entry["findings"] = [{"severity": "warning", "code": "w", "agent": "import",
                              "message": "UserDisableAction: a (C:\\Program Files (x86)\\dc%d\\i.json, line 3)" % n}]
        hosts["dc%d" % n] = {"domain": "corp", "import": entry}
    r = _report.drift(hosts, {"import": {"user_disable_action": "suspend"}}, "import_only")
    assert [(f["message"], f["hosts"]) for f in r["findings"]] == [("UserDisableAction: a", ["dc1", "dc2"])]

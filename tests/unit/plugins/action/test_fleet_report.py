# -*- coding: utf-8 -*-
"""jumpcloud.adi.fleet_report (issue 23 items 3 and 5): the report built once and each file written once, in Python.

The files must be exactly what the roles and the merge_reports playbook wrote before with the report filters
(drift_report, review_report, merge_reports, render_report) and to_nice_json: those filters are the contract.
"""

from __future__ import annotations

import json
import os
from unittest import mock

import pytest
from ansible.playbook.play_context import PlayContext
from ansible.playbook.task import Task
from ansible.plugins.loader import action_loader

from ansible_collections.jumpcloud.adi.plugins.filter.merge import merge_reports
from ansible_collections.jumpcloud.adi.plugins.filter.report import drift_report, render_report, review_report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _fleet_report as fr
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError

EXT = {"json": "json", "markdown": "md", "html": "html"}


def info(agent, settings):
    eff = {v["setting"]: v for v in effective(agent, settings).values()}
    return {"exists": True, "status": "ok", "path": "C:\\%s.json" % agent, "settings": settings, "effective": eff,
            "findings": [], "agent": agent}


def drift_hosts(n=5):
    # Import Agent Settings > UserDisableAction: dc02 keeps suspend where its peers remove
    def import_info(i):
        return info("import", {"user_disable_action": "suspend" if i == 2 else "remove"})
    return {"dc%02d" % i: {"domain": "corp", "import": import_info(i),
                           "sync": info("sync", {"user_disconnection_action": "disable"})} for i in range(n)}


def params(**kw):
    p = {k: o.get("default") for k, o in fr.spec().items()}
    p.update(kw)
    return p


BASELINE = {"import": {"user_disable_action": "remove", "user_expire_action": None}, "sync": {}}
BASE = {"import": {"user_disable_action": "remove"}, "sync": {}}  # the baseline without what it leaves open


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_drift_files_are_the_filters_output_and_the_partial_as_to_nice_json_wrote_it(tmp_path):
    hosts = drift_hosts()
    out = fr.run(params(kind="drift", output_dir=str(tmp_path), baseline=BASELINE, title="T"), hosts)
    base = BASE
    expected = drift_report(hosts, baseline=base, deployment="two_way", title="T")
    assert out["report"] == expected
    assert expected["drifted_hosts"] == ["dc02"]
    for fmt in fr.FORMATS:
        assert read(tmp_path / ("drift." + EXT[fmt])) == render_report(expected, fmt)
    partial = {"kind": "drift-partial", "deployment": "two_way", "title": "T", "baseline": base, "hosts": hosts}
    expected_partial = json.dumps(partial, indent=4, sort_keys=True, separators=(",", ": "))
    assert read(tmp_path / "drift.partial.json") == expected_partial
    assert out["stats"]["adi_partial_drift_dc00"] == partial
    assert out["stats"]["adi_drifted_hosts"] == 1
    assert sorted(out["written"]) == sorted(str(tmp_path / n) for n in
                                            ("drift.json", "drift.md", "drift.html", "drift.partial.json"))
    assert all(oct(os.stat(p).st_mode & 0o777) == "0o644" for p in out["written"])


def test_same_bytes_are_not_written_again_and_only_the_formats_asked_for(tmp_path):
    hosts = drift_hosts()
    args = params(kind="drift", output_dir=str(tmp_path / "new" / "dir"), baseline=BASELINE, formats=["html"],
                  write_partial=False)
    assert len(fr.run(args, hosts)["written"]) == 1
    assert sorted(os.listdir(tmp_path / "new" / "dir")) == ["drift.html"]
    assert fr.run(args, hosts)["written"] == []
    hosts["dc03"]["import"] = info("import", {"user_disable_action": "suspend"})
    assert len(fr.run(args, hosts)["written"]) == 1


def test_review_partial_keeps_the_change_and_a_host_without_a_result_is_reported(tmp_path):
    module = {"changed": False, "path": "C:\\i.json", "settings": {}, "changes": [], "impact": [], "findings": []}
    hosts = {"dc1": {"import": dict(module), "sync": {"missing": True, "path": "C:\\s", "msg": "n"}}, "dc2": {}}
    change = {"import_settings": {"user_disable_action": "remove"}, "sync_settings": {}, "import_unset": [],
              "sync_unset": []}
    out = fr.run(params(kind="review", output_dir=str(tmp_path), change=change), hosts)
    assert out["report"] == review_report(hosts, title="JumpCloud ADI change review")
    assert out["report"]["failed_hosts"] == ["dc2"]
    partial = json.loads(read(tmp_path / "review.partial.json"))
    assert partial == {"kind": "review-partial", "title": "JumpCloud ADI change review", "hosts": hosts,
                       "deployment": "two_way", "change": change}


def write_partials(tmp_path, hosts, parts=3):
    names = sorted(hosts)
    paths = []
    for s in range(parts):
        p = {"kind": "drift-partial", "deployment": "two_way", "title": "T", "baseline": BASE,
             "hosts": {h: hosts[h] for h in names[s::parts]}}
        paths.append("p%d.json" % s)
        (tmp_path / paths[-1]).write_text(json.dumps(p))
    return paths


def test_merge_from_files_relative_to_base_dir_equals_the_filter(tmp_path):
    hosts = drift_hosts(7)
    paths = write_partials(tmp_path, hosts)
    out = fr.run(params(partial_files=paths, base_dir=str(tmp_path), output_dir="merged"))
    parts = [json.loads(read(tmp_path / p)) for p in paths]
    expected = merge_reports(parts, names=paths)
    assert out["report"] == expected == drift_report(hosts, baseline=BASE, deployment="two_way", title="T")
    for fmt in fr.FORMATS:
        assert read(tmp_path / "merged" / ("drift." + EXT[fmt])) == render_report(expected, fmt)
    assert not (tmp_path / "merged" / "drift.partial.json").exists()
    assert out["stats"] == expected["stats"]
    brief = fr.brief(out["report"])
    assert "hosts" not in brief and brief["drifted_hosts"] == ["dc02"] and brief["summary"] == expected["summary"]


@pytest.mark.parametrize("content, expected", [
    (b"{not json", "not JSON"),
    (b"[1, 2]", "the partial must be an object"),
    (b'{"kind": "drift-partial", "hosts": []}', "hosts must be an object of host -> result"),
])
def test_a_file_that_is_not_a_partial_is_named_and_nothing_is_written(tmp_path, content, expected):
    paths = write_partials(tmp_path, drift_hosts(4), parts=2)
    (tmp_path / "bad.json").write_bytes(content)
    with pytest.raises(SettingsError) as exc:
        fr.run(params(partial_files=paths + ["bad.json"], base_dir=str(tmp_path), output_dir="merged"))
    assert expected in str(exc.value) and str(tmp_path / "bad.json") in str(exc.value)
    assert not (tmp_path / "merged").exists()


def test_a_missing_file_and_no_input_at_all_are_clear_errors(tmp_path):
    with pytest.raises(SettingsError, match="cannot read the partial report .*nope.json"):
        fr.run(params(partial_files=["nope.json"], base_dir=str(tmp_path), output_dir="out"))
    with pytest.raises(SettingsError, match="non-empty list"):
        fr.run(params(output_dir=str(tmp_path)))
    with pytest.raises(SettingsError, match="not both"):
        fr.run(params(kind="drift", partial_files=["x"], output_dir=str(tmp_path)), {})


def make_action(args):
    task = Task()
    task.action = "jumpcloud.adi.fleet_report"
    task.args = args
    return action_loader.get("jumpcloud.adi.fleet_report", task, mock.MagicMock(), PlayContext(), mock.MagicMock(),
                             mock.MagicMock(), mock.MagicMock())


def test_the_action_reads_every_play_host_registered_result_and_records_the_stats(tmp_path):
    hosts = drift_hosts(3)
    hostvars = {h: {"drift_report_host": hosts[h]} for h in hosts}
    hostvars["dc09"] = {"unrelated": 1}  # failed before it registered: reported, not skipped
    action = make_action({"kind": "drift", "results_var": "drift_report_host", "output_dir": str(tmp_path),
                          "baseline": BASELINE})
    result = action.run(task_vars={"hostvars": hostvars, "ansible_play_hosts_all": sorted(hostvars)})
    assert not result.get("failed"), result
    assert sorted(result["hosts"]) == ["dc00", "dc01", "dc02", "dc09"]
    assert result["unreadable_hosts"] == ["dc09"] or "dc09" in result["summary"]
    assert result["changed"] is True
    assert result["ansible_stats"]["per_host"] is False
    assert "adi_partial_drift_dc00" in result["ansible_stats"]["data"]
    assert result["_ansible_verbose_override"] is True
    assert action.run(task_vars={"hostvars": hostvars, "ansible_play_hosts_all": sorted(hostvars)})["changed"] is False


def test_the_action_refuses_bad_arguments_with_the_allowed_ones(tmp_path):
    result = make_action({"kind": "dirft", "results_var": "x", "output_dir": str(tmp_path)}).run(task_vars={})
    assert result["failed"] and "kind" in result["msg"] and "drift, review" in result["msg"]
    result = make_action({"results_var": "x", "output_dir": str(tmp_path)}).run(task_vars={})
    assert result["failed"] and "kind is required" in result["msg"]


def test_a_report_folder_that_is_a_file_is_named_as_such_and_the_file_kept(tmp_path):
    # found by the adversarial review: the error was Python's "File exists", which names neither the cause nor the fix
    (tmp_path / "reports").write_bytes(b"an admin's file")
    with pytest.raises(SettingsError) as exc:
        fr.run(params(kind="drift", output_dir=str(tmp_path / "reports"), baseline=BASELINE), drift_hosts(2))
    assert "%s is a file, not a folder" % (tmp_path / "reports") in str(exc.value)
    assert "nothing was written" in str(exc.value)
    assert (tmp_path / "reports").read_bytes() == b"an admin's file"


@pytest.mark.parametrize("value, expected", [
    ("t", ["dc02", "dc09"]), ("y", ["dc02", "dc09"]), (" true ", ["dc02", "dc09"]), (True, ["dc02", "dc09"]),
    ("f", []), ("no", []), (False, []),
])
def test_the_ci_gate_is_converted_as_the_argument_spec_accepts_it(tmp_path, value, expected):
    # found by the adversarial review: 't' and 'y' pass the roles' argument spec (type bool) and `| bool` took them as
    # false; the gate is now converted here, by the same rules. dc02 drifts; dc09 registered no result (unreadable).
    hosts = drift_hosts(3)
    hostvars = {h: {"drift_report_host": hosts[h]} for h in hosts}
    hostvars["dc09"] = {}
    action = make_action({"kind": "drift", "results_var": "drift_report_host", "output_dir": str(tmp_path),
                          "baseline": BASELINE, "fail_on_drift": value, "fail_on_risk": True})
    result = action.run(task_vars={"hostvars": hostvars, "ansible_play_hosts_all": sorted(hostvars)})
    assert not result.get("failed"), result
    assert result["fail_hosts"] == expected  # fail_on_risk has no effect on a drift report


def test_the_review_gate_fails_risky_and_unreviewed_hosts_and_a_typo_is_refused(tmp_path):
    report = {"kind": "review", "failed_hosts": ["dc05"],
              "hosts": {"dc01": {"risks": ["DELETES_JC_USER_ON_AD_DISABLE"]}, "dc02": {"risks": []}, "dc05": {"risks": []}}}
    assert fr.fail_hosts(report, params(fail_on_risk=True)) == ["dc01", "dc05"]
    assert fr.fail_hosts(report, params(fail_on_risk=False, fail_on_drift=True)) == []
    result = make_action({"kind": "drift", "results_var": "x", "output_dir": str(tmp_path),
                          "fail_on_drift": "ture"}).run(task_vars={})
    assert result["failed"] and "fail_on_drift" in result["msg"] and not (tmp_path / "drift.json").exists()


def test_a_report_file_that_cannot_be_replaced_leaves_every_file_as_it_was(tmp_path):
    # found by the adversarial review: review.md immutable, and review.json of this run was already in place beside
    # the Markdown of the last run. All the files or none: a rename that fails puts back those already renamed.
    args = params(kind="drift", output_dir=str(tmp_path), baseline=BASELINE)
    fr.run(args, drift_hosts(3))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = os.replace

    def refuse_markdown(src, dst):
        if str(dst).endswith("drift.md"):
            raise PermissionError(1, "Operation not permitted")
        return real(src, dst)

    with mock.patch.object(fr.os, "replace", refuse_markdown), pytest.raises(SettingsError) as exc:
        fr.run(args, drift_hosts(5))  # two more hosts: every file's bytes change
    assert "drift.md: Operation not permitted; nothing was written" in str(exc.value)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary file left either


def test_a_folder_where_a_report_file_goes_is_refused_before_any_write(tmp_path):
    (tmp_path / "drift.html").mkdir()
    with pytest.raises(SettingsError) as exc:
        fr.run(params(kind="drift", output_dir=str(tmp_path), baseline=BASELINE), drift_hosts(2))
    assert "drift.html: it is a folder; nothing was written" in str(exc.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drift.html"]

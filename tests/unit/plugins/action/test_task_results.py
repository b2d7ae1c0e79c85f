# -*- coding: utf-8 -*-
"""The config and info modules' results, whole, and their host I/O, against a fake connection.

What each result holds is the modules' documented contract (RETURN and the option descriptions of
import_agent_config, sync_agent_config and agent_config_info); the files' own findings are the file layer's
(tests/unit/plugins/plugin_utils/test__document.py). Kills the mutants of _config_task.py, _transport.py and
_restore.py that the tests of test_agent_config_actions.py leave (docs/testing.md, Surviving mutants).
"""

from __future__ import annotations

import hashlib
from unittest import mock

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.tests.unit.plugins.action.test_agent_config_actions import (
    IMPORT_FILE, FakeHost, make_action,
)

SUSPEND = b'{"MainLoop": {"UserDisableAction": "suspend"}}'
REMOVE = b'{"MainLoop": {"UserDisableAction": "remove"}}'
IMPORT_MASKED = ('{\r\n  "JumpCloud": {\r\n    "ApiKey": "********"\r\n  },\r\n  "MainLoop": {\r\n'
                 '    "UserDissociateAction": "remove"\r\n  }\r\n}\r\n')
IMPORT_NAMES = ", ".join(s.name for s in catalog.settings_of("import"))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def run(module, args, files, shell="sh", **modes):
    host = FakeHost(files)
    action = make_action(module, args, shell, host, **modes)
    return action.run(task_vars={}), host, action


def failing_host(files, module_suffix, answer):
    """A FakeHost whose module ending in module_suffix answers ``answer`` instead."""
    host = FakeHost(files)
    execute = host.execute

    def fake(module_name, module_args, task_vars):
        if module_name.endswith(module_suffix):
            host.calls.append((module_name, dict(module_args)))
            return dict(answer)
        return execute(module_name, module_args, task_vars)

    return host, fake


# ---------------------------------------------------------------- a change, whole

def test_a_change_in_check_mode_returns_every_documented_field():
    result, host, action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"},
                               {"/f.json": SUSPEND}, check_mode=True, diff=True)
    after = AgentFile("import", REMOVE, "/f.json")
    impact = result.pop("impact")
    assert result == {
        "changed": True, "path": "/f.json", "original_sha256": sha256(SUSPEND), "sha256": sha256(REMOVE),
        "changes": [{"setting": "user_disable_action", "key": "MainLoop.UserDisableAction", "before": "suspend",
                     "after": "remove"}],
        "settings": {"user_disable_action": "remove"},
        # lint findings of the file after the change, placed by line
        "findings": after.findings("two_way"),
        "remote_executions": 1,
        "diff": {"before": SUSPEND.decode(), "after": REMOVE.decode(), "before_header": "/f.json",
                 "after_header": "/f.json"},
    }
    assert host.files == {"/f.json": SUSPEND} and action._make_tmp_path.call_count == 0
    # impact: only the events whose outcome changes, each with its changes, both outcomes and the trace.
    # Import Agent Settings > UserDisableAction: suspend suspends the JumpCloud user, remove deletes it.
    assert impact and all(set(i) == {"event", "changes", "before", "after", "trace"} and i["changes"] and i["trace"]
                          for i in impact)
    disabled = [i for i in impact if i["event"] == "ad_user_disabled"][0]
    assert {"field": "jc.account", "before": "suspended", "after": "deleted"} in disabled["changes"]
    # two-way: the import agent also acts when JumpCloud suspends a user (Suspend Actions on the Import Agent)
    assert "jc_user_suspended" in [i["event"] for i in impact]


def test_impact_follows_the_deployment():
    # import only: no sync agent, so no event on the JumpCloud side (Disable Scenarios > Import Only)
    result, _host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "remove",
                                                         "deployment": "import_only"}, {"/f.json": SUSPEND},
                                 check_mode=True)
    events = [i["event"] for i in result["impact"]]
    assert "ad_user_disabled" in events and not [e for e in events if e.startswith("jc_")], events


def test_an_unchanged_run_has_no_diff_no_impact_and_no_warnings_of_what_it_did_not_touch():
    # suspend with unbind reads two ways (Import Agent Settings > UserDissociationAction overrides UserDisableAction
    # "if not identical"): the finding stays in findings, a run that changes nothing does not warn about it
    raw = b'{"MainLoop": {"UserDisableAction": "suspend", "UserDissociationAction": "unbind"}}'
    result, host, action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "suspend"},
                               {"/f.json": raw}, diff=True)
    assert result == {"changed": False, "path": "/f.json", "original_sha256": sha256(raw), "sha256": sha256(raw),
                      "changes": [],
                      "settings": {"user_disable_action": "suspend", "user_dissociation_action": "unbind"},
                      "findings": AgentFile("import", raw, "/f.json").findings("two_way"), "remote_executions": 1}
    assert any(f["code"].startswith("ambiguous") for f in result["findings"])
    assert [c[0] for c in host.calls] == ["ansible.legacy.slurp"] and action._remove_tmp_path.call_count == 0


def test_warnings_name_what_the_task_changes_and_what_concerns_the_whole_file():
    # PasswordChangeListener - PollTimeMillis: "We don't recommend changing this setting without direction from
    # JumpCloud support" (a warning in findings); it is repeated as a task warning only when this task changes it
    raw = b'{"MainLoop": {"UserDisableAction": "suspend", "PasswordChangeListener": {"PollTimeMillis": 30000}}}'
    result, _host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"},
                                 {"/f.json": raw}, check_mode=True)
    assert "support_only" in [f["code"] for f in result["findings"]] and "warnings" not in result
    result, _host, _action = run("import_agent_config", {"path": "/f.json",
                                                         "password_change_listener_poll_time_millis": 60000},
                                 {"/f.json": raw}, check_mode=True)
    support = [f["message"] for f in result["findings"] if f["code"] == "support_only"]
    assert len(support) == 1 and result["warnings"] == support
    # a warning about no one setting (the file has no MainLoop section) is always shown
    result, _host, _action = run("import_agent_config", {"path": "/f.json", "unset": ["user_disable_action"]},
                                 {"/f.json": b'{"JumpCloud": {}}'}, check_mode=True)
    assert not result["changed"] and result["warnings"] == [
        "/f.json has no MainLoop section: the import agent uses its defaults"]


def test_a_write_sends_the_file_once_and_removes_the_remote_tmp_dir():
    path = "/etc/jumpcloud/jcadimportagent.config.json"
    result, host, action = run("import_agent_config", {"path": path, "user_disable_action": "remove"},
                               {path: SUSPEND})
    assert result["changed"] and not result.get("failed") and "backup_file" not in result, result
    sent = action._transfer_data.call_args[0][0]
    assert sent.startswith("/remote/tmp/ansible-tmp-1/") and host.transferred[sent] == REMOVE
    # ansible.builtin.copy: the file sent, its sha1 (checked by copy), following a link at dest to the real file
    assert host.calls[-1] == ("ansible.legacy.copy", {
        "src": sent, "dest": path, "backup": False, "_original_basename": "jcadimportagent.config.json",
        "checksum": hashlib.sha1(REMOVE).hexdigest(), "follow": True})
    action._remove_tmp_path.assert_called_once_with("/remote/tmp/ansible-tmp-1")


@pytest.mark.parametrize("answer, message", [
    ({"failed": True, "msg": "Destination /etc/jc not writable"},
     "cannot write /f.json: Destination /etc/jc not writable"),
    ({"failed": True}, "cannot write /f.json: failed to write"),
])
def test_a_failed_write_fails_the_task_and_removes_the_remote_tmp_dir(answer, message):
    host, fake = failing_host({"/f.json": SUSPEND}, "copy", answer)
    action = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"}, "sh", host)
    action._execute_module.side_effect = fake
    result = action.run(task_vars={})
    assert result["failed"] and result["msg"] == message and result["changed"] is False, result
    assert host.files["/f.json"] == SUSPEND
    action._remove_tmp_path.assert_called_once_with("/remote/tmp/ansible-tmp-1")


# ---------------------------------------------------------------- reading the file

@pytest.mark.parametrize("answer, result_extra", [
    ({"failed": True, "msg": "file is not readable: /f.json"},
     {"msg": "cannot read /f.json: file is not readable: /f.json"}),
    ({"failed": True}, {"msg": "cannot read /f.json: failed to read"}),
    # ansible.builtin.slurp returns base64 only: anything else is not read as if it were
    ({"content": "{}", "encoding": "text"}, {"msg": "cannot read /f.json: unexpected encoding 'text'"}),
    # a missing file: the agent is not installed (not the default path: no hint)
    ({"failed": True, "msg": "File not found: /f.json"},
     {"msg": "/f.json does not exist: is the AD Import agent installed on this host?", "missing": True}),
])
def test_a_file_that_cannot_be_read_fails_the_task_saying_why(answer, result_extra):
    host, fake = failing_host({}, "slurp", answer)
    action = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"}, "sh", host)
    action._execute_module.side_effect = fake
    assert action.run(task_vars={}) == dict({"changed": False, "failed": True, "path": "/f.json"}, **result_extra)


def test_slurps_result_without_an_encoding_is_base64():
    # ansible.builtin.slurp: "encoding: Type of encoding used for file" with base64 its only value
    host, fake = failing_host({}, "slurp", {"content": "eyJNYWluTG9vcCI6IHt9fQ=="})  # {"MainLoop": {}}
    action = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"}, "sh", host,
                         check_mode=True)
    action._execute_module.side_effect = fake
    result = action.run(task_vars={})
    assert result["changed"] and result["original_sha256"] == sha256(b'{"MainLoop": {}}'), result


@pytest.mark.parametrize("path, default, message", [
    ("/etc/jc/config.json", None, "/etc/jc/config.json does not exist: is the AD Sync agent installed on this host?"),
    ("/etc/jc/config.json", "/etc/jc/config.json",
     "/etc/jc/config.json does not exist (the default path): is the AD Sync agent installed on this host?"),
    # a drive letter or a UNC path is a Windows path, whichever slashes it uses
    ("c:/jc/config.json", None, "c:/jc/config.json was not found: is the AD Sync agent installed on this host? "
     "Windows also reports a file that the account Ansible runs as may not read as not found: check the file's and "
     "its folders' ACL."),
    ("D:/jc/config.json", "D:/jc/config.json", "D:/jc/config.json was not found (the default path): is the AD Sync "
     "agent installed on this host? Windows also reports a file that the account Ansible runs as may not read as not "
     "found: check the file's and its folders' ACL."),
    ("jc\\config.json", None, "jc\\config.json was not found: is the AD Sync agent installed on this host? Windows "
     "also reports a file that the account Ansible runs as may not read as not found: check the file's and its "
     "folders' ACL."),
])
def test_a_missing_file_is_described_for_the_hosts_kind_of_path(path, default, message):
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import describe_missing
    assert describe_missing("AD Sync agent", path, default) == message


def test_a_file_that_is_no_valid_json_fails_with_the_file_layers_message():
    bad = b'{"MainLoop": {"UserDisableAction": "suspend",}}'
    result, host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"},
                                {"/f.json": bad})
    with pytest.raises(ValueError) as exc:
        AgentFile("import", bad, "/f.json")
    assert result == {"changed": False, "failed": True, "path": "/f.json", "original_sha256": sha256(bad),
                      "msg": str(exc.value)}
    assert host.files["/f.json"] == bad


# Import Agent Settings: PollTimeMillis belongs inside PasswordChangeListener, which is an object
MISPLACED = b'{"MainLoop": {"UserDisableAction": "suspend", "PollTimeMillis": 5000, "PasswordChangeListener": 5}}'


def test_a_file_with_keys_in_the_wrong_place_is_refused_naming_each():
    structural = [f["message"] for f in AgentFile("import", MISPLACED, "/f.json").parsed.findings
                  if f["severity"] == "error"]
    assert len(structural) == 2 and all("PasswordChangeListener" in m for m in structural)
    result, host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"},
                                {"/f.json": MISPLACED})
    assert result == {"changed": False, "failed": True, "path": "/f.json", "original_sha256": sha256(MISPLACED),
                      "msg": "refusing to change /f.json: %s; %s" % tuple(structural)}
    assert host.files["/f.json"] == MISPLACED


def test_a_change_that_leaves_two_errors_is_refused_naming_both():
    # Import Agent Settings: UserDissociationAction is remove or unbind, UserExpireAction expire or maintain
    bad = b'{"MainLoop": {"UserDissociateAction": "sometimes", "UserExpireAction": "never"}}'
    result, host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "suspend"},
                                {"/f.json": bad})
    errors = [f["message"] for f in result["findings"] if f["severity"] == "error"]
    assert len(errors) == 2 and result["msg"] == "refusing to change /f.json: %s; %s" % tuple(errors), result
    assert host.files["/f.json"] == bad


def test_a_typo_of_a_key_is_a_finding_not_a_warning_of_a_task_that_changes_another_setting():
    raw = b'{"MainLoop": {"UserDisableAction": "suspend", "UserExpireActon": "expire"}}'
    result, _host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"},
                                 {"/f.json": raw}, check_mode=True)
    assert result["changed"] and not result.get("failed"), result
    typo = [f for f in result["findings"] if f["code"] == "unknown_key"]
    assert len(typo) == 1 and typo[0]["message"] not in result.get("warnings", [])


def test_a_refused_change_returns_the_findings_that_refuse_it():
    bad = IMPORT_FILE.replace(b'"UserDissociateAction": "remove"', b'"UserDissociateAction": "sometimes"')
    result, _host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "suspend"},
                                 {"/f.json": bad})
    assert result["failed"] and not result["changed"]
    errors = [f for f in result["findings"] if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["invalid_choice"] and result["msg"] == (
        "refusing to change /f.json: %s" % errors[0]["message"])


# ---------------------------------------------------------------- options

@pytest.mark.parametrize("args, message", [
    ({"settings": ["UserDisableAction", "remove"]},
     "settings must be a dict of setting to value, got a list of 2 items"),
    ({"settings": {"UserDisableActon": "remove"}}, "settings: UserDisableActon is not a setting of the AD Import agent "
     "(did you mean UserDisableAction?); allowed: " + IMPORT_NAMES),
    ({"settings": {5: "remove"}}, "settings: 5 is not a setting of the AD Import agent; allowed: " + IMPORT_NAMES),
    ({"settings": {"UserDisableAction": "remove"}, "user_disable_action": "suspend"},
     "user_disable_action is given twice with different values ('remove' in settings, 'suspend' as an option)"),
    ({"unset": ["user_expire_action", "user_disable_action"], "user_disable_action": "remove",
      "user_expire_action": "expire"}, "/f.json: cannot both set and unset user_disable_action, user_expire_action"),
])
def test_conflicting_or_unknown_options_fail_before_the_file_is_read(args, message):
    result, host, _action = run("import_agent_config", dict(args, path="/f.json"), {"/f.json": SUSPEND})
    assert result["failed"] and result["msg"] == message and not result["changed"], result
    assert host.calls == []


def test_an_option_alias_in_any_case_is_one_setting_with_its_settings_key():
    sync = b'{"membership_disconnection": "remove"}'
    # the sync module's option membership_disconnection_action is the setting membership_disconnection
    result, _host, _action = run("sync_agent_config", {"path": "/s.json", "membership_disconnection_action": "remove",
                                                       "settings": {"membership_disconnection": "retain"}},
                                 {"/s.json": sync})
    assert result["failed"] and result["msg"] == ("membership_disconnection is given twice with different values "
                                                  "('retain' in settings, 'remove' as an option)"), result
    result, host, _action = run("sync_agent_config", {"path": "/s.json", "membership_disconnection_action": "RETAIN",
                                                      "settings": {"Membership_Disconnection": "Retain"}},
                                {"/s.json": sync})
    assert result["changed"] and not result.get("failed"), result
    assert host.files["/s.json"] == b'{"membership_disconnection": "retain"}'


def test_a_setting_given_as_null_in_settings_is_left_alone_and_the_next_one_is_set():
    result, host, _action = run("import_agent_config", {"path": "/f.json", "settings": {
        "UserDisableAction": None, "UserExpireAction": "expire"}}, {"/f.json": SUSPEND})
    assert result["changed"]
    assert result["settings"] == {"user_disable_action": "suspend", "user_expire_action": "expire"}
    assert host.files["/f.json"] == b'{"MainLoop": {"UserDisableAction": "suspend","UserExpireAction": "expire"}}'


def test_expect_sha256_is_taken_with_the_whitespace_a_registered_output_carries():
    args = {"path": "/f.json", "user_disable_action": "remove", "expect_sha256": " %s\n" % sha256(SUSPEND)}
    result, host, _action = run("import_agent_config", args, {"/f.json": SUSPEND})
    assert result["changed"] and not result.get("failed") and host.files["/f.json"] == REMOVE, result


def test_the_deployment_decides_the_findings_and_an_agent_it_does_not_run_has_no_impact():
    raw = b'{"user_disconnection_action": "disable"}'
    result, _host, _action = run("sync_agent_config", {"path": "/s.json", "user_disconnection_action": "remove",
                                                       "deployment": "import_only"}, {"/s.json": raw}, check_mode=True)
    after = b'{"user_disconnection_action": "remove"}'
    assert result["findings"] == AgentFile("sync", after, "/s.json").findings("import_only")
    assert "agent_not_deployed" in [f["code"] for f in result["findings"]]
    assert result["impact"] == []


# ---------------------------------------------------------------- restore_from

BACKUP = "/etc/jc/jcadimportagent.config.json.bak"


@pytest.mark.parametrize("args, files, result", [
    ({"settings": {"UserDisableAction": "remove"}}, {BACKUP: IMPORT_FILE},
     {"msg": "restore_from cannot be combined with settings"}),
    ({"user_disable_action": "remove", "unset": ["user_expire_action"]}, {BACKUP: IMPORT_FILE},
     {"path": "/f.json", "restored_from": BACKUP,
      "msg": "restore_from cannot be combined with settings or unset (user_disable_action, user_expire_action)"}),
    ({}, {}, {"path": "/f.json", "restored_from": BACKUP,
              "msg": "cannot restore /f.json from %s: cannot read %s: File not found: %s" % ((BACKUP,) * 3)}),
    ({}, {BACKUP: b"[1]"}, {"path": "/f.json", "restored_from": BACKUP,
                            "msg": "refusing to restore /f.json: %s: the top level is a JSON array; an agent "
                                   "configuration file holds an object" % BACKUP}),
])
def test_restore_from_refuses_and_says_why(args, files, result):
    files = dict(files, **{"/f.json": SUSPEND})
    got, host, _action = run("import_agent_config", dict(args, path="/f.json", restore_from=BACKUP), files)
    assert got == dict({"changed": False, "failed": True}, **result)
    assert host.files["/f.json"] == SUSPEND


def test_restore_from_refuses_a_backup_with_keys_in_the_wrong_place():
    structural = [f["message"] for f in AgentFile("import", MISPLACED, BACKUP).parsed.findings
                  if f["severity"] == "error"]
    assert len(structural) == 2
    got, host, _action = run("import_agent_config", {"path": "/f.json", "restore_from": BACKUP},
                             {"/f.json": SUSPEND, BACKUP: MISPLACED})
    assert got == {"changed": False, "failed": True, "path": "/f.json", "restored_from": BACKUP,
                   "msg": "refusing to restore /f.json from %s: %s; %s" % ((BACKUP,) + tuple(structural))}
    assert host.files["/f.json"] == SUSPEND


def test_restore_from_with_an_invalid_option_fails_naming_it():
    got, host, _action = run("import_agent_config", {"path": "/f.json", "restore_from": BACKUP, "backup": "maybe"},
                             {"/f.json": SUSPEND, BACKUP: IMPORT_FILE})
    assert got["failed"] and not got["changed"] and host.calls == [], got
    assert got["msg"].startswith("jumpcloud.adi.import_agent_config: ") and "backup" in got["msg"]
    args = {"path": "/f.json", "restore_from": BACKUP, "user_disable_actoin": 1}
    got, host, _action = run("import_agent_config", args, {"/f.json": SUSPEND, BACKUP: IMPORT_FILE})
    assert got["msg"].startswith("Unsupported parameters for (jumpcloud.adi.import_agent_config) module: "
                                 "user_disable_actoin (did you mean user_disable_action?). Supported parameters "
                                 "include: "), got
    assert host.calls == []


@pytest.mark.parametrize("current", [None, b'{"MainLoop": '])
def test_restore_from_in_check_mode_over_a_missing_or_broken_file_shows_the_whole_backup(current):
    files = {BACKUP: IMPORT_FILE}
    if current is not None:
        files["/f.json"] = current
    got, host, action = run("import_agent_config", {"path": "/f.json", "restore_from": BACKUP}, files,
                            check_mode=True, diff=True)
    assert got == {"changed": True, "path": "/f.json", "restored_from": BACKUP, "sha256": sha256(IMPORT_FILE),
                   "settings": {"user_dissociation_action": "remove"}, "remote_executions": 2,
                   "diff": {"before": "", "after": IMPORT_MASKED, "before_header": "/f.json",
                            "after_header": "/f.json"}}
    assert host.files.get("/f.json") == current and action._make_tmp_path.call_count == 0


def test_restore_from_writes_the_backup_with_a_backup_of_its_own_when_asked():
    got, host, action = run("import_agent_config", {"path": "/f.json", "restore_from": BACKUP, "backup": True},
                            {"/f.json": SUSPEND, BACKUP: IMPORT_FILE}, diff=True)
    assert got == {"changed": True, "path": "/f.json", "restored_from": BACKUP, "sha256": sha256(IMPORT_FILE),
                   "settings": {"user_dissociation_action": "remove"}, "remote_executions": 3,
                   "backup_file": "/f.json.1234.2026-11-25@10:00:00~",
                   "diff": {"before": SUSPEND.decode(), "after": IMPORT_MASKED, "before_header": "/f.json",
                            "after_header": "/f.json"}}
    assert host.files["/f.json"] == IMPORT_FILE
    action._remove_tmp_path.assert_called_once_with("/remote/tmp/ansible-tmp-1")
    # the same bytes again: nothing to do, no diff
    again, _host, _action = run("import_agent_config", {"path": "/f.json", "restore_from": BACKUP},
                                dict(host.files), diff=True)
    assert again == {"changed": False, "path": "/f.json", "restored_from": BACKUP, "sha256": sha256(IMPORT_FILE),
                     "settings": {"user_dissociation_action": "remove"}, "remote_executions": 2}


# ---------------------------------------------------------------- agent_config_info

def test_info_of_one_agent_leaves_the_other_unread():
    raw = b'{"MainLoop": {"userdisableaction": "remove"}}'
    info, host, _action = run("agent_config_info", {"import_path": "/i.json", "agents": ["import"],
                                                    "deployment": "import_only"}, {"/i.json": raw}, check_mode=True)
    f = AgentFile("import", raw, "/i.json")
    assert info == {
        "changed": False, "windows": False, "remote_executions": 1,
        "import": {"path": "/i.json", "exists": True, "agent": "import", "status": "ok", "sha256": sha256(raw),
                   "settings": {"user_disable_action": "remove"},
                   "file_keys": {"user_disable_action": "userdisableaction"},
                   "effective": f.effective("import_only"), "findings": f.findings("import_only")},
        "sync": {"path": catalog.DEFAULT_PATHS["sync"], "exists": False, "agent": "sync"},
        "findings": f.findings("import_only"),
    }
    assert [c[1]["src"] for c in host.calls] == ["/i.json"]


def test_info_of_a_sync_file_follows_the_deployment():
    raw = b'{"user_disconnection_action": "disable"}'
    info, _host, _action = run("agent_config_info", {"sync_path": "/s.json", "agents": ["sync"],
                                                     "deployment": "sync_only"}, {"/s.json": raw}, check_mode=True)
    f = AgentFile("sync", raw, "/s.json")
    # Sync Agent Settings > group_membership_sync_type: match for one-way deployments
    assert info["sync"]["effective"] == f.effective("sync_only")
    assert info["sync"]["effective"]["group_membership_sync_type"]["value"] == "match"
    assert info["findings"] == info["sync"]["findings"] == f.findings("sync_only")


@pytest.mark.parametrize("deployment, cross", [("two_way", ["lockout_status_mismatch"]), ("import_only", [])])
def test_info_adds_the_cross_agent_findings_of_a_two_way_deployment(deployment, cross):
    # Key Considerations for 2-Way Sync: SyncAccountLockedOutStatus should be the same on both agents
    files = {"/i.json": b'{"MainLoop": {"SyncAccountLockedOutStatus": true}}',
             "/s.json": b'{"SyncAccountLockedOutStatus": false}'}
    info, _host, _action = run("agent_config_info", {"import_path": "/i.json", "sync_path": "/s.json",
                                                     "deployment": deployment}, files, check_mode=True)
    both = [f for f in info["findings"] if f["agent"] == "both"]
    assert [f["code"] for f in both] == cross and info["remote_executions"] == 2
    assert info["findings"][:len(info["findings"]) - len(both)] == info["import"]["findings"] + info["sync"]["findings"]


def test_info_fails_naming_every_file_it_cannot_use():
    files = {"/i.json": b"[1]", "/s.json": b'{"a": '}
    info, _host, _action = run("agent_config_info", {"import_path": "/i.json", "sync_path": "/s.json"}, files,
                               check_mode=True)
    errors = []
    for agent, path in (("import", "/i.json"), ("sync", "/s.json")):
        with pytest.raises(ValueError) as exc:
            AgentFile(agent, files[path], path)
        errors.append(str(exc.value))
        assert info[agent] == {"path": path, "exists": True, "agent": agent, "status": "unparsable",
                               "error": str(exc.value)}
    assert info["failed"] and info["msg"] == "; ".join(errors) and info["findings"] == []


def test_info_reports_an_unreadable_file_whole():
    host, fake = failing_host({}, "slurp", {"failed": True, "msg": "file is not readable: /i.json"})
    action = make_action("agent_config_info", {"import_path": "/i.json", "agents": ["import"]}, "sh", host,
                         check_mode=True)
    action._execute_module.side_effect = fake
    info = action.run(task_vars={})
    assert info["import"] == {"path": "/i.json", "exists": False, "agent": "import", "status": "unreadable",
                              "error": "cannot read /i.json: file is not readable: /i.json"}
    assert info["failed"] and info["msg"] == info["import"]["error"]


def test_info_with_an_invalid_option_fails_naming_it_and_reads_nothing():
    info, host, _action = run("agent_config_info", {"deployment": "both_ways"}, {}, check_mode=True)
    assert info["failed"] and host.calls == [], info
    assert info["msg"].startswith("jumpcloud.adi.agent_config_info: ") and "deployment" in info["msg"]
    info, host, _action = run("agent_config_info", {"agent": ["import"]}, {}, check_mode=True)
    assert info["msg"].startswith("Unsupported parameters for (jumpcloud.adi.agent_config_info) module: agent (did "
                                  "you mean agents?). Supported parameters include: "), info
    assert host.calls == []


def test_info_on_windows_reads_with_the_windows_slurp():
    info, host, _action = run("agent_config_info", {"agents": ["sync"]}, {}, shell="powershell", check_mode=True)
    assert info["windows"] is True and info["sync"]["status"] == "missing"
    assert host.calls == [("ansible.windows.slurp", {"src": catalog.DEFAULT_PATHS["sync"]})]
    assert info["sync"]["findings"] == [{
        "severity": "info", "code": "missing_file", "setting": None, "agent": "sync",
        "message": "%s was not found (the default path): is the AD Sync agent installed on this host? Windows "
                   "also reports a file that the account Ansible runs as may not read as not found: check the "
                   "file's and its folders' ACL." % catalog.DEFAULT_PATHS["sync"]}]


def test_host_files_count_every_module_they_run():
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import HostFiles
    action = make_action("import_agent_config", {}, "sh", FakeHost({"/a": b"1", "/b": b"2"}))
    files = HostFiles(action, {})
    assert (files.read("/a"), files.read("/b"), files.executions) == (b"1", b"2", 2)
    assert files.write("/a", b"3") == {} and files.executions == 3
    with mock.patch.object(action, "_execute_module", return_value={"failed": True, "msg": "x"}):
        with pytest.raises(Exception):
            files.read("/a")
    assert files.executions == 4


def test_restore_from_whose_write_fails_changes_nothing_and_says_why():
    host, fake = failing_host({"/f.json": SUSPEND, BACKUP: IMPORT_FILE}, "copy", {"failed": True, "msg": "disk full"})
    action = make_action("import_agent_config", {"path": "/f.json", "restore_from": BACKUP}, "sh", host)
    action._execute_module.side_effect = fake
    assert action.run(task_vars={}) == {
        "changed": False, "failed": True, "msg": "cannot write /f.json: disk full", "path": "/f.json",
        "restored_from": BACKUP, "sha256": sha256(IMPORT_FILE), "settings": {"user_dissociation_action": "remove"}}
    assert host.files["/f.json"] == SUSPEND


@pytest.mark.parametrize("module, args, files", [
    ("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"}, {"/f.json": SUSPEND}),
    ("import_agent_config", {"path": "/f.json", "restore_from": BACKUP}, {"/f.json": SUSPEND, BACKUP: IMPORT_FILE}),
    ("agent_config_info", {"import_path": "/f.json", "sync_path": "/s.json"}, {"/f.json": SUSPEND}),
])
def test_every_module_on_the_host_runs_with_the_tasks_variables(module, args, files):
    # the host's connection and interpreter settings live in the task's variables
    task_vars = {"ansible_python_interpreter": "/usr/bin/python3", "inventory_hostname": "dc01"}
    host = FakeHost(files)
    action = make_action(module, args, "sh", host)
    result = action.run(task_vars=task_vars)
    assert not result.get("failed"), result
    calls = action._execute_module.call_args_list
    assert len(calls) >= 2 and all(c.kwargs["task_vars"] == task_vars for c in calls)


def test_info_of_one_agent_in_a_two_way_deployment_has_no_cross_agent_findings():
    raw = b'{"MainLoop": {"SyncAccountLockedOutStatus": true}}'
    info, _host, _action = run("agent_config_info", {"import_path": "/i.json", "agents": ["import"]},
                               {"/i.json": raw}, check_mode=True)
    assert not info.get("failed") and info["findings"] == AgentFile("import", raw, "/i.json").findings("two_way")


def test_a_posix_file_name_may_hold_a_backslash():
    path = "/etc/jc/odd\\name.json"
    result, host, _action = run("import_agent_config", {"path": path, "user_disable_action": "remove"},
                                {path: SUSPEND})
    assert result["changed"] and host.calls[-1][1]["_original_basename"] == "odd\\name.json"


def test_an_interpreter_failure_naming_a_missing_file_is_not_a_missing_agent_file():
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import HostFiles, TransportError
    answer = {"failed": True, "msg": "File not found: /usr/bin/python3", "module_stderr": "", "rc": 127}
    action = make_action("import_agent_config", {}, "sh", FakeHost({}))
    action._execute_module = mock.MagicMock(return_value=answer)
    with pytest.raises(TransportError) as exc:
        HostFiles(action, {}).read("/f.json")
    assert exc.value.missing is False and str(exc.value) == "cannot read /f.json: File not found: /usr/bin/python3"


def test_a_write_whose_checksum_differs_is_refused_with_both_checksums():
    host, fake = failing_host({"/f.json": SUSPEND}, "copy", {"changed": True, "checksum": "0" * 40})
    action = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"}, "sh", host)
    action._execute_module.side_effect = fake
    result = action.run(task_vars={})
    assert result["msg"] == ("cannot write /f.json: the copy module reports sha1 %s, the bytes sent have sha1 %s"
                             % ("0" * 40, hashlib.sha1(REMOVE).hexdigest())), result


def test_a_malformed_expect_sha256_is_refused_whole():
    result, host, _action = run("import_agent_config", {"path": "/f.json", "user_disable_action": "remove",
                                                        "expect_sha256": "0123456789abcdef" * 5}, {"/f.json": SUSPEND})
    assert result == {"changed": False, "failed": True, "path": "/f.json",
                      "msg": "expect_sha256 must be a file's sha256 (64 hexadecimal digits, as original_sha256 returns "
                             "it), got a string of 80 characters; nothing was read or written"}
    assert host.calls == []

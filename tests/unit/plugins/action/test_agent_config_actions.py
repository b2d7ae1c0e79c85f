# -*- coding: utf-8 -*-
"""The action plugins with a mocked connection, for both shell families.

No Windows host here: the nearest real thing is checked instead. The exact module calls are
recorded; each call's options must be ones the installed module documents (or, for the
underscore options the copy actions pass internally, ones the module's own source reads); and
ansible-core's real _configure_module must resolve each FQCN (to the .ps1 on PowerShell).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from unittest import mock

import pytest
import yaml

from ansible.playbook.play_context import PlayContext
from ansible.playbook.task import Task
from ansible.plugins import loader as plugin_loader
from ansible.release import __version__ as core_version
from ansible.plugins.loader import action_loader, shell_loader
from ansible.utils.collection_loader import AnsibleCollectionConfig

BOM = b"\xef\xbb\xbf"
CORE = tuple(int(x) for x in core_version.split(".")[:2])
SECRET = "jcapi-SECRET-0123456789abcdef"
IMPORT_FILE = BOM + (
    '{\r\n  "JumpCloud": {\r\n    "ApiKey": "%s"\r\n  },\r\n  "MainLoop": {\r\n'
    '    "UserDissociateAction": "remove"\r\n  }\r\n}\r\n' % SECRET).encode()
WIN_PATH = r"C:\Program Files\JumpCloud\AD Integration\JumpCloud AD Import\jcadimportagent.config.json"


class FakeHost:
    """Stands in for _execute_module / _transfer_data: a dict of path -> bytes."""

    def __init__(self, files):
        self.files = dict(files)
        self.calls = []
        self.transferred = {}

    def execute(self, module_name, module_args, task_vars):
        self.calls.append((module_name, dict(module_args)))
        if module_name.endswith("slurp"):
            if module_args["src"] not in self.files:
                return {"failed": True, "msg": "File not found: %s" % module_args["src"]}
            return {"content": base64.b64encode(self.files[module_args["src"]]).decode(), "encoding": "base64"}
        data = self.transferred[module_args["src"]]
        result = {"changed": True, "dest": module_args["dest"]}
        if module_args.get("backup"):
            result["backup_file"] = module_args["dest"] + ".1234.2026-11-25@10:00:00~"
        self.files[module_args["dest"]] = data
        if not module_name.endswith("win_copy"):  # win_copy's single mode returns no checksum
            result["checksum"] = hashlib.sha1(data).hexdigest()
        return result


def make_action(name, args, shell, host, check_mode=False, diff=False):
    task = Task()
    task.action = "jumpcloud.adi.%s" % name
    task.args = args
    task.check_mode = check_mode
    task.diff = diff
    connection = mock.MagicMock()
    connection._shell = shell_loader.get(shell)
    connection._shell.tmpdir = None
    connection.module_implementation_preferences = (".ps1", ".exe", "") if shell in ("powershell", "cmd") else (".py", "")
    connection.become = None
    play_context = PlayContext()
    play_context.check_mode = check_mode
    # ansible-core < 2.19 reads module_loader from shared_loader_obj (2.19 ignores the argument)
    action = action_loader.get("jumpcloud.adi.%s" % name, task, connection, play_context, mock.MagicMock(),
                               mock.MagicMock(), plugin_loader)
    action._execute_module = mock.MagicMock(side_effect=host.execute)

    def transfer(path, data):
        host.transferred[path] = data if isinstance(data, bytes) else data.encode()
        return path

    def make_tmp(*a, **kw):
        connection._shell.tmpdir = "/remote/tmp/ansible-tmp-1" if shell not in ("powershell", "cmd") else r"C:\Windows\Temp\at1"
        return connection._shell.tmpdir

    action._transfer_data = mock.MagicMock(side_effect=transfer)
    action._make_tmp_path = mock.MagicMock(side_effect=make_tmp)
    action._remove_tmp_path = mock.MagicMock()
    return action


# ---------------------------------------------------------------- documented options of the real modules

def _collection_root(namespace, name):
    for path in AnsibleCollectionConfig.collection_paths:
        candidate = os.path.join(path, "ansible_collections", namespace, name)
        if os.path.isdir(candidate):
            return candidate
    pytest.fail("ansible_collections.%s.%s is not installed (make setup puts it in .tmp/collections)" % (namespace, name))


def module_sources(fqcn):
    """(DOCUMENTATION dict, source text that reads the options) of an installed module."""
    if fqcn.startswith("ansible.windows."):
        root = os.path.join(_collection_root("ansible", "windows"), "plugins", "modules")
        short = fqcn.split(".")[-1]
        with open(os.path.join(root, short + ".ps1")) as f:
            impl = f.read()
        if os.path.exists(os.path.join(root, short + ".yml")):  # docs beside the code (slurp.yml)
            with open(os.path.join(root, short + ".yml")) as f:
                return yaml.safe_load(f)["DOCUMENTATION"], impl
        with open(os.path.join(root, short + ".py")) as f:
            stub = f.read()
    else:
        import importlib
        mod = importlib.import_module("ansible.modules." + fqcn.split(".")[-1])
        with open(mod.__file__) as f:
            stub = impl = f.read()
    doc_text = re.search(r"DOCUMENTATION\s*=\s*r?(['\"]{3})(.*?)\1", stub, re.S).group(2)
    return yaml.safe_load(doc_text), impl


def assert_call_matches_documentation(fqcn, args):
    doc, impl = module_sources(fqcn)
    documented = set(doc.get("options", {}))
    for key in args:
        if key.startswith("_"):
            # internal options the copy actions pass; the module's own source must read them
            assert re.search(r"['\"]%s['\"]" % re.escape(key), impl), "%s does not read %s" % (fqcn, key)
        else:
            assert key in documented or _documented_via_fragment(fqcn, key), \
                "%s does not document option %s (documents: %s)" % (fqcn, key, sorted(documented))


def _documented_via_fragment(fqcn, key):
    # ansible.builtin.copy takes backup/follow etc. from doc fragments: ask ansible-doc's loader
    from ansible.plugins.loader import module_loader
    from ansible.utils.plugin_docs import get_docstring
    ctx = module_loader.find_plugin_with_context(fqcn)
    doc = get_docstring(ctx.plugin_resolved_path, fragment_loader=__import__(
        "ansible.plugins.loader", fromlist=["fragment_loader"]).fragment_loader)[0]
    return key in doc.get("options", {})


# ---------------------------------------------------------------- tests

@pytest.mark.parametrize("shell, slurp, copy, path", [
    ("powershell", "ansible.windows.slurp", "ansible.windows.win_copy", WIN_PATH),
    ("sh", "ansible.legacy.slurp", "ansible.legacy.copy", "/etc/jumpcloud/jcadimportagent.config.json"),
])
def test_check_unchanged_and_changed_apply_make_the_expected_calls(shell, slurp, copy, path):
    args = {"path": path, "user_disable_action": "remove", "user_dissociation_action": "remove", "backup": True}
    # check mode: one read, nothing written
    host = FakeHost({path: IMPORT_FILE})
    result = make_action("import_agent_config", dict(args), shell, host, check_mode=True, diff=True).run(task_vars={})
    assert result["changed"] and not result.get("failed"), result
    assert [c[0] for c in host.calls] == [slurp] and host.files[path] == IMPORT_FILE
    assert result["remote_executions"] == 1
    assert SECRET not in json.dumps(result) and "\"********\"" in result["diff"]["before"]
    # apply: one read, one write, the transferred bytes are the surgical edit
    result = make_action("import_agent_config", dict(args), shell, host).run(task_vars={})
    assert result["changed"] and [c[0] for c in host.calls[1:]] == [slurp, copy]
    assert result["backup_file"].endswith("~") and result["remote_executions"] == 2
    written = host.files[path]
    assert written == IMPORT_FILE.replace(b'"UserDissociateAction": "remove"\r\n',
                                          b'"UserDissociateAction": "remove",\r\n    "UserDisableAction": "remove"\r\n')
    copy_args = host.calls[-1][1]
    assert copy_args["dest"] == path and copy_args["backup"] is True
    if shell == "powershell":
        assert copy_args["_copy_mode"] == "single" and copy_args["src"].startswith("C:\\Windows\\Temp\\at1")
        assert copy_args["_original_basename"] == "jcadimportagent.config.json"
    else:
        assert copy_args["checksum"] == hashlib.sha1(written).hexdigest()
    # unchanged apply: one read, nothing written
    result = make_action("import_agent_config", dict(args), shell, host).run(task_vars={})
    assert not result["changed"] and [c[0] for c in host.calls[3:]] == [slurp]
    for module_name, module_args in host.calls:
        assert_call_matches_documentation(module_name.replace("ansible.legacy.", "ansible.builtin."), module_args)


@pytest.mark.parametrize("shell, expected_suffix", [("powershell", ".ps1"), ("sh", ".py")])
def test_module_names_resolve_with_the_real_configure_module(shell, expected_suffix):
    host = FakeHost({})
    action = make_action("import_agent_config", {}, shell, host)
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import HostFiles
    files = HostFiles(action, {})
    for name in (files.slurp_module, files.copy_module):
        with mock.patch("ansible.plugins.action.modify_module") as modify:
            # 2.19 returns an object; older cores a (module_data, module_style, shebang) tuple
            modify.return_value = mock.MagicMock() if CORE >= (2, 19) else (b"", "new", None)
            try:
                action._configure_module(name, {}, {})
            except Exception as exc:  # pragma: no cover - the assertion below says what went wrong
                pytest.fail("%s did not resolve: %s" % (name, exc))
            resolved = modify.call_args[0][1] if modify.call_args[0] else modify.call_args[1]["module_path"]
        assert resolved.endswith(expected_suffix), resolved


def test_cmd_shell_gets_the_windows_modules_and_arguments():
    # ansible-core's cmd shell plugin sets _IS_WINDOWS (SHELL_FAMILY is 'cmd'): win_copy must get its single-file
    # arguments (win_copy.py _copy_single_file), not the POSIX copy's checksum/follow
    host = FakeHost({WIN_PATH: IMPORT_FILE})
    result = make_action("import_agent_config", {"path": WIN_PATH, "user_disable_action": "suspend"}, "cmd", host).run(
        task_vars={})
    assert result["changed"] and not result.get("failed"), result
    assert [c[0] for c in host.calls] == ["ansible.windows.slurp", "ansible.windows.win_copy"]
    copy_args = host.calls[-1][1]
    assert sorted(copy_args) == ["_copy_mode", "_original_basename", "backup", "dest", "src"]
    assert copy_args["_copy_mode"] == "single" and copy_args["_original_basename"] == "jcadimportagent.config.json"


@pytest.mark.parametrize("check_mode, expect_tmp", [(True, 0), (False, 1)])
def test_remote_tmp_dir_only_when_a_file_is_sent(check_mode, expect_tmp):
    host = FakeHost({WIN_PATH: IMPORT_FILE})
    action = make_action("import_agent_config", {"path": WIN_PATH, "user_disable_action": "suspend"}, "powershell",
                         host, check_mode=check_mode)
    assert action.run(task_vars={})["changed"]
    assert action._make_tmp_path.call_count == expect_tmp
    # unchanged run (after the write), and the info module: no tmp dir
    again = make_action("import_agent_config", {"path": WIN_PATH, "user_disable_action": "suspend"}, "powershell", host)
    info = make_action("agent_config_info", {"import_path": WIN_PATH, "agents": ["import"]}, "powershell", host)
    assert info.run(task_vars={})["windows"] is True
    assert info._make_tmp_path.call_count == 0
    if not check_mode:
        assert not again.run(task_vars={})["changed"]
        assert again._make_tmp_path.call_count == 0


def test_missing_file_on_windows_says_access_denied_reads_the_same():
    # ansible.windows slurp.ps1 line 14 decides with Test-Path, which answers False for an unreadable file
    host = FakeHost({})
    result = make_action("import_agent_config", {"user_disable_action": "suspend"}, "powershell", host).run(task_vars={})
    assert result["failed"] and "may not read as not found" in result["msg"] and "ACL" in result["msg"]


def test_restore_from_puts_the_backup_back_in_place():
    backup = WIN_PATH + ".4100.20260102-030405.bak"
    host = FakeHost({WIN_PATH: IMPORT_FILE.replace(b'"remove"', b'"unbind"'), backup: IMPORT_FILE})
    result = make_action("import_agent_config", {"path": WIN_PATH, "restore_from": backup}, "powershell", host,
                         diff=True).run(task_vars={})
    assert result["changed"] and not result.get("failed"), result
    assert host.files[WIN_PATH] == IMPORT_FILE and result["restored_from"] == backup
    # win_copy single mode (in place: the file keeps its ACL), no new backup, no secret in the result
    assert [c[0] for c in host.calls] == ["ansible.windows.slurp", "ansible.windows.slurp", "ansible.windows.win_copy"]
    assert host.calls[-1][1]["_copy_mode"] == "single" and host.calls[-1][1]["backup"] is False
    assert SECRET not in json.dumps(result)
    again = make_action("import_agent_config", {"path": WIN_PATH, "restore_from": backup}, "powershell", host)
    assert not again.run(task_vars={})["changed"] and again._make_tmp_path.call_count == 0


@pytest.mark.parametrize("args, backup_bytes, message", [
    ({"user_disable_action": "suspend"}, IMPORT_FILE, "cannot be combined with settings"),
    ({"unset": ["user_disable_action"]}, IMPORT_FILE, "cannot be combined with settings or unset"),
    ({}, IMPORT_FILE[:40], "refusing to restore"),
    ({}, None, "cannot restore"),
])
def test_restore_from_refuses_bad_input_and_writes_nothing(args, backup_bytes, message):
    backup = WIN_PATH + ".bak"
    files = {WIN_PATH: IMPORT_FILE}
    if backup_bytes is not None:
        files[backup] = backup_bytes
    host = FakeHost(files)
    result = make_action("import_agent_config", dict(args, path=WIN_PATH, restore_from=backup), "powershell",
                         host).run(task_vars={})
    assert result["failed"] and message in result["msg"], result
    assert host.files[WIN_PATH] == IMPORT_FILE and not [c for c in host.calls if c[0].endswith("win_copy")]


def test_missing_file_names_the_agent_and_writes_nothing():
    host = FakeHost({})
    result = make_action("import_agent_config", {"user_disable_action": "suspend"}, "powershell", host).run(task_vars={})
    assert result["failed"]
    assert "is the AD Import agent installed on this host?" in result["msg"] and "(the default path)" in result["msg"]
    assert [c[0] for c in host.calls] == ["ansible.windows.slurp"]


@pytest.mark.parametrize("args, message", [
    ({"user_disable_action": "delete"}, "value of user_disable_action must be one of: suspend, remove, unbind, got: 'delete'"),
    ({"user_disable_actoin": "remove"}, "user_disable_actoin"),
    ({"sync_additional_attributes": "maybe"}, "sync_additional_attributes"),
    ({"unset": ["user_disable_action"], "user_disable_action": "remove"}, "cannot both set and unset user_disable_action"),
    ({"unset": ["nothing"]}, "value of unset must be one or more of"),
])
def test_bad_options_fail_in_check_mode_too_and_read_nothing(args, message):
    host = FakeHost({"/f.json": IMPORT_FILE})
    args = dict(args, path="/f.json")
    result = make_action("import_agent_config", args, "sh", host, check_mode=True).run(task_vars={})
    assert result["failed"] and message in result["msg"], result
    assert host.files["/f.json"] == IMPORT_FILE
    assert all(not c[0].endswith("copy") for c in host.calls)


def test_bad_value_in_the_file_stops_before_writing():
    bad = IMPORT_FILE.replace(b'"UserDissociateAction": "remove"', b'"UserDissociateAction": "sometimes"')
    host = FakeHost({"/f.json": bad})
    result = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "suspend"}, "sh", host).run(
        task_vars={})
    assert result["failed"] and host.files["/f.json"] == bad
    assert "UserDissociateAction: 'sometimes' is not one of remove, unbind (/f.json, line 6)" in result["msg"]


def test_sync_module_and_info_module():
    sync = b'{\n  "jc_api_key": "sync-SECRET-key-987",\n  "membership_disconnection_action": "Remove"\n}\n'
    host = FakeHost({"/s.json": sync, "/i.json": IMPORT_FILE})
    result = make_action("sync_agent_config", {"path": "/s.json", "membership_disconnection_action": "retain",
                                               "user_disconnection_action": "disable"}, "sh", host).run(task_vars={})
    expected = {"membership_disconnection": "retain", "user_disconnection_action": "disable"}
    assert result["changed"] and result["settings"] == expected
    assert b'"membership_disconnection_action": "retain"' in host.files["/s.json"]
    info = make_action("agent_config_info", {"import_path": "/i.json", "sync_path": "/s.json"}, "sh", host,
                       check_mode=True).run(task_vars={})
    assert info["import"]["exists"] and info["sync"]["exists"] and not info["changed"]
    # UserDissociateAction=remove while UserDisableAction is absent (suspend): docs/design.md contradiction 1
    assert info["import"]["effective"]["user_disable_action"]["ambiguous"] is True
    assert info["sync"]["settings"]["user_disconnection_action"] == "disable"
    assert info["remote_executions"] == 2
    dumped = json.dumps(info)
    assert SECRET not in dumped and "sync-SECRET-key-987" not in dumped
    missing = make_action("agent_config_info", {"import_path": "/nope.json", "sync_path": "/s.json"}, "sh", host,
                          check_mode=True).run(task_vars={})
    assert missing["import"]["exists"] is False and not missing.get("failed")
    assert missing["import"]["findings"][0]["code"] == "missing_file"


@pytest.mark.parametrize("result, missing", [
    ({"failed": True, "msg": "File not found: /f.json"}, True),
    ({"failed": True, "msg": "file not found: /f.json"}, True),
    ({"failed": True, "msg": r"Path C:\x\config.json is not found"}, True),
    ({"failed": True, "msg": "MODULE FAILURE", "module_stderr": "/bin/sh: python: not found", "rc": 127}, False),
    ({"failed": True, "msg": "File is not readable: /f.json"}, False),
])
def test_only_slurps_own_not_found_message_means_missing(result, missing):
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import HostFiles, TransportError
    action = make_action("import_agent_config", {}, "sh", FakeHost({}))
    action._execute_module = mock.MagicMock(return_value=result)
    with pytest.raises(TransportError) as exc:
        HostFiles(action, {}).read("/f.json")
    assert exc.value.missing is missing


def test_a_change_that_fixes_a_bad_value_is_written_and_says_why_no_impact():
    bad = IMPORT_FILE.replace(b'"UserDissociateAction": "remove"', b'"UserDissociateAction": 42')
    host = FakeHost({"/f.json": bad})
    result = make_action("import_agent_config", {"path": "/f.json", "user_dissociation_action": "unbind"}, "sh",
                         host).run(task_vars={})
    assert result["changed"] and not result.get("failed"), result
    assert b'"UserDissociateAction": "unbind"' in host.files["/f.json"]
    assert "impact" not in result
    assert any(w.startswith("impact not predicted: the file's current settings are invalid") for w in result["warnings"])


def test_impact_is_predicted_from_a_file_holding_keys_of_its_own():
    # Import Agent Settings > UserDisableAction: suspend suspends the JumpCloud user, remove deletes it. A key of the
    # admin's own beside the settings (not a setting, not a mistake) does not stop the prediction.
    own = IMPORT_FILE.replace(b'"UserDissociateAction": "remove"',
                              b'"UserDisableAction": "suspend",\r\n    "SiteNote": "kept by the admin"')
    host = FakeHost({"/f.json": own})
    result = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "remove"}, "sh",
                         host, check_mode=True).run(task_vars={})
    assert result["changed"] and not result.get("failed"), result
    assert not any(w.startswith("impact not predicted") for w in result.get("warnings", []))
    disabled = [i for i in result["impact"] if i["event"] == "ad_user_disabled"]
    assert len(disabled) == 1
    assert disabled[0]["before"]["jc"]["account"] == "suspended" and disabled[0]["after"]["jc"]["account"] == "deleted"


# ---------------------------------------------------------------- trust: options, messages, statuses

def test_option_values_are_taken_in_any_case_and_new_keys_written_in_the_catalogs():
    host = FakeHost({"/f.json": IMPORT_FILE})
    result = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "Suspend",
                                                 "settings": {"UserExpireAction": "MAINTAIN"}}, "sh", host).run(
        task_vars={})
    assert result["changed"] and not result.get("failed"), result
    assert b'"UserDisableAction": "suspend"' in host.files["/f.json"]
    assert b'"UserExpireAction": "maintain"' in host.files["/f.json"]
    # the file's own spelling of an equal value stays (vendor document: values appear as remove and Remove)
    again = make_action("import_agent_config", {"path": "/f.json", "user_dissociation_action": "REMOVE"}, "sh",
                        host).run(task_vars={})
    assert not again["changed"] and again["changes"] == []


def test_an_unsupported_option_is_named_the_ansible_way_with_a_guess():
    host = FakeHost({"/f.json": IMPORT_FILE})
    result = make_action("import_agent_config", {"path": "/f.json", "user_disable_actoin": "remove"}, "sh",
                         host).run(task_vars={})
    assert result["msg"].startswith("Unsupported parameters for (jumpcloud.adi.import_agent_config) module: "
                                    "user_disable_actoin (did you mean user_disable_action?). Supported parameters "
                                    "include: ")
    assert host.calls == []


def _documented_option_names(fqcn):
    from ansible.plugins.loader import fragment_loader, module_loader
    from ansible.utils.plugin_docs import get_docstring
    ctx = module_loader.find_plugin_with_context(fqcn)
    doc = get_docstring(ctx.plugin_resolved_path, fragment_loader=fragment_loader, is_module=True)[0]
    return sorted(doc["options"])


def test_every_unsupported_option_is_named_once_and_options_given_by_alias_are_not():
    # dest is the documented alias of path; a null value is an option given all the same
    host = FakeHost({"/f.json": IMPORT_FILE})
    fqcn = "jumpcloud.adi.import_agent_config"
    result = make_action("import_agent_config", {"dest": "/f.json", "user_disable_actoin": "remove", "bakcup": True,
                                                 "frobnicate": None}, "sh", host).run(task_vars={})
    assert result["failed"] and host.calls == [], result
    assert result["msg"] == (
        "Unsupported parameters for (%s) module: bakcup (did you mean backup?), frobnicate, user_disable_actoin "
        "(did you mean user_disable_action?). Supported parameters include: %s."
        % (fqcn, ", ".join(_documented_option_names(fqcn))))


def test_a_setting_of_the_other_agent_is_not_guessed_to_be_a_typo():
    # user_expire_action is the import agent's (Import Agent Settings > UserExpireAction), not a misspelt
    # user_disconnection_action of the sync agent
    host = FakeHost({})
    fqcn = "jumpcloud.adi.sync_agent_config"
    result = make_action("sync_agent_config", {"user_expire_action": "expire"}, "sh", host).run(task_vars={})
    assert result["failed"] and host.calls == [], result
    assert result["msg"] == "Unsupported parameters for (%s) module: user_expire_action. Supported parameters " \
        "include: %s." % (fqcn, ", ".join(_documented_option_names(fqcn)))


def test_every_rejected_option_value_is_named_after_the_module():
    # Import Agent Settings > UserDisableAction and > UserExpireAction: the allowed values
    host = FakeHost({"/f.json": IMPORT_FILE})
    result = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "delete",
                                                 "user_expire_action": "never"}, "sh", host).run(task_vars={})
    assert result["failed"] and host.calls == [], result
    prefix = "jumpcloud.adi.import_agent_config: "
    assert result["msg"].startswith(prefix)
    assert sorted(result["msg"][len(prefix):].split("; ")) == [
        "value of user_disable_action must be one of: suspend, remove, unbind, got: 'delete'",
        "value of user_expire_action must be one of: expire, maintain, got: 'never'"]


@pytest.mark.parametrize("args", [
    {"user_disable_action": "Pwd=Winter2026!;Server=dc01"},
    {"sync_additional_attributes": "Pwd=Winter2026!;Server=dc01"},
    {"password_change_listener_poll_time_millis": "Pwd=Winter2026!;Server=dc01"},
    {"settings": {"UserDisableAction": "Pwd=Winter2026!;Server=dc01"}},
])
def test_a_rejected_option_value_is_described_not_echoed(args):
    host = FakeHost({"/f.json": IMPORT_FILE})
    result = make_action("import_agent_config", dict(args, path="/f.json"), "sh", host, check_mode=True).run(
        task_vars={})
    assert result["failed"] and "Winter2026" not in json.dumps(result), result


def test_a_write_that_leaves_the_file_ambiguous_warns_whichever_setting_changed():
    # vendor document, Import Agent Settings > UserDissociationAction: it "overrides UserDisableAction if not
    # identical", and UserDisableAction "takes precedence": suspend with unbind is read two ways
    raw = b'{"MainLoop": {"UserDisableAction": "suspend", "UserDissociationAction": "unbind"}}'
    host = FakeHost({"/f.json": raw})
    result = make_action("import_agent_config", {"path": "/f.json", "user_expire_action": "expire"}, "sh",
                         host).run(task_vars={})
    assert result["changed"]
    assert any("contradicts itself" in w for w in result["warnings"]), result.get("warnings")


@pytest.mark.parametrize("content, status", [
    (None, "missing"),
    (b'{"MainLoop": {"UserDisableAction": "remove",}}', "unparsable"),
    (b'{"user_disconnection_action": "remove"}', "unparsable"),  # the sync agent's file at the import path
    (b'{"MainLoop": {"UserDisableAction": "remove"}}', "ok"),
])
def test_info_tells_missing_unreadable_and_unparsable_apart(content, status):
    host = FakeHost({"/i.json": content} if content is not None else {})
    info = make_action("agent_config_info", {"import_path": "/i.json", "agents": ["import"]}, "sh", host,
                       check_mode=True).run(task_vars={})
    assert info["import"]["status"] == status
    assert info["import"]["exists"] is (status != "missing")
    assert bool(info.get("failed")) is (status == "unparsable")
    if status == "unparsable":
        assert info["import"]["error"].startswith("/i.json") and info["msg"] == info["import"]["error"]


def test_info_reports_an_unreadable_file_as_unreadable_not_as_missing():
    action = make_action("agent_config_info", {"import_path": "/i.json", "agents": ["import"]}, "sh", FakeHost({}),
                         check_mode=True)
    action._execute_module = mock.MagicMock(return_value={"failed": True, "msg": "file is not readable: /i.json"})
    info = action.run(task_vars={})
    assert info["failed"] and info["import"]["status"] == "unreadable" and "not readable" in info["msg"]


def test_a_pasted_value_for_a_dn_is_described_in_every_part_of_the_failed_result():
    sync = b'{"sync_group": "CN=JC,DC=example,DC=com"}'
    host = FakeHost({"/s.json": sync})
    result = make_action("sync_agent_config", {"path": "/s.json", "sync_group": "Winter2026!S3CR_opt10"}, "sh",
                         host).run(task_vars={})
    assert result["failed"] and "Winter2026" not in json.dumps(result), result
    assert host.files["/s.json"] == sync


def test_impact_is_predicted_from_the_values_as_written():
    bad = b'{"MainLoop": {"UserDisableAction": "Pwd=Winter2026!;Server=dc01"}}'
    host = FakeHost({"/f.json": bad})
    result = make_action("import_agent_config", {"path": "/f.json", "user_disable_action": "suspend"}, "sh",
                         host).run(task_vars={})
    assert result["changed"] and "Winter2026" not in json.dumps(result)
    warning = [w for w in result["warnings"] if w.startswith("impact not predicted")][0]
    assert "a string of 27 characters" in warning  # the value's own length, not its placeholder's


@pytest.mark.parametrize("shell, path", [("powershell", WIN_PATH), ("sh", "/etc/jumpcloud/jcadimportagent.config.json")])
def test_a_file_changed_since_the_plan_is_not_written(shell, path):
    # the plan (check mode) gives the sha256 it read; another writer changes the file; the write refuses
    host = FakeHost({path: IMPORT_FILE})
    args = {"path": path, "user_disable_action": "suspend"}
    plan = make_action("import_agent_config", dict(args), shell, host, check_mode=True).run(task_vars={})
    assert plan["original_sha256"] == hashlib.sha256(IMPORT_FILE).hexdigest() and plan["changed"]
    other = IMPORT_FILE.replace(b'"remove"', b'"unbind"')  # another writer's edit
    host.files[path] = other
    action = make_action("import_agent_config", dict(args, expect_sha256=plan["original_sha256"]), shell, host)
    result = action.run(task_vars={})
    assert result["failed"] and not result["changed"] and result["lost_update"], result
    msg = result["msg"]
    assert msg.startswith(path + " changed since the plan read it") and "re-run" in msg, msg
    assert plan["original_sha256"] in msg and hashlib.sha256(other).hexdigest() in msg, msg
    assert "Nothing was written" in msg
    # nothing was sent: one read, no tmp dir, no copy; the other writer's bytes stay
    assert [c[0] for c in host.calls][-1].endswith("slurp") and action._make_tmp_path.call_count == 0
    assert host.files[path] == other
    assert SECRET not in json.dumps(result)
    # the same sha256 (in any case) writes
    ok = make_action("import_agent_config", dict(args, expect_sha256=hashlib.sha256(other).hexdigest().upper()),
                     shell, host).run(task_vars={})
    assert ok["changed"] and not ok.get("failed"), ok.get("msg")


def test_a_pasted_expect_sha256_is_described_not_echoed():
    host = FakeHost({WIN_PATH: IMPORT_FILE})
    result = make_action("import_agent_config", {"path": WIN_PATH, "user_disable_action": "suspend",
                                                 "expect_sha256": SECRET}, "powershell", host).run(task_vars={})
    assert result["failed"] and SECRET not in json.dumps(result), result
    # an argument error, not a lost update: nothing was read
    assert result["msg"].startswith("expect_sha256 must be a file's sha256 (64 hexadecimal digits")
    assert not result.get("lost_update") and host.calls == []


def test_a_write_whose_checksum_differs_from_the_bytes_sent_fails():
    # ansible.builtin.copy returns the sha1 of the file it put in place: it must be the sha1 of what was sent
    path = "/etc/jumpcloud/jcadimportagent.config.json"
    host = FakeHost({path: IMPORT_FILE})
    execute = host.execute

    def corrupt(module_name, module_args, task_vars):
        result = execute(module_name, module_args, task_vars)
        if module_name.endswith("copy"):
            result["checksum"] = "0" * 40
        return result

    action = make_action("import_agent_config", {"path": path, "user_disable_action": "suspend"}, "sh", host)
    action._execute_module.side_effect = corrupt
    result = action.run(task_vars={})
    assert result["failed"] and "the copy module reports sha1 " + "0" * 40 in result["msg"], result


def test_one_setting_twice_in_settings_names_both_keys_and_reads_nothing():
    host = FakeHost({"/f.json": IMPORT_FILE})
    result = make_action("import_agent_config", {"path": "/f.json", "settings": {
        "UserDisableAction": "remove", "userdisableaction": "suspend"}}, "sh", host).run(task_vars={})
    assert result["failed"] and host.calls == [], result
    assert result["msg"] == ("settings gives user_disable_action twice with different values ('remove' as "
                             "UserDisableAction, 'suspend' as userdisableaction)")


def test_a_boolean_for_an_integer_option_is_the_options_error_and_nothing_is_read():
    # Import Agent Settings > PasswordChangeListener - PollTimeMillis: a number of milliseconds
    host = FakeHost({"/f.json": IMPORT_FILE})
    result = make_action("import_agent_config", {"path": "/f.json", "password_change_listener_poll_time_millis": True},
                         "sh", host).run(task_vars={})
    assert result["failed"] and host.calls == [], result
    assert "true is a boolean, expected an integer" in result["msg"] and "/f.json" not in result["msg"]
    assert result["msg"].endswith("nothing was read or written")


@pytest.mark.parametrize("agent", ["import", "sync"])
def test_an_empty_path_is_named_and_nothing_is_read(agent):
    # issue 21 item 9: `path: ""` used to give '" does not exist: ..."' after a read of the empty path
    host = FakeHost({})
    result = make_action("%s_agent_config" % agent, {"path": " ", "user_disconnection_action" if agent == "sync"
                         else "user_disable_action": "disable" if agent == "sync" else "suspend"},
                         "powershell", host).run(task_vars={})
    assert result["failed"] and result["msg"].startswith("path is empty: give the agent file's path"), result
    assert host.calls == []

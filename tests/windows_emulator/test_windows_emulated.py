# -*- coding: utf-8 -*-
"""The modules and the three roles against emulated Windows hosts, driven by the real ansible-playbook.

`make windows-emulated` (part of `make test`) runs this file on ansible-core 2.19 (Python 3.11), 2.16 (Python
3.11) and the newest core on Python 3.13: whichever ansible-playbook sits beside the Python that runs pytest.
Expected values come from the ansible.windows .ps1 sources (cited in winhost.py) and the vendor's file layout,
never from a previous run of our own code.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

from ansible.release import __version__ as CORE
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fleet  # noqa: E402  pylint: disable=wrong-import-position
import winhost  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)
PLAYBOOKS = os.path.join(HERE, "playbooks")
IMPORT_PATH = fleet.IMPORT_DIR + "\\" + fleet.IMPORT_FILE
SYNC_PATH = fleet.SYNC_DIR + "\\" + fleet.SYNC_FILE
# ansible-core Ansible.ModuleUtils.Backup.psm1 line 21: "$path.$pid." + [DateTime]::Now.ToString("yyyyMMdd-HHmmss") + ".bak"
BACKUP = re.compile(r"^%s\.\d+\.\d{8}-\d{6}\.bak$")


def sha(data):
    return hashlib.sha256(data).hexdigest()


def playbook(root, inventory, name, *extra):
    """Run one playbook against the emulated hosts: (process, {failures: {host: [{task, msg}]}, recap})."""
    results = os.path.join(root, "results-%s.json" % name)
    env = dict(os.environ, ADI_WINEMU_ROOT=root, ADI_WINEMU_RESULTS=results,
               ANSIBLE_CONNECTION_PLUGINS=os.path.join(HERE, "connection_plugins"),
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
               ANSIBLE_CALLBACKS_ENABLED="winemu_results", ANSIBLE_FORKS="10", ANSIBLE_RETRY_FILES_ENABLED="0")
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, os.path.join(PLAYBOOKS, name)]
                          + list(extra), capture_output=True, text=True, env=env, check=False)
    if not os.path.exists(results):
        raise AssertionError("%s did not run (rc %s):\n%s\n%s"
                             % (name, proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:]))
    with open(results, encoding="utf-8") as f:
        out = json.load(f)
    out["stdout"] = proc.stdout
    return proc, out


def host_failures(out):
    """host -> the messages of its failed tasks (not ignored), in order."""
    return {h: [x["msg"] for x in fails] for h, fails in out["failures"].items()}


def trace(root, host):
    path = os.path.join(root, host, ".emu", "trace.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def commands(entries):
    """One line per remote command, as the closing note lists them."""
    out = []
    for e in entries:
        if e["op"] == "module":
            mode = e["args"].get("_copy_mode") or e["args"].get("state") or ""
            out.append("%s%s%s" % (e["module"], " " + mode if mode else "", " (check mode)" if e["check_mode"] else ""))
        else:
            out.append(e["op"])
    return out


def host(root, name):
    h = winhost.WinHost(os.path.join(root, name))
    h.state = h.load()
    return h


def settings(agent, data):
    return AgentFile(agent, data, "x").settings()


def assert_no_secret(text):
    for secret in fleet.SECRETS:
        assert secret not in text


@pytest.fixture(scope="module")
def work():
    d = tempfile.mkdtemp(prefix="adi-winemu-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


# ---------------------------------------------------------------------------------------------- the modules
def test_modules_check_apply_idempotent(work):
    root = os.path.join(work, "modules")
    inventory = fleet.build(root, ["dc-ok", "dc-cmd"])
    imp0, syn0 = fleet.agent_bytes()
    results = os.path.join(root, "results.json")
    proc, out = playbook(root, inventory, "modules.yml", "-e", "adi_results=" + results)
    assert proc.returncode == 0, host_failures(out)
    with open(results, encoding="utf-8") as f:
        r = json.load(f)
    assert_no_secret(proc.stdout)
    assert r["info"]["import"]["sha256"] == sha(imp0) and r["info"]["sync"]["sha256"] == sha(syn0)
    assert r["import_check"]["changed"] and r["sync_check"]["changed"] and "diff" in r["import_check"]
    assert r["import_apply"]["changed"] and r["sync_apply"]["changed"]
    assert not r["import_again"]["changed"] and not r["sync_again"]["changed"]
    assert "backup_file" not in r["import_again"]
    for name in ("dc-ok", "dc-cmd"):
        h = host(root, name)
        imp, syn = h.get(IMPORT_PATH), h.get(SYNC_PATH)
        # the bytes: BOM and CRLF kept on the import file, no BOM added to the sync file
        assert imp.startswith(b"\xef\xbb\xbf") and b"\n" not in imp.replace(b"\r\n", b"")
        assert not syn.startswith(b"\xef\xbb\xbf") and b"\n" not in syn.replace(b"\r\n", b"")
        assert settings("import", imp)["user_disable_action"] == "suspend"
        assert settings("sync", syn)["user_disconnection_action"] == "disable"
        # win_copy single mode overwrites in place (win_copy.ps1 line 459): the file keeps its own ACL
        assert h.acl(IMPORT_PATH) == fleet.PROTECTED and h.acl(SYNC_PATH) == fleet.PROTECTED
        # one backup, named as Backup.psm1 names it, holding the original bytes, with the folder's ACL
        backups = [p for p in h.files(fleet.IMPORT_DIR) if p.endswith(".bak")]
        assert len(backups) == 1 and re.match(BACKUP.pattern % re.escape(IMPORT_PATH), backups[0]), backups
        assert h.get(backups[0]) == imp0 and h.acl(backups[0]) == winhost.INHERITED
        # every remote tmp dir was removed
        assert h.files(winhost.TEMP) == []
        entries = trace(root, name)
        assert_no_secret(json.dumps(entries))
        # a remote tmp dir only for the two writes (not for the reads, check mode, or the idempotent runs)
        assert [e["op"] for e in entries].count("mkdtemp") == 2
        assert [e["op"] for e in entries].count("remove_tmp") == 2
        assert {e["module"] for e in entries if e["op"] == "module"} == {"ansible.windows.slurp",
                                                                         "ansible.windows.win_copy"}
        writes = [e for e in entries if e["op"] == "module" and e["module"] == "ansible.windows.win_copy"]
        # the arguments the win_copy action sends in single mode (win_copy.py _copy_single_file), and no POSIX ones
        assert [sorted(w["args"]) for w in writes] == [["_copy_mode", "_original_basename", "backup", "dest", "src"]] * 2
        assert [w["args"]["_original_basename"] for w in writes] == [fleet.IMPORT_FILE, fleet.SYNC_FILE]
        assert all(w["args"]["_copy_mode"] == "single" for w in writes)


def test_trace_of_our_write_matches_the_win_copy_action(work):
    root = os.path.join(work, "trace")
    inventory = fleet.build(root, ["dc-ok"])
    imp0, _syn0 = fleet.agent_bytes()
    proc, out = playbook(root, inventory, "trace_compare.yml")
    assert proc.returncode == 0, host_failures(out)
    h = host(root, "dc-ok")
    written = h.get(IMPORT_PATH)
    ours = trace(root, "dc-ok")
    with h.session():  # put the original back (in place, as before), and clear the backups and the trace
        h.put(IMPORT_PATH, imp0)
        for p in h.files(fleet.IMPORT_DIR):
            if p.endswith(".bak"):
                h.remove_item(p)
    os.remove(os.path.join(root, "dc-ok", ".emu", "trace.jsonl"))
    local = os.path.join(root, "local", fleet.IMPORT_FILE)
    os.makedirs(os.path.dirname(local))
    with open(local, "wb") as f:
        f.write(written)
    proc, out = playbook(root, inventory, "trace_win_copy.yml", "-e", "adi_local_file=" + local,
                         "-e", json.dumps({"adi_dest": IMPORT_PATH}))
    assert proc.returncode == 0, host_failures(out)
    theirs = trace(root, "dc-ok")
    assert host(root, "dc-ok").get(IMPORT_PATH) == written

    def write_part(entries):
        """From the tmp dir to its removal, with the tmp dir's random name taken out."""
        start = [e["op"] for e in entries].index("mkdtemp")
        part = entries[start:]
        tmp = part[0]["path"]
        return json.loads(json.dumps(part).replace(json.dumps(tmp)[1:-1], "<tmp>"))

    # the win_copy action first asks (query mode) whether the file differs; we read it with slurp instead
    assert commands(ours) == ["ansible.windows.slurp", "mkdtemp", "put_file", "ansible.windows.win_copy single",
                              "remove_tmp"]
    assert commands(theirs) == ["ansible.windows.win_copy query", "mkdtemp", "put_file",
                                "ansible.windows.win_copy single", "remove_tmp"]
    a, b = write_part(ours), write_part(theirs)
    for x in a + b:
        x.pop("payload", None)
    assert a == b


# ---------------------------------------------------------------------------------------------- the roles
@pytest.fixture(scope="module")
def workflows(work):
    """The emulated fleet: review (check mode), then rollout, then drift report; traces cut per workflow."""
    root = os.path.join(work, "fleet")
    inventory = fleet.build(root)
    reports = os.path.join(root, "reports")
    runs = {}
    marks = {}
    for name in ("review", "rollout", "drift"):
        marks[name] = {h: len(trace(root, h)) for h in fleet.HOSTS}
        runs[name] = playbook(root, inventory, name + ".yml", "-e", "adi_report_dir=" + reports)
    cut = {}
    for i, name in enumerate(("review", "rollout", "drift")):
        cut[name] = {}
        for h in fleet.HOSTS:
            entries = trace(root, h)
            end = marks[("review", "rollout", "drift")[i + 1]][h] if i < 2 else len(entries)
            cut[name][h] = entries[marks[name][h]:end]
    with open(os.path.join(os.environ.get("ADI_WINEMU_NOTES", root), "winemu-commands-%s.json" % CORE), "w",
              encoding="utf-8") as f:
        json.dump({w: commands(cut[w]["dc-ok"]) for w in cut}, f, indent=1)
    return {"root": root, "runs": runs, "trace": cut, "reports": reports}


def test_review_changes_nothing_and_sends_no_file(workflows):
    proc, out = workflows["runs"]["review"]
    failures = host_failures(out)
    # the review fails no host: a file it cannot read is listed in the report with the reason (below)
    assert not failures, failures
    assert_no_secret(proc.stdout)
    for h, entries in workflows["trace"]["review"].items():
        ops = commands(entries)
        assert not [o for o in ops if o in ("mkdtemp", "put_file") or "win_copy" in o or "win_service " in o], (h, ops)
    with open(os.path.join(workflows["reports"], "review.json"), encoding="utf-8") as f:
        review = f.read()
    assert_no_secret(review)
    report = json.loads(review)
    assert "dc-ok" in report["hosts"]
    # a file held open by the running agent cannot be read: the review lists the host with the reason, and counts it
    assert "dc-locked" in report["failed_hosts"] and report["hosts"]["dc-locked"]["failed"]
    # the service exists but its file reads as not found (access denied): not "agent not installed"
    assert "dc-denied" in report["failed_hosts"]
    denied = [a for a in report["hosts"]["dc-denied"]["agents"].values() if a.get("failed")]
    assert denied and "is installed, but its file cannot be read" in denied[0]["msg"]
    assert "could not be reviewed" in report["summary"]


def rolled_out(workflows, name):
    """The host's import and sync file bytes after the rollout."""
    h = host(workflows["root"], name)
    spec = fleet.HOSTS[name]
    idir = spec.get("import", (fleet.IMPORT_DIR,))[0]
    sdir = spec.get("sync", (fleet.SYNC_DIR,))[0]
    return h, h.get(idir + "\\" + fleet.IMPORT_FILE), h.get(sdir + "\\" + fleet.SYNC_FILE)


def rollout_failures(workflows):
    return host_failures(workflows["runs"]["rollout"][1])


def assert_new_settings(imp, syn):
    assert settings("import", imp)["user_disable_action"] == "suspend"
    assert settings("sync", syn)["user_disconnection_action"] == "disable"


def assert_restarted_once(h):
    for svc in h.state["services"].values():
        assert svc["state"] == "running" and svc.get("stops") == 1 and svc.get("starts") == 1, svc


def test_rollout_fails_only_the_faulty_hosts(workflows):
    proc, out = workflows["runs"]["rollout"]
    assert_no_secret(proc.stdout)
    assert set(host_failures(out)) == {"dc-denied", "dc-locked", "dc-start-fails", "dc-stop-fails"}, host_failures(out)


@pytest.mark.parametrize("name", ["dc-ok", "dc-d-drive", "dc-cmd"])
def test_rollout_writes_in_place_and_leaves_no_backup(workflows, name):
    h, imp, syn = rolled_out(workflows, name)
    assert name not in rollout_failures(workflows)
    assert_new_settings(imp, syn)
    assert_restarted_once(h)
    spec = fleet.HOSTS[name]
    for folder, fname in ((spec.get("import", (fleet.IMPORT_DIR,))[0], fleet.IMPORT_FILE),
                          (spec.get("sync", (fleet.SYNC_DIR,))[0], fleet.SYNC_FILE)):
        # rollout_backup defaults to false: a backup is a new file with its folder's ACL (Backup.psm1 line 23)
        assert [p for p in h.files(folder) if p.endswith(".bak")] == []
        assert h.acl(folder + "\\" + fname) == fleet.PROTECTED
    assert h.files(winhost.TEMP) == []
    # Windows modules only, with Windows arguments (the cmd host included)
    mods = {e["module"] for e in workflows["trace"]["rollout"][name] if e["op"] == "module"}
    assert all(m.startswith("ansible.windows.") for m in mods), mods
    assert_no_secret(json.dumps(workflows["trace"]["rollout"][name]))


def test_rollout_of_both_files_takes_twenty_commands_and_two_uploads(workflows):
    """One task per host (jumpcloud.adi.host_transaction): one service query for both agents, both files read before
    any service is stopped; both stops sent (sc.exe) then one query until they are stopped; one win_find
    for both files (attributes, and the lost-update check by SHA-1); per file win_copy's action (query, tmp dir,
    upload, single, tmp removal); one win_find for both files (what landed, whatever the transport); both starts,
    one query until they run, one after the settle time. No backup to remove (the rollback restores the bytes read)."""
    ops = commands(workflows["trace"]["rollout"]["dc-ok"])
    write = ["ansible.windows.win_copy query", "mkdtemp", "put_file", "ansible.windows.win_copy single", "remove_tmp"]
    assert ops == (["ansible.windows.win_service_info"] + ["ansible.windows.slurp"] * 2
                   + ["ansible.windows.win_command"] * 2 + ["ansible.windows.win_service_info"]
                   + ["ansible.windows.win_find"] + write * 2 + ["ansible.windows.win_find"]
                   + ["ansible.windows.win_command"] * 2 + ["ansible.windows.win_service_info"] * 2), ops
    assert len([o for o in ops if o != "put_file"]) == 20 and ops.count("put_file") == 2


def test_service_path_ending_in_upper_case_exe_is_rolled_out(workflows):
    # win_service_info gives the path as Windows stores it: here unquoted, with spaces, ending in .EXE
    h, imp, syn = rolled_out(workflows, "dc-upper-exe")
    assert "dc-upper-exe" not in rollout_failures(workflows)
    assert_new_settings(imp, syn)
    assert_restarted_once(h)


def test_access_denied_fails_the_host_with_the_reason(workflows):
    # slurp.ps1 line 14: Test-Path answers False for a file the account may not read -> "Path ... is not found"
    msg = rollout_failures(workflows)["dc-denied"][-1]
    assert "JCADSyncAgent_DC is installed, but its file cannot be read" in msg and "ACL" in msg, msg
    assert rolled_out(workflows, "dc-denied")[2] == fleet.agent_bytes()[1]
    # the review lists it with the same reason instead of failing it (test_review_changes_nothing_and_sends_no_file)


def test_file_held_by_the_running_agent_fails_the_host_with_the_reason(workflows):
    # slurp.ps1 line 15: ReadAllBytes meets the sharing violation; nothing is stopped or written
    msg = rollout_failures(workflows)["dc-locked"][-1]
    assert "being used by another process" in msg, msg
    h, imp, _syn = rolled_out(workflows, "dc-locked")
    assert imp == fleet.agent_bytes()[0]
    assert all(s["state"] == "running" and not s.get("stops") for s in h.state["services"].values())


def test_write_lock_is_released_by_stopping_the_agent(workflows):
    h, imp, syn = rolled_out(workflows, "dc-write-lock")
    assert "dc-write-lock" not in rollout_failures(workflows)
    assert_new_settings(imp, syn)
    assert_restarted_once(h)


def test_service_stopped_before_the_run_stays_stopped(workflows):
    h, imp, syn = rolled_out(workflows, "dc-stopped")
    assert "dc-stopped" not in rollout_failures(workflows)
    assert_new_settings(imp, syn)
    stopped = h.state["services"]["jcadsyncagent_dc"]
    assert stopped["state"] == "stopped" and not stopped.get("starts"), stopped
    running = h.state["services"]["jcadimportagent"]
    assert running["state"] == "running" and running.get("starts") == 1


def test_failed_start_restores_the_file_and_says_the_service_is_not_running(workflows):
    msg = rollout_failures(workflows)["dc-start-fails"][-1]
    # the whole host goes back: both files (the import file was written first) to the bytes read, from the controller
    assert "jcadimportagent.config.json and " in msg and "restored to the bytes read before the run" in msg, msg
    assert "JCADSyncAgent_DC could NOT be started again" in msg and "the host is NOT as before" in msg, msg
    h, _imp, syn = rolled_out(workflows, "dc-start-fails")
    assert syn == fleet.agent_bytes()[1]
    # the backup holds the agent's secrets and takes the folder's ACL (Backup.psm1): not left behind once restored
    assert not [p for p in h.files(fleet.SYNC_DIR) if p.lower().endswith(".bak")], h.files(fleet.SYNC_DIR)
    assert h.state["services"]["jcadsyncagent_dc"]["state"] == "stopped"
    # the restore overwrites the file in place (win_copy single mode, win_copy.ps1 line 459): it keeps its own ACL;
    # a remote_src copy would have removed it and made a new file with the folder's ACL (lines 85-93)
    assert h.acl(fleet.SYNC_DIR + "\\" + fleet.SYNC_FILE) == fleet.PROTECTED
    copies = [e["args"].get("_copy_mode") for e in workflows["trace"]["rollout"]["dc-start-fails"]
              if e["op"] == "module" and e["module"] == "ansible.windows.win_copy"]
    assert copies == ["query", "single"] * 4, copies  # import write, sync write, import restore, sync restore
    h, imp, _syn = rolled_out(workflows, "dc-start-fails")
    assert imp == fleet.agent_bytes()[0] and h.state["services"]["jcadimportagent"]["state"] == "running"


def test_service_that_will_not_stop_fails_the_host_and_nothing_is_written(workflows):
    msg = rollout_failures(workflows)["dc-stop-fails"][-1]
    assert "Rollout failed at 'stop JCADImportAgent'" in msg and "cannot accept control messages" in msg, msg
    assert "no file was written; the host is as it was before the run" in msg, msg
    h, imp, _syn = rolled_out(workflows, "dc-stop-fails")
    assert imp == fleet.agent_bytes()[0]
    assert h.state["services"]["jcadimportagent"]["state"] == "running"


def test_host_without_the_agent_is_reported_not_failed(workflows):
    assert "dc-no-agent" not in rollout_failures(workflows)
    assert host(workflows["root"], "dc-no-agent").files("C:\\Program Files") == []
    assert [e for e in workflows["trace"]["rollout"]["dc-no-agent"] if e["op"] in ("mkdtemp", "put_file")] == []


def test_drift_report_after_the_rollout(workflows):
    proc, out = workflows["runs"]["drift"]
    assert_no_secret(proc.stdout)
    failures = host_failures(out)
    assert not failures, failures
    with open(os.path.join(workflows["reports"], "drift.json"), encoding="utf-8") as f:
        text = f.read()
    assert_no_secret(text)
    report = json.loads(text)
    # a file held open by the agent, and one the service has but Ansible may not read (access denied reads as not
    # found on Windows): both are unreadable hosts, never "agent not installed", and the CI switch fails on them
    assert {"dc-locked", "dc-denied"} <= set(report["unreadable_hosts"]), report["summary"]
    assert "dc-denied" not in report["hosts_without_agent"]
    drifted = set(report["drifted_hosts"])
    assert "dc-ok" not in drifted and "dc-upper-exe" not in drifted and "dc-d-drive" not in drifted
    assert "dc-start-fails" in drifted
    for h, entries in workflows["trace"]["drift"].items():
        ops = commands(entries)
        assert not [o for o in ops if o in ("mkdtemp", "put_file") or "win_copy" in o or "win_service " in o], (h, ops)


# ---------------------------------------------------------------------------------------------- integration targets
def test_windows_integration_targets_run_on_an_emulated_host(work):
    root = os.path.join(work, "targets")
    inventory = fleet.build(root, ["dc-ok"])
    os.environ["ANSIBLE_ROLES_PATH"] = os.path.join(os.path.dirname(HERE), "integration", "targets")
    try:
        proc, out = playbook(root, inventory, "windows_targets.yml")
    finally:
        del os.environ["ANSIBLE_ROLES_PATH"]
    assert proc.returncode == 0, (host_failures(out), proc.stdout[-3000:])
    assert out["recap"]["dc-ok"]["failures"] == 0
    # the targets clean up after themselves, and never touch the agents' own files
    h = host(root, "dc-ok")
    assert not h.files(winhost.TEMP)
    imp0, syn0 = fleet.agent_bytes()
    assert h.get(IMPORT_PATH) == imp0 and h.get(SYNC_PATH) == syn0

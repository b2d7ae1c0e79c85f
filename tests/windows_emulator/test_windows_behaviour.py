# -*- coding: utf-8 -*-
"""What a real domain controller does that the first emulator let through (issue "Windows as it really behaves").

Each host below has one behaviour, modelled in winhost.py / connection_plugins/winemu.py after the source line cited
there; the rollout and the drift report run once over all of them, through the real ansible-playbook:

- share modes: slurp reads with ReadAllBytes (FileAccess.Read, FileShare.Read): an agent that holds its file with
  write access fails the read, even when it lets others read (dc-write-held);
- a file whose DACL denies read in a folder that lists: Test-Path finds it, ReadAllBytes is denied (dc-read-denied);
- file attributes: Copy-Item -Force clears ReadOnly and Hidden: the write refuses such a file (dc-readonly);
- name matching: win_service_info's Get-Service -Name fallback takes wildcards and display names (dc-display-name,
  dc-wildcard, dc-wildcard-one, dc-empty-name);
- uploads: winrm and psrp compare the uploaded file's SHA-1, ssh does not; our write reads back what landed
  (dc-ssh-truncate, dc-winrm-truncate, dc-psrp-truncate, dc-ssh);
- become and async wrappers are refused by the emulated host, never run without (test_become_and_async_are_refused).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

import pytest

from test_windows_emulated import (  # pylint: disable=wrong-import-position
    IMPORT_PATH, SYNC_PATH, assert_new_settings, assert_no_secret, commands, fleet, host, host_failures, playbook,
    trace, winhost)

SERVICES = {"import": "JCADImportAgent", "sync": "JCADSyncAgent_DC"}
HOSTS = {
    "dc-write-held": {"locks": [{"service": SERVICES["sync"], "path": SYNC_PATH, "access": "readwrite",
                                 "share": "read"}]},
    "dc-read-denied": {},
    "dc-readonly": {},
    "dc-display-name": {},
    "dc-wildcard": {},
    "dc-wildcard-one": {},
    "dc-empty-name": {},
    "dc-ssh-truncate": {},
    "dc-winrm-truncate": {},
    "dc-psrp-truncate": {},
    "dc-ssh": {},
}
# host -> inventory variables (the rollout and drift roles' own options)
HOST_VARS = {
    "dc-display-name": {"rollout_sync_service": "JumpCloud AD Sync Agent",
                        "drift_report_sync_service": "JumpCloud AD Sync Agent"},
    "dc-wildcard": {"rollout_sync_service": "JCAD*", "drift_report_sync_service": "JCAD*"},
    "dc-wildcard-one": {"rollout_sync_service": "JCADSync*", "drift_report_sync_service": "JCADSync*"},
    "dc-empty-name": {"rollout_sync_service": "", "drift_report_sync_service": ""},
}


def _set_up(root):
    inventory = fleet.build(root, hosts=HOSTS)
    for name, change in (
            ("dc-read-denied", lambda h: h.state["faults"].update(read_denied=[SYNC_PATH])),
            ("dc-readonly", lambda h: h.state.setdefault("attributes", {}).update(
                {winhost.key(IMPORT_PATH): ["ReadOnly", "Archive"]})),
            ("dc-ssh-truncate", lambda h: (h.state.update(transport="ssh"),
                                           h.state["faults"].update(upload_truncate=7))),
            ("dc-winrm-truncate", lambda h: (h.state.update(transport="winrm"),
                                             h.state["faults"].update(upload_truncate=7))),
            ("dc-psrp-truncate", lambda h: (h.state.update(transport="psrp"),
                                            h.state["faults"].update(upload_truncate=7))),
            ("dc-ssh", lambda h: h.state.update(transport="ssh"))):
        h = winhost.WinHost(os.path.join(root, name))
        with h.session():
            change(h)
    with open(inventory, encoding="utf-8") as f:
        lines = f.read().splitlines()
    out = []
    for line in lines:
        name = line.split(" ", 1)[0]
        for var, value in HOST_VARS.get(name, {}).items():
            line += " %s=%s" % (var, json.dumps(value))
        out.append(line)
    with open(inventory, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return inventory


@pytest.fixture(scope="module")
def behaviour():
    root = tempfile.mkdtemp(prefix="adi-winemu-behaviour-")
    inventory = _set_up(root)
    reports = os.path.join(root, "reports")
    runs = {}
    for name in ("rollout", "drift"):
        runs[name] = playbook(root, inventory, name + ".yml", "-e", "adi_report_dir=" + reports)
    with open(os.path.join(reports, "drift.json"), encoding="utf-8") as f:
        drift = json.load(f)
    yield {"root": root, "runs": runs, "drift": drift, "inventory": inventory}
    shutil.rmtree(root, ignore_errors=True)


def failures(behaviour):
    return host_failures(behaviour["runs"]["rollout"][1])


def unchanged(behaviour, name):
    """Both files as they were, both services running, started and stopped as often as each other."""
    h = host(behaviour["root"], name)
    imp0, syn0 = fleet.agent_bytes()
    assert h.get(IMPORT_PATH) == imp0 and h.get(SYNC_PATH) == syn0
    for svc in h.state["services"].values():
        assert svc["state"] == "running" and svc.get("stops", 0) == svc.get("starts", 0), svc
    assert not [p for p in h.files(fleet.PF) if p.lower().endswith(".bak")], h.files(fleet.PF)
    return h


def test_no_secret_and_only_the_expected_hosts_fail(behaviour):
    for run in behaviour["runs"].values():
        assert_no_secret(run[0].stdout)
    assert set(failures(behaviour)) == set(HOSTS) - {"dc-display-name", "dc-ssh"}, failures(behaviour)
    # the drift report reads only: it fails no host, and lists those it cannot read, with the reason
    named = {"dc-wildcard", "dc-wildcard-one", "dc-empty-name"}
    assert host_failures(behaviour["runs"]["drift"][1]) == {}
    assert named | {"dc-write-held", "dc-read-denied"} == set(behaviour["drift"]["unreadable_hosts"])


# ---------------------------------------------------------------------------------------------- 3. share modes
def test_an_agent_holding_its_file_for_writing_fails_the_read_even_when_it_shares_read(behaviour):
    # slurp.ps1 line 15: [System.IO.File]::ReadAllBytes opens with FileAccess.Read and FileShare.Read, which a handle
    # with write access does not allow, whatever it shares: the plan's read fails, nothing is stopped or written
    msg = failures(behaviour)["dc-write-held"][-1]
    assert "being used by another process" in msg and "config.json" in msg, msg
    h = unchanged(behaviour, "dc-write-held")
    assert not any(s.get("stops") for s in h.state["services"].values())
    assert "dc-write-held" in behaviour["drift"]["unreadable_hosts"]


def test_sharing_rules_of_the_model():
    """CreateFile's sharing check, both ways: what a second open asks must be shared by the open handle, and what the
    open handle holds must be shared by the second open (Win32 "Creating and Opening Files")."""
    root = tempfile.mkdtemp(prefix="adi-winemu-share-")
    try:
        h = winhost.WinHost(root)
        h.state = h.load()
        h.state["services"]["a"] = {"name": "A", "state": "running", "path": "x"}
        cases = {("read", "read"): (True, False), ("readwrite", "read"): (False, False),
                 ("write", "readwrite"): (False, False), ("read", "readwrite"): (True, True),
                 ("readwrite", "readwrite"): (False, False), ("read", "none"): (False, False)}
        for (access, share), (reads, writes) in cases.items():
            h.state["faults"]["locks"] = [{"service": "A", "path": "C:\\f", "access": access, "share": share}]
            # ReadAllBytes: Read/Read; CopyFile's destination: Write, sharing nothing
            assert h.can_open("C:\\f", "read", "read") is reads, (access, share)
            assert h.can_open("C:\\f", "write", "none") is (writes and access == "none"), (access, share)
        h.state["services"]["a"]["state"] = "stopped"
        assert h.can_open("C:\\f", "read", "read") and h.can_open("C:\\f", "write", "none")
    finally:
        shutil.rmtree(root)


# ---------------------------------------------------------------------------------------------- 4. read denied
def test_a_file_that_denies_read_in_a_folder_that_lists_fails_with_access_denied(behaviour):
    # Test-Path finds the file (the folder lists), so slurp.ps1 line 15 runs ReadAllBytes, which is denied: the
    # host fails with the reason, never "not found" or "not installed"
    msg = failures(behaviour)["dc-read-denied"][-1]
    assert "Access to the path" in msg and "is denied" in msg and "not found" not in msg, msg
    unchanged(behaviour, "dc-read-denied")
    assert "dc-read-denied" in behaviour["drift"]["unreadable_hosts"]
    assert "dc-read-denied" not in behaviour["drift"]["hosts_without_agent"]
    h = host(behaviour["root"], "dc-read-denied")
    assert h.test_path(SYNC_PATH, "leaf")  # the model: found, not readable
    with pytest.raises(winhost.ModuleFailed):
        h.read_bytes(SYNC_PATH)


# ---------------------------------------------------------------------------------------------- 5. attributes
def test_a_read_only_agent_file_is_refused_and_keeps_its_attribute(behaviour):
    msg = failures(behaviour)["dc-readonly"][-1]
    assert "refusing to write" in msg and "ReadOnly attribute" in msg and "Nothing was written" in msg, msg
    h = unchanged(behaviour, "dc-readonly")
    assert h.attributes(IMPORT_PATH) == ["ReadOnly", "Archive"]
    # nothing was sent to the host for it
    assert not [e for e in trace(behaviour["root"], "dc-readonly") if e["op"] == "put_file"]


def test_copy_item_force_clears_read_only_in_the_model():
    """What the refusal prevents: Copy-Item -Force over a ReadOnly file leaves it with the source's attributes."""
    root = tempfile.mkdtemp(prefix="adi-winemu-attr-")
    try:
        h = winhost.WinHost(root)
        with h.session():
            h.put("C:\\dest.json", b"old")
            h.put("C:\\src.json", b"new")
            h.state["attributes"] = {winhost.key("C:\\dest.json"): ["ReadOnly", "Hidden", "Archive"]}
            h.copy_item("C:\\src.json", "C:\\dest.json")
            assert h.get("C:\\dest.json") == b"new" and h.attributes("C:\\dest.json") == ["Archive"]
            stat = h.mod_win_stat({"path": "C:\\dest.json"})["stat"]
            assert stat["attributes"] == "Archive" and not stat["isreadonly"] and not stat["ishidden"]
    finally:
        shutil.rmtree(root)


# ---------------------------------------------------------------------------------------------- 8. name matching
def test_a_display_name_finds_the_service_and_the_rollout_goes_through(behaviour):
    # Get-Service -Name <display name> (win_service_info.ps1 line 25) and win_service's DisplayName match (line 274)
    assert "dc-display-name" not in failures(behaviour)
    h = host(behaviour["root"], "dc-display-name")
    assert_new_settings(h.get(IMPORT_PATH), h.get(SYNC_PATH))
    svc = h.state["services"]["jcadsyncagent_dc"]
    assert svc["state"] == "running" and svc["stops"] == 1 and svc["starts"] == 1


@pytest.mark.parametrize("name, expected", [
    ("dc-wildcard", '"JCAD*" (AD Sync agent) matches ["JCADImportAgent", "JCADSyncAgent_DC"]'),
    ("dc-wildcard-one", '"JCADSync*" (AD Sync agent) matches ["JCADSyncAgent_DC"]'),
    ("dc-empty-name", "the AD Sync agent's service name is empty"),
])
def test_a_service_name_that_matches_by_wildcard_or_is_empty_fails_the_host(behaviour, name, expected):
    msg = failures(behaviour)[name][-1]
    assert expected in msg, msg
    unchanged(behaviour, name)
    reasons = [u["reason"] for u in behaviour["drift"]["hosts"][name]["unreadable"]]
    assert reasons and all(expected in r for r in reasons), reasons


@pytest.mark.parametrize("version, empty", [((2, 1, 0), []), ((3, 3, 0), []),
                                            ((3, 8, 0), ["JCADImportAgent", "JCADSyncAgent_DC"])])
def test_win_service_info_name_matching_per_release(version, empty):
    root = tempfile.mkdtemp(prefix="adi-winemu-names-")
    try:
        fleet.build(root, ["dc-ok"])
        h = host(root, "dc-ok")
        h.aw_version = version

        def names(name):
            return sorted(s["name"] for s in h.mod_win_service_info({"name": name})["services"])

        assert names(None) == ["JCADImportAgent", "JCADSyncAgent_DC"]  # absent: every service
        assert names("") == empty  # 3.8.0 line 23: `-not $name` lists every service; 3.3.0: -Name '' finds none
        assert names("jcadsyncagent_dc") == ["JCADSyncAgent_DC"]  # -eq ignores case
        assert names("JumpCloud AD Sync Agent") == ["JCADSyncAgent_DC"]  # display name, Get-Service -Name
        assert names("JCAD*") == ["JCADImportAgent", "JCADSyncAgent_DC"]  # wildcard on the name
        assert names("JumpCloud*") == []  # a wildcard never matches the display name
        assert h.service("JumpCloud AD Import Agent")["name"] == "JCADImportAgent"  # win_service line 274
    finally:
        shutil.rmtree(root)


# ---------------------------------------------------------------------------------------------- 10. uploads
@pytest.mark.parametrize("name, expected", [
    # ssh.py put_file compares nothing: our read-back (win_stat sha1) finds the damage after win_copy
    ("dc-ssh-truncate", "after the write, the bytes sent have sha1"),
    # winrm.py / psrp.py put_file compare the SHA-1 of what landed: the upload fails, win_copy never runs
    ("dc-winrm-truncate", "Remote sha1 hash"),
    ("dc-psrp-truncate", "Remote sha1 hash"),
])
def test_an_upload_that_lands_damaged_fails_the_host_on_every_transport(behaviour, name, expected):
    msg = failures(behaviour)[name]
    assert any(expected in m for m in msg), msg
    # ssh: both files written, the damage seen by the win_find after the writes, both restored from the bytes read
    # (held on the controller) and checked again; winrm/psrp: the first upload fails, nothing is copied
    unchanged(behaviour, name)
    uploads = [e for e in trace(behaviour["root"], name) if e["op"] == "put_file"]
    copies = [o for o in commands(trace(behaviour["root"], name)) if o == "ansible.windows.win_copy single"]
    assert len(uploads) == (4 if name == "dc-ssh-truncate" else 1), uploads
    assert len(copies) == (4 if name == "dc-ssh-truncate" else 0), copies


def test_an_honest_ssh_upload_is_verified_and_written(behaviour):
    assert "dc-ssh" not in failures(behaviour)
    h = host(behaviour["root"], "dc-ssh")
    assert_new_settings(h.get(IMPORT_PATH), h.get(SYNC_PATH))
    # one win_find before the writes (attributes, lost update), one after (what landed): sha1 of every file
    finds = [e for e in trace(behaviour["root"], "dc-ssh") if e.get("module") == "ansible.windows.win_find"]
    assert len(finds) == 2 and all(f["args"].get("checksum_algorithm") == "sha1" for f in finds), finds


# ---------------------------------------------------------------------------------------------- 9. become, async
def test_become_and_async_are_refused_by_the_emulated_host():
    root = tempfile.mkdtemp(prefix="adi-winemu-wrappers-")
    try:
        inventory = fleet.build(root, ["dc-ok"])
        results = os.path.join(root, "results.json")
        proc, out = playbook(root, inventory, "wrappers.yml", "-e", "adi_results=" + results)
        assert proc.returncode == 0, (host_failures(out), proc.stdout[-2000:])
        with open(results, encoding="utf-8") as f:
            r = json.load(f)
        assert r["become"]["failed"] and "become_wrapper not emulated" in r["become"]["msg"], r["become"]
        assert r["async"]["failed"] and "async_wrapper and async_watchdog not emulated" in r["async"]["msg"], r["async"]
        refused = [e for e in trace(root, "dc-ok") if e["op"] == "refused"]
        assert [e["wrappers"] for e in refused] == [["become_wrapper"], ["async_wrapper", "async_watchdog"]], refused
        assert not [e for e in trace(root, "dc-ok") if e["op"] == "module"]
    finally:
        shutil.rmtree(root)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An emulated fleet of domain controllers: one per thing a real DC does to us (tests only)."""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpus"))

import cases  # noqa: E402  pylint: disable=wrong-import-position
import winhost  # noqa: E402  pylint: disable=wrong-import-position

SECRETS = cases.SECRETS
PF = "C:\\Program Files\\JumpCloud\\AD Integration"
IMPORT_DIR = PF + "\\JumpCloud AD Import"
SYNC_DIR = PF + "\\JumpCloud AD Sync"
IMPORT_FILE = "jcadimportagent.config.json"
SYNC_FILE = "config.json"
# The executables' names are stand-ins (the vendor document does not give them); docs/windows.md says so.
IMPORT_EXE = "JumpCloud.AD.Import.Agent.exe"
SYNC_EXE = "JumpCloud.AD.Sync.Agent.exe"
PROTECTED = "protected: SYSTEM, BUILTIN\\Administrators full control"


def agent_bytes():
    imp, syn = cases.samples()
    return cases.windows(imp), cases.windows(syn, bom=False)


def quoted(path, args=""):
    return '"%s"%s' % (path, (" " + args) if args else "")


# host -> what is special about it. Each entry: import/sync (folder, service path as Windows gives it), faults.
HOSTS = {
    "dc-ok": {},
    # an install whose service path ends in upper-case .EXE, unquoted with spaces, outside the vendor default folder
    "dc-upper-exe": {"import": ("C:\\Program Files\\JumpCloud\\ADI\\Import",
                                "C:\\Program Files\\JumpCloud\\ADI\\Import\\JUMPCLOUD.AD.IMPORT.AGENT.EXE")},
    # both agents installed on D:
    "dc-d-drive": {"import": ("D:\\JumpCloud\\AD Import", quoted("D:\\JumpCloud\\AD Import\\" + IMPORT_EXE, "-svc")),
                   "sync": ("D:\\JumpCloud\\AD Sync", quoted("D:\\JumpCloud\\AD Sync\\" + SYNC_EXE))},
    # the account Ansible runs as may not read the sync agent's folder: Test-Path says "not found"
    "dc-denied": {"denied": [SYNC_DIR]},
    # the running import agent holds its file without sharing: reads fail while it runs
    "dc-locked": {"locks": [{"service": "JCADImportAgent", "path": IMPORT_DIR + "\\" + IMPORT_FILE,
                             "share": "none"}]},
    # the running sync agent holds its file open for reading and lets others read it but not write it (FileAccess.Read,
    # FileShare.Read): slurp reads it, the write waits for the stop. An agent that holds it with write access fails
    # the read (tests/windows_emulator/test_windows_behaviour.py, dc-write-held)
    "dc-write-lock": {"locks": [{"service": "JCADSyncAgent_DC", "path": SYNC_DIR + "\\" + SYNC_FILE,
                                 "access": "read", "share": "read"}]},
    # the sync agent was stopped before the run (an admin stopped it): it must stay stopped
    "dc-stopped": {"stopped": ["JCADSyncAgent_DC"]},
    # the sync agent will not start again after the write
    "dc-start-fails": {"start_fails": ["JCADSyncAgent_DC"]},
    # the import agent will not stop (hung service): nothing may be written
    "dc-stop-fails": {"stop_fails": ["JCADImportAgent"]},
    # a host reached with the cmd shell (OpenSSH's default on Windows)
    "dc-cmd": {"shell": "cmd"},
    # no agent at all: reported, not failed
    "dc-no-agent": {"absent": True},
}


def build(root, names=None, hosts=None):
    """Create the emulated hosts under root; returns the inventory text."""
    imp, syn = agent_bytes()
    hosts = hosts or HOSTS
    lines = ["[windows]"]
    for name in names or hosts:
        spec = hosts[name]
        host = winhost.WinHost(os.path.join(root, name))
        with host.session():
            host.state["inherit"] = {winhost.key("C:\\Program Files"): winhost.INHERITED}
            if not spec.get("absent"):
                for agent, service, data, folder, exe, fname in (
                        ("import", "JCADImportAgent", imp, IMPORT_DIR, IMPORT_EXE, IMPORT_FILE),
                        ("sync", "JCADSyncAgent_DC", syn, SYNC_DIR, SYNC_EXE, SYNC_FILE)):
                    folder, path = spec.get(agent, (folder, quoted(folder + "\\" + exe)))
                    host.put(folder + "\\" + fname, data, acl=PROTECTED)
                    host.put(folder + "\\" + winhost.basename(path.split('"')[1] if '"' in path else path), b"MZ")
                    host.state["services"][service.lower()] = {
                        "name": service, "display_name": "JumpCloud AD %s Agent" % agent.title(), "path": path,
                        "state": "stopped" if service in spec.get("stopped", []) else "running",
                        "start_fails": service in spec.get("start_fails", []),
                        "stop_fails": service in spec.get("stop_fails", []),
                    }
                    svc = host.state["services"][service.lower()]
                    # Windows as it behaves (tests/windows_emulator/test_transaction_emulated.py): a service the
                    # account may not open, one stuck in STOP_PENDING, start latency, an agent that exits after it
                    # starts, an agent that rewrites its file when it stops
                    for flag in ("query_denied", "stop_hangs"):
                        if service in spec.get(flag, []):
                            svc[flag] = True
                    for flag in ("start_latency", "exits_after_start"):
                        if service in spec.get(flag, {}):
                            svc[flag] = spec[flag][service]
                    if service in spec.get("rewrites_on_stop", []):
                        svc["rewrites_on_stop"] = folder + "\\" + fname
            host.state["faults"] = {"denied": spec.get("denied", []), "locks": spec.get("locks", [])}
        line = "%s ansible_host=%s ansible_connection=winemu" % (name, name)
        # dc-ok gives no ansible_shell_type (the connection plugin's own shell, as a connection plugin may choose):
        # only the shell's Windows flag tells. The others name their shell, as an SSH inventory does.
        if name != "dc-ok":
            line += " ansible_shell_type=%s" % spec.get("shell", "powershell")
        lines.append(line)
    inventory = os.path.join(root, "inventory.ini")
    with open(inventory, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return inventory

# -*- coding: utf-8 -*-
"""HostTransaction on Windows as it really behaves (issue "Windows as it really behaves", items 5, 8 and 10), against
the host double of test__transaction.py.

- 5: win_copy's Copy-Item -Force clears ReadOnly and Hidden on the file it overwrites: such a file (and a System one)
  is refused before anything is written.
- 8: win_service_info falls back to Get-Service -Name, which takes wildcards and display names: a name that matches
  another service, or several, is never taken as the agent; an empty name fails.
- 10: ssh.py put_file compares nothing: what landed is compared with what was sent, whatever the transport.
"""

from __future__ import annotations

import fnmatch

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transaction import service_pattern

from ansible_collections.jumpcloud.adi.tests.unit.plugins.plugin_utils.test__transaction import (
    IMPORT_PATH, SYNC_PATH, FakeHost, assert_as_before, originals, run,
)

DISPLAY = {"JCADImportAgent": "JumpCloud AD Import Agent", "JCADSyncAgent_DC": "JumpCloud AD Sync Agent"}


class NamedHost(FakeHost):
    """win_service_info.ps1 lines 22-26: the service name (-eq ignores case), else Get-Service -Name: a wildcard
    matches service names, any other name the service name or the display name."""

    def module(self, name, args):
        if name != "ansible.windows.win_service_info":
            return super().module(name, args)
        self.executions += 1
        self.trace.append((name, args))
        want = args["name"].lower()
        names = [n for n in self.svc if n.lower() == want]
        if not names and any(c in want for c in "*?["):
            names = [n for n in self.svc if fnmatch.fnmatch(n.lower(), want)]
        elif not names:
            names = [n for n in self.svc if DISPLAY[n].lower() == want]
        infos = [{"name": n, "display_name": DISPLAY[n], "state": self.svc[n]["state"],
                  "process_id": self.svc[n]["pid"],
                  "path": '"C:\\Program Files\\JumpCloud\\AD Integration\\JumpCloud AD %s\\agent.exe"'
                          % ("Import" if "Import" in n else "Sync")} for n in names]
        return {"changed": False, "exists": bool(infos), "services": infos}


def writes(host):
    return [t for t in host.trace if t[0] == "write"]


# ---------------------------------------------------------------------------------------------- 5. attributes
@pytest.mark.parametrize("attributes, named", [("ReadOnly, Archive", "ReadOnly attribute"),
                                               ("Hidden, System", "Hidden and System attributes")])
def test_a_file_with_attributes_the_write_would_clear_is_refused_before_any_write(attributes, named):
    host = FakeHost(attributes={SYNC_PATH: attributes})
    result = run(host)
    assert result["failed"] and result["failed_step"] == "write " + SYNC_PATH, result
    assert "refusing to write" in result["msg"] and named in result["msg"] and "Nothing was written" in result["msg"]
    assert writes(host) == []  # the import file (first) was not written either
    assert_as_before(host)


# ---------------------------------------------------------------------------------------------- 10. what landed
def test_a_write_that_lands_damaged_is_seen_and_the_host_rolled_back():
    host = FakeHost(lands_damaged=(IMPORT_PATH,))
    result = run(host)
    assert result["failed"] and result["failed_step"] == "verify " + IMPORT_PATH, result
    assert "after the write, the bytes sent have sha1" in result["msg"]
    assert "the host is as it was before the run" in result["msg"], result["msg"]
    assert_as_before(host)
    # both files written, checked in one win_find, both restored and checked again
    finds = [t for t in host.trace if t[0] == "ansible.windows.win_find"]
    assert len(finds) == 3 and len(writes(host)) == 4


def test_lost_update_compares_the_sha1_of_the_bytes_read():
    host = FakeHost()
    result = run(host, mode="review")
    assert not result.get("failed")
    host = FakeHost(rewrites_on_stop=("JCADImportAgent",))
    result = run(host)
    assert "changed since the plan read it" in result["msg"] and writes(host) == []
    assert host.data[SYNC_PATH] == originals()[SYNC_PATH]


# ---------------------------------------------------------------------------------------------- 8. names
def test_a_display_name_finds_the_agent_and_its_key_name_is_used_for_sc_exe():
    host = NamedHost()
    result = run(host, sync_service="JumpCloud AD Sync Agent")
    assert not result.get("failed") and result["changed"], result["msg"]
    stops = [t[1]["argv"] for t in host.trace if t[0] == "ansible.windows.win_command"]
    assert ["sc.exe", "stop", "JCADSyncAgent_DC"] in stops  # sc.exe opens a service by its key name only


@pytest.mark.parametrize("name, expected", [
    ("JCAD*", '"JCAD*" (AD Sync agent) matches ["JCADImportAgent", "JCADSyncAgent_DC"]'),
    ("JCADSync*", '"JCADSync*" (AD Sync agent) matches ["JCADSyncAgent_DC"]'),
    ("", "service name is empty"),
    ("   ", "service name is empty"),
])
@pytest.mark.parametrize("mode", ["rollout", "drift"])
def test_a_name_matching_by_wildcard_or_empty_fails_the_host(name, expected, mode):
    host = NamedHost()
    result = run(host, mode=mode, sync_service=name)
    text = result["msg"] if mode == "rollout" else result["sync"]["error"]
    assert expected in text, result
    if mode == "rollout":
        assert result["failed"] and "Nothing was changed" in result["msg"]
    else:
        assert result["sync"]["status"] == "unreadable" and result["import"]["status"] == "unreadable"
    assert not [t for t in host.trace if t[0] in ("write", "ansible.windows.win_command")]
    assert_as_before(host)


@pytest.mark.parametrize("mode", ["rollout", "drift"])
@pytest.mark.parametrize("name", ["JCADImportAgent", "jcadsyncagent_dc"])
def test_one_service_name_for_both_agents_is_named_as_the_cause(name, mode):
    # found by the adversarial review: the same name for both agents got a message about another service
    host = NamedHost()
    result = run(host, mode=mode, import_service=name, sync_service=name.upper())
    text = result["msg"] if mode == "rollout" else result["sync"]["error"]
    assert "both agents are given the service name" in text and "give each agent its own" in text, result
    assert "adi_import_service" in text and "adi_sync_service" in text
    assert not [t for t in host.trace if t[0] in ("write", "ansible.windows.win_command")]
    assert_as_before(host)


def test_a_wildcard_name_of_the_only_agent_fails_too():
    host = NamedHost()
    result = run(host, deployment="import_only", import_service="JCAD*", sync_service="")
    assert result["failed"] and '"JCAD*" (AD Import agent) matches ["JCADImportAgent", "JCADSyncAgent_DC"]' in \
        result["msg"], result["msg"]
    assert_as_before(host)


def test_a_wildcard_name_is_queried_alone():
    assert service_pattern(["JCADImportAgent", "JCAD*"]) is None
    assert service_pattern(["JCAD*"]) is None  # even alone (a deployment of one agent): it must say what it matches
    assert service_pattern(["JCADImportAgent", "JCADSyncAgent_DC"]) == "JCAD*"

# -*- coding: utf-8 -*-
"""HostTransaction: a host is changed whole or not at all (docs/workflows.md), against a host double.

The double answers as the modules do (sc.exe's Win32 exit codes, win_service_info's states and its warning on access
denied, the lab's service command); the tests assert bytes and service states, never our own wording alone.
Vendor document, "Advanced Configurations for Active Directory Integration": a change takes effect when the agent
starts again and reads its file (its edit script stops the service, edits the file, starts it).
"""

from __future__ import annotations

import hashlib
import os

import pytest

from ansible.utils.plugin_docs import get_docstring
from ansible.plugins.loader import fragment_loader, module_loader

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog, _transaction
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transaction import (
    OPTIONS, run_transaction, service_pattern, transaction_spec,
)
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import TransportError

HERE = os.path.dirname(os.path.abspath(__file__))
MATERIAL = os.path.join(HERE, "..", "..", "..", "integration", "targets", "setup_lab", "files")
IMPORT_PATH = "C:\\Program Files\\JumpCloud\\AD Integration\\JumpCloud AD Import\\jcadimportagent.config.json"
SYNC_PATH = "C:\\Program Files\\JumpCloud\\AD Integration\\JumpCloud AD Sync\\config.json"
SECRETS = ("jcsync-fedcba9876543210fedcba9876543210", "S3cr3t-bind-P@ss")


def sample(name):
    with open(os.path.join(MATERIAL, name), "rb") as f:
        return f.read()


class FakeHost:
    """Two agents, their files and services; faults by flag. ``trace`` lists what was sent."""

    def __init__(self, windows=True, **faults):
        self.windows = windows
        self.files = self
        self.executions = 0
        self.trace = []
        self.data = {IMPORT_PATH: sample("jcadimportagent.config.json"), SYNC_PATH: sample("config.json")}
        self.svc = {"JCADImportAgent": {"state": "started", "pid": 100},
                    "JCADSyncAgent_DC": {"state": "started", "pid": 200}}
        self.faults = faults
        self.pid = 300

    # what the transaction calls
    def module(self, name, args):
        self.executions += 1
        self.trace.append((name, args))
        if name == "ansible.windows.win_service_info":
            pattern = args["name"].lower().rstrip("*")
            infos, warnings = [], []
            for n, s in self.svc.items():
                if not n.lower().startswith(pattern):
                    continue
                if n in self.faults.get("query_denied", ()):
                    warnings.append("Failed to open service '%s to get more info, ignoring: Access is denied" % n)
                    continue
                self._exit_if_due(n)
                infos.append({"name": n, "state": s["state"], "process_id": s["pid"] if s["state"] != "stopped" else 0,
                              "path": '"C:\\Program Files\\JumpCloud\\AD Integration\\JumpCloud AD %s\\agent.exe"'
                                      % ("Import" if "Import" in n else "Sync")})
            return {"changed": False, "exists": bool(infos), "services": infos, "warnings": warnings}
        if name == "ansible.windows.win_find":
            # win_find.ps1: the files of the folders whose names match (-like), their attributes and SHA-1
            files = []
            for path, data in self.data.items():
                folder, fname = path.rsplit("\\", 1)
                attributes = self.faults.get("attributes", {}).get(path, "Archive")
                if folder in args["paths"] and fname in args["patterns"] and ("Hidden" not in attributes
                                                                              or args["hidden"]):
                    files.append({"path": path, "attributes": attributes,
                                  "checksum": hashlib.sha1(data).hexdigest()})
            return {"changed": False, "files": files}
        if name == "ansible.windows.win_command":
            _sc, verb, n = args["argv"]
            rc = self._control(verb, n)
            return {"rc": rc, "stdout": "[SC] FAILED %d" % rc if rc else "", "failed": bool(rc)}
        if name == "ansible.legacy.command":
            argv = args["argv"]
            verb, n = argv[-2], argv[-1]
            if verb == "status":
                self._exit_if_due(n)
                return {"rc": 0 if self.svc[n]["state"] == "started" else 3}
            was = self.svc[n]["state"]
            rc = self._control(verb, n)
            if verb == "stop" and rc == 1062:
                rc = 3
            if verb == "stop" and n in self.faults.get("stop_hangs", ()):
                rc = 124  # coreutils timeout
            return {"rc": 0 if rc == 0 and not (verb == "start" and was == "started") else rc}
        raise AssertionError("unexpected module %s" % name)

    def _control(self, verb, n):
        s = self.svc[n]
        if verb == "stop":
            if s["state"] == "stopped":
                return 1062
            if n in self.faults.get("stop_fails", ()):
                return 1061
            if n in self.faults.get("rewrites_on_stop", ()):
                path = IMPORT_PATH if "Import" in n else SYNC_PATH
                self.data[path] = self.data[path].replace(b"}", b', "Rewritten": true}', 1)
            s["state"] = "stop_pending" if n in self.faults.get("stop_hangs", ()) else "stopped"
            return 0
        if s["state"] != "stopped":
            return 1056
        if n in self.faults.get("start_fails", ()):
            return 1053
        self.pid += 1
        s.update(state="started", pid=self.pid)
        if n in self.faults.get("exits_after_start", ()):
            s["exit_due"] = 2 if self.windows else 1
            self.faults["exits_after_start"] = ()  # once: the rollback's start keeps running
        return 0

    def _exit_if_due(self, n):
        # runs when seen first (Windows: the poll after the start), gone when looked at after the settle time
        s = self.svc[n]
        if s.get("exit_due"):
            s["exit_due"] -= 1
            if not s["exit_due"]:
                s["state"] = "stopped"

    def read(self, path):
        self.executions += 1
        self.trace.append(("slurp", path))
        if path not in self.data:
            raise TransportError("cannot read %s: Path %s is not found" % (path, path), missing=True)
        return self.data[path]

    def write(self, path, data, backup):
        self.executions += 2
        self.trace.append(("write", path))
        if path in self.faults.get("write_refused", ()):
            raise TransportError("cannot write %s: Access to the path is denied." % path)
        if path in self.faults.get("lands_damaged", ()):  # once: an ssh upload that lost its last bytes
            self.faults["lands_damaged"] = ()
            data = data[:-7]
        self.data[path] = data
        return {}

    def cleanup(self):
        pass


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


SETTINGS = {"import_settings": {"user_disable_action": "suspend", "sync_account_locked_out_status": True},
            "sync_settings": {"SyncAccountLockedOutStatus": True}}


def run(host, mode="rollout", check_mode=False, **args):
    clock = Clock()
    params = dict(SETTINGS, mode=mode, service_timeout=10, settle_seconds=2)
    if not host.windows:
        params.update(import_path=IMPORT_PATH, sync_path=SYNC_PATH, posix_service_command=["svc"])
    params.update(args)
    result = run_transaction(None, {}, params, check_mode=check_mode, diff_mode=False, clock=clock,
                             sleep=clock.sleep, remote=host)
    assert not any(s in repr(result) for s in SECRETS)
    return result


def originals():
    return {IMPORT_PATH: sample("jcadimportagent.config.json"), SYNC_PATH: sample("config.json")}


def assert_as_before(host, states=("started", "started")):
    assert host.data == originals()
    assert (host.svc["JCADImportAgent"]["state"], host.svc["JCADSyncAgent_DC"]["state"]) == states


# ---------------------------------------------------------------------------------------------- the happy path
@pytest.mark.parametrize("windows", [True, False])
def test_rollout_changes_both_files_and_restarts_both_agents(windows):
    host = FakeHost(windows=windows)
    result = run(host)
    assert not result.get("failed") and result["changed"] and result["outcome"] == "changed", result["msg"]
    assert host.data[IMPORT_PATH] != originals()[IMPORT_PATH] and host.data[SYNC_PATH] != originals()[SYNC_PATH]
    assert b'"UserDisableAction": "suspend"' in host.data[IMPORT_PATH]
    assert all(s["state"] == "started" for s in host.svc.values())
    # every line names the agent; the impact in the reports' words (Import Agent Settings > UserDisableAction)
    assert len(result["lines"]) == 2 and result["lines"][0].startswith("AD Import agent")
    # Windows: one service query, 2 reads, 2 stops, 1 poll, 2 re-reads, 2 writes (2 each), 2 starts, 2 polls = 16
    # module executions (the copy action's tmp dir and upload are not module executions); POSIX: no query and no
    # poll (the stop and start return when done), 2 status after the settle time = 14
    assert result["remote_executions"] == (16 if windows else 14)


def test_check_mode_and_review_stop_at_the_plan():
    for mode, check in (("rollout", True), ("review", False)):
        host = FakeHost()
        result = run(host, mode=mode, check_mode=check)
        assert_as_before(host)
        assert [t[0] for t in host.trace] == ["ansible.windows.win_service_info", "slurp", "slurp"]
        assert result["import"]["changes"] and "written" not in result["import"]


def test_drift_reads_with_three_commands_and_never_writes():
    host = FakeHost()
    result = run(host, mode="drift")
    assert [t[0] for t in host.trace] == ["ansible.windows.win_service_info", "slurp", "slurp"]
    assert result["import"]["status"] == "ok" and result["sync"]["status"] == "ok"
    assert_as_before(host)


def test_one_service_query_answers_for_both_agents():
    assert service_pattern(["JCADImportAgent", "JCADSyncAgent_DC"]) == "JCAD*"
    assert service_pattern(["Alpha", "Beta"]) is None  # no common prefix: one query each


# ---------------------------------------------------------------------------------------------- every rollback path
@pytest.mark.parametrize("windows", [True, False])
@pytest.mark.parametrize("names, expected", [
    (("JCADSyncAgent_DC", "JCADSyncAgent_DC"), "both agents are given the service name \"JCADSyncAgent_DC\""),
    (("", "JCADSyncAgent_DC"), "the AD Import agent's service name is empty"),
])
def test_a_service_name_that_cannot_be_the_agents_fails_before_anything_is_sent(windows, names, expected):
    # found by the adversarial review: on the POSIX lab one name for both agents stopped and started that service twice,
    # wrote both files and said both agents were restarted; an empty name ran the service command without a name
    host = FakeHost(windows=windows)
    result = run(host, import_service=names[0], sync_service=names[1])
    assert result["failed"] and expected in result["msg"], result["msg"]
    assert "adi_import_service" in result["msg"]
    assert host.trace == [] and host.executions == 0
    assert_as_before(host)


@pytest.mark.parametrize("windows", [True, False])
def test_stop_fails_nothing_is_written(windows):
    host = FakeHost(windows=windows, stop_fails=("JCADSyncAgent_DC",))
    result = run(host)
    assert result["failed"] and result["failed_step"] == "stop JCADSyncAgent_DC"
    assert_as_before(host)  # the import agent was stopped first: it runs again
    assert "the host is as it was before the run" in result["msg"]


@pytest.mark.parametrize("windows", [True, False])
def test_stop_timeout_fails_the_host_and_says_the_service_is_stuck(windows):
    host = FakeHost(windows=windows, stop_hangs=("JCADImportAgent",))
    result = run(host)
    assert result["failed"] and result["failed_step"].startswith("stop ")
    assert host.data == originals()
    if windows:  # polled until the limit: at least 10 s of the controller's clock went by, no file written
        assert "after 10 s" in result["msg"] and "NOT as before" in result["msg"]
        assert host.svc["JCADImportAgent"]["state"] == "stop_pending"
        assert host.svc["JCADSyncAgent_DC"]["state"] == "started"
    assert not [t for t in host.trace if t[0] == "write"]


@pytest.mark.parametrize("windows", [True, False])
def test_write_refused_on_the_second_file_restores_the_first(windows):
    host = FakeHost(windows=windows, write_refused=(SYNC_PATH,))
    result = run(host)
    assert result["failed"] and result["failed_step"] == "write " + SYNC_PATH
    assert_as_before(host)
    assert result["rolled_back"] and result["import"]["restored"]
    # the rollback wrote the import file back from the bytes read: two writes of it, none of a backup
    assert [t[1] for t in host.trace if t[0] == "write"] == [IMPORT_PATH, SYNC_PATH, IMPORT_PATH]


@pytest.mark.parametrize("windows", [True, False])
def test_lost_update_agent_rewrites_its_file_on_stop(windows):
    host = FakeHost(windows=windows, rewrites_on_stop=("JCADSyncAgent_DC",))
    result = run(host)
    assert result["failed"] and "changed since the plan read it" in result["msg"]
    # the import file (written first) is back; the sync file keeps what its agent wrote, never overwritten by us
    assert host.data[IMPORT_PATH] == originals()[IMPORT_PATH]
    assert b'"Rewritten": true' in host.data[SYNC_PATH]
    # Windows: both files are checked in one win_find before the first write, so nothing was written at all; POSIX:
    # the import file was written, then restored
    assert [t[1] for t in host.trace if t[0] == "write"] == ([] if windows else [IMPORT_PATH, IMPORT_PATH])
    assert all(s["state"] == "started" for s in host.svc.values())


@pytest.mark.parametrize("windows", [True, False])
def test_start_fails_after_both_files_were_written(windows):
    host = FakeHost(windows=windows, start_fails=("JCADSyncAgent_DC",))
    result = run(host)
    assert result["failed"] and result["failed_step"] == "start JCADSyncAgent_DC"
    assert host.data == originals()
    # the import agent ran on the new file: stopped, restored, started; the sync agent cannot start, and it is said
    assert host.svc["JCADImportAgent"]["state"] == "started"
    assert host.svc["JCADSyncAgent_DC"]["state"] == "stopped"
    assert "JCADSyncAgent_DC could NOT be started again" in result["msg"] and "NOT as before" in result["msg"]


@pytest.mark.parametrize("windows", [True, False])
def test_agent_that_exits_after_it_starts_is_caught_after_the_settle_time(windows):
    host = FakeHost(windows=windows, exits_after_start=("JCADImportAgent",))
    result = run(host)
    assert result["failed"] and result["failed_step"].startswith("verify that ")
    assert "exited after it started" in result["msg"]
    assert_as_before(host)


def test_a_service_stopped_before_the_run_stays_stopped():
    host = FakeHost()
    host.svc["JCADSyncAgent_DC"]["state"] = "stopped"
    result = run(host)
    assert not result.get("failed"), result["msg"]
    assert host.svc["JCADSyncAgent_DC"]["state"] == "stopped" and host.svc["JCADImportAgent"]["state"] == "started"
    assert not [t for t in host.trace if t[0] == "ansible.windows.win_command" and t[1]["argv"][2] == "JCADSyncAgent_DC"]


# ---------------------------------------------------------------------------------------------- unreadable, never "no agent"
def test_service_skipped_with_an_access_denied_warning_makes_the_host_unreadable():
    host = FakeHost(query_denied=("JCADSyncAgent_DC",))
    result = run(host)
    assert result["failed"] and "cannot be queried" in result["msg"]
    assert_as_before(host)
    drift = run(FakeHost(query_denied=("JCADSyncAgent_DC",)), mode="drift")
    assert drift["sync"]["status"] == "unreadable" and drift["import"]["status"] == "ok"


def test_agent_file_present_without_its_service_is_unreadable():
    host = FakeHost()
    del host.svc["JCADSyncAgent_DC"]
    drift = run(host, mode="drift")
    assert drift["sync"]["status"] == "unreadable" and "no service JCADSyncAgent_DC was found" in drift["sync"]["error"]


def test_host_without_the_agents_is_no_agent():
    host = FakeHost()
    host.svc.clear()
    host.data.clear()
    drift = run(host, mode="drift")
    assert drift["import"]["status"] == "missing" and drift["sync"]["status"] == "missing"
    result = run(host)
    assert not result.get("failed") and result["import"]["missing"]


def test_the_module_documents_exactly_the_argument_spec():
    ctx = module_loader.find_plugin_with_context("jumpcloud.adi.host_transaction")
    doc = get_docstring(ctx.plugin_resolved_path, fragment_loader=fragment_loader, is_module=True)[0]
    spec = transaction_spec()
    assert sorted(doc["options"]) == sorted(spec) == sorted(OPTIONS)
    for name, entry in spec.items():
        for field in ("type", "default", "choices", "elements", "required"):
            assert doc["options"][name].get(field) == entry.get(field), (name, field)
    assert spec["import_service"]["default"] == catalog.DEFAULT_SERVICES["import"]


def test_service_path_without_an_executable_is_reported_per_agent():
    class NoExe(FakeHost):
        def module(self, name, args):
            out = super().module(name, args)
            for svc in out.get("services", []):
                svc["path"] = "svchost -k netsvcs"
            return out

    review = run(NoExe(), mode="review")
    assert not review.get("failed") and review["import"]["failed"] and "import_path" in review["import"]["msg"]
    rollout = run(NoExe())
    assert rollout["failed"] and rollout["msg"].startswith("Nothing was changed on this host")


@pytest.mark.parametrize("option, value, words", [
    ("service_timeout", -5, "service_timeout must be at least 1 second, found -5 (set service_timeout; adi_service_timeout"),
    ("service_timeout", 0, "service_timeout must be at least 1 second, found 0 (set"),
    ("settle_seconds", -1, "settle_seconds must be 0 seconds or more, found -1.0 (set settle_seconds; adi_settle_seconds"),
    ("poll_interval", 0, "poll_interval must be more than 0 seconds, found 0.0 (set poll_interval); nothing"),
])
def test_a_timing_option_out_of_bounds_is_refused_before_anything_is_sent(option, value, words):
    # found by the adversarial review: -5 reached coreutils timeout as an option ("invalid option -- '5'"), 0 means
    # no limit to timeout(1), a negative settle time went unnoticed
    host = FakeHost(windows=False)
    result = run(host, **{option: value})
    assert result["failed"] and words in result["msg"], result["msg"]
    assert host.trace == [] and host.executions == 0
    assert_as_before(host)


def test_the_options_named_with_a_playbook_variable_are_those_the_playbooks_set():
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "playbooks", "rollout.yml"),
              encoding="utf-8") as f:
        playbook = f.read()
    for name in _transaction._PLAYBOOK_OPTIONS:
        assert "adi_" + name in playbook, name

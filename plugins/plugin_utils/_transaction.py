# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One host's part of a workflow (drift, review, rollout) as one transaction, run by jumpcloud.adi.host_transaction.

PRIVATE to this collection. The steps (docs/workflows.md):

    discover -> read -> plan (review stops here) -> stop (bounded) -> re-read (lost update) -> write -> start (bounded)
             -> settle and verify; on any failure after the first stop, rollback: every file written goes back to the
             bytes read (held here, on the controller), every service to its state before the run.

On the host only ansible.windows modules (PowerShell hosts) or ansible.builtin ones (POSIX lab hosts) run, through
``Remote`` (the action plugin's own ``_execute_module``, and the copy actions loaded through the action loader as
core's template action does). Of an agent file only catalog settings' values enter results and messages.
"""

from __future__ import annotations

import hashlib
import json
import ntpath
import os
import re
import shutil
import tempfile
import time
from typing import Any, Dict, List, Optional

from ansible.errors import AnsibleError

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._config_task import (
    _merge_settings, _read_entry, config_spec, plan_file, requested,
)
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError, SettingsError, TaskFailed
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._report import plain_words
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import (
    HostFiles, TransportError, describe_missing,
)

MODES = ("drift", "review", "rollout")
# File attributes that the write (win_copy's Copy-Item -Force) would silently clear or replace: such a file is refused
_KEPT_ATTRIBUTES = ("ReadOnly", "Hidden", "System")

# sc.exe's exit codes are Win32 errors: 1056 ERROR_SERVICE_ALREADY_RUNNING, 1062 ERROR_SERVICE_NOT_ACTIVE
_SC_OK = {"stop": (0, 1062), "start": (0, 1056)}
# the lab's service command (tests/integration/targets/setup_lab/files/fake_service.py): a stop exits 3 when the
# service was not running, status 3 when stopped; coreutils timeout exits 124 when the limit expires
_POSIX_NOT_RUNNING = 3
_POSIX_TIMEOUT = 124


class StepFailed(Exception):
    """A step of the rollout failed; ``step`` names it for the one-sentence result."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__("%s: %s" % (step, reason))
        self.step = step
        self.reason = reason


class Remote:
    """What the transaction runs on the host, through the action plugin (counting module executions)."""

    def __init__(self, action, task_vars: Dict[str, Any]) -> None:
        self._action = action
        self._task_vars = task_vars
        self.files = HostFiles(action, task_vars)
        self.windows = self.files.windows

    @property
    def executions(self) -> int:
        return self.files.executions

    def module(self, name: str, args: Dict[str, Any]) -> Dict[str, Any]:
        self.files.executions += 1
        return self._action._execute_module(module_name=name, module_args=args, task_vars=self._task_vars)

    def read(self, path: str) -> bytes:
        return self.files.read(path)

    def write(self, path: str, data: bytes, backup: bool) -> Dict[str, Any]:
        """Write the bytes with the copy action of the host's kind (win_copy or copy), loaded as template does.

        The bytes go to a local file (the action's ``src``); the copy action checks what is there first (win_copy's
        query, copy's stat), sends the file, and copies it over the old one in place (win_copy single mode:
        Copy-Item -Force keeps the file's ACL; copy keeps owner and mode)."""
        name = "ansible.windows.win_copy" if self.windows else "ansible.legacy.copy"
        local_dir = tempfile.mkdtemp(dir=_local_tmp())
        try:
            src = os.path.join(local_dir, "source")
            with open(src, "wb") as f:
                f.write(data)
            task = self._action._task.copy()
            task.args.clear()
            task.args.update({"src": src, "dest": path, "backup": backup})
            if not self.windows:
                task.args["follow"] = True
            task.check_mode = False
            task.diff = False  # the diff is ours (masked); the copy action's own would hold the whole file
            action = self._action._shared_loader_obj.action_loader.get(
                name, task=task, connection=self._action._connection, play_context=self._action._play_context,
                loader=self._action._loader, templar=self._action._templar,
                shared_loader_obj=self._action._shared_loader_obj)
            try:
                result = action.run(task_vars=self._task_vars)
            except AnsibleError as exc:
                # the transport refused the upload (winrm.py and psrp.py compare the SHA-1 of what landed with the
                # file sent, and raise): the copy never ran; its tmp dir (the admin's whole file) is removed
                if self._action._connection._shell.tmpdir:
                    action._remove_tmp_path(self._action._connection._shell.tmpdir)
                result = {"failed": True, "msg": str(exc)}
        finally:
            shutil.rmtree(local_dir, ignore_errors=True)
        self.files.executions += 2  # win_copy: query + single; copy: stat + copy
        if result.get("failed"):
            raise TransportError("cannot write %s: %s" % (path, result.get("msg", "failed to write")))
        sent = hashlib.sha1(data).hexdigest()
        if result.get("checksum") and result["checksum"] != sent:
            raise TransportError("cannot write %s: the copy reports sha1 %s, the bytes sent have sha1 %s"
                                 % (path, result["checksum"], sent))
        return {"backup_file": result["backup_file"]} if result.get("backup_file") else {}

    def cleanup(self) -> None:
        self.files.cleanup()


def _local_tmp() -> Optional[str]:
    from ansible import constants as C  # pylint: disable=import-outside-toplevel
    return C.DEFAULT_LOCAL_TMP


def service_pattern(names: List[str]) -> Optional[str]:
    """One win_service_info name answering for every agent: the names' common prefix and a wildcard (the module falls
    back to Get-Service -Name, which takes wildcards: win_service_info.ps1 lines 23-26). None when they share none."""
    if any(re.search(r"[\[\]*?`]", n) for n in names):
        return None  # a name that is itself a wildcard is queried alone, to say what it matches
    prefix = os.path.commonprefix([n.lower() for n in names])
    prefix = names[0][:len(prefix)]
    if len(names) == 1:
        return names[0]
    if not prefix:
        return None
    return prefix + "*"


class HostTransaction:
    """One host's workflow. ``remote`` runs modules on the host; ``clock`` and ``sleep`` are time (injectable)."""

    def __init__(self, remote, params: Dict[str, Any], check_mode: bool = False, diff_mode: bool = False,
                 clock=time.monotonic, sleep=time.sleep) -> None:
        self.remote = remote
        self.p = params
        self.check_mode = check_mode
        self.diff_mode = diff_mode
        self.clock = clock
        self.sleep = sleep
        self.agents = list(catalog.DEPLOYMENT_AGENTS[params["deployment"]])
        self.services = {a: params["%s_service" % a] for a in catalog.AGENTS}
        self.paths: Dict[str, str] = {}
        self.installed: Dict[str, bool] = {}
        self.unreadable_service: Dict[str, str] = {}  # agent -> why its service could not be queried
        self.before_state: Dict[str, Optional[str]] = {}  # agent -> started/stopped/None (not installed/unknown)
        self.original: Dict[str, bytes] = {}
        self.records: Dict[str, Dict[str, Any]] = {}
        self.plans: Dict[str, Any] = {}
        self.log: List[str] = []  # what was done, in order (the -v details)
        # rollout state
        self.stopped: List[str] = []
        self.written: Dict[str, Dict[str, Any]] = {}
        self.started: List[str] = []
        self.pids: Dict[str, Any] = {}

    # ------------------------------------------------------------------ discover
    def _query(self) -> Dict[str, Dict[str, Any]]:
        """Windows: the agents' services in one win_service_info call -> agent -> service info (absent: not found).
        A warning about one of them (win_service_info.ps1 lines 35-44: access denied is skipped with a warning) makes
        that agent's service unreadable.

        Names as win_service_info matches them (lines 22-26): the service name, else Get-Service -Name, which takes
        wildcards and display names. A service found by its display name is the agent's (its key name is used from
        then on: sc.exe opens a service by its key name only); a name that is empty, or that matches another service
        or several by wildcard, fails the host: its folder, or its stop, would be some other service's."""
        agents = self._named_agents()
        names = [self.services[a] for a in agents]
        pattern = service_pattern(names)
        queries = [(pattern, agents)] if pattern else [(self.services[a], [a]) for a in agents]
        found: Dict[str, Dict[str, Any]] = {}
        for name, asked in queries:
            r = self.remote.module("ansible.windows.win_service_info", {"name": name})
            if r.get("failed"):
                raise StepFailed("query the services", str(r.get("msg", "win_service_info failed")))
            for w in r.get("warnings") or []:
                # a string, or (ansible-core 2.19+) a warning summary whose event holds the message
                text = str(getattr(getattr(w, "event", None), "msg", None) or w)
                for a in asked:
                    # "Failed to open service '<name> to get more info, ignoring: ..." (the quote is not closed)
                    if re.search(r"'%s['\s]" % re.escape(self.services[a]), text, re.IGNORECASE):
                        self.unreadable_service[a] = text
            services = [s for s in r.get("services") or [] if isinstance(s, dict)]
            for a in asked:
                want = self.services[a].lower()
                svc = next((s for s in services if str(s.get("name", "")).lower() == want), None) or \
                    next((s for s in services if str(s.get("display_name") or "").lower() == want), None)
                if pattern is None and services and (svc is None or len(services) > 1):
                    raise StepFailed("discover", "the service name %s (%s) matches %s (win_service_info takes "
                                                 "wildcards and display names): give the agent's exact service name "
                                                 "(%s)" % (json.dumps(self.services[a]),
                                                           catalog.AGENT_TITLES[a],
                                                           json.dumps([s.get("name") for s in services]),
                                                           _option("%s_service" % a)))
                if svc is not None:
                    if str(svc.get("name", "")).lower() != want:
                        self.log.append("service %s found by its display name: %s" % (self.services[a], svc["name"]))
                        self.services[a] = str(svc["name"])
                    found[a] = svc
        return found

    def _named_agents(self) -> List[str]:
        """The agents whose services are asked for (those of the deployment, and any other with a name), after the
        names are checked: an empty name, or one name for both agents, fails the host before anything is sent."""
        agents = [a for a in catalog.AGENTS if a in self.agents or self.services[a].strip()]
        for a in agents:
            if not self.services[a].strip():
                # win_service_info 3.8.0 lists every service for an empty name (3.3.0 none): never guess which
                raise StepFailed("discover", "the %s's service name is empty: give its %sservice name (%s)"
                                 % (catalog.AGENT_TITLES[a], "Windows " if self.remote.windows else "",
                                    _option("%s_service" % a)))
        if len(agents) == 2 and self.services["import"].strip().lower() == self.services["sync"].strip().lower():
            # found by the adversarial review: on Windows the error spoke of a wildcard or of another service; on a
            # POSIX lab the one service was stopped and started twice and the run said both agents were restarted
            raise StepFailed("discover", "both agents are given the service name %s: the %s and the %s run as two "
                                         "services (by default %s); give each agent its own (%s, and %s)"
                             % (json.dumps(self.services["import"]), catalog.AGENT_TITLES["import"],
                                catalog.AGENT_TITLES["sync"], " and ".join(catalog.DEFAULT_SERVICES[x] for x in catalog.AGENTS),
                                _option("import_service"), _option("sync_service")))
        return agents

    def discover(self) -> None:
        found: Dict[str, Dict[str, Any]] = {}
        if not self.remote.windows and self.p["posix_service_command"]:
            self._named_agents()  # the POSIX lab's services are controlled by name: the same checks
        if self.remote.windows:
            found = self._query()
            self.log.append("services: " + ", ".join("%s %s" % (self.services[a], found[a].get("state"))
                                                     if a in found else "%s not found" % self.services[a]
                                                     for a in catalog.AGENTS))
        for a in catalog.AGENTS:
            svc = found.get(a)
            self.installed[a] = svc is not None
            self.before_state[a] = svc.get("state") if svc else None
            given = self.p["%s_path" % a]
            if given:
                self.paths[a] = given
                continue
            folder = ""
            if svc is not None:
                exe = re.search(r'(?i)^\s*"?([^"]+?\.exe)("|\s|$)', str(svc.get("path") or ""))
                if not exe:
                    raise StepFailed("discover", "the service %s exists but its executable path cannot be read from "
                                                 "its service path: set the file's path (%s)" % (svc.get("name"), _option("%s_path" % a)))
                folder = exe.group(1).replace("/", "\\").rsplit("\\", 1)[0]
            default = catalog.DEFAULT_PATHS[a]
            self.paths[a] = (folder + "\\" + default.rsplit("\\", 1)[1]) if folder else default

    def _unreadable_reason(self, agent: str, missing_msg: Optional[str]) -> Optional[str]:
        """Why a host must be reported unreadable (never "no agent") for this agent, or None."""
        svc = self.services[agent]
        if agent in self.unreadable_service:
            return ("the service %s cannot be queried (win_service_info skipped it: %s), so this host cannot be "
                    "handled safely" % (svc, self.unreadable_service[agent]))
        if missing_msg is not None and self.installed.get(agent):
            return "the service %s is installed, but its file cannot be read: %s" % (svc, missing_msg)
        if missing_msg is None and self.remote.windows and not self.installed.get(agent):
            return ("%s exists but no service %s was found: the service may be named otherwise, or the account "
                    "Ansible runs as may not query it (set %s)" % (self.paths[agent], svc, _option("%s_service" % agent)))
        return None

    # ------------------------------------------------------------------ drift
    def drift(self) -> Dict[str, Any]:
        record: Dict[str, Any] = {"domain": self.p.get("domain") or "default"}
        for a in catalog.AGENTS:
            entry: Dict[str, Any] = {"path": self.paths[a], "exists": False, "agent": a}
            record[a] = entry
            if a not in self.agents:
                continue
            _read_entry(self.remote.files, a, self.paths[a], self.p["deployment"], entry)
            missing = entry["findings"][0]["message"] if entry.get("status") == "missing" else None
            why = self._unreadable_reason(a, missing) if entry.get("status") in ("missing", "ok") else None
            if why:
                entry.clear()
                entry.update(path=self.paths[a], agent=a, status="unreadable", exists=False, findings=[], error=why)
        return record

    # ------------------------------------------------------------------ read and plan
    def plan(self) -> None:
        """Read and plan every agent of the deployment; nothing is stopped or written."""
        for a in self.agents:
            rec: Dict[str, Any] = {"path": self.paths[a], "missing": False, "failed": False, "msg": "",
                                   "changed": False, "changes": [], "impact": [], "findings": [], "settings": None,
                                   "diff": None}
            self.records[a] = rec
            part: Dict[str, Any] = {}
            try:
                if a in self.unreadable_service:
                    raise TaskFailed(self._unreadable_reason(a, None))
                desired, unset = self._requested(a)
                try:
                    raw = self.remote.read(self.paths[a])
                except TransportError as exc:
                    if not exc.missing:
                        raise TaskFailed(str(exc))
                    msg = describe_missing(catalog.AGENT_TITLES[a], self.paths[a], catalog.DEFAULT_PATHS[a])
                    why = self._unreadable_reason(a, msg)
                    if why:
                        raise TaskFailed(why)
                    rec.update(missing=True, msg=msg)
                    continue
                why = self._unreadable_reason(a, None)
                if why:
                    raise TaskFailed(why)
                self.original[a] = raw
                self.plans[a] = plan_file(a, raw, self.paths[a], desired, unset, self.p["deployment"],
                                          self.diff_mode or self.p["mode"] == "review", part)
            except TaskFailed as exc:
                rec.update(failed=True, msg=str(exc))
            except (DocumentError, SettingsError) as exc:
                rec.update(failed=True, msg=str(exc))
            for k in ("changes", "impact", "findings", "settings", "diff", "changed"):
                if k in part:
                    rec[k] = part[k]
            if part.get("warnings"):
                rec["warnings"] = part["warnings"]
            if rec["failed"]:
                rec["changed"] = False

    def _requested(self, agent: str):
        args = {"path": self.paths[agent], "settings": self.p["%s_settings" % agent] or {},
                "unset": self.p["%s_unset" % agent] or [], "deployment": self.p["deployment"]}
        args["settings"] = {k: v for k, v in args["settings"].items() if v is not None}
        params = _argspec.validate(config_spec(agent), _merge_settings(agent, args),
                                   "jumpcloud.adi.%s_agent_config" % agent, module=True)
        return requested(agent, params)

    def changing(self) -> List[str]:
        return [a for a in self.agents if self.records[a]["changed"] and not self.records[a]["failed"]]

    # ------------------------------------------------------------------ files on Windows
    def _find(self, agents: List[str], step: str) -> Dict[str, Optional[Dict[str, Any]]]:
        """Windows: the agents' files in ONE win_find call -> agent -> its entry (None: not listed). Each entry has
        the file's SHA-1 (win_find.ps1 Get-FileChecksum opens with FileAccess.Read, FileShare.ReadWrite; a checksum
        that fails is null, -ErrorAction SilentlyContinue) and its attributes (FileAttributes.ToString()); hidden
        files are listed too (hidden: true). Names are matched with -like: wildcard characters are escaped."""
        folders: List[str] = []
        patterns: List[str] = []
        for a in agents:
            folder, name = ntpath.split(self.paths[a])
            if folder not in folders:
                folders.append(folder)
            escaped = re.sub(r"([\[\]*?`])", r"`\1", name)
            if escaped not in patterns:
                patterns.append(escaped)
        r = self.remote.module("ansible.windows.win_find", {
            "paths": folders, "patterns": patterns, "hidden": True, "get_checksum": True, "checksum_algorithm": "sha1"})
        if r.get("failed"):
            raise StepFailed(step, "win_find failed: %s" % r.get("msg", "no message"))
        listed = {_path_key(str(f.get("path", ""))): f for f in r.get("files") or [] if isinstance(f, dict)}
        return {a: listed.get(_path_key(self.paths[a])) for a in agents}

    def _check_before_write(self, agents: List[str]) -> None:
        """Windows, after the stop and before the first write, in one call for every file: a file with ReadOnly,
        Hidden or System is refused (win_copy's Copy-Item -Force clears ReadOnly and Hidden and gives the file the
        upload's attributes); a file whose SHA-1 is no longer that of the bytes the plan read is a lost update."""
        found = self._find(agents, "check the files before the write")
        for a in agents:
            f, path = found[a], self.paths[a]
            if f is None:
                raise StepFailed("re-read %s" % path, "the file is no longer listed in its folder (win_find); it was "
                                                      "not written")
            kept = [x for x in _KEPT_ATTRIBUTES if x in [n.strip() for n in str(f.get("attributes") or "").split(",")]]
            if kept:
                raise StepFailed("write %s" % path, "refusing to write %s: it has the %s attribute%s, which the write "
                                 "(win_copy, Copy-Item -Force) would silently clear. Nothing was written. Clear the "
                                 "attribute on the host (attrib -R -H -S) if it is not needed, or leave this file out of "
                                 "the change" % (path, " and ".join(kept), "s" if len(kept) > 1 else ""))
            if f.get("checksum") is None:
                raise StepFailed("re-read %s" % path, "win_find could not compute the file's checksum (access denied "
                                                      "or a sharing violation); it was not written")
            if f["checksum"] != hashlib.sha1(self.original[a]).hexdigest():
                raise StepFailed("write %s" % path, _lost_update(hashlib.sha1(self.original[a]).hexdigest()[:12],
                                                                 str(f["checksum"])[:12]))

    def _landed(self, sent: Dict[str, bytes], step: str) -> List[Any]:
        """Windows: what landed, compared with what was sent, in one win_find call (ssh.py put_file compares
        nothing; winrm.py and psrp.py compare the upload, not the copy over the agent's file) -> [(agent, reason)]."""
        found = self._find(list(sent), step)
        bad = []
        for a, data in sent.items():
            want = hashlib.sha1(data).hexdigest()
            got = (found[a] or {}).get("checksum")
            if got != want:
                bad.append((a, "the file holds sha1 %s after the write, the bytes sent have sha1 %s (the upload or the "
                               "copy was damaged)" % (got or "unknown", want)))
        return bad

    # ------------------------------------------------------------------ services
    def _sc(self, verb: str, agent: str) -> Dict[str, Any]:
        """Windows: send the control and return (sc.exe returns once the SCM took it, with the Win32 error as rc)."""
        return self.remote.module("ansible.windows.win_command", {"argv": ["sc.exe", verb, self.services[agent]]})

    def _posix(self, verb: str, agent: str, limit: Optional[int]) -> Dict[str, Any]:
        argv = list(self.p["posix_service_command"]) + [verb, self.services[agent]]
        if limit:
            argv = ["timeout", str(int(limit))] + argv
        return self.remote.module("ansible.legacy.command", {"argv": argv})

    def _states(self) -> Dict[str, Dict[str, Any]]:
        return self._query()

    def _wait(self, agents: List[str], want: str, step: str, timeout: float) -> Dict[str, Dict[str, Any]]:
        """Poll win_service_info (one call for all agents) until every agent's service is ``want``, within the limit
        (a reboot.py-style deadline loop, ansible/plugins/action/reboot.py 285-329)."""
        deadline = self.clock() + timeout
        delay = float(self.p["poll_interval"])
        while True:
            found = self._states()
            states = {a: (found.get(a) or {}).get("state") for a in agents}
            if all(s == want for s in states.values()):
                return found
            gone = [a for a in agents if want == "started" and states[a] == "stopped" and a in self.started]
            if gone:
                raise StepFailed(step, "the service %s is stopped: the agent exited after it started"
                                 % self.services[gone[0]])
            remaining = deadline - self.clock()
            if remaining <= 0:
                late = ", ".join("%s is %s" % (self.services[a], states[a] or "not found")
                                 for a in agents if states[a] != want)
                raise StepFailed(step, "%s after %d s (the limit, %s)" % (late, timeout, _option("service_timeout")))
            self.sleep(min(delay, remaining))  # the last poll comes at the deadline
            delay = min(delay * 2, 5.0)

    def stop(self, agents: List[str]) -> None:
        """Stop the services (bounded: the control is sent, then polled under a deadline) and record which ran."""
        timeout = int(self.p["service_timeout"])
        sent = []
        for a in agents:
            if self.remote.windows:
                r = self._sc("stop", a)
                if r.get("rc") not in _SC_OK["stop"]:
                    raise StepFailed("stop %s" % self.services[a], _sc_reason(r))
                sent.append(a)
                self._stopped(a)  # the control was taken: from here the rollback must start it again
            else:
                r = self._posix("stop", a, timeout)
                rc = r.get("rc")
                if rc == _POSIX_TIMEOUT:
                    raise StepFailed("stop %s" % self.services[a], "still stopping after %d s (the limit, %s)"
                                     % (timeout, _option("service_timeout")))
                if rc not in (0, _POSIX_NOT_RUNNING):
                    raise StepFailed("stop %s" % self.services[a], _cmd_reason(r))
                if self.before_state.get(a) is None:
                    self.before_state[a] = "started" if rc == 0 else "stopped"
                self._stopped(a)  # not running now (exit 3: it was not, or it exited on its own)
        if sent:
            self._wait(sent, "stopped", "stop " + ", ".join(self.services[a] for a in sent), timeout)

    def _stopped(self, agent: str) -> None:
        if agent not in self.stopped:
            self.stopped.append(agent)
        if agent in self.started:
            self.started.remove(agent)

    def start(self, agents: List[str], verify: bool = True) -> None:
        """Start the services (bounded), then verify they still run after the settle time with the same process."""
        timeout = int(self.p["service_timeout"])
        for a in agents:
            if self.remote.windows:
                r = self._sc("start", a)
                if r.get("rc") not in _SC_OK["start"]:
                    raise StepFailed("start %s" % self.services[a], _sc_reason(r))
            else:
                r = self._posix("start", a, timeout)
                if r.get("rc") == _POSIX_TIMEOUT:
                    raise StepFailed("start %s" % self.services[a], "still starting after %d s (the limit, %s)"
                                     % (timeout, _option("service_timeout")))
                if r.get("rc") != 0:
                    raise StepFailed("start %s" % self.services[a], _cmd_reason(r))
            self.started.append(a)
        if not agents:
            return
        names = ", ".join(self.services[a] for a in agents)
        if self.remote.windows:
            found = self._wait(agents, "started", "start " + names, timeout)
            self.pids = {a: found[a].get("process_id") for a in agents}
        if not verify:
            return
        settle = float(self.p["settle_seconds"])
        if settle > 0:
            self.sleep(settle)
        step = "verify that %s still run%s after %g s" % (names, "s" if len(agents) == 1 else "", settle)
        if self.remote.windows:
            found = self._states()
            for a in agents:
                svc = found.get(a) or {}
                if svc.get("state") != "started":
                    raise StepFailed(step, "the service %s is %s: the agent exited after it started"
                                     % (self.services[a], svc.get("state") or "gone"))
                if svc.get("process_id") != self.pids.get(a):
                    raise StepFailed(step, "the service %s runs a new process: the agent exited and was started "
                                     "again" % self.services[a])
        else:
            for a in agents:
                r = self._posix("status", a, timeout)
                if r.get("rc") != 0:
                    raise StepFailed(step, "the service %s is not running: the agent exited after it started"
                                     % self.services[a])
        self.log.append("running after %g s: %s" % (settle, names))

    # ------------------------------------------------------------------ rollout
    def apply(self) -> None:
        agents = self.changing()
        restart = bool(self.p["restart"])
        if restart:
            if self.remote.windows:
                self.stop([a for a in agents if self.before_state.get(a) != "stopped"])
            elif self.p["posix_service_command"]:
                self.stop(agents)
            self.log.append("stopped: " + (", ".join(self.services[a] for a in self.stopped) or "none"))
        if self.remote.windows:
            self._check_before_write(agents)
        for a in agents:
            if not self.remote.windows:
                # the lost-update check: the file must still hold the bytes the plan read (an agent may rewrite its
                # file when it stops; another writer may have changed it)
                try:
                    now = self.remote.read(self.paths[a])
                except TransportError as exc:
                    raise StepFailed("re-read %s" % self.paths[a], str(exc))
                if now != self.original[a]:
                    raise StepFailed("write %s" % self.paths[a], _lost_update(_sha(self.original[a]), _sha(now)))
            try:
                out = self.remote.write(self.paths[a], self.plans[a].after.doc.raw, backup=bool(self.p["backup"]))
            except TransportError as exc:
                raise StepFailed("write %s" % self.paths[a], str(exc))
            self.written[a] = out
            self.records[a]["written"] = True
            if out.get("backup_file"):
                self.records[a]["backup_file"] = out["backup_file"]
        if self.remote.windows and self.written:
            bad = self._landed({a: self.plans[a].after.doc.raw for a in self.written}, "verify what landed")
            if bad:
                raise StepFailed("verify %s" % self.paths[bad[0][0]], bad[0][1])
        self.log.append("written: " + (", ".join(self.paths[a] for a in self.written) or "none"))
        if restart:
            self.start([a for a in agents if a in self.stopped])

    def rollback(self) -> List[str]:
        """Every file written back to the bytes read, every service to its state before the run. What could NOT be
        put back, in words (empty: the host is as it was)."""
        problems: List[str] = []
        hot = [a for a in self.started if a in self.written]  # running on the new file: stopped before the restore
        if hot:
            try:
                self.stop(hot)
            except (StepFailed, TransportError) as exc:
                problems.append("could not stop %s to restore its file (%s)"
                                % (", ".join(self.services[a] for a in hot), exc))
        restored = {}
        for a in list(self.written):
            try:
                self.remote.write(self.paths[a], self.original[a], backup=False)
                self.records[a].update(restored=True, written=False)
                del self.written[a]
                restored[a] = self.original[a]
            except TransportError as exc:
                problems.append("%s could NOT be restored (%s)" % (self.paths[a], exc))
        if restored and self.remote.windows:  # what landed, as after the write
            try:
                bad = self._landed(restored, "verify the restore")
            except StepFailed as exc:
                bad = [(a, exc.reason) for a in restored]
            for a, why in bad:
                self.records[a].update(restored=False)
                problems.append("%s could NOT be restored (%s)" % (self.paths[a], why))
        back = [a for a in self.agents if a in self.stopped and a not in self.started
                and self.before_state.get(a) == "started"]
        for a in back:  # one by one: a service that will not start does not keep the other one stopped
            try:
                self.start([a], verify=False)
            except (StepFailed, TransportError) as exc:
                problems.append("the service %s could NOT be started again (%s): start it by hand"
                                % (self.services[a], getattr(exc, "reason", exc)))
        return problems


def _option(name: str) -> str:
    """An option as a message names it: the action's option and the collection's playbook variable (adi_ + the
    option: adi_sync_service, adi_service_timeout); the roles take <role>_ + the option."""
    if name not in _PLAYBOOK_OPTIONS:
        return name
    return "%s; adi_%s in the collection's playbooks" % (name, name)


# The options the collection's playbooks set from an adi_* variable of the same name (playbooks/*.yml)
_PLAYBOOK_OPTIONS = ("import_path", "sync_path", "import_service", "sync_service", "service_timeout", "settle_seconds",
                     "posix_service_command")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _lost_update(then: str, now: str) -> str:
    return ("the file changed since the plan read it (then %s..., now %s...): another writer, or the agent rewrote it "
            "when it stopped; it was not written" % (then, now))


def _path_key(path: str) -> str:
    return path.replace("/", "\\").rstrip("\\").lower()


def _sc_reason(r: Dict[str, Any]) -> str:
    out = " ".join(str(r.get("stdout") or r.get("msg") or "").split())
    return "sc.exe exited %s%s" % (r.get("rc"), (": " + out[:200]) if out else "")


def _cmd_reason(r: Dict[str, Any]) -> str:
    err = " ".join(str(r.get("stderr") or r.get("msg") or "").split())
    return "exit %s%s" % (r.get("rc"), (": " + err[:200]) if err else "")


# ---------------------------------------------------------------------------------------------- words
def agent_lines(host_records: Dict[str, Dict[str, Any]], mode: str, check_mode: bool) -> List[str]:
    """One line per agent: what changes (catalog values only), the impact as the reports word it, the result."""
    lines = []
    for a, rec in host_records.items():
        head = "%s (%s): " % (catalog.AGENT_TITLES[a], rec["path"])
        if rec.get("failed"):
            lines.append(head + "cannot be changed: " + rec["msg"])
            continue
        if rec.get("missing"):
            lines.append(head + "not installed (%s)" % rec["msg"])
            continue
        if not rec.get("changes"):
            lines.append(head + "already as wanted, nothing to change")
            continue
        what = "; ".join("%s %s -> %s" % (c["key"], _shown(c["before"]), _shown(c["after"])) for c in rec["changes"])
        words = [w for i in rec.get("impact") or [] for w in plain_words(i["event"], i["before"], i["after"])]
        if rec.get("restored"):
            result = "written, then restored to its original bytes"
        elif rec.get("written"):
            result = "written" + (", backup %s" % rec["backup_file"] if rec.get("backup_file") else "")
        elif mode == "rollout" and not check_mode:
            result = "not written"
        else:
            result = "would be written"
        lines.append(head + what + ". " + (" ".join(w + "." for w in words) + " " if words else "") + result.capitalize()
                     + ".")
    return lines


def _shown(value: Any) -> str:
    return "absent" if value is None else value if isinstance(value, str) else json.dumps(value)


# ---------------------------------------------------------------------------------------------- the task
def _agent_options(agent: str) -> Dict[str, Dict[str, Any]]:
    title = catalog.AGENT_TITLES[agent]
    return {
        "%s_settings" % agent: {"type": "dict", "default": {}, "description": [
            "The %s's settings to set, by option name or the agent's own key (as M(jumpcloud.adi.%s_agent_config)'s "
            "O(jumpcloud.adi.%s_agent_config#module:settings) takes them)." % (title, agent, agent)]},
        "%s_unset" % agent: {"type": "list", "elements": "str", "default": [], "description": [
            "The %s's settings to remove from its file." % title]},
        "%s_path" % agent: {"type": "str", "default": "", "description": [
            "The %s's file. Empty: beside the executable of its service (Windows), else the vendor default." % title]},
        "%s_service" % agent: {"type": "str", "default": catalog.DEFAULT_SERVICES[agent], "description": [
            "The %s's service name." % title]},
    }


OPTIONS: Dict[str, Dict[str, Any]] = dict(
    mode={"type": "str", "required": True, "choices": list(MODES), "description": [
        "V(drift) reads both files (no change); V(review) reads and plans (no change); V(rollout) reads, plans, and "
        "outside check mode applies the change to the whole host or to none of it."]},
    **_argspec.DEPLOYMENT_OPTION,
    **_agent_options("import"),
    **_agent_options("sync"),
    restart={"type": "bool", "default": True, "description": [
        "Stop each agent whose file changes before the write and start it after (only if it ran before)."]},
    backup={"type": "bool", "default": False, "description": [
        "Keep a backup file of each changed file on the host. The rollback never needs it: it restores the bytes "
        "read, held on the controller."]},
    service_timeout={"type": "int", "default": 60, "description": [
        "Seconds a stop, or a start, of the agents' services may take. On Windows the stop and start are sent "
        "with C(sc.exe) through M(ansible.windows.win_command) and M(ansible.windows.win_service_info) is polled "
        "until the services are stopped (or running); on a lab host the service command runs under C(timeout). "
        "On expiry the host fails and is rolled back."]},
    settle_seconds={"type": "float", "default": 5.0, "description": [
        "Seconds to wait after the agents run again before checking that they still run (with the same process "
        "on Windows): an agent that exits right after it starts (a value it cannot read) fails the host, which is "
        "rolled back."]},
    poll_interval={"type": "float", "default": 1.0, "description": [
        "Seconds between two service queries while waiting for a stop or a start (doubling, at most 5)."]},
    posix_service_command={"type": "list", "elements": "str", "default": [], "description": [
        "Lab hosts (POSIX) only: the command that runs C(stop|start|status SERVICE). Empty: no service is touched."]},
    domain={"type": "str", "default": "", "description": [
        "The host's AD domain, for the drift report's grouping (V(drift) only). Empty: V(default)."]},
)


def transaction_spec() -> Dict[str, Dict[str, Any]]:
    return _argspec.spec_of(OPTIONS)


def run_transaction(action, task_vars: Dict[str, Any], args: Dict[str, Any], check_mode: bool,
                    diff_mode: bool, clock=time.monotonic, sleep=time.sleep, remote=None) -> Dict[str, Any]:
    """The host's whole job for one workflow, as one task result: ``record`` (what the reports read), ``lines``
    (one per agent, in words), ``msg`` (one sentence: what was done, the state the host is in)."""
    result: Dict[str, Any] = {"changed": False}
    try:
        params = _argspec.validate(transaction_spec(), args, "jumpcloud.adi.host_transaction", module=True)
    except SettingsError as exc:
        return dict(result, failed=True, msg=str(exc))
    problem = _bounds_problem(params)
    if problem:
        return dict(result, failed=True, msg=problem)
    remote = remote or Remote(action, task_vars)
    tx = HostTransaction(remote, params, check_mode=check_mode, diff_mode=diff_mode, clock=clock, sleep=sleep)
    mode = params["mode"]
    try:
        out = _run(tx, mode, result)
        out["outcome"] = "failed" if out.get("failed") else "changed" if out.get("changed") else "unchanged"
        return out
    finally:
        result["remote_executions"] = remote.executions
        remote.cleanup()


# Each timing option: the least value it takes, and whether that value itself is allowed (found by the adversarial
# review: -5 reached coreutils timeout as an option, 0 meant no limit, a negative settle time went unnoticed).
_BOUNDS = {"service_timeout": (1, True, "at least 1 second"), "settle_seconds": (0, True, "0 seconds or more"),
           "poll_interval": (0, False, "more than 0 seconds")}


def _bounds_problem(params: Dict[str, Any]) -> Optional[str]:
    for name, (low, inclusive, words) in _BOUNDS.items():
        value = params[name]
        if value < low or (value == low and not inclusive):
            return "%s must be %s, found %s (set %s); nothing was read or changed" % (name, words, value, _option(name))
    return None


def _run(tx: HostTransaction, mode: str, result: Dict[str, Any]) -> Dict[str, Any]:
    try:
        tx.discover()
    except StepFailed as exc:
        if mode == "drift":
            record = {"domain": tx.p.get("domain") or "default"}
            for a in catalog.AGENTS:
                record[a] = {"path": tx.p["%s_path" % a], "agent": a, "exists": False, "findings": [],
                             "status": "unreadable", "error": str(exc)}
            return dict(result, msg="Cannot read this host: %s." % exc.reason, lines=[], **record)
        for a in tx.agents:
            result[a] = {"path": tx.p["%s_path" % a], "missing": False, "failed": True, "msg": exc.reason,
                         "changed": False}
        return dict(result, failed=mode == "rollout", msg="Nothing was changed on this host: %s." % exc.reason,
                    lines=[])
    if mode == "drift":
        record = tx.drift()
        bad = [record[a]["error"] for a in catalog.AGENTS if record[a].get("status") in ("unreadable", "unparsable")]
        lines = ["%s (%s): %s" % (catalog.AGENT_TITLES[a], record[a]["path"], _drift_word(record[a]))
                 for a in tx.agents]
        result.update(record)
        return dict(result, lines=lines,
                    msg=("Read this host's agent files." if not bad else "Cannot read this host: %s." % "; ".join(bad)))
    tx.plan()
    result.update(tx.records)
    failed = [a for a in tx.agents if tx.records[a]["failed"]]
    changing = tx.changing()
    warnings = [w for a in tx.agents for w in tx.records[a].get("warnings", [])]
    if warnings:
        result["warnings"] = warnings
    if tx.diff_mode:
        result["diff"] = [tx.records[a]["diff"] for a in changing if tx.records[a].get("diff")]
    if mode == "review" or tx.check_mode or failed or not changing:
        result["lines"] = agent_lines(tx.records, mode, True)
        if failed and mode == "rollout":
            return dict(result, failed=True, msg="Nothing was changed on this host: %s."
                        % "; ".join(tx.records[a]["msg"].rstrip(".") for a in failed))
        result["changed"] = bool(changing) and mode == "rollout"
        what = ", ".join(catalog.AGENT_TITLES[a] for a in changing)
        verb = "would change" if changing else "changes nothing"
        what = " (%s)" % what if what else ""
        result["msg"] = "Planned: this host %s%s; nothing was stopped or written." % (verb, what)
        if failed:
            names = ", ".join(catalog.AGENT_TITLES[a] for a in failed)
            reasons = "; ".join(tx.records[a]["msg"].rstrip(".") for a in failed)
            result["msg"] = "Planned; cannot plan %s: %s." % (names, reasons)
        return result
    try:
        tx.apply()
    except (StepFailed, TransportError) as exc:
        step = getattr(exc, "step", "write")
        problems = tx.rollback()
        result["lines"] = agent_lines(tx.records, mode, False)
        result["log"] = tx.log
        state = _host_state(tx, problems)
        return dict(result, failed=True, changed=bool(problems), rolled_back=not problems, failed_step=step,
                    msg="Rollout failed at '%s' (%s); %s" % (step, getattr(exc, "reason", str(exc)).rstrip("."), state))
    result["lines"] = agent_lines(tx.records, mode, False)
    result["log"] = tx.log
    restarted = [tx.services[a] for a in tx.started]
    result.update(changed=True, msg="Changed %s%s; the host runs the new configuration." % (
        ", ".join(tx.paths[a] for a in tx.written),
        (" and restarted %s" % ", ".join(restarted)) if restarted else ""))
    return result


def _host_state(tx: HostTransaction, problems: List[str]) -> str:
    """The state the host is in after a rollback, in words; on Windows from one last service query."""
    problems = list(problems)
    if tx.remote.windows and tx.p["restart"]:
        try:
            found = tx._states()
        except StepFailed as exc:
            found = None
            problems.append("the services' state cannot be read (%s)" % exc.reason)
        for a in tx.agents:
            was = tx.before_state.get(a)
            now = (found or {}).get(a, {}).get("state") if found is not None else was
            if was is not None and now != was and not any("service %s " % tx.services[a] in p for p in problems):
                problems.append("the service %s is %s (it was %s before the run)" % (tx.services[a], now, was))
    restored = [tx.paths[a] for a in tx.agents if tx.records.get(a, {}).get("restored")]
    done = ("%s restored to the bytes read before the run" % " and ".join(restored)) if restored \
        else "no file was written"
    if problems:
        return "rolled back as far as possible: %s; the host is NOT as before: %s." % (done, "; ".join(problems))
    running = [tx.services[a] for a in tx.agents if a in tx.started]
    return "rolled back: %s%s; the host is as it was before the run." % (
        done, (", %s running again" % " and ".join(running)) if running else "")


def _drift_word(entry: Dict[str, Any]) -> str:
    status = entry.get("status")
    if status == "ok":
        return "read (%d finding%s)" % (len(entry.get("findings") or []), "" if len(entry.get("findings") or []) == 1
                                        else "s")
    if status == "missing":
        return "not installed"
    return "cannot be read: %s" % entry.get("error", "")

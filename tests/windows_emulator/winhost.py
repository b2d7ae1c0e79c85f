# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An emulated Windows host for tests (never shipped): a file system, services, and the ansible.windows modules.

The connection plugin ``winemu`` (beside this file) decodes what ansible-core sends and calls ``WinHost``. Each
emulated module follows its ``.ps1`` source in ansible.windows 3.3.0 (from the ``ansible`` 12.3.0 PyPI package,
``plugins/modules/<name>.ps1``) and the ansible-core module utils; comments cite file and line.

The host lives in one folder: ``<root>/C/...`` and ``<root>/D/...`` are the drives, ``<root>/.emu/state.json`` the
services, faults and ACL labels, ``<root>/.emu/trace.jsonl`` what the controller sent. Names are matched without
regard to case, as NTFS does. Uploaded file content is never logged, only its sha256 and size.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import fcntl
import fnmatch
import hashlib
import json
import os
import re
import shutil
import time

TEMP = "C:\\Users\\ansible\\AppData\\Local\\Temp"
ENV = {"TEMP": TEMP, "TMP": TEMP, "USERPROFILE": "C:\\Users\\ansible", "ProgramFiles": "C:\\Program Files",
       "SystemRoot": "C:\\Windows"}
# The label a new file takes: the ACL it inherits from its folder (Program Files lets every user read).
INHERITED = "inherited: BUILTIN\\Users read"
# FileAccess / FileShare values as sets of rights (a share mode names what the other openers may do)
MODES = {"none": frozenset(), "read": frozenset({"r"}), "write": frozenset({"w"}), "readwrite": frozenset({"r", "w"})}
SHARING_VIOLATION = "The process cannot access the file '%s' because it is being used by another process."
ACCESS_DENIED = "Access to the path '%s' is denied."


class ModuleFailed(Exception):
    """What Fail-Json / FailJson or an unhandled exception returns (rc 1)."""

    def __init__(self, msg, **extra):
        super().__init__(msg)
        self.result = dict(extra, failed=True, msg=msg)


def unhandled(message):
    # ansible-core executor/powershell/module_wrapper.ps1 (2.19: line 86) wraps an uncaught error this way
    return ModuleFailed("Unhandled exception while executing module: %s" % message,
                        exception="emulated: %s" % message)


def expand(path):
    """[Environment]::ExpandEnvironmentVariables (case-insensitive names, unknown ones kept)."""
    out, rest = "", path
    while "%" in rest:
        head, _percent, tail = rest.partition("%")
        name, sep, after = tail.partition("%")
        value = next((v for k, v in ENV.items() if k.lower() == name.lower()), None) if sep else None
        if value is None:
            out += head + "%"
            rest = tail
        else:
            out += head + value
            rest = after
    return out + rest


def split(path):
    """'C:\\a/b\\' -> ('C', ['a', 'b']); a path without a drive is relative to C:\\Users\\ansible."""
    path = expand(path).replace("/", "\\")
    if len(path) >= 2 and path[1] == ":":
        drive, rest = path[0].upper(), path[2:]
    else:
        drive, rest = "C", "Users\\ansible\\" + path
    return drive, [p for p in rest.split("\\") if p not in ("", ".")]


def key(path):
    drive, parts = split(path)
    return drive + ":\\" + "\\".join(parts).lower()


def win(path):
    drive, parts = split(path)
    return drive + ":\\" + "\\".join(parts)


def parent(path):
    drive, parts = split(path)
    return drive + ":\\" + "\\".join(parts[:-1])


def basename(path):
    parts = split(path)[1]
    return parts[-1] if parts else ""


def like(name, pattern):
    """PowerShell -like (WildcardPattern, case-insensitive): * ? [set] and the backtick escape."""
    out, i = "", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out += re.escape(pattern[i + 1])
            i += 2
            continue
        if c == "*":
            out += ".*"
        elif c == "?":
            out += "."
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                return False  # WildcardPatternException: no match
            out += "[" + pattern[i + 1:end].replace("\\", "\\\\") + "]"
            i = end + 1
            continue
        else:
            out += re.escape(c)
        i += 1
    return re.fullmatch(out, name, re.IGNORECASE | re.DOTALL) is not None


class WinHost:
    def __init__(self, root):
        self.root = root
        self.emu = os.path.join(root, ".emu")
        os.makedirs(self.emu, exist_ok=True)
        self.state_path = os.path.join(self.emu, "state.json")
        self.state = {}
        # The ansible.windows release whose modules are emulated (the connection plugin reads it from MANIFEST.json):
        # only win_service_info differs between the releases tested (2.1.0, 3.3.0, 3.8.0), see mod_win_service_info.
        self.aw_version = (3, 3, 0)

    # ------------------------------------------------------------------ state, trace, locking
    @contextlib.contextmanager
    def session(self):
        """One remote command: the state is read and written under a lock (forks share nothing else)."""
        with open(os.path.join(self.emu, "lock"), "w", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self.state = self.load()
                yield self
                with open(self.state_path + ".new", "w", encoding="utf-8") as f:
                    json.dump(self.state, f, indent=1, sort_keys=True)
                os.replace(self.state_path + ".new", self.state_path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def load(self):
        if not os.path.exists(self.state_path):
            return {"services": {}, "faults": {"denied": [], "locks": []}, "acl": {}, "pid": 4100, "clock": 0}
        with open(self.state_path, encoding="utf-8") as f:
            return json.load(f)

    def trace(self, entry):
        with open(os.path.join(self.emu, "trace.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")

    # ------------------------------------------------------------------ the file system
    def real(self, path):
        """The real path of a Windows path: each existing component matched without regard to case."""
        drive, parts = split(path)
        cur = os.path.join(self.root, drive)
        for p in parts:
            found = None
            if os.path.isdir(cur):
                found = next((n for n in os.listdir(cur) if n.lower() == p.lower()), None)
            cur = os.path.join(cur, found or p)
        return cur

    def denied(self, path):
        k = key(path)
        return any(k == key(d) or k.startswith(key(d) + "\\") for d in self.state["faults"]["denied"])

    def lock_of(self, path):
        """The share mode of the handle a running service holds on this file: 'none' (no sharing), 'read',
        'readwrite'; None when no running service holds it."""
        held = self.held(path)
        return held["share"] if held else None

    def held(self, path):
        """The handle a running service holds on this file: {access, share} (each 'none', 'read', 'write',
        'readwrite'). A lock that names no access is taken to hold the file for writing, as an agent that keeps its
        own file open may (docs/windows.md: only a real DC can tell)."""
        for lock in self.state["faults"]["locks"]:
            svc = self.state["services"].get(lock["service"].lower())
            if key(lock["path"]) == key(path) and svc and self.tick(svc) in ("running", "stop_pending"):
                return {"access": lock.get("access", "readwrite"), "share": lock["share"]}
        return None

    def can_open(self, path, access, share):
        """CreateFile's sharing check (Win32 "Creating and Opening Files", sharing modes): a second open succeeds only
        when the access it asks is shared by the open handle, and the open handle's access is shared by it."""
        held = self.held(path)
        if held is None:
            return True
        return MODES[access] <= MODES[held["share"]] and MODES[held["access"]] <= MODES[share]

    def test_path(self, path, kind=None):
        """Test-Path -LiteralPath [-PathType Leaf|Container]: access denied reads as not found."""
        if self.denied(path):
            return False
        real = self.real(path)
        if kind == "leaf":
            return os.path.isfile(real)
        if kind == "container":
            return os.path.isdir(real)
        return os.path.exists(real)

    def read_bytes(self, path, share="read"):
        """[System.IO.File]::ReadAllBytes: FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) (.NET
        File.cs ReadAllBytes). Access denied on a file whose DACL denies this account read, though its folder lists
        (Test-Path answers True there); a sharing violation while a service holds the file with write access or
        without sharing read."""
        if self.denied(path) or self.read_denied(path):
            raise unhandled('Exception calling "ReadAllBytes" with "1" argument(s): "%s"' % ACCESS_DENIED % win(path))
        if not self.can_open(path, "read", share):
            raise unhandled('Exception calling "ReadAllBytes" with "1" argument(s): "%s"'
                            % (SHARING_VIOLATION % win(path)))
        with open(self.real(path), "rb") as f:
            return f.read()

    def read_denied(self, path):
        """A file whose own DACL denies this account read, in a folder it may list (faults.read_denied)."""
        return key(path) in {key(p) for p in self.state["faults"].get("read_denied", [])}

    def attributes(self, path):
        """The file's attributes (FileAttributes), as win_stat.ps1 gives them: 'Archive' unless set otherwise."""
        return self.state.get("attributes", {}).get(key(path), ["Archive"])

    def inherited_acl(self, path):
        k = key(parent(path))
        while True:
            if k in self.state.get("inherit", {}):
                return self.state["inherit"][k]
            if k.endswith(":\\"):
                return INHERITED
            k = k.rsplit("\\", 1)[0] if k.count("\\") > 1 else k[:3]

    def acl(self, path):
        return self.state["acl"].get(key(path), self.inherited_acl(path))

    def copy_item(self, src, dest):
        """Copy-Item -LiteralPath src -Destination dest -Force (CopyFile): an existing file is overwritten in place
        and keeps its ACL; a new file takes the ACL its folder passes down (CopyFile does not copy the DACL).

        Attributes: CopyFile fails with ERROR_ACCESS_DENIED on a destination that is ReadOnly or Hidden (Win32
        CopyFile documentation); PowerShell's FileSystemProvider (CopyFileInfoItem) answers -Force by clearing both
        on the destination and copying again, and CopyFile gives the destination the source's attributes: the
        destination silently loses ReadOnly and Hidden."""
        data = self.read_bytes(src)
        if self.denied(dest):
            raise unhandled(ACCESS_DENIED % win(dest))
        if not self.can_open(dest, "write", "none"):
            raise unhandled(SHARING_VIOLATION % win(dest))
        real = self.real(dest)
        if not os.path.isfile(real):
            self.state["acl"][key(dest)] = self.inherited_acl(dest)
        with open(real, "wb") as f:
            f.write(data)
        if key(src) in self.state.get("attributes", {}) or key(dest) in self.state.get("attributes", {}):
            self.state.setdefault("attributes", {})[key(dest)] = list(self.attributes(src))

    def remove_item(self, path):
        if self.lock_of(path):
            raise unhandled(SHARING_VIOLATION % win(path))
        real = self.real(path)
        if os.path.isdir(real):
            shutil.rmtree(real)
        elif os.path.exists(real):
            os.remove(real)
        self.state["acl"].pop(key(path), None)

    def sha1(self, path):
        # Ansible.ModuleUtils.Legacy.psm1 Get-FileChecksum (line 336): sha1, lower case; "3" for a folder, "1" absent
        if self.test_path(path, "leaf"):
            return hashlib.sha1(self.read_bytes(path)).hexdigest()
        return "3" if self.test_path(path, "container") else "1"

    def now(self):
        # [DateTime]::Now, a second later at every call so that two backups never share a name
        self.state["clock"] += 1
        return datetime.datetime(2026, 1, 2, 3, 4, 5) + datetime.timedelta(seconds=self.state["clock"])

    # ------------------------------------------------------------------ set-up helpers (tests)
    def put(self, path, data, acl=None):
        real = self.real(path)
        os.makedirs(os.path.dirname(real), exist_ok=True)
        with open(real, "wb") as f:
            f.write(data)
        if acl:
            self.state["acl"][key(path)] = acl

    def get(self, path):
        with open(self.real(path), "rb") as f:
            return f.read()

    def files(self, under):
        """Every file under a folder, as Windows paths."""
        base = self.real(under)
        out = []
        for d, _dirs, names in os.walk(base):
            for n in names:
                rel = os.path.relpath(os.path.join(d, n), base)
                out.append(win(under + "\\" + rel.replace(os.sep, "\\")))
        return sorted(out)

    # ------------------------------------------------------------------ shell commands
    def mkdtemp(self, directory, name):
        # ansible-core executor/powershell/powershell_mkdtemp.ps1 (2.19) / shell/powershell.py mkdtemp (2.16-2.18)
        path = win(directory + "\\" + name)
        os.makedirs(self.real(path), exist_ok=True)
        return path

    def put_file(self, data, out_path):
        """An upload; returns the bytes that landed. faults.upload_truncate: the transfer loses that many bytes at the
        end (a broken connection, a full disk), which only a transport that checks what landed notices."""
        faults = self.state["faults"]
        if faults.get("upload_truncate") and faults.get("upload_truncate_times", 1) > 0:
            # a transient fault: the first upload_truncate_times uploads (1 unless set) lose their last bytes
            faults["upload_truncate_times"] = faults.get("upload_truncate_times", 1) - 1
            data = data[:-faults["upload_truncate"]]
        real = self.real(out_path)
        os.makedirs(os.path.dirname(real), exist_ok=True)
        with open(real, "wb") as f:
            f.write(data)
        self.state["acl"][key(out_path)] = "owner: ansible (user profile temp)"
        return data

    # ------------------------------------------------------------------ modules
    def run_module(self, name, args):
        short = name.rsplit(".", 1)[-1]
        func = getattr(self, "mod_" + short, None)
        if func is None:
            raise ModuleFailed("emulator: module %s is not emulated" % name)
        return func(args)

    def mod_slurp(self, args):
        # ansible.windows plugins/modules/slurp.ps1
        src = args.get("src") or args.get("path")
        if not src:
            raise ModuleFailed("Get-AnsibleParam: Missing required argument: src")
        if self.test_path(src, "leaf"):  # line 14
            data = self.read_bytes(src)  # line 15: [System.IO.File]::ReadAllBytes
            return {"changed": False, "content": base64.b64encode(data).decode(), "encoding": "base64"}
        if self.test_path(src, "container"):  # line 20
            raise ModuleFailed("Path %s is a directory" % src)
        raise ModuleFailed("Path %s is not found" % src)  # line 24

    def backup_file(self, path, check_mode):
        # ansible-core module_utils/powershell/Ansible.ModuleUtils.Backup.psm1 lines 20-29
        if not self.test_path(path, "leaf"):
            return None
        backup = "%s.%d.%s.bak" % (path, self.state["pid"], self.now().strftime("%Y%m%d-%H%M%S"))
        if not check_mode:
            try:
                self.copy_item(path, backup)  # line 23: a new file, so the folder's inherited ACL
            except ModuleFailed as exc:
                raise unhandled("Failed to create backup file '%s' from '%s'. (%s)" % (
                    backup, path, exc.result["msg"].split(": ", 1)[-1]))
        return backup

    def mod_win_copy(self, args):
        # ansible.windows plugins/modules/win_copy.ps1
        check_mode = bool(args.get("_ansible_check_mode"))
        mode = args.get("_copy_mode", "single")  # line 21
        src, dest = args.get("src"), args.get("dest")
        backup = bool(args.get("backup", False))
        force = args.get("force", True) not in (False, "no", "false", "False")
        result = {"changed": False}
        if mode == "query":  # lines 269-323
            files = []
            for f in args.get("files") or []:
                filepath = dest + "\\" + f["dest"] if f["dest"] else dest
                if self.test_path(filepath, "container"):
                    filepath = filepath + "\\" + basename(f["src"])
                if self.test_path(filepath, "leaf"):
                    if force and self.sha1(filepath) != f["checksum"]:
                        files.append(f)
                elif self.test_path(filepath, "container"):
                    raise ModuleFailed("cannot copy file to dest '%s': object at path is already a directory" % filepath)
                else:
                    files.append(f)
            result.update(files=files, directories=[], symlinks=[])
            return result
        if mode == "single":  # lines 427-461
            if not self.test_path(src, "leaf"):
                raise ModuleFailed("Cannot copy src file: '%s' as it does not exist" % src)
            remote_dest = dest
            if dest.endswith(("/", "\\")) or self.test_path(dest, "container"):
                remote_dest = dest.rstrip("/\\") + "\\" + args.get("_original_basename", "")
            parent_dir = parent(remote_dest)
            if self.test_path(parent_dir, "leaf"):
                raise ModuleFailed("object at destination parent dir '%s' is currently a file" % parent_dir)
            if not self.test_path(parent_dir, "container"):
                if dest == remote_dest:
                    raise ModuleFailed("Destination directory '%s' does not exist" % parent_dir)
                os.makedirs(self.real(parent_dir), exist_ok=True)
            if backup:
                result["backup_file"] = self.backup_file(remote_dest, check_mode)  # line 456
            self.copy_item(src, remote_dest)  # line 459: Copy-Item -Force, no Remove-Item first
            result["changed"] = True
            return result
        if mode == "remote":  # lines 351-426
            result.update(src=src, dest=dest)
            if not self.test_path(src):
                raise ModuleFailed("Cannot copy src file: '%s' as it does not exist" % src, **result)
            if self.test_path(src, "container"):
                raise ModuleFailed("emulator: folder copies are not emulated")
            result["operation"] = "file_copy"
            result["original_basename"] = basename(src)
            remote_dest = dest
            if dest.endswith(("/", "\\")) or self.test_path(dest, "container"):
                remote_dest = dest.rstrip("/\\") + "\\" + basename(src)
            result["dest"] = remote_dest
            if not self.test_path(parent(remote_dest), "container"):
                raise ModuleFailed("Destination directory '%s' does not exist" % parent(remote_dest), **result)
            # Copy-File, lines 46-103: checksum, backup, Remove-Item of the old file, Copy-Item (a new file)
            checksum = self.sha1(src) if force else None
            copy = not self.test_path(remote_dest, "leaf") or (force and self.sha1(remote_dest) != checksum)
            if copy:
                if backup:
                    result["backup_file"] = self.backup_file(remote_dest, check_mode)
                if self.test_path(remote_dest, "leaf") and not check_mode:
                    self.remove_item(remote_dest)  # line 86
                if not check_mode:
                    self.copy_item(src, remote_dest)  # line 93
                result["changed"] = True
            result["checksum"] = checksum
            result["size"] = len(self.get(remote_dest)) if self.test_path(remote_dest, "leaf") else None
            return result
        raise ModuleFailed("emulator: win_copy _copy_mode %s is not emulated" % mode)

    def service(self, name):
        """win_service.ps1 Get-ServiceObject line 274: the service whose name or display name is `name` (-eq ignores
        case)."""
        found = self.state["services"].get((name or "").lower())
        if found is None and name:
            found = next((s for s in self.state["services"].values()
                          if s.get("display_name", "").lower() == name.lower()), None)
        return found

    def service_info(self, svc):
        # win_service_info.ps1 lines 120-128 and 186-222 (the fields the roles read, and a few more)
        state = self.tick(svc)
        return {"name": svc["name"], "display_name": svc.get("display_name", svc["name"]), "path": svc["path"],
                "state": {"running": "started"}.get(state, state),  # lines 120-128: Running -> started, *_pending
                "start_mode": svc.get("start_mode", "auto"), "username": "LocalSystem",
                "process_id": svc.get("pid", 2000 + len(svc["name"])) if state in ("running", "stop_pending") else 0}

    def tick(self, svc):
        """The service's state now (wall clock): a pending start completes after its latency; an agent that exits
        after starting stops once it ran its time; a service that hangs on stop stays stop_pending."""
        now = time.time()
        if svc["state"] == "start_pending" and now >= svc.get("ready_at", 0):
            svc["state"] = "running"
            if svc.get("exits_after_start") is not None:  # once: the next start (the rollback's) keeps running
                svc["exits_at"] = svc["ready_at"] + svc.pop("exits_after_start")
        if svc["state"] == "running" and svc.get("exits_at") is not None and now >= svc["exits_at"]:
            svc["state"] = "stopped"
            svc.pop("exits_at")
            svc["exited"] = svc.get("exited", 0) + 1
        return svc["state"]

    def mod_win_service_info(self, args):
        # win_service_info.ps1 (3.3.0 and 2.1.0) lines 22-26: Get-Service | Where-Object { $_.Name -eq $name } (-eq
        # ignores case), and when that finds nothing, Get-Service -Name $name (wildcards, display names). 3.8.0 lines
        # 23-30: an empty or absent name lists every service (3.3.0: only an absent one, through Get-Service -Name $null).
        name = args.get("name")
        if name is None or (not name and self.aw_version >= (3, 8, 0)):
            matched = list(self.state["services"].values())
        else:
            matched = [s for s in self.state["services"].values() if s["name"].lower() == name.lower()]
            if not matched:
                matched = self.get_service_by_name(name)
        infos, warnings = [], []
        for svc in matched:
            if svc.get("query_denied"):
                # lines 35-44: ERROR_ACCESS_DENIED (5) on opening the service: a warning, and the service is skipped
                warnings.append("Failed to open service '%s to get more info, ignoring: Failed to open service "
                                "'%s': Access is denied (Win32ErrorCode 5 - 0x00000005)" % (svc["name"], svc["name"]))
                continue
            infos.append(self.service_info(svc))
        result = {"changed": False, "exists": bool(infos), "services": infos}
        if warnings:
            result["warnings"] = warnings
        return result

    def mod_win_command(self, args):
        # ansible.windows plugins/modules/win_command.ps1: argv joined with C argument rules (line 49), rc from the
        # process (line 136), FailJson("non-zero return code") when it is not 0 (lines 143-144). Only sc.exe's stop
        # and start are emulated: sc.exe returns once the service control manager took the control (Win32 error as rc)
        argv = args.get("argv") or []
        if [a.lower() for a in argv[:1]] != ["sc.exe"] or len(argv) != 3 or argv[1] not in ("stop", "start"):
            raise ModuleFailed("emulator: win_command %s is not emulated" % (argv or args.get("_raw_params")))
        verb, name = argv[1], argv[2]
        # sc.exe opens the service by its key name only (OpenService: "not the service display name")
        svc = self.state["services"].get(name.lower())
        result = {"changed": True, "cmd": " ".join(argv), "stderr": ""}
        if svc is None:
            rc, out = 1060, "[SC] OpenService FAILED 1060:\r\n\r\nThe specified service does not exist as an " \
                            "installed service.\r\n"
        elif verb == "stop":
            rc, out = self.sc_stop(svc)
        else:
            rc, out = self.sc_start(svc)
        result.update(rc=rc, stdout=out)
        if rc:
            raise ModuleFailed("non-zero return code", **result)
        return result

    def sc_stop(self, svc):
        state = self.tick(svc)
        if state == "stopped":
            return 1062, "[SC] ControlService FAILED 1062:\r\n\r\nThe service has not been started.\r\n"
        if state == "stop_pending" or svc.get("stop_fails"):
            return 1061, ("[SC] ControlService FAILED 1061:\r\n\r\nThe service cannot accept control messages at "
                          "this time.\r\n")
        svc["stops"] = svc.get("stops", 0) + 1
        if svc.get("rewrites_on_stop"):
            self.rewrite(svc["rewrites_on_stop"])
        svc.pop("exits_at", None)
        svc["state"] = "stop_pending" if svc.get("stop_hangs") else "stopped"
        return 0, "\r\nSERVICE_NAME: %s \r\n        STATE              : 3  STOP_PENDING\r\n" % svc["name"]

    def sc_start(self, svc):
        state = self.tick(svc)
        if state in ("running", "start_pending", "stop_pending"):
            return 1056, "[SC] StartService FAILED 1056:\r\n\r\nAn instance of the service is already running.\r\n"
        if svc.get("start_fails"):
            return 1053, ("[SC] StartService FAILED 1053:\r\n\r\nThe service did not respond to the start or "
                          "control request in a timely fashion.\r\n")
        svc["starts"] = svc.get("starts", 0) + 1
        self.state["pid"] += 1
        svc["pid"] = self.state["pid"]
        svc["state"] = "start_pending"
        svc["ready_at"] = time.time() + svc.get("start_latency", 0)
        if svc.get("rewrites_on_start"):
            self.rewrite(svc["rewrites_on_start"])
        self.tick(svc)
        return 0, "\r\nSERVICE_NAME: %s \r\n        STATE              : 2  START_PENDING\r\n" % svc["name"]

    def get_service_by_name(self, name):
        """Get-Service -Name <name> -ErrorAction SilentlyContinue: a wildcard (* ? [ ]) is matched on the service
        name only; any other name is the service name or the display name (ServiceController), without regard to case
        (win_service_info.py documents both); an empty name matches nothing."""
        services = list(self.state["services"].values())
        if not name:
            return []
        if any(c in name for c in "*?["):
            return [s for s in services if fnmatch.fnmatch(s["name"].lower(), name.lower())]
        return [s for s in services if name.lower() in (s["name"].lower(), s.get("display_name", s["name"]).lower())][:1]

    def mod_win_service(self, args):
        # win_service.ps1: not installed -> line 1021; Set-ServiceState lines 801-847; result lines 1077-1103
        check_mode = bool(args.get("_ansible_check_mode"))
        name, state = args.get("name"), args.get("state")
        svc = self.service(name)
        if svc is None:
            if state in ("absent", None):
                return {"changed": False, "exists": False}
            raise ModuleFailed("Service '%s' is not installed, need to set 'path' to create a new service" % name,
                               exists=False)
        changed = False
        if state == "started" and svc["state"] != "running":
            if svc.get("start_fails"):
                # Start-Service under $ErrorActionPreference = 'Stop': the module wrapper reports the error record
                raise unhandled("Service '%s (%s)' cannot be started due to the following error: Cannot start "
                                "service %s on computer '.'." % (svc.get("display_name", svc["name"]), svc["name"],
                                                                 svc["name"]))
            if not check_mode:
                svc["state"] = "running"
                svc["starts"] = svc.get("starts", 0) + 1
                if svc.get("rewrites_on_start"):
                    self.rewrite(svc["rewrites_on_start"])
            changed = True
        elif state == "stopped" and svc["state"] != "stopped":
            if svc.get("stop_fails"):
                # Stop-Service under $ErrorActionPreference = 'Stop' (Set-ServiceState, win_service.ps1 line 846)
                raise unhandled("Service '%s (%s)' cannot be stopped due to the following error: Cannot stop %s "
                                "service on computer '.'." % (svc.get("display_name", svc["name"]), svc["name"],
                                                              svc["name"]))
            if not check_mode:
                svc["state"] = "stopped"
                svc["stops"] = svc.get("stops", 0) + 1
            changed = True
        elif state not in ("started", "stopped", None):
            raise ModuleFailed("emulator: win_service state %s is not emulated" % state)
        return {"changed": changed, "exists": True, "name": svc["name"], "display_name": svc.get("display_name"),
                "path": svc["path"], "start_mode": svc.get("start_mode", "auto"),
                "state": "running" if svc["state"] == "running" else "stopped", "username": "LocalSystem"}

    def rewrite(self, path):
        """An agent that rewrites its file on start (adds a key): what a real agent may do (docs/windows.md)."""
        data = self.get(path)
        brace = data.rindex(b"}")
        self.put(path, data[:brace].rstrip() + b',\r\n  "Rewritten": true\r\n' + data[brace:])

    def mod_win_tempfile(self, args):
        # ansible.windows plugins/modules/win_tempfile.ps1 New-TempFile lines 8-31: "$prefix$randomname$suffix"
        state = args.get("state") or "file"
        path = win(args.get("path") or "%TEMP%")
        self.state["pid"] += 1
        name = "%s%s%s" % (args.get("prefix", "ansible."), "tmp%05d.emu" % self.state["pid"], args.get("suffix") or "")
        temp = win(path + "\\" + name)
        if not args.get("_ansible_check_mode"):
            if state == "directory":
                os.makedirs(self.real(temp))
            else:
                self.put(temp, b"")
        return {"changed": True, "path": temp, "state": state}

    def mod_win_stat(self, args):
        # ansible.windows plugins/modules/win_stat.ps1: stat.exists (line 78), checksum (line 159: Get-FileChecksum)
        path = args["path"]
        if not self.test_path(path):
            return {"changed": False, "stat": {"exists": False}}
        real = self.real(path)
        stat = {"exists": True, "path": win(path), "isdir": os.path.isdir(real), "isreg": os.path.isfile(real)}
        # win_stat.ps1 lines 89-104 (3.8.0: 96-111): attributes as FileAttributes.ToString(), and the flags from them
        attributes = ["Directory"] if os.path.isdir(real) else self.attributes(path)
        stat.update(attributes=", ".join(attributes), isreadonly="ReadOnly" in attributes,
                    ishidden="Hidden" in attributes, isarchive="Archive" in attributes)
        if os.path.isfile(real):
            stat["size"] = os.path.getsize(real)
            if args.get("get_checksum", True) not in (False, "no", "false"):
                algo = args.get("checksum_algorithm") or "sha1"
                # win_stat.ps1 Get-FileChecksum (line 16; 3.8.0: 19) opens with FileAccess.Read, FileShare.ReadWrite
                stat["checksum"] = hashlib.new(algo, self.read_bytes(path, share="readwrite")).hexdigest()
        return {"changed": False, "stat": stat}

    def mod_win_find(self, args):
        # ansible.windows plugins/modules/win_find.ps1 (3.3.0 lines; 2.1.0 and 3.8.0 in test_cited_lines.py, which
        # checks all three): files only (file_type), no recursion;
        # a path that does not exist or is not a folder is skipped with a warning (Search-Path); hidden files only
        # with hidden: true (Assert-FileHidden, line 90); names matched with -like (line 127); per file its attributes
        # (line 298) and, with get_checksum (default true), Get-FileChecksum (line 165: FileAccess.Read,
        # FileShare.ReadWrite), whose failure leaves checksum null (line 339: -ErrorAction SilentlyContinue)
        paths = args["paths"] if isinstance(args["paths"], list) else [args["paths"]]
        patterns = args.get("patterns") or ["*"]
        patterns = patterns if isinstance(patterns, list) else [patterns]
        files, examined, warnings = [], 0, []
        for folder in paths:
            real = self.real(folder)
            if not self.test_path(folder) or not os.path.isdir(real):
                warnings.append("Argument path '%s' does not exist or is not accessible, skipping" % folder
                                if not self.test_path(folder) else
                                "Argument path '%s' is a file not a directory, skipping" % folder)
                continue
            for n in sorted(os.listdir(real)):
                path = win(folder.rstrip("\\") + "\\" + n)
                if not os.path.isfile(os.path.join(real, n)):
                    continue
                examined += 1
                attributes = self.attributes(path)
                if "Hidden" in attributes and not args.get("hidden"):
                    continue
                if not any(like(n, p) for p in patterns):
                    continue
                entry = {"path": path, "filename": n, "attributes": ", ".join(attributes), "exists": True,
                         "isreadonly": "ReadOnly" in attributes, "ishidden": "Hidden" in attributes,
                         "isreg": True, "size": os.path.getsize(os.path.join(real, n)), "checksum": None}
                if args.get("get_checksum", True) not in (False, "no", "false"):
                    try:
                        data = self.read_bytes(path, share="readwrite")
                        entry["checksum"] = hashlib.new(args.get("checksum_algorithm") or "sha1", data).hexdigest()
                    except ModuleFailed:
                        pass
                files.append(entry)
        result = {"changed": False, "examined": examined, "matched": len(files),
                  "files": sorted(files, key=lambda f: f["path"])}
        if warnings:
            result["warnings"] = warnings
        return result

    def mod_win_file(self, args):
        # ansible.windows plugins/modules/win_file.ps1: state=absent lines 106-111 (Remove-Item) and 81; directory
        path, state = args.get("path"), args.get("state")
        if state == "directory":
            if self.test_path(path, "container"):
                return {"changed": False}
            if not args.get("_ansible_check_mode"):
                os.makedirs(self.real(path), exist_ok=True)
            return {"changed": True}
        if state != "absent":
            raise ModuleFailed("emulator: win_file state %s is not emulated" % state)
        if not self.test_path(path):
            return {"changed": False}
        if not args.get("_ansible_check_mode"):
            try:
                self.remove_item(path)
            except ModuleFailed as exc:
                raise ModuleFailed("Failed to delete %s: %s" % (path, exc.result["msg"].split(": ", 1)[-1]))
        return {"changed": True}

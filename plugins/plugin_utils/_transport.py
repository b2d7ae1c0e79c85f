# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading and writing bytes on a host through the modules Ansible already ships.

PRIVATE to this collection. It runs no code of ours on the host: on PowerShell hosts it calls
``ansible.windows.slurp`` and ``ansible.windows.win_copy`` (single-file mode, as the win_copy
action does); on POSIX hosts ``ansible.builtin.slurp`` and ``ansible.builtin.copy`` (which
writes a temporary file and renames it over the old one, keeping owner and mode).

The action plugin is passed in (dependency injection, as community.crypto does): this module
never imports ansible.plugins, it only calls the action's own methods.
"""

from __future__ import annotations

import base64
import hashlib
import ntpath
import posixpath
import re
from typing import Any, Dict, Optional

# What slurp says when the file does not exist: ansible.builtin.slurp "File not found: <path>" (older cores
# "file not found: <path>"), ansible.windows.slurp "Path <path> is not found". Anything else (an interpreter that
# is not found, a permission error) is a failure, never "the agent is not installed".
_NOT_FOUND = re.compile(r"^(file not found: |path .* is not found$)", re.IGNORECASE)


class TransportError(Exception):
    """A remote module failed; ``missing`` when the file does not exist."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


class HostFiles:
    """Remote file I/O for one task, counting the module executions it makes."""

    def __init__(self, action, task_vars: Dict[str, Any]) -> None:
        self._action = action
        self._task_vars = task_vars
        self.executions = 0
        # The shell's own Windows flag (powershell and cmd both set it; ansible-core's ActionBase decides the same
        # way): a cmd host must get ansible.windows modules and Windows arguments, never the POSIX ones.
        self.windows = bool(getattr(action._connection._shell, "_IS_WINDOWS", False))

    @property
    def slurp_module(self) -> str:
        return "ansible.windows.slurp" if self.windows else "ansible.legacy.slurp"

    @property
    def copy_module(self) -> str:
        return "ansible.windows.win_copy" if self.windows else "ansible.legacy.copy"

    def basename(self, path: str) -> str:
        return (ntpath if self.windows else posixpath).basename(path)

    def _run(self, module: str, args: Dict[str, Any]) -> Dict[str, Any]:
        self.executions += 1
        return self._action._execute_module(module_name=module, module_args=args, task_vars=self._task_vars)

    def read(self, path: str) -> bytes:
        """The file's bytes (one remote execution). TransportError(missing=True) when it does not exist."""
        result = self._run(self.slurp_module, {"src": path})
        if result.get("failed"):
            msg = str(result.get("msg", "failed to read"))
            missing = bool(_NOT_FOUND.search(msg)) and "module_stderr" not in result
            raise TransportError("cannot read %s: %s" % (path, msg), missing=missing)
        if result.get("encoding", "base64") != "base64":
            raise TransportError("cannot read %s: unexpected encoding %r" % (path, result.get("encoding")))
        return base64.b64decode(result["content"])

    def write(self, path: str, data: bytes, backup: bool = False) -> Dict[str, Any]:
        """Replace the file's bytes (one remote execution plus a file transfer).

        The remote tmp dir is made here, only when a file is sent (the actions do not declare TRANSFERS_FILES,
        as ansible.windows' win_copy action does not). On Windows, win_copy's single mode copies over the file
        in place (win_copy.ps1: Copy-Item -Force, no Remove-Item), so the file keeps its own ACL.
        """
        shell = self._action._connection._shell
        if not shell.tmpdir:
            self._action._make_tmp_path()
        tmp_src = shell.join_path(shell.tmpdir, "source")
        self._action._transfer_data(tmp_src, data)
        args: Dict[str, Any] = {
            "src": tmp_src,
            "dest": path,
            "backup": backup,
            "_original_basename": self.basename(path),
        }
        if self.windows:
            args["_copy_mode"] = "single"
        else:
            args["checksum"] = hashlib.sha1(data).hexdigest()
            args["follow"] = True
        result = self._run(self.copy_module, args)
        if result.get("failed"):
            raise TransportError("cannot write %s: %s" % (path, result.get("msg", "failed to write")))
        # ansible.builtin.copy returns the SHA-1 of the file it renamed over dest (copy.py: checksum_src, the file
        # sent, also checked against our checksum option): the write verifies itself with no second read.
        # win_copy's single mode returns no checksum (win_copy.ps1 "single" branch: changed and backup_file only);
        # there the upload is what is checked (the winrm and psrp connections compare the sent file's SHA-1).
        sent = hashlib.sha1(data).hexdigest()
        if "checksum" in result and result["checksum"] != sent:
            raise TransportError("cannot write %s: the copy module reports sha1 %s, the bytes sent have sha1 %s"
                                 % (path, result["checksum"], sent))
        return {"backup_file": result.get("backup_file")} if result.get("backup_file") else {}

    def cleanup(self) -> None:
        shell = self._action._connection._shell
        if shell.tmpdir:
            self._action._remove_tmp_path(shell.tmpdir)


def _windows_path(path: str) -> bool:
    return bool(re.match(r"^([A-Za-z]:|\\\\)", path)) or "\\" in path


def describe_missing(agent_title: str, path: str, default: Optional[str]) -> str:
    hint = " (the default path)" if default and path == default else ""
    if _windows_path(path):
        # ansible.windows slurp.ps1 decides with Test-Path, which answers False for a file (or folder) this account
        # may not read: "not found" may be access denied, so never say only that the agent is not installed.
        return ("%s was not found%s: is the %s installed on this host? Windows also reports a file that the account "
                "Ansible runs as may not read as not found: check the file's and its folders' ACL."
                % (path, hint, agent_title))
    return "%s does not exist%s: is the %s installed on this host?" % (path, hint, agent_title)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only connection plugin: an emulated Windows host (never shipped; see tests/windows_emulator/README.md)."""

from __future__ import annotations

DOCUMENTATION = """
name: winemu
short_description: An emulated Windows host, for the jumpcloud.adi tests only
description:
  - Presents itself to ansible-core as a PowerShell host (shell C(powershell), or C(cmd)), decodes every command
    ansible-core sends (encoded commands, exec-wrapper payloads of ansible-core 2.16-2.18 and 2.19+, file uploads,
    remote tmp folders), logs it, and answers as the ansible.windows modules would.
  - The host lives in the folder C($ADI_WINEMU_ROOT/<ansible_host>).
author: jumpcloud.adi contributors (@jumpcloud-adi)
options: {}
"""

import base64
import hashlib
import json
import os
import re
import sys

from ansible.errors import AnsibleError
from ansible.plugins.connection import ConnectionBase

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import winhost  # noqa: E402  pylint: disable=wrong-import-position

# The modules the emulator answers for (2.16-2.18 send the module's source, not its name: it is matched by hash).
MODULES = ("ansible.windows.slurp", "ansible.windows.win_copy", "ansible.windows.win_service",
           "ansible.windows.win_service_info", "ansible.windows.win_file", "ansible.windows.win_tempfile",
           "ansible.windows.win_stat", "ansible.windows.win_find", "ansible.windows.win_command")
_SEP_219 = b"\n\0\0\0\0\n"
# The exec wrappers the emulator does not model: it refuses them rather than run the module without them (ansible-core
# executor/powershell/module_manifest.py: 2.19+ appends become_wrapper.ps1 / async_wrapper.ps1 / async_watchdog.ps1
# actions before module_wrapper.ps1 (lines 445-498 in 2.19); 2.16-2.18 insert 'become_wrapper', 'async_wrapper' and
# 'async_watchdog' at the head of the manifest's actions (lines 320-330 in 2.16)).
_NOT_EMULATED_WRAPPERS = ("become_wrapper", "async_wrapper", "async_watchdog")


def _windows_version():
    """The version of the ansible.windows collection ansible-core loads (its MANIFEST.json), as a tuple."""
    from ansible.plugins.loader import module_loader
    path = module_loader.find_plugin("ansible.windows.slurp", mod_type=".ps1")
    root = os.path.dirname(os.path.dirname(os.path.dirname(path or "")))
    try:
        with open(os.path.join(root, "MANIFEST.json"), encoding="utf-8") as f:
            version = json.load(f)["collection_info"]["version"]
    except (OSError, ValueError, KeyError):
        return (3, 3, 0)
    return tuple(int(x) for x in re.findall(r"\d+", version)[:3])


def _module_hashes():
    from ansible.plugins.loader import module_loader
    out = {}
    for name in MODULES:
        path = module_loader.find_plugin(name, mod_type=".ps1")
        if path:
            with open(path, "rb") as f:
                out[hashlib.sha256(f.read()).hexdigest()] = name
    return out


class Connection(ConnectionBase):
    transport = "winemu"
    has_pipelining = True
    always_pipeline_modules = True
    module_implementation_preferences = (".ps1", ".exe", "")
    allow_executable = False
    has_native_async = False
    _shell_type = "powershell"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        root = os.environ.get("ADI_WINEMU_ROOT")
        if not root:
            raise AnsibleError("winemu: set ADI_WINEMU_ROOT")
        self.host = winhost.WinHost(os.path.join(root, self._play_context.remote_addr))
        self.host.aw_version = _windows_version()

    def _connect(self):
        self._connected = True
        return self

    def exec_command(self, cmd, in_data=None, sudoable=True):
        super().exec_command(cmd, in_data=in_data, sudoable=sudoable)
        m = re.search(r"-EncodedCommand (\S+)", cmd)
        if not m:
            self.host.trace({"op": "unknown", "cmd": cmd[:200]})
            return 1, b"", b"winemu: not an encoded PowerShell command"
        script = base64.b64decode(m.group(1)).decode("utf-16-le")
        with self.host.session():
            try:
                rc, out = self._dispatch(script, in_data or b"")
            except winhost.ModuleFailed as exc:
                rc, out = 1, json.dumps(exc.result)
        return rc, out.encode("utf-8"), b""

    def _dispatch(self, script, in_data):
        if "$codeJson = foreach" in script:  # ansible-core 2.19+ bootstrap_wrapper.ps1
            parts = in_data.split(_SEP_219)
            manifest = json.loads(parts[1])
            refused = self._refuse_wrappers([a["name"].rsplit(".", 1)[0] for a in manifest["actions"]])
            if refused:
                return refused
            action = manifest["actions"][-1]
            if action["name"] == "module_wrapper.ps1":
                name = action["params"]["Script"]
                name = re.sub(r"^ansible_collections\.(\w+)\.(\w+)\.plugins\.modules\.(\w+)\.ps1$", r"\1.\2.\3", name)
                args = next(v["Value"] for v in action["params"]["Variables"] if v["Name"] == "complex_args")
                return self._module(name, args, "2.19+")
            if action["name"] == "powershell_mkdtemp.ps1":
                return self._mkdtemp(action["params"]["Directory"], action["params"]["Name"])
            if action["name"] == "powershell_expand_user.ps1":
                return self._expand_user(action["params"]["Path"])
            self.host.trace({"op": "unknown", "action": action["name"]})
            return 1, "winemu: exec action %s is not emulated" % action["name"]
        if "$exec_wrapper_str = $input | Out-String" in script:  # ansible-core 2.16-2.18 bootstrap_wrapper.ps1
            manifest = json.loads(in_data.split(b"\0\0\0\0", 1)[1])
            refused = self._refuse_wrappers(manifest.get("actions", []))
            if refused:
                return refused
            source = base64.b64decode(manifest["module_entry"])
            name = _module_hashes().get(hashlib.sha256(source).hexdigest(), "unknown")
            return self._module(name, manifest["module_args"], "2.16-2.18")
        m = re.search(r"ExpandEnvironmentVariables\('(.*?)'\)\s*\n.*-Name '(.*?)'", script)
        if m:  # ansible-core 2.16-2.18 shell/powershell.py mkdtemp
            return self._mkdtemp(m.group(1).replace("''", "'"), m.group(2).replace("''", "'"))
        m = re.search(r"^Remove-Item ('(?:[^']|'')*'|\S+) -Force( -Recurse)?;?\s*$", script, re.M)
        if m:  # shell/powershell.py remove(): 'path' ... -Recurse; (2.16-2.19), quote_pwsh_argument(path) (2.20+)
            path = m.group(1)
            path = path[1:-1].replace("''", "'") if path.startswith("'") else path
            self.host.trace({"op": "remove_tmp", "path": path, "recurse": bool(m.group(2))})
            self.host.remove_item(path)
            return 0, ""
        m = re.search(r"Write-Output \(\(?Get-Location\)\.Path(?: \+ '(.*)'\))?", script)
        if m:  # ansible-core 2.16-2.18 shell/powershell.py expand_user
            return self._expand_user("~" + (m.group(1) or ""))
        self.host.trace({"op": "unknown", "script": script[:300]})
        return 1, "winemu: script not emulated"

    def _refuse_wrappers(self, actions):
        """become (runas) and async change who runs the module and when: not modelled, so refused loudly."""
        wrappers = [a for a in actions if a in _NOT_EMULATED_WRAPPERS]
        if not wrappers:
            return None
        self.host.trace({"op": "refused", "wrappers": wrappers})
        msg = ("winemu: %s not emulated: the emulated host refuses become and async rather than run the module "
               "without them" % " and ".join(wrappers))
        return 1, json.dumps({"failed": True, "msg": msg})

    def _mkdtemp(self, directory, name):
        path = self.host.mkdtemp(directory, name)
        self.host.trace({"op": "mkdtemp", "directory": directory, "path": path})
        return 0, path + "\r\n"

    def _expand_user(self, path):
        out = "C:\\Users\\ansible" + path[1:] if path.startswith("~") else path
        self.host.trace({"op": "expand_user", "path": path})
        return 0, out + "\r\n"

    def _module(self, name, args, payload):
        visible = {k: v for k, v in args.items() if not k.startswith("_ansible_")}
        internal = sorted(k for k in args if k.startswith("_ansible_"))
        entry = {"op": "module", "module": name, "args": visible, "internal": internal, "payload": payload,
                 "check_mode": bool(args.get("_ansible_check_mode"))}
        try:
            result = self.host.run_module(name, args)
        except winhost.ModuleFailed as exc:
            entry["failed"] = exc.result["msg"]
            self.host.trace(entry)
            raise
        self.host.trace(entry)
        return 0, json.dumps(result)

    def put_file(self, in_path, out_path):
        super().put_file(in_path, out_path)
        with open(in_path, "rb") as f:
            data = f.read()
        with self.host.session():
            landed = self.host.put_file(data, out_path)
            self.host.trace({"op": "put_file", "path": out_path, "sha256": hashlib.sha256(data).hexdigest(),
                             "size": len(data)})
            transport = self.host.state.get("transport", "winrm")
        if landed != data and transport in ("winrm", "psrp"):
            # winrm.py put_file (2.19: lines 810-817) and psrp.py put_file (2.19: lines 536-546) compare the SHA-1 the
            # host computed of what landed with the local file's; ssh.py put_file (sftp/scp) compares nothing.
            raise AnsibleError("Remote sha1 hash %s does not match local hash %s"
                               % (hashlib.sha1(landed).hexdigest(), hashlib.sha1(data).hexdigest()))

    def fetch_file(self, in_path, out_path):
        raise AnsibleError("winemu: fetch_file is not emulated")

    def close(self):
        self._connected = False

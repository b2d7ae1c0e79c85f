# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""restore_from of the config modules: put a backup's bytes back over the file, in place.

PRIVATE to this collection. The write goes through _transport.HostFiles (win_copy single-file mode on Windows,
which overwrites the file in place, so it keeps its own ACL; ansible.builtin.copy on POSIX, which keeps owner and
mode). Only a valid agent file is put back; of both files only catalog settings' values enter the result (the
diff is the masked text).
"""

from __future__ import annotations

from typing import Any, Dict

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import HostFiles, TransportError


class _Refused(Exception):
    pass


def run_restore(action, task_vars: Dict[str, Any], agent: str, args: Dict[str, Any], spec: Dict[str, Any],
                check_mode: bool, diff_mode: bool) -> Dict[str, Any]:
    result: Dict[str, Any] = {}  # changed: set once the backup is read, or False when the task fails
    files = None
    try:
        if args.get("settings"):
            raise _Refused("restore_from cannot be combined with settings")
        params = _argspec.validate(spec, args, "jumpcloud.adi.%s_agent_config" % agent, module=True)
        path, source = params["path"], params["restore_from"]
        result.update(path=path, restored_from=source)
        given = [s.name for s in catalog.settings_of(agent) if params.get(s.name) is not None]
        if given or params["unset"]:
            raise _Refused("restore_from cannot be combined with settings or unset (%s)"
                           % ", ".join(given + list(params["unset"])))
        files = HostFiles(action, task_vars)
        try:
            data = files.read(source)
        except TransportError as exc:
            raise _Refused("cannot restore %s from %s: %s" % (path, source, exc))
        try:
            backup = AgentFile(agent, data, source)
        except (DocumentError, SettingsError) as exc:
            raise _Refused("refusing to restore %s: %s" % (path, exc))
        structural = [f["message"] for f in backup.parsed.findings if f["severity"] == "error"]
        if structural:
            raise _Refused("refusing to restore %s from %s: %s" % (path, source, "; ".join(structural)))
        try:
            current = AgentFile(agent, files.read(path), path)
        except (TransportError, DocumentError, SettingsError):
            current = None  # absent or unreadable now: the backup is what the file must hold
        changed = current is None or current.doc.raw != data
        result.update(changed=changed, sha256=backup.doc.sha256, settings=backup.settings())
        if diff_mode and changed:
            result["diff"] = {"before": current.masked_text() if current else "",
                              "after": backup.masked_text(), "before_header": path, "after_header": path}
        if changed and not check_mode:
            result.update(files.write(path, data, backup=params["backup"]))
        result["remote_executions"] = files.executions
    except (_Refused, DocumentError, SettingsError, TransportError) as exc:
        result.update(failed=True, msg=str(exc), changed=False)
    finally:
        if files is not None:
            files.cleanup()
    return result

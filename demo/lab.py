# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the local lab: five "AD servers" (localhost aliases), each with its own agent files.

    python demo/lab.py LAB_DIR PYTHON

Files are laid out as Windows writes them (UTF-8 BOM for the import agent, CRLF) from the
samples in tests/integration/targets/setup_lab/files/, then changed per host:

- dc01  upgraded agent: UserDisableAction=remove, no lockout settings
- dc02  already holds the standard configuration
- dc03  fresh install: UserDisableAction=suspend (the change would make it start deleting users)
- dc05  no sync agent installed (import agent only)
- dc04  old sync agent that refuses the key group_membership_sync_type: its rollout fails and rolls back
"""

from __future__ import annotations

import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# the lab material lives with the integration tests, which use it too
MATERIAL = os.path.join(os.path.dirname(HERE), "tests", "integration", "targets", "setup_lab", "files")
HOSTS = ("dc01", "dc02", "dc03", "dc05", "dc04")  # dc04 last: the canary-then-batches order of demo/config.yml


def windows_bytes(text, bom):
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def edit(text, old, new):
    if old not in text:
        raise SystemExit("lab: sample does not contain %r" % old)
    return text.replace(old, new, 1)


def main(lab, python):
    with open(os.path.join(MATERIAL, "jcadimportagent.config.json"), encoding="utf-8") as f:
        import_sample = f.read()
    with open(os.path.join(MATERIAL, "config.json"), encoding="utf-8") as f:
        sync_sample = f.read()
    shutil.rmtree(lab, ignore_errors=True)
    inventory = {"all": {"children": {"adi_servers": {"hosts": {}}}}}
    standard_import = edit(import_sample, '"UserDissociateAction": "remove",',
                           '"UserDissociateAction": "remove",\n    "UserDisableAction": "remove",\n'
                           '    "UserExpireAction": "expire",\n    "SyncAccountLockedOutStatus": true,')
    standard_sync = edit(sync_sample, '"SyncAccountLockedOutStatus": false',
                         '"SyncAccountLockedOutStatus": true,\n    "group_membership_sync_type": "minimal"')
    files = {
        "dc01": (edit(import_sample, '"UserDissociateAction": "remove",',
                      '"UserDissociateAction": "remove",\n    "UserDisableAction": "remove",'), sync_sample),
        "dc02": (standard_import, standard_sync),
        "dc03": (edit(import_sample, '"UserDissociateAction": "remove",',
                      '"UserDissociateAction": "remove",\n    "UserDisableAction": "suspend",'),
                 sync_sample),
        "dc04": (edit(import_sample, '"UserDissociateAction": "remove",',
                      '"UserDissociateAction": "remove",\n    "UserDisableAction": "remove",'), sync_sample),
        "dc05": (edit(import_sample, '"UserDissociateAction": "remove",',
                      '"UserDissociateAction": "remove",\n    "UserDisableAction": "remove",'), None),
    }
    service = [python, os.path.join(MATERIAL, "fake_service.py")]
    for host in HOSTS:
        import_text, sync_text = files[host]
        base = os.path.join(lab, host)
        agents = os.path.join(base, "JumpCloud", "AD Integration")
        paths = {"import": os.path.join(agents, "JumpCloud AD Import", "jcadimportagent.config.json"),
                 "sync": os.path.join(agents, "JumpCloud AD Sync", "config.json")}
        state = os.path.join(base, "services")
        os.makedirs(state)
        for agent, text, bom, name in (("import", import_text, True, "JCADImportAgent"),
                                       ("sync", sync_text, False, "JCADSyncAgent_DC")):
            if text is None:
                continue
            os.makedirs(os.path.dirname(paths[agent]))
            with open(paths[agent], "wb") as f:
                f.write(windows_bytes(text, bom))
            conf = {"config": paths[agent]}
            if host == "dc04" and agent == "sync":
                conf["refuses_key"] = "group_membership_sync_type"
            with open(os.path.join(state, name + ".conf.json"), "w", encoding="utf-8") as f:
                json.dump(conf, f)
            with open(os.path.join(state, name + ".state"), "w", encoding="utf-8") as f:
                f.write("running\n")
        hostvars = {"ansible_connection": "local", "ansible_python_interpreter": python,
                    "adi_posix_service_command": service + [state]}
        for agent in ("import", "sync"):  # the playbooks map adi_<agent>_path to each role's <role>_<agent>_path
            hostvars["adi_%s_path" % agent] = paths[agent]
        inventory["all"]["children"]["adi_servers"]["hosts"][host] = hostvars
    with open(os.path.join(lab, "inventory.json"), "w", encoding="utf-8") as f:
        json.dump(inventory, f, indent=2)
    print("lab: %d hosts in %s" % (len(HOSTS), lab))
    return 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2]))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The local connection, counting its round trips (bench/executions.py only; not part of the collection).

Every exec_command, put_file and fetch_file is appended as one JSON line to the file named by ADI_COUNT_FILE, with
the host (the play context's remote address: the inventory name on a lab host). A module execution is the upload of
its AnsiballZ_<module>.py (no pipelining on the lab), so the line names the module.
"""

from __future__ import annotations

import json
import os
import re

from ansible.plugins.connection.local import DOCUMENTATION as _LOCAL_DOCUMENTATION
from ansible.plugins.connection.local import Connection as LocalConnection

DOCUMENTATION = _LOCAL_DOCUMENTATION.replace("name: local", "name: counting_local", 1).replace(
    "short_description: execute on controller", "short_description: execute on controller, counting round trips", 1)

_MODULE = re.compile(r"AnsiballZ_(\w+)\.py$")


class Connection(LocalConnection):
    """ansible.builtin.local, with each round trip written to ADI_COUNT_FILE."""

    transport = "counting_local"

    def _count(self, op, **extra):
        path = os.environ.get("ADI_COUNT_FILE")
        if not path:
            return
        entry = dict(op=op, host=self._play_context.remote_addr, **extra)
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def exec_command(self, cmd, in_data=None, sudoable=True):
        self._count("exec_command")
        return super().exec_command(cmd, in_data=in_data, sudoable=sudoable)

    def put_file(self, in_path, out_path):
        m = _MODULE.search(out_path)
        self._count("put_file", module=m.group(1) if m else None)
        return super().put_file(in_path, out_path)

    def fetch_file(self, in_path, out_path):
        self._count("fetch_file")
        return super().fetch_file(in_path, out_path)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A stand-in for an ADI agent's Windows service on a lab host (the lab has no Windows).

    python fake_service.py STATE_DIR stop|start|status SERVICE

STATE_DIR/SERVICE.conf.json says which configuration file the "agent" reads and, to play an
old agent version, a key it refuses. Like the real agents it reads its file when it starts: a
file that is not valid JSON, or holds the refused key, keeps it from starting (exit 1).
status exits 0 when running, 3 when stopped; stop exits 0 when it stopped a running service, 3 when it was not
running (so the rollout learns whether to start it again from the stop itself); start returns once it runs.
STATE_DIR/SERVICE.stop-hook, if present, is a file path and bytes (JSON {"path": ..., "append": ...}) written when
the service stops: a stand-in for another writer changing the file between the plan and the write (used once).
"""

from __future__ import annotations

import json
import os
import sys


def main(argv):
    if len(argv) != 3 or argv[1] not in ("stop", "start", "status"):
        sys.stderr.write(__doc__)
        return 2
    state_dir, action, name = argv
    with open(os.path.join(state_dir, name + ".conf.json"), encoding="utf-8") as f:
        conf = json.load(f)
    state_path = os.path.join(state_dir, name + ".state")
    running = os.path.exists(state_path)
    if action == "status":
        print("%s is %s" % (name, "running" if running else "stopped"))
        return 0 if running else 3
    if action == "stop":
        hook = os.path.join(state_dir, name + ".stop-hook")
        if os.path.exists(hook):
            with open(hook, encoding="utf-8") as f:
                change = json.load(f)
            os.remove(hook)
            with open(change["path"], "ab") as f:
                f.write(change["append"].encode("utf-8"))
        if running:
            os.remove(state_path)
            print("%s stopped" % name)
            return 0
        print("%s was not running" % name)
        return 3
    with open(conf["config"], "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
        json.loads(text)
    except ValueError as exc:
        sys.stderr.write("%s: cannot read %s: %s\n" % (name, conf["config"], exc))
        return 1
    refused = conf.get("refuses_key")
    if refused and '"%s"' % refused in text:
        sys.stderr.write("%s: unknown configuration key %s (this agent version is too old)\n" % (name, refused))
        return 1
    with open(state_path, "w", encoding="utf-8") as f:
        f.write("running\n")
    print("%s started" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
